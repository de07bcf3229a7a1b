package exec_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// seqOut keeps the first column of every row as text.
type seqOut struct {
	collectOutput
	vals []string
}

func (o *seqOut) Row(r exec.Row) error { o.vals = append(o.vals, r[0].String()); return nil }

// TestReviewSequenceAlterInTxnRepeatsAfterRestart (review of e4a07f0):
// ALTER SEQUENCE without RESTART stores the allocator's durable position
// (reserved) in the new definition when the ALTER statement runs, not when
// its transaction commits. Values another session takes meanwhile (from the
// committed, old definition) reserve blocks under the old definition's
// fingerprint; after the ALTER commits that record is ignored (stale
// fingerprint) and a restart continues after the position the ALTER stored:
// values handed out before are handed out again.
func TestReviewSequenceAlterInTxnRepeatsAfterRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := engine.Config{DataDir: dir, ServerName: "rvseq", SAPassword: "Test!Passw0rd", Version: "test"}
	inst, err := engine.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sess := func(inst *engine.Instance, db string) *exec.Session {
		t.Helper()
		s, err := inst.NewSession("sa", db, exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	run := func(s *exec.Session, q string) []string {
		t.Helper()
		out := &seqOut{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.vals
	}
	a := sess(inst, "master")
	run(a, "CREATE DATABASE rvseq")
	run(a, "USE rvseq")
	run(a, "CREATE SEQUENCE dbo.s AS int START WITH 1")
	b := sess(inst, "rvseq")
	seen := map[string]bool{}
	take := func(s *exec.Session) {
		t.Helper()
		for _, v := range run(s, "SELECT NEXT VALUE FOR dbo.s") {
			if seen[v] {
				t.Fatalf("value %s handed out twice", v)
			}
			seen[v] = true
		}
	}
	take(b) // 1, reserves 1..50
	run(a, "BEGIN TRAN ALTER SEQUENCE dbo.s INCREMENT BY 1")
	for range 70 { // 2..71: b reserves 51..100 under the old definition
		take(b)
	}
	run(a, "COMMIT")
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst, err = engine.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	c := sess(inst, "rvseq")
	for range 5 {
		v := run(c, "SELECT NEXT VALUE FOR dbo.s")
		n, _ := strconv.Atoi(strings.TrimSpace(v[0]))
		if seen[v[0]] {
			t.Fatalf("after restart: value %d handed out again (values 1..%d were taken before)", n, len(seen))
		}
		seen[v[0]] = true
	}
}
