package engine

import (
	"context"
	"sync"
	"testing"
)

// TestSessionStateReadAcrossSessions: sys.dm_exec_sessions (SessionList), DROP
// DATABASE's in-use check and a mirroring role change (killSessionsIn) read
// other sessions' current database, @@TRANCOUNT and isolation level while
// those sessions run statements that change them (USE, a procedure or
// trigger running in its own database). Under -race this reports the data
// race between exec.Session.Database() and the session's own writes of its
// current database (exec/proc.go invoke, exec/stmt.go USE, exec/session.go
// UseDatabase/Reset, trigger.go, udf.go, sysviews.go). It was seen with a
// -race server binary in tests/mirroring: BecomeMirror → killSessionsIn
// against a client's sp_executesql.
func TestSessionStateReadAcrossSessions(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	t.Cleanup(func() { _ = inst.Close() })
	mustExec(t, s, "USE d; EXEC('CREATE PROCEDURE dbo.p AS SELECT 1')")
	w := newTestSession(t, inst, "master")
	defer inst.EndSession(w)

	const rounds = 200
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < rounds; i++ {
			for _, q := range []string{"EXEC d.dbo.p", "USE d", "USE master", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; COMMIT"} {
				if err := w.ExecBatch(context.Background(), q, &collect{}); err != nil {
					t.Errorf("%s: %v", q, err)
					return
				}
			}
		}
	}()
	seen := false
	for i := 0; i < rounds; i++ {
		for _, info := range (execServer{inst}).SessionList() {
			if info.SPID == w.SPID {
				seen = true
			}
		}
		_ = inst.databaseInUse("d", s.SPID)
	}
	wg.Wait()
	if !seen {
		t.Errorf("SessionList never listed session %d", w.SPID)
	}
}
