//go:build !linux || race

package tds

import "net"

// rawSocket is Linux only and not under the race detector
// (rawsock_linux.go); otherwise requests are read and written through
// net.Conn.
type rawSocket struct{ net.Conn }

func newRawSocket(net.Conn) *rawSocket { return nil }
