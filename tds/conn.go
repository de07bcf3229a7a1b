package tds

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// conn is one client connection. serve runs on its own goroutine, reads every
// request and makes every Handler/Session call. While a request runs longer
// than attnDelay, a watcher goroutine reads the socket for an Attention and
// turns it into a context cancellation (attention.go).
type conn struct {
	srv  *Server
	raw  net.Conn
	mr   *MessageReader
	mw   *MessageWriter
	sess Session
	spid uint16
	// rd is the transport requests are read from after login (the socket, or
	// the TLS connection over it); in buffers it for loop and the watcher.
	rd net.Conn
	in *connReader

	busy      atomic.Bool // a request is running
	closeOnce sync.Once

	// mu guards the attention bookkeeping shared by loop and the watcher: the
	// running request's context (cur: nil when idle or once the request is
	// ending, which its cancel reaches) and the watcher's state.
	mu        sync.Mutex
	cur       *requestContext
	closed    bool
	attn      atomic.Bool
	watch     watchState
	watchDone chan struct{} // closed when the running watcher returns
	// reqSeq counts the requests started, tickSeq is its value at the
	// attention clock's last tick, and onClock tells whether the connection
	// is on the clock (attnClock).
	reqSeq, tickSeq uint64
	onClock         bool

	rw resultWriter
	// follow is the session's ResponseFollower, or nil.
	follow ResponseFollower
	// base is the parent of every request's context: the session's
	// BaseContext, or context.Background().
	base context.Context
	// reqCtx is the context the next request runs under, kept from the last
	// request when nothing waited on it (reqctx.go); nil: make a new one.
	reqCtx *requestContext
	// batch is the SQLBatch request being served (a BatchRequest is valid
	// only during the Session call), and lastText the text of the previous
	// one when it is short, which a repeated batch reuses (decodeBatchInto).
	batch    BatchRequest
	lastText string
	// rpcKeep keeps the previous RPC request's names and short texts, which
	// a repeated call reuses (rpc_reuse.go).
	rpcKeep rpcReuse
	// ver is the TDS version acknowledged to the client (ackVersion); it
	// selects down-level request and token formats.
	ver uint32
}

func newConn(s *Server, nc net.Conn) *conn {
	if rs := newRawSocket(nc); rs != nil { // TCP: raw system calls (rawsock_linux.go)
		nc = rs
	}
	return &conn{srv: s, raw: nc}
}

// close closes the socket and cancels the running request, if any.
func (c *conn) close() {
	c.closeOnce.Do(func() {
		c.raw.Close()
		c.mu.Lock()
		c.closed = true
		if c.cur != nil {
			c.cur.cancel()
		}
		c.mu.Unlock()
	})
}

// serve runs the connection; a panic anywhere in it (including the Handler) is
// logged and closes only this connection.
func (c *conn) serve() {
	defer c.srv.removeConn(c)
	defer c.close()
	defer c.recoverPanic()
	sess := c.open()
	if sess == nil {
		return
	}
	c.sess = sess
	defer sess.Close()
	c.raw.SetDeadline(time.Time{})
	c.loop()
}

// recoverPanic logs a panic of the connection's goroutine; the deferred
// close that follows it ends the connection.
func (c *conn) recoverPanic() {
	if r := recover(); r != nil {
		c.srv.logger().Error("tds: panic serving connection", "remote", c.raw.RemoteAddr(), "panic", r, "stack", string(debug.Stack()))
	}
}

// open runs the handshake and the login on a goroutine of their own and
// returns the session, or nil when the connection is to end. Their calls run
// deep (TLS, the password's hash, the engine's new session) but once: on
// serve's goroutine they would grow its stack for good, since the runtime
// shrinks a stack only while a quarter of it is free, and an idle connection
// is serve's goroutine parked in a read (issue #2: 4 KiB of every idle
// connection's 17.7 KiB was that stack's second half). A goroutine that ends
// frees its stack.
func (c *conn) open() Session {
	done := make(chan Session, 1)
	go func() {
		var sess Session
		defer func() { done <- sess }()
		defer c.recoverPanic()
		sess = c.establish()
	}()
	return <-done
}

