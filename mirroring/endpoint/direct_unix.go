//go:build unix

package endpoint

import (
	"errors"
	"net"
	"syscall"
)

// directWriter returns Send's fast-path write for a plain TCP connection: one
// write(2) on the non-blocking socket through syscall.RawConn, returning how
// much the kernel took (possibly nothing: EAGAIN when the socket buffer is
// full). It never waits for the socket, so Send keeps its promise of never
// blocking on the network even though it runs under the caller's locks. Other
// connections (TLS, whose records cannot be split by the caller) get nil.
func directWriter(nc net.Conn) func([]byte) (int, error) {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return func(b []byte) (int, error) {
		n := 0
		var werr error
		err := rc.Write(func(fd uintptr) bool {
			for n < len(b) {
				k, err := syscall.Write(int(fd), b[n:])
				if k > 0 {
					n += k
				}
				switch {
				case errors.Is(err, syscall.EINTR):
					continue
				case errors.Is(err, syscall.EAGAIN):
					return true
				case err != nil:
					werr = err
					return true
				case k <= 0:
					return true
				}
			}
			return true // one attempt: never wait for the socket to drain
		})
		if err == nil {
			err = werr
		}
		return n, err
	}
}
