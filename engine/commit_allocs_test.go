package engine

import (
	"context"
	"runtime"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestInsertCommitAllocs pins the allocations of a whole single-row
// autocommit INSERT — the statement of tests/bench's INSERT commit
// (sp_executesql with a bigint and a varchar parameter) through its log
// append, flush and store write, as a TDS session runs it (DeferredApply),
// waiting for each store write so that the applier's allocations are counted
// with their commit. At 16 sessions the server is CPU-bound and allocation
// plus GC is a sixth of its CPU per commit, so each one cut counts (issues
// #4, #6). A count, not a time: it fails on the old code at any load. The
// least of five counts, at load 10–25: 73 before session 22's h2; 66 with
// its log records encoded without boxing, the write set's single
// allocation per row and the applier's stack keys (22b7520); 62 with
// invoke's frame and the transaction's owner and first database allocated
// with it.
func TestInsertCommitAllocs(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	t.Cleanup(func() { _ = inst.Close() })
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "CREATE DATABASE bench")
	mustExec(t, admin, "CREATE TABLE bench.dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)")
	s, err := inst.NewSession("sa", "bench", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	store := inst.Database("bench").store
	const stmt = "INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)"
	const decls = "@p1 bigint, @p2 varchar(50)"
	args := []*exec.ProcArg{
		{Name: "@p1", Type: types.TypeBigInt},
		{Name: "@p2", Value: types.NewVarChar("bench row"), Type: types.VarCharType(50)},
	}
	out := &collect{}
	var deferred DeferredApply
	ctx := WithDeferredApply(context.Background(), &deferred)
	id := int64(0)
	insert := func() {
		id++
		args[0].Value = types.NewBigInt(id)
		_, before := store.LaterStats()
		if err := s.ExecuteSQL(ctx, stmt, decls, args, out); err != nil || len(out.errs) > 0 {
			t.Fatalf("insert %d: %v %v", id, err, out.errs)
		}
		deferred.Start()
		for {
			if _, after := store.LaterStats(); after > before {
				break
			}
			runtime.Gosched()
		}
	}
	for range 50 { // plan caches, buffers, the first badger tables
		insert()
	}
	// The least of five counts: how a commit's flush and store write are
	// shared out (who leads the flush, whether the applier is still
	// running, the recheck clock's goroutine) depends on scheduling, and on
	// a loaded machine a count varies by ±3 between runs.
	got := 1e9
	for range 5 {
		got = min(got, testing.AllocsPerRun(200, insert))
	}
	t.Logf("%.1f allocations per single-row INSERT commit", got)
	// Six above the 62 measured at 5048d78+h2: a full engine package run
	// leaves earlier tests' badger work running into this one (73 seen once
	// against 66 alone, 71-72 against 66 in another), and CI runs every
	// package at once; the 73 before session 22 still fails.
	if max := 68.0; got > max {
		t.Errorf("%.1f allocations per single-row INSERT commit, want at most %.0f", got, max)
	}
}