// establish runs the handshake and the login under the login deadline.
func (c *conn) establish() Session {
	deadline := time.Now().Add(c.srv.loginTimeout())
	login, err := c.handshake(deadline)
	read := time.Now()
	if err != nil {
		if !isClosed(err) {
			c.srv.logger().Info("tds: connection failed before login", "remote", c.raw.RemoteAddr(), "err", err)
		}
		return nil
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	stop := context.AfterFunc(ctx, c.closeIfNotLoggedIn)
	if holdsLoginResponse(login) {
		holdLoginResponse(ctx, read) // jtds.go
	}
	sess, err := c.login(ctx, login)
	stopped := stop()
	cancel()
	if err != nil || !stopped {
		if err != nil && !isClosed(err) {
			c.srv.logger().Info("tds: login failed", "remote", c.raw.RemoteAddr(), "err", err)
		}
		if sess != nil {
			sess.Close()
		}
		return nil
	}
	return sess
}

func (c *conn) closeIfNotLoggedIn() { c.close() }

func isClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.ErrUnexpectedEOF)
}

// handshake runs PRELOGIN and TLS negotiation and reads LOGIN7, all under the
// login deadline (which also bounds Handler.Login and the login response).
func (c *conn) handshake(deadline time.Time) (*LoginRequest, error) {
	c.raw.SetDeadline(deadline)
	var first [1]byte
	if _, err := io.ReadFull(c.raw, first[:]); err != nil {
		return nil, err
	}
	var tr net.Conn = &prefixConn{Conn: c.raw, prefix: first[:]}
	mode := ModeOff
	if first[0] == 0x16 { // a TLS handshake record: TDS 8 strict (tds-clients.md §2.4)
		if c.srv.policy() == EncryptionDisabled {
			return nil, errorf("TDS 8 client without a server certificate")
		}
		cfg := c.srv.TLSConfig.Clone()
		cfg.NextProtos = []string{"tds/8.0"}
		tc := tls.Server(tr, cfg)
		if err := tc.Handshake(); err != nil {
			return nil, fmt.Errorf("tls handshake (strict): %w", err)
		}
		tr, mode = tc, ModeStrict
	}
	c.mr = NewMessageReader(tr)
	c.mr.MaxMessage = c.srv.MaxMessageSize
	c.mw = NewMessageWriter(tr)
	c.rd = tr

	m, err := c.mr.ReadMessage()
	if err != nil {
		return nil, err
	}
	if m.Type == PacketLogin7 && mode != ModeStrict {
		// Clients of TDS 7.0 and 7.1 that do not ask for TLS send LOGIN7
		// first, without PRELOGIN (jTDS 1.3 with ssl=off): SQL Server logs
		// them in unencrypted unless it forces encryption. From TDS 7.2 on
		// PRELOGIN comes first.
		if c.srv.policy() == EncryptionRequired {
			return nil, errorf("LOGIN7 without PRELOGIN while the server requires encryption")
		}
		login, err := c.decodeLogin(m, mode)
		if err == nil && tdsAtLeast(login.TDSVersion, 0x72) {
			return nil, errorf("TDS %#x LOGIN7 without PRELOGIN", login.TDSVersion)
		}
		return login, err
	}
	if m.Type != PacketPrelogin {
		return nil, errorf("first message of type %#x, want PRELOGIN", byte(m.Type))
	}
	pl, err := DecodePrelogin(m.Payload)
	if err != nil {
		return nil, err
	}
	clientEnc := pl.Encryption
	if !pl.HasEncrypt {
		clientEnc = EncryptNotSup // no ENCRYPTION option: a client that cannot do TLS
	}
	reply, negotiated := NegotiateEncryption(clientEnc, c.srv.policy())
	if mode == ModeStrict {
		reply, negotiated = EncryptNotSup, ModeStrict
		if pl.Encryption != EncryptNotSup {
			reply = EncryptOn
		}
	}
	var ver [6]byte
	v := c.srv.version()
	copy(ver[:], v[:])
	c.mw.Begin(PacketReply)
	c.mw.Write(AppendPrelogin(nil, ServerPrelogin(ver, reply)))
	if err := c.mw.End(); err != nil {
		return nil, err
	}
	mode = negotiated

	var pc *prelogConn
	if mode == ModeOn || mode == ModeLoginOnly {
		pc = newPrelogConn(c.raw)
		cfg := c.srv.TLSConfig.Clone()
		cfg.MaxVersion = tls.VersionTLS12 // FreeTDS stalls on TLS 1.3 inside PRELOGIN
		tc := tls.Server(pc, cfg)
		if err := tc.Handshake(); err != nil {
			return nil, fmt.Errorf("tls handshake: %w", err)
		}
		if err := pc.flush(); err != nil {
			return nil, err
		}
		pc.exact = mode == ModeLoginOnly
		pc.pass()
		c.mr = NewMessageReader(tc)
		c.mr.MaxMessage = c.srv.MaxMessageSize
		c.mw.SetWriter(tc)
		c.rd = tc
	}

	var payload []byte
	if mode == ModeLoginOnly {
		// Only the first LOGIN7 packet is encrypted (tds-clients.md §0 item 6).
		typ, status, p, err := c.mr.ReadPacket(nil)
		if err != nil {
			return nil, err
		}
		c.mr = NewMessageReader(c.raw)
		c.mr.MaxMessage = c.srv.MaxMessageSize
		c.mw.SetWriter(c.raw)
		c.rd = c.raw
		payload = p
		for status&StatusEOM == 0 {
			var t PacketType
			if t, status, payload, err = c.mr.ReadPacket(payload); err != nil {
				return nil, err
			}
			if t != typ || len(payload) > 1<<20 {
				return nil, errorf("malformed LOGIN7 message")
			}
		}
		m = Message{Type: typ, Payload: payload}
	} else if m, err = c.mr.ReadMessage(); err != nil {
		return nil, err
	}
	if m.Type != PacketLogin7 {
		return nil, errorf("message of type %#x, want LOGIN7", byte(m.Type))
	}
	return c.decodeLogin(m, mode)
}

