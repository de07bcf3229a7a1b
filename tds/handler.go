package tds

import "context"

// Handler is what the server calls to authenticate a connection. It is the only
// way in for the layers above tds: the package never interprets SQL.
//
// Contract: one goroutine serves each connection; Login and then every Session
// method of that connection are called from it, one at a time (never
// concurrently), so a Session needs no locking for its own state. A Session may
// be called concurrently with other connections' Sessions.
type Handler interface {
	// Login authenticates req. A non-nil error fails the login: it is sent as an
	// ERROR token (its SQLServerError identity, or 18456 "Login failed for user
	// '<name>'." class 14 state 1 for plain errors) followed by DONE(ERROR), and
	// the connection is closed; an error that joins several (errors.Join) is
	// sent as one ERROR token per error, in order (SQL Server's 4060 then
	// 18456). ctx ends with the login timeout or on Shutdown.
	Login(ctx context.Context, req *LoginRequest) (Session, error)
}

// LoginAck is what a Session reports for the login response
// ([MS-TDS] 2.2.2.2: ENVCHANGE 1 + INFO 5701, ENVCHANGE 7, ENVCHANGE 2 + INFO 5703,
// LOGINACK, FEATUREEXTACK, ENVCHANGE 4, ENVCHANGE 13, DONE).
type LoginAck struct {
	Database  string    // current database; "" means "master"
	Language  string    // "" means "us_english"
	Collation Collation // zero means DefaultCollation
	// MirrorPartner, when set, is sent as ENVCHANGE 13 (the failover partner of
	// the login database).
	MirrorPartner string
	// SPID is the session id, put in every response packet header (FreeTDS takes
	// @@SPID from there).
	SPID uint16
	// PacketSize overrides the negotiated packet size (0 = the client's proposal,
	// clamped to 512..32767).
	PacketSize int
}

// Session serves the requests of one authenticated connection.
//
// Each request method writes its results through w and returns. Returning a
// non-nil error sends it as an ERROR token (see ErrorMessage) and ends the
// response with DONE(ERROR) (DONEPROC for RPC). A response without any done token
// gets a final DONE (DONEPROC for RPC). ctx is cancelled when the client sends an
// Attention or the connection closes; after that every ResultWriter method fails
// with ErrAttention (or the transport error) and whatever the method returns, the
// server answers with DONE(ATTN). A BatchRequest is valid only during the
// call (the connection reuses it; its Text, an immutable string, may be
// kept); the RPCRequest/TMRequest and their values are owned by the Session
// after the call starts.
//
// RESETCONNECTION (req.Reset; go-mssqldb sets it on the first request after login
// and on every pool checkout) is only reported: the Session resets its state
// (SET options, temp tables, open transaction unless ResetSkipTran) before
// executing and may acknowledge with EnvChange(EnvChangeResetAck()).
// Transaction descriptors: BeginTransaction must be given a non-zero descriptor;
// later requests of that transaction carry it in req.TransactionDescriptor.
type Session interface {
	LoginInfo() LoginAck
	Batch(ctx context.Context, req *BatchRequest, w ResultWriter) error
	RPC(ctx context.Context, req *RPCRequest, w ResultWriter) error
	Transaction(ctx context.Context, req *TMRequest, w ResultWriter) error
	// Close releases the session when the connection ends (also after Shutdown).
	Close()
}

// ResultWriter writes one response's tokens. It is valid only during the call it
// is passed to and is not safe for concurrent use.
//
// Tokens go to a packet buffer that is sent when a packet fills and once at the
// end of the response (never a syscall per token). The writer owns DONE_MORE: a
// done token is held back until the next token, then sent with DONE_MORE set; the
// last done token of the response is sent without it ([MS-TDS] 2.2.7.6;
// tds-clients.md §0 item 14). Callers never set DoneMore.
type ResultWriter interface {
	// Columns starts a result set (COLMETADATA, [MS-TDS] 2.2.7.4).
	Columns(cols []Column) error
	// Row sends one row of the current result set (ROW or the shorter NBCROW);
	// values follow the value model of doc.go and are encoded before anything is
	// written, so an encoding error leaves the stream intact.
	Row(values []any) error
	// Done ends a statement (DONE), a procedure (DONEPROC) or a statement inside
	// a procedure (DONEINPROC); rows is reported when status has DoneCount.
	Done(kind DoneKind, status, curCmd uint16, rows uint64) error
	// Error sends an ERROR token for err (see ErrorMessage); it does not end the
	// statement: follow it with Done(…, DoneError, …) or return.
	Error(err error) error
	// Info sends an INFO token (PRINT, RAISERROR with severity <= 10).
	Info(msg MessageToken) error
	// EnvChange sends an ENVCHANGE token; the helpers below cover common types.
	EnvChange(e EnvChange) error
	BeginTransaction(descriptor uint64) error
	CommitTransaction(descriptor uint64) error
	RollbackTransaction(descriptor uint64) error
	// DatabaseChanged sends ENVCHANGE 1 and INFO 5701 ("Changed database context to '%s'.").
	DatabaseChanged(newDB, oldDB string) error
	// ReturnStatus sends RETURNSTATUS ([MS-TDS] 2.2.7.17).
	ReturnStatus(status int32) error
	// ReturnValue sends RETURNVALUE for an output parameter ([MS-TDS] 2.2.7.18).
	ReturnValue(rv ReturnValue) error
}

// ResponseFollower is implemented by a Session that has work to do once a
// response has been sent and before the connection waits for the next
// request: the engine starts the store write of a commit it has just
// acknowledged, which then runs while the client reads the answer instead
// of delaying it. AfterResponse is called on the connection's
// goroutine after every request whose response was written (not after
// one that closed the connection: Close follows then). It must not write
// to the connection.
type ResponseFollower interface {
	AfterResponse()
}

// BaseContexter is implemented by a Session whose requests need values of
// its own in their context (as net/http's Server.BaseContext): the
// connection calls BaseContext once, after the login, and derives every
// request's cancellable context from what it returns instead of from
// context.Background(), so the session need not wrap each request's context
// (one allocation per request). The returned context must never be
// cancelled; an Attention cancels only the request's own context.
type BaseContexter interface {
	BaseContext() context.Context
}
