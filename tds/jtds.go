package tds

import (
	"context"
	"strings"
	"time"
)

// jTDS 1.3 with ssl=request sends PRELOGIN ENCRYPT_OFF and, told OFF, encrypts
// only its LOGIN7 (login-only TLS). Right after writing LOGIN7 it leaves TLS by
// closing its SSLSocket (SharedSocket.disableEncryption) and reads the login
// response from the plain socket. Since Java 11 that close first discards
// whatever bytes already wait on the socket (SSLSocketImpl.closeSocket depletes
// the input of an autoClose layered socket), and jTDS's TdsTlsOutputStream
// drops the close_notify alert, so nothing on the wire says when the close is
// over: a login response that arrives before it is thrown away and the client
// waits for it forever. The response to such a login is therefore held until
// jtdsLoginOnlyHold after its LOGIN7 was read. Measured here (Java 17, jTDS
// 1.3.1, 2026-11-27): with no hold jTDS hung in 5 logins of 5, with 2 ms in 3
// of 5, with 10 and 30 ms in 1 of 5 while the machine was loaded, with 20, 50
// and 150 ms in none of 8 each; the hold leaves margin for a loaded machine and
// a cold JVM, and costs only jTDS logins that use login-only TLS.
const jtdsLoginOnlyHold = 100 * time.Millisecond

// holdsLoginResponse reports whether the response to login must wait: a
// login-only TLS login from jTDS (its LOGIN7 library name, "jTDS" unless the
// application sets progName).
func holdsLoginResponse(login *LoginRequest) bool {
	return login.Encryption == ModeLoginOnly && strings.EqualFold(login.LibraryName, "jTDS")
}

// holdLoginResponse waits until jtdsLoginOnlyHold after read, or until ctx
// (the login deadline) ends.
func holdLoginResponse(ctx context.Context, read time.Time) {
	t := time.NewTimer(time.Until(read.Add(jtdsLoginOnlyHold)))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