// decodeLogin decodes the LOGIN7 message m of a connection in encryption mode.
func (c *conn) decodeLogin(m Message, mode string) (*LoginRequest, error) {
	login, err := DecodeLogin7(m.Payload)
	if err != nil {
		return nil, err
	}
	login.RemoteAddr, login.LocalAddr, login.Encryption = c.raw.RemoteAddr(), c.raw.LocalAddr(), mode
	login.Disconnect = c.close
	c.ver = ackVersion(login.TDSVersion)
	return login, nil
}

// login calls the Handler and writes the login response.
func (c *conn) login(ctx context.Context, req *LoginRequest) (Session, error) {
	// The login response already fits the client's proposed size (go-mssqldb
	// rejects longer packets); the negotiated size applies from the next message.
	c.mw.SetPacketSize(min(DefaultPacketSize, ClampPacketSize(req.PacketSize)))
	sess, err := c.srv.Handler.Login(ctx, req)
	if err == nil && sess == nil {
		err = errors.New("tds: handler returned no session")
	}
	if err != nil {
		var b []byte
		for _, m := range loginFailure(err, req.UserName, c.srv.ServerName) {
			b = appendMessage(b, tokenError, m)
		}
		c.mw.Begin(PacketReply)
		b = appendDoneRows(b, DoneToken{Kind: Done, Status: DoneError}, ackVersion(req.TDSVersion) < TDS72)
		c.mw.Write(b)
		c.mw.End()
		return nil, err
	}
	ack := sess.LoginInfo()
	b, size, err := loginResponse(req, ack, c.srv)
	if err != nil {
		return sess, err
	}
	c.spid = ack.SPID
	c.mw.SetSPID(ack.SPID)
	c.mw.Begin(PacketReply)
	c.mw.Write(b)
	if err := c.mw.End(); err != nil {
		return sess, err
	}
	c.mw.SetPacketSize(size)
	return sess, nil
}

