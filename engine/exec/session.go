package exec

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Server is what the executor needs from the instance: databases, the server
// catalog, and the statements the instance owns itself (database creation,
// backup and restore, mirroring options, endpoints), which it runs through Admin.
type Server interface {
	ServerName() string
	Version() string
	// OpenDatabase returns an open database by name, or nil.
	OpenDatabase(name string) Database
	// DatabaseList lists every database for sys.databases, in database_id order.
	DatabaseList() []DatabaseInfo
	Locks() *txn.Manager
	ServerCatalog() *catalog.Server
	UpdateServer(fn func(*catalog.Server) error) error
	// SessionList lists sessions for sys.dm_exec_sessions and sp_who.
	SessionList() []SessionInfo
	// Admin runs a server-level statement. handled is false for statements the
	// server leaves to the executor.
	Admin(ctx context.Context, s *Session, stmt ast.Statement, out Output) (handled bool, err error)
	// StartTime is when the instance started (sqlserver_start_time).
	StartTime() time.Time
}

// DatabaseInfo is one row of sys.databases.
type DatabaseInfo struct {
	Entry        *catalog.DatabaseEntry
	State        string
	LogReuseWait string
	Open         Database // nil when not open
	// Owner and OwnerSID are the owning login (DatabaseOwner): its SID,
	// and its name, "" when no login here has the SID.
	Owner    string
	OwnerSID []byte
}

// SessionInfo describes a session for DMVs: its connection's ConnInfo,
// which the session keeps, and what SessionList adds from PublishedState.
type SessionInfo struct {
	ConnInfo
	// OriginalLogin is the login the session connected as (Login is the
	// one it runs as now: EXECUTE AS changes it).
	OriginalLogin string
	Database      string
	Status        string
	LastBatch     time.Time
	Command       string
	OpenTrans     int
	Isolation     txn.Isolation
	Request       Request // the request it runs, from PublishedState
	Tran          OpenTran
	// Temp is the session's committed #temp tables, from PublishedState.
	Temp *catalog.Database
	// Opts are the session's SET options, from PublishedState.
	Opts Options
}

// ConnInfo is what a session knows of its connection from the login. Every
// session keeps it (Session.Info); the rest of a SessionInfo is made only
// for the DMVs that list sessions, so an idle connection does not hold it
// (issue #2).
type ConnInfo struct {
	SPID       int32
	Login      string
	Host       string
	Program    string
	LoginTime  time.Time
	ClientAddr string
	LocalAddr  string
	Encrypted  bool
	Protocol   uint32
	// ClientPID is the client process id the LOGIN7 message carried
	// (sys.dm_exec_sessions.host_process_id, sys.sysprocesses.hostprocess).
	ClientPID uint32
}

// Options are the session's SET options.
type Options struct {
	NoCount              bool
	XactAbort            bool
	LockTimeout          int32 // ms; -1 forever
	Isolation            txn.Isolation
	DateFormat           types.DateFormat
	DateFirst            int
	Language             string
	AnsiNulls            bool
	QuotedIdentifier     bool
	ConcatNullYieldsNull bool
	ImplicitTransactions bool
	TextSize             int32
	RowCount             int64
	IdentityInsert       string // catalog key of the table with IDENTITY_INSERT ON
	DeadlockPriority     int
	// FmtOnly is SET FMTONLY: result sets send their metadata only (the
	// session drops the rows; bulk-copy clients read a table's columns so).
	FmtOnly bool
	// NoExec, ParseOnly and Showplan ("TEXT", "ALL", "XML" or "") are the
	// SET options under which statements are not run (noexec.go).
	NoExec, ParseOnly bool
	Showplan          string
	// StatisticsTime and StatisticsIO are SET STATISTICS TIME and IO
	// (statstime.go, statsio.go), StatisticsXML SET STATISTICS XML
	// (statsxml.go).
	StatisticsTime, StatisticsIO, StatisticsXML bool
	// Flags holds the other ON/OFF options by @@OPTIONS bit (ANSI_WARNINGS,
	// ARITHABORT, ARITHIGNORE, …).
	Flags int32
}

// keepOptions saves the session's SET options for a procedure, trigger or
// dynamic batch and returns what restores them when it returns: as in SQL
// Server, a SET inside one (the usual SET NOCOUNT ON at a procedure's top,
// SET TRANSACTION ISOLATION LEVEL, SET IDENTITY_INSERT in dynamic SQL)
// holds until it returns and no longer.
func (s *Session) keepOptions() func() {
	saved := s.Opts
	return func() { s.Opts = saved }
}

