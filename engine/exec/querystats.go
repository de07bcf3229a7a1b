package exec

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Query statistics (issue #5): what sys.dm_exec_query_stats,
// sys.dm_exec_cached_plans and sys.dm_exec_procedure_stats show — one entry
// per statement the server ran, keyed as SQL Server keys it: the text of
// the batch or module it belongs to (sql_handle) and its byte range there
// (statement_start_offset / _end_offset). "Top queries by CPU" scripts
// (sp_BlitzCache, Glenn Berry's diagnostics) read them.
//
// Cost, on every query or DML statement: a hash of the batch text once per
// batch run (batchState.textHash), two reads of the wall clock (two more
// around an autocommit's commit) and one shard lock around a map lookup and
// a few additions; a new statement text adds one entry.
//
// worker_time is the statement's elapsed time less the time its autocommit
// spent waiting for the log to be durable (Session.commitWaited): the
// executor does not block on I/O otherwise, so that is its time on the
// worker. Lock waits are not subtracted. The thread's CPU clock, which SET
// STATISTICS TIME reads, costs a system call each read — 1.5 µs a
// statement measured here (BenchmarkQueryStatClocks), a tenth of a point
// lookup — so it is not read for every statement.
//
// Bounded: at most queryStatsShardEntries entries per shard; a new
// statement in a full shard pushes out one that has not run since the
// clock hand last passed it (second chance), as SQL Server's cache pushes
// out cold plans under pressure, and takes over its memory, so a stream of
// ad hoc texts allocates nothing once the table is full. An entry keeps its batch text (the string the parser already
// holds, not a copy), which dm_exec_sql_text returns for its sql_handle.
//
// Logical reads and writes are not counted outside SET STATISTICS IO (a
// counter on every row read would cost every scan), so those columns are 0.

const (
	queryStatsShards       = 16
	queryStatsShardEntries = 256
)

var queryStatsSeed = maphash.MakeSeed()

// qsKey names one statement: its batch text's hash and its byte range.
type qsKey struct {
	text       uint64
	start, end int32
}

// qsMeasure is the total, last, min and max of one figure.
type qsMeasure struct{ total, last, min, max int64 }

func (m *qsMeasure) add(v int64, first bool) {
	m.total += v
	m.last = v
	if first || v < m.min {
		m.min = v
	}
	if first || v > m.max {
		m.max = v
	}
}

// queryStat is one statement's figures. Its fields are written under its
// shard's lock.
type queryStat struct {
	key              qsKey
	text             string // the whole batch or module text
	stmtHash         uint64 // query_hash: of the statement's own text
	dbID, objectID   int32  // objectID: the module the statement is in, 0 for ad hoc batches
	kind             string // StatementType in the plan (SELECT, INSERT …)
	recent           bool   // ran since the clock hand passed (second chance)
	prepared         bool   // run by sp_executesql or a prepared handle (objtype Prepared)
	created, lastRun time.Time
	count            int64
	worker, elapsed  qsMeasure // microseconds
	rows             qsMeasure
}

type queryStatsShard struct {
	mu   sync.Mutex
	m    map[qsKey]*queryStat
	ring []*queryStat // every entry, in the order the clock hand visits them
	hand int
}

// queryStatsTables are one instance's statement and procedure tables. A
// process may hold several instances (the tests' principal and mirror), so
// they are kept per Server; a session finds its instance's once, when it
// starts (NewSession).
type queryStatsTables struct {
	shards [queryStatsShards]queryStatsShard
	procs  procStatsTable
}

var queryStatsByServer sync.Map // Server → *queryStatsTables

func queryStatsFor(srv Server) *queryStatsTables {
	if t, ok := queryStatsByServer.Load(srv); ok {
		return t.(*queryStatsTables)
	}
	t, _ := queryStatsByServer.LoadOrStore(srv, &queryStatsTables{})
	return t.(*queryStatsTables)
}

// ForgetQueryStats drops srv's tables; the instance calls it when it closes.
func ForgetQueryStats(srv Server) { queryStatsByServer.Delete(srv) }

// textHash is the hash of the running batch's text, computed once per run.
func (b *batchState) textHash() uint64 {
	if !b.hashed {
		b.hash, b.hashed = textHashOf(b.text), true
	}
	return b.hash
}

// hasQueryStats reports whether st is a statement SQL Server keeps a plan
// and statistics for: queries and DML, not SET, DECLARE, EXEC or DDL.
func hasQueryStats(st ast.Statement) bool {
	switch st.(type) {
	case *ast.SelectStmt, *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt:
		return true
	}
	return false
}

// qsStart is what a statement's measurement began with.
type qsStart struct {
	waited time.Duration // s.commitWaited then
	at     time.Time
}

// beginQueryStat starts measuring a statement; endQueryStat must follow.
func (s *Session) beginQueryStat() qsStart {
	return qsStart{waited: s.commitWaited, at: clockNow()}
}

// finish is the statement's elapsed and worker time.
func (q qsStart) finish(s *Session, now time.Time) (elapsed, worker time.Duration) {
	elapsed = now.Sub(q.at)
	return elapsed, max(0, elapsed-(s.commitWaited-q.waited))
}

// textHashOf is the hash a text's sql_handle carries.
func textHashOf(text string) uint64 { return maphash.String(queryStatsSeed, text) }

// endQueryStat records the statement st that began at q.
func (s *Session) endQueryStat(q qsStart, st ast.Statement) {
	elapsed, worker := q.finish(s, clockNow())
	b := s.batch
	if b == nil || b.text == "" || !st.Pos().IsValid() {
		return
	}
	start, end := int32(st.Pos().Offset()), int32(st.End().Offset())
	if start < 0 || int(end) > len(b.text) || end < start {
		return
	}
	k := qsKey{text: b.textHash(), start: start, end: end}
	sh := &s.qstats.shards[k.text%queryStatsShards]
	sh.mu.Lock()
	e := sh.m[k]
	if e == nil {
		e = s.newQueryStat(sh, k, st, q.at)
	}
	first := e.count == 0
	e.count++
	e.recent = true
	e.lastRun = q.at
	e.worker.add(worker.Microseconds(), first)
	e.elapsed.add(elapsed.Microseconds(), first)
	e.rows.add(s.rowcnt, first)
	sh.mu.Unlock()
}

// newQueryStat adds the entry for k to sh (locked), making room first.
func (s *Session) newQueryStat(sh *queryStatsShard, k qsKey, st ast.Statement, now time.Time) *queryStat {
	if sh.m == nil {
		sh.m = map[qsKey]*queryStat{}
	}
	var e *queryStat
	if len(sh.ring) < queryStatsShardEntries {
		e = &queryStat{}
		sh.ring = append(sh.ring, e)
	} else {
		for {
			e = sh.ring[sh.hand]
			sh.hand = (sh.hand + 1) % len(sh.ring)
			if !e.recent {
				break
			}
			e.recent = false
		}
		delete(sh.m, e.key)
	}
	*e = queryStat{key: k, text: s.batch.text, created: now, kind: statementType(st),
		stmtHash: textHashOf(s.batch.text[k.start:k.end])}
	if s.db != nil {
		e.dbID = s.db.ID()
	}
	if s.batch.inProc {
		e.objectID = s.batch.objectID
		e.prepared = e.objectID == 0 && s.proc != nil && (s.proc.name == "sp_executesql" || s.proc.name == "sp_execute")
	}
	sh.m[k] = e
	return e
}

// snapshot copies every entry (for the views).
func (t *queryStatsTables) snapshot() []queryStat {
	var out []queryStat
	for i := range t.shards {
		sh := &t.shards[i]
		sh.mu.Lock()
		for _, e := range sh.m {
			out = append(out, *e)
		}
		sh.mu.Unlock()
	}
	return out
}

// clear empties the tables (DBCC FREEPROCCACHE).
func (t *queryStatsTables) clear() {
	for i := range t.shards {
		sh := &t.shards[i]
		sh.mu.Lock()
		clear(sh.m)
		sh.ring, sh.hand = nil, 0
		sh.mu.Unlock()
	}
	t.procs.mu.Lock()
	clear(t.procs.m)
	t.procs.mu.Unlock()
}

// textByHash finds the batch or module text whose hash is h.
func (t *queryStatsTables) textByHash(h uint64) (string, int32, int32, bool) {
	sh := &t.shards[h%queryStatsShards]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for k, e := range sh.m {
		if k.text == h {
			return e.text, e.dbID, e.objectID, true
		}
	}
	return "", 0, 0, false
}

// Handles of cached text and plans. A request's sql_handle (sqltext.go)
// has 0 in byte 1; these have 1 there and the text's hash in bytes 4–11.
// A plan handle starts 0x06 (ad hoc) or 0x05 (a module's), as SQL
// Server's do.

func textSQLHandle(h uint64) []byte {
	b := make([]byte, 20)
	b[0], b[1] = 2, 1
	binary.BigEndian.PutUint64(b[4:], h)
	return b
}

func textPlanHandle(h uint64, objectID int32) []byte {
	b := make([]byte, 20)
	b[0], b[1] = 6, 1
	if objectID != 0 {
		b[0] = 5
	}
	binary.BigEndian.PutUint64(b[4:], h)
	return b
}

// handleTextHash reads the text hash of a text sql_handle or plan handle.
func handleTextHash(b []byte) (uint64, bool) {
	if len(b) < 12 || b[1] != 1 || (b[0] != 2 && b[0] != 5 && b[0] != 6) {
		return 0, false
	}
	return binary.BigEndian.Uint64(b[4:]), true
}