// loginFailure is the ERROR tokens of a failed login, in order: one per error
// that err joins (errors.Join, recursively), so that a refusal sends 4060 and
// then 18456 in one response as SQL Server does. An error without a SQL Server
// identity becomes 18456 for user.
func loginFailure(err error, user, serverName string) []MessageToken {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var ms []MessageToken
		for _, e := range j.Unwrap() {
			if e != nil {
				ms = append(ms, loginFailure(e, user, serverName)...)
			}
		}
		if len(ms) > 0 {
			return ms
		}
	}
	var se sqlServerError
	if !errors.As(err, &se) {
		return []MessageToken{{Number: 18456, Class: 14, State: 1, ServerName: serverName,
			Text: "Login failed for user '" + user + "'."}}
	}
	return []MessageToken{ErrorMessage(err, serverName)}
}

// loginResponse encodes the successful login response ([MS-TDS] 2.2.2.2) and
// returns the packet size to use from the next message on.
func loginResponse(req *LoginRequest, ack LoginAck, s *Server) ([]byte, int, error) {
	db, lang, coll := ack.Database, ack.Language, ack.Collation
	if db == "" {
		db = "master"
	}
	if lang == "" {
		lang = "us_english"
	}
	if coll == (Collation{}) {
		coll = DefaultCollation
	}
	size := ClampPacketSize(req.PacketSize)
	if ack.PacketSize != 0 {
		size = ClampPacketSize(ack.PacketSize)
	}
	var b []byte
	var err error
	add := func(e EnvChange) {
		if err == nil {
			b, err = appendEnvChange(b, e)
		}
	}
	add(EnvChangeDatabase(db, db))
	b = appendMessage(b, tokenInfo, withServer(dbChangedInfo(db), s.ServerName))
	add(EnvChangeCollation(coll))
	add(EnvChangeLanguage(lang, ""))
	b = appendMessage(b, tokenInfo, MessageToken{Number: 5703, State: 1, Class: 0,
		Text: "Changed language setting to " + lang + ".", ServerName: s.ServerName})
	b = appendLoginAck(b, loginAckToken{Interface: 1, TDSVersion: ackVersion(req.TDSVersion), ProgName: DefaultProgName, Version: s.version()})
	if req.FeatureExt {
		acks := map[byte][]byte{}
		if _, ok := req.Features[FeatureUTF8Support]; ok {
			acks[FeatureUTF8Support] = []byte{0} // UTF-8 not enabled: varchar stays code page 1252
		}
		b = appendFeatureExtAck(b, acks)
	}
	add(EnvChangePacketSize(size, DefaultPacketSize))
	if ack.MirrorPartner != "" {
		add(EnvChangeMirrorPartner(ack.MirrorPartner))
	}
	b = appendDoneRows(b, DoneToken{Kind: Done}, ackVersion(req.TDSVersion) < TDS72)
	return b, size, err
}

func withServer(m MessageToken, name string) MessageToken {
	m.ServerName = name
	return m
}

// loop serves requests until the connection ends. It reads each request
// itself (no hand-off between goroutines on the way in) through a small
// buffer, so a request usually costs one read.
//
// An idle connection is this goroutine parked in that read, so its frames
// are kept small (the work is in startLoop, serveMessage and readFailed):
// the runtime halves a parked goroutine's stack at a GC only while the
// frames in use, plus 800 bytes of guard, take less than a quarter of it,
// and below about 1.2 KiB of frames a connection that grew its stack for a
// request goes back to 4 KiB instead of keeping 8 KiB (issue #2).
func (c *conn) loop() {
	c.startLoop()
	for {
		m, err := c.mr.ReadMessage()
		if err != nil {
			c.readFailed(err)
			return
		}
		if !c.serveMessage(m) {
			return
		}
	}
}