// OptionBits is @@OPTIONS: one bit per SET option that is ON.
func (o Options) OptionBits() int32 {
	b := o.Flags
	set := func(on bool, bit int32) {
		if on {
			b |= bit
		} else {
			b &^= bit
		}
	}
	set(o.ImplicitTransactions, 2)
	set(o.AnsiNulls, 32)
	set(o.QuotedIdentifier, 256)
	set(o.NoCount, 512)
	set(o.ConcatNullYieldsNull, 4096)
	set(o.XactAbort, 16384)
	return b
}

// optionBit maps SET options to their @@OPTIONS bits.
var optionBit = map[string]int32{
	"DISABLE_DEF_CNST_CHK": 1, "CURSOR_CLOSE_ON_COMMIT": 4, "ANSI_WARNINGS": 8, "ANSI_PADDING": 16,
	"ARITHABORT": 64, "ARITHIGNORE": 128, "ANSI_NULL_DFLT_ON": 1024, "ANSI_NULL_DFLT_OFF": 2048,
	"NUMERIC_ROUNDABORT": 8192,
}

// DefaultOptions are a new session's settings when the client logs in as an
// ODBC client (LOGIN7 fODBC, LoginOptions): go-mssqldb, FreeTDS's tsql and
// ODBC driver, SqlClient. [MS-TDS] 2.2.6.4 has the server set ANSI_DEFAULTS
// ON then CURSOR_CLOSE_ON_COMMIT and IMPLICIT_TRANSACTIONS OFF, TEXTSIZE
// unlimited: ANSI_NULLS, ANSI_NULL_DFLT_ON, ANSI_PADDING, ANSI_WARNINGS and
// QUOTED_IDENTIFIER ON, with CONCAT_NULL_YIELDS_NULL ON as the ODBC
// driver's "ANSI null, padding and warnings" behaviour includes NULL
// concatenation (AnsiNPW). ARITHABORT is not among them: applications get
// it OFF (SQL Server Management Studio sets it ON itself), so @@OPTIONS is
// 5432.
func DefaultOptions() Options {
	return Options{
		LockTimeout: -1, Isolation: txn.ReadCommitted, DateFirst: 7, Language: "us_english",
		AnsiNulls: true, QuotedIdentifier: true, ConcatNullYieldsNull: true, TextSize: 2147483647,
		Flags: 8 | 16 | 1024, // ANSI_WARNINGS, ANSI_PADDING, ANSI_NULL_DFLT_ON
	}
}

// LoginOptions are the SET options a session starts with (and returns to
// at RESETCONNECTION): the ODBC defaults when the client set LOGIN7 fODBC;
// otherwise SQL Server's own defaults, every ANSI option OFF and TEXTSIZE
// 4096 ("For connections from DB-Library applications, SET ANSI_DEFAULTS
// defaults to OFF", SET ANSI_DEFAULTS; "the default (4 KB)", SET TEXTSIZE):
// what FreeTDS's DB-Library tools (bsqldb, fisql) get, and tedious before
// the SET batch it sends after login.
func LoginOptions(odbc bool) Options {
	o := DefaultOptions()
	if !odbc {
		o.AnsiNulls, o.QuotedIdentifier, o.ConcatNullYieldsNull = false, false, false
		o.Flags, o.TextSize = 0, 4096
	}
	return o
}

// StartOptions sets the options the session starts with and returns to at
// RESETCONNECTION (LoginOptions).
func (s *Session) StartOptions(o Options) {
	s.Opts, s.loginOpts = o, o
}

