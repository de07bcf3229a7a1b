// Package endpoint is the transport of database mirroring: the instance's one
// DATABASE_MIRRORING endpoint (reference/mirroring.md §2.4) as a TCP listener, the
// dialer that reaches other instances' endpoints by their server network address
// (TCP://host:port, §2.2), the endpoint's transport security (security.go:
// Negotiate/NegotiateAck in the clear settle ENCRYPTION and AUTHENTICATION as
// SQL Server's endpoints do, then TLS when agreed, mutual with the endpoints'
// certificates under certificate authentication; design.md "Mirroring
// transport"), and the Hello/HelloAck handshake of mirroring/proto that names
// the instances and fixes the protocol version.
//
// A Conn is one established connection. Send never blocks on the network: on an
// idle connection it writes (and, under TLS, encrypts) the frames itself with one
// non-blocking write, and leaves what the socket does not take (socket.go), and
// every Send that finds the connection busy, to one writer goroutine per
// connection, flushed once per batch; a queue beyond 256 MB ends the connection
// (a peer that does not read is a failed peer, §1.4). Recv is called by one reader goroutine; any error, including a
// malformed frame, ends the connection — decoding is mirroring/proto's, which
// never panics — and the Listener recovers a panic per connection.
//
// Which connection to keep when two instances dial each other, what the messages
// mean and when to reconnect are the mirroring Manager's business.
package endpoint