// startLoop sets up the reading and writing of requests after the login.
func (c *conn) startLoop() {
	if pc, ok := c.rd.(*prefixConn); ok && len(pc.prefix) == 0 {
		c.rd = pc.Conn // the handshake read the first byte back: one frame less under every read
	}
	c.in = newConnReader(c.rd)
	c.mr = NewMessageReader(c.in)
	c.mr.MaxMessage = c.srv.MaxMessageSize
	c.rw = resultWriter{mw: c.mw, serverName: c.srv.ServerName, attn: &c.attn, ver: c.ver}
	c.follow, _ = c.sess.(ResponseFollower)
	c.base = context.Background()
	if bc, ok := c.sess.(BaseContexter); ok {
		c.base = bc.BaseContext()
	}
}

// readFailed logs why reading the next request failed, unless the
// connection was closed.
func (c *conn) readFailed(err error) {
	if !isClosed(err) {
		c.srv.logger().Info("tds: read failed", "remote", c.raw.RemoteAddr(), "spid", c.spid, "err", err)
	}
}

// serveMessage serves one request and reports whether the connection goes on.
func (c *conn) serveMessage(m Message) bool {
	if err := c.handle(m); err != nil {
		if !isClosed(err) {
			c.srv.logger().Info("tds: connection closed", "remote", c.raw.RemoteAddr(), "spid", c.spid, "err", err)
		}
		return false
	}
	if c.follow != nil {
		c.follow.AfterResponse()
	}
	if m.Type == PacketSQLBatch || m.Type == PacketAttention {
		// A batch request keeps nothing of its payload once handled (its
		// text is a copy; the session ignores the raw ALL_HEADERS), and the
		// attention watcher has stopped reading. RPC parameters may be
		// kept by the session (sp_prepare), so their payloads are not reused.
		// The served request is dropped so that an idle connection holds
		// no large text or headers.
		c.batch = BatchRequest{}
		c.mr.Recycle(m.Payload)
	}
	return !c.srv.shuttingDown()
}