// Session is one client connection's execution state: current database, SET
// options, variables, the open transaction, temp tables and @@ values. It is
// used by one goroutine at a time.
type Session struct {
	srv Server
	// loginOpts are the SET options of a new session (StartOptions).
	loginOpts Options
	// apps holds the session's application locks (applock.go).
	apps appLocks
	// vals holds SESSION_CONTEXT and CONTEXT_INFO (sessioncontext.go).
	vals sessionValues
	// xmlDocs are the documents sp_xml_preparedocument parsed for OPENXML
	// (openxml_doc.go); a reset or the session's end frees them.
	xmlDocs xmlDocs
	// viewStack names the views being expanded (userView), innermost last.
	viewStack []string
	// perm caches permission facts and the ownership chain (perm.go).
	perm permState
	// fromCost is what the FROM clauses of the running statements cost to
	// compile (fromlimit.go).
	fromCost int
	// loginDB is the database the session logged in to; a connection reset
	// returns to it.
	loginDB Database
	SPID    int32
	Login   string
	Info    ConnInfo
	db      Database
	Opts    Options
	tx      *Transaction
	nest    txn.Nesting[*savepoint]
	// temp holds the session's #temp tables and procedures; nil until the
	// session first needs it (tempDB): most connections never do, and an
	// idle connection's memory is the server's limit on connections
	// (issue #2).
	temp   *tempDatabase
	batch  *batchState
	proc   *procFrame
	curTry *tryFrame
	// nullEliminated is set when an aggregate skipped a NULL in the current
	// statement: warning 8153 goes out before its DONE (warnings.go).
	nullEliminated bool
	// dupKeyIgnored is set when an INSERT left out a row under
	// IGNORE_DUP_KEY: warning 3604 goes out before its DONE
	// (ignore_dup_key.go).
	dupKeyIgnored bool
	// arith are the arithmetic warnings of the current statement
	// (arithabort.go).
	arith arithWarnings
	// pendingViewCheck is a view's CHECK OPTION for the next row builder (viewcheck.go).
	pendingViewCheck *viewCheck
	rowcnt           int64
	ident            types.Value // @@IDENTITY
	errNum           int32       // @@ERROR
	// nextHandle is the next sp_prepare handle (beside errNum: two int32
	// in one word keep Session in its size class, TestSessionSizeBudget).
	nextHandle   int32
	errSets      uint64 // statements that set errNum: tells whether an EXEC ran any
	errsReported uint64 // errors sent to the client (reportError): did a dynamic batch fail
	dones        uint64 // done tokens sent (sendDone): did a statement send its own
	// prepared holds sp_prepare handles.
	prepared map[int32]*prepared
	// parsed and parsedQIOff are the session's parsed batches, read under
	// QUOTED_IDENTIFIER ON and OFF (batch.go).
	parsed      map[string]parsedBatch
	parsedQIOff map[string]parsedBatch
	connStart   time.Time
	cursors     *cursorState             // global cursors, @@FETCH_STATUS (cursor.go)
	constPlans  map[*ast.Query]constPlan // compiled constant queries (constplan.go)
	dml         dmlPlans                 // bound DML targets (dmlplan.go)
	// lastRunning is the runningText of the previous request's own text,
	// which a request with the same text publishes again (noteStatement).
	lastRunning *runningText
	// invokeSets are the captured SET options of the procedure invoke is
	// about to run (module_sets.go); nil for sp_executesql.
	invokeSets *catalog.ModuleSets
	// recVars collects the variables a bound plan being compiled reads
	// (boundplan.go); nil otherwise. noBound turns bound plans off and
	// boundHits counts the queries run from one (tests).
	recVars *[]*varSlot
	// subqWatch are the subqueries being compiled, watching for outer
	// references (subquery_once.go).
	subqWatch *subqWatch
	// staleOff > 0: DML does not start again when its target changed
	// definition before its table lock (dml_target_lock.go). An int32
	// beside noBound: one word (TestSessionSizeBudget).
	staleOff int32
	noBound  bool
	// push is what the planner knows, while a FROM compiles, about filters
	// it may move into derived tables, CTEs and views (pushdown.go) and
	// about NULL-extended sides (seekNullSafe): two bools in noBound's
	// word (TestSessionSizeBudget); the probe lives in the batch.
	push      pushState
	boundHits int64
	pub       published
	// stmtEnd are the running statement's end callbacks (stmt_end.go).
	stmtEnd []func()
	// reqText is the text of the client request running now (BeginRequest),
	// whose statements publish themselves (request_statement.go).
	reqText string
	// ioStats counts the running statement's reads under SET STATISTICS IO.
	ioStats *ioStats
	// qstats are the instance's query statistics (querystats.go).
	qstats *queryStatsTables
	// commitWaited sums the time autocommits waited to commit (querystats.go).
	commitWaited time.Duration
	// invokeObject is the procedure execProc hands to invoke (querystats.go).
	invokeObject int32
	// stmtPoints are the running statement's read points and latestReads,
	// when > 0, turns them off (snapshot.go).
	stmtPoints  readPoints
	latestReads int
}

// published is what other goroutines may read of a session: sys.dm_exec_sessions,
// DROP DATABASE's and RESTORE's in-use checks, a mirroring role change ending
// the sessions of a database. The session's own fields (its current database,
// which procedures, triggers and functions swap while they run; its
// transaction nesting; its options) belong to its goroutine alone, so it copies
// them here when its current database changes and after every request
// (Publish).
type published struct {
	mu        sync.Mutex
	database  string
	tranCount int
	isolation txn.Isolation
	request   Request
	tran      OpenTran
	execLogin string // the execution context's login, "" for the session's own (perm_execas.go)
	temp      *tempDatabase
	opts      Options
	// scope is the text request runs a statement of now, nil before its
	// first statement (request_statement.go); stored without mu as a
	// statement of another text starts.
	scope atomic.Pointer[runningText]
}

