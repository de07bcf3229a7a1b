//go:build !unix

package endpoint

import "net"

// directWriter: no non-blocking write here, so every Send queues for the
// writer goroutine.
func directWriter(net.Conn) func([]byte) (int, error) { return nil }