// handle serves one request message; a returned error closes the connection.
func (c *conn) handle(m Message) error {
	if m.Type == PacketAttention {
		c.mw.Begin(PacketReply)
		c.mw.Write(appendDoneRows(nil, DoneToken{Kind: Done, Status: DoneAttn}, c.ver < TDS72))
		return c.mw.End()
	}
	// Start the request: from here an Attention cancels it.
	ctx := c.reqCtx
	if ctx == nil {
		ctx = &requestContext{parent: c.base}
	}
	c.reqCtx = nil
	defer func() {
		if ctx.end() {
			c.reqCtx = ctx
		}
	}()
	c.mu.Lock()
	c.cur = ctx
	c.attn.Store(false)
	if c.closed {
		ctx.cancel()
	}
	c.armWatchLocked()
	c.mu.Unlock()
	c.busy.Store(true)
	defer func() {
		c.stopWatch() // clears c.cur too
		c.attn.Store(false)
		c.busy.Store(false)
	}()

	var run func(ctx context.Context, w ResultWriter) error
	kind := Done
	var err error
	switch m.Type {
	case PacketSQLBatch:
		if err = decodeBatchInto(&c.batch, m.Payload, m.Status, c.ver >= TDS72, c.lastText); err == nil {
			c.lastText = ""
			if len(c.batch.Text) <= maxKeptText {
				c.lastText = c.batch.Text
			}
			run = func(ctx context.Context, w ResultWriter) error { return c.sess.Batch(ctx, &c.batch, w) }
		}
	case PacketRPC:
		kind = DoneProc
		var req *RPCRequest
		var more []*RPCRequest
		if req, more, err = decodeRPCReusing(m.Payload, m.Status, c.ver >= TDS72, &c.rpcKeep); err == nil {
			run = func(ctx context.Context, w ResultWriter) error { return c.runRPCs(ctx, req, more) }
		}
	case PacketBulkLoad:
		bl, ok := c.sess.(BulkLoader)
		if !ok {
			err = errorf("bulk load data is not supported")
			break
		}
		var req *BulkLoadRequest
		if req, err = decodeBulkLoad(m.Payload, c.ver >= TDS72); err == nil {
			run = func(ctx context.Context, w ResultWriter) error { return bl.BulkLoad(ctx, req, w) }
		}
	case PacketTransaction:
		var req *TMRequest
		if req, err = DecodeTM(m.Payload, m.Status); err == nil {
			run = func(ctx context.Context, w ResultWriter) error { return c.sess.Transaction(ctx, req, w) }
		}
	default:
		return errorf("unexpected message type %#x after login", byte(m.Type))
	}
	c.mw.Begin(PacketReply)
	c.rw.reset(kind)
	if err != nil {
		return c.rw.finish(requestError(err))
	}
	var reqErr error
	panicked := false
	if !c.attn.Load() {
		func() {
			defer func() {
				if r := recover(); r != nil {
					c.srv.logger().Error("tds: panic in session", "spid", c.spid, "panic", r, "stack", string(debug.Stack()))
					reqErr, panicked = errSessionPanic, true
				}
			}()
			reqErr = run(ctx, &c.rw)
		}()
	}
	// Stop attention delivery before the final token so that a later Attention
	// is answered as a stray one, in its own message.
	c.mu.Lock()
	c.cur = nil
	c.mu.Unlock()
	if err := c.rw.finish(reqErr); err != nil {
		return err
	}
	if panicked { // the session's state is unknown: report, then close
		return errSessionPanic
	}
	return nil
}

// requestError is what the client is told of a request that does not
// decode: the decoder's error when it has SQL Server's identity, else 8009.
// (Out of handle: errors.As's target escapes, and declared in handle it was
// an allocation on every request, issue #2.)
func requestError(err error) *ServerError {
	var se *ServerError
	if errors.As(err, &se) {
		return se
	}
	// A well-framed but malformed request: report it and keep the connection.
	return &ServerError{Number: protocolErrorNumber, Class: 16, State: 1,
		Text: protocolErrorText + " " + strings.TrimPrefix(err.Error(), "tds: ")}
}

// runRPCs runs the calls of one RPC message in order. Each call ends with
// its own DONEPROC (sent with DONE_MORE when another follows); a call that
// fails reports its error there and the next one still runs, as SQL Server
// runs the rest of an RPC batch, unless the error ends the connection or the
// client sent an Attention. The last call's error is left to finish.
func (c *conn) runRPCs(ctx context.Context, req *RPCRequest, more []*RPCRequest) error {
	for {
		err := c.sess.RPC(ctx, req, &c.rw)
		if len(more) == 0 {
			return err
		}
		if next, rest := c.rw.endCall(err); !next {
			return rest
		}
		req, more = more[0], more[1:]
	}
}

// maxKeptText bounds the batch text a connection keeps for its next request
// (conn.lastText): statements sent again and again are short, and an idle
// connection should not hold a large batch.
const maxKeptText = 1 << 10

// errSessionPanic is reported (severity 20, fatal to the connection) when a
// Session method panics.
var errSessionPanic = &ServerError{Number: 50000, Class: 20, State: 1, Text: "Internal error: the session failed and the connection is closed."}

// Protocol error reported for a well-framed request that does not decode.
const (
	protocolErrorNumber = 8009
	protocolErrorText   = "The incoming tabular data stream (TDS) protocol stream is incorrect."
)