// OpenTran is a session's open transaction as DBCC OPENTRAN and
// sys.dm_tran_active_transactions show it (zero without one).
type OpenTran struct {
	Name  string    // the outermost BEGIN TRAN's name, "" if none
	Began time.Time // when @@TRANCOUNT went from 0 to 1
	// Databases are the ids of the databases the transaction has
	// written in (its log records are there).
	Databases []int32
	// SnapshotSeq is a SNAPSHOT transaction's oldest read point (the
	// store version it reads as of), 0 before its first read or under
	// another level (sys.dm_tran_active_snapshot_database_transactions).
	SnapshotSeq uint64
}

// PublishedState is a session's state as other goroutines see it.
type PublishedState struct {
	Database  string
	TranCount int
	Isolation txn.Isolation
	Request   Request // the request running now (Running false: none)
	Tran      OpenTran
	// ExecLogin is the login of the session's EXECUTE AS context, "" when
	// it runs as its own (sys.dm_exec_sessions.login_name).
	ExecLogin string
	// Temp is the committed catalog of the session's #temp tables
	// (tempdb.sys.tables lists every session's: tempdb_views.go).
	Temp *catalog.Database
	// Opts are the session's SET options after its last request
	// (sys.dm_exec_sessions.quoted_identifier, ansi_nulls …).
	Opts Options
}

// Request is the client request a session runs (sys.dm_exec_requests,
// sys.dm_exec_sql_text): its text, when it started and a number that
// tells one request of the session from the next (part of sql_handle).
type Request struct {
	Running bool
	ID      uint64
	Start   time.Time
	Text    string
	// End is when the session's last request ended (zero: none has yet);
	// a running request keeps its predecessor's (last_request_end_time).
	End time.Time
	// run is the statement it runs now, as Published saw it
	// (request_statement.go); nil in the session's own copy.
	run *runningStatement
}

// BeginRequest publishes that the session starts running a client request
// (a batch, or an RPC shown as its text); EndRequest that it is idle again.
// The TDS handler calls them around each request.
func (s *Session) BeginRequest(text string) {
	s.reqText = text
	s.pub.mu.Lock()
	s.pub.request = Request{Running: true, ID: s.pub.request.ID + 1, Start: clockNow(), Text: text, End: s.pub.request.End}
	s.pub.scope.Store(nil)
	s.pub.mu.Unlock()
}

// EndRequest publishes that the session's request ended (its text stays
// readable through the request's sql_handle until the next one).
func (s *Session) EndRequest() {
	s.sweepScrollLocks() // cursor_scrolllocks.go
	s.reqText = ""
	s.pub.mu.Lock()
	s.pub.request.Running = false
	s.pub.request.End = clockNow()
	s.pub.mu.Unlock()
}

// Publish copies the session's current database, @@TRANCOUNT and isolation
// level for other goroutines (Published). The session's goroutine calls it.
func (s *Session) Publish() {
	name := ""
	if s.db != nil {
		name = s.db.Name()
	}
	tc := s.nest.TranCount()
	var ot OpenTran
	if tc > 0 {
		ot = OpenTran{Name: s.nest.Name(), Began: s.nest.Began(), Databases: s.tx.writtenDatabases(), SnapshotSeq: s.tx.snapshotSeq()}
	}
	s.pub.mu.Lock()
	s.pub.database, s.pub.tranCount, s.pub.isolation, s.pub.tran = name, tc, s.Opts.Isolation, ot
	s.pub.temp, s.pub.opts = s.temp, s.Opts
	s.pub.mu.Unlock()
}

// Published is the state the session last published; any goroutine may call it.
func (s *Session) Published() PublishedState {
	s.pub.mu.Lock()
	defer s.pub.mu.Unlock()
	st := PublishedState{Database: s.pub.database, TranCount: s.pub.tranCount, Isolation: s.pub.isolation, Request: s.pub.request, Tran: s.pub.tran, ExecLogin: s.pub.execLogin, Opts: s.pub.opts}
	if st.Request.Running {
		if rt := s.pub.scope.Load(); rt != nil {
			st.Request.run = &runningStatement{rt: rt, stmt: rt.stmt.Load()}
		}
	}
	if s.pub.temp != nil {
		st.Temp = s.pub.temp.Catalog()
	}
	return st
}

// NewSession starts a session for login in database db.
func NewSession(srv Server, spid int32, login string, db Database) *Session {
	s := &Session{
		srv: srv, loginDB: db, SPID: spid, Login: login, db: db, Opts: DefaultOptions(), loginOpts: DefaultOptions(),
		parsed: map[string]parsedBatch{}, connStart: time.Now(),
		qstats: queryStatsFor(srv),
	}
	s.Publish()
	return s
}

// Server returns the instance the session belongs to.
func (s *Session) Server() Server { return s.srv }

// Database is the session's current database. Only the session's goroutine
// may call it; others read Published.
func (s *Session) Database() Database { return s.db }

// UseDatabase makes db current (USE, login).
func (s *Session) UseDatabase(db Database) {
	s.db = db
	s.Publish()
}

// TranCount is @@TRANCOUNT.
func (s *Session) TranCount() int { return s.nest.TranCount() }

// TransactionDescriptor is the TDS descriptor of the open transaction, or 0.
func (s *Session) TransactionDescriptor() uint64 {
	if s.tx == nil || !s.nest.Active() {
		return 0
	}
	return s.tx.desc
}

// Reset restores the session to its state after login (TDS RESETCONNECTION):
// rolls back an open transaction, drops temp tables, restores SET options
// and returns to the login database. Re-entering that database is a login
// to it: its access checks and user-access gate (SINGLE_USER,
// RESTRICTED_USER) decide, and a refusal is 4060 with the session left
// where it was, as SQL Server fails the reset and the request it came with.
func (s *Session) Reset(ctx context.Context, out Output) error {
	if s.nest.Active() {
		s.rollbackAll(ctx, out)
	}
	s.Opts = s.loginOpts
	s.resetContext()           // perm_execas.go: EXECUTE AS ends with the connection's reuse
	s.releaseSessionAppLocks() // applock.go: a reset connection is a new session
	s.vals = sessionValues{}
	s.xmlDocs = xmlDocs{}
	if s.cursors != nil { // a pooled connection's cursors end with it
		s.releaseAllScrollLocks() // cursor_scrolllocks.go
		s.cursors.global, s.cursors.fetchStatus, s.cursors.cursorRows = map[string]*cursor{}, -1, 0
	}
	if s.temp != nil && !s.temp.pristine() {
		s.releaseTempIDs() // tempid.go
		s.temp = nil       // a new one when the reused connection needs it (tempDB)
	}
	clear(s.prepared)
	if s.loginDB == nil || s.db == s.loginDB {
		return nil
	}
	old, db := s.db.Name(), s.loginDB
	if err := s.reenterLoginDatabase(db); err != nil {
		return err
	}
	if out != nil {
		_ = out.DatabaseChanged(db.Name(), old)
	}
	return nil
}

// reenterLoginDatabase makes db, the login database, current again for a
// reset, through the checks a login makes (the engine's NewSession); the
// gate switches in one step with its check, so that a single-user database
// cannot be taken twice.
func (s *Session) reenterLoginDatabase(db Database) error {
	refused := &Error{Number: 4060, Severity: 11, State: 1, Message: "Cannot open database \"" + db.Name() + "\" requested by the login. The login failed."}
	if db.CheckAccess() != nil || s.CheckDatabaseAccess(db) != nil { // perm.go
		return refused
	}
	if s.enterDatabase(db, func() { s.db = db; s.Publish() }) != nil { // useraccess.go
		return refused
	}
	return nil
}

// Close ends the session, rolling back any open transaction.
func (s *Session) Close() {
	if s.nest.Active() {
		s.rollbackAll(context.Background(), nil)
	}
	s.releaseSessionAppLocks() // applock.go
	s.releaseAllScrollLocks()  // cursor_scrolllocks.go
	s.xmlDocs = xmlDocs{}
	s.dropGlobalTemps() // globaltemp.go
	s.abortTx()         // a statement's own, when its request ended without it (a panic)
	s.runStatementEnd() // stmt_end.go
	s.releaseTempIDs()  // tempid.go
}

// resolveDatabase finds a database by name for a multi-part name; "" is the
// current database. tempdb objects (#names) resolve to the session's temp
// database.
func (s *Session) resolveDatabase(name string) (Database, error) {
	if name == "" || strings.EqualFold(name, s.db.Name()) {
		return s.db, nil
	}
	db := s.srv.OpenDatabase(name)
	if db == nil {
		return nil, ErrDatabaseNotExist.New(name)
	}
	if err := db.CheckAccess(); err != nil {
		return nil, err
	}
	if err := s.CheckDatabaseAccess(db); err != nil { // perm.go
		return nil, err
	}
	if err := s.enterDatabase(db, nil); err != nil { // useraccess.go
		return nil, err
	}
	return db, nil
}
