package exec_test

import (
	"context"
	"testing"
)

// TestTempDatabaseMadeOnFirstUse checks that a session makes its temp
// database only when a statement needs one (issue #2: an idle connection's
// memory), that the #tables and views that look into it work from there, and
// that a connection reset drops a used one.
func TestTempDatabaseMadeOnFirstUse(t *testing.T) {
	ctx := context.Background()
	inst := openExecTestInstance(t, "templazy")
	s := newSASession(t, inst)
	steps := []struct {
		sql      string
		wantTemp bool
	}{
		{"SELECT 1", false},
		{"SELECT COUNT(*) FROM tempdb.sys.tables", false},
		{"CREATE TABLE #t (id int); INSERT #t VALUES (1); SELECT * FROM #t", true},
	}
	for _, st := range steps {
		mustTrace(ctx, t, s, st.sql)
		if got := s.HasTempDatabase(); got != st.wantTemp {
			t.Fatalf("after %q: temp database made = %v, want %v", st.sql, got, st.wantTemp)
		}
	}
	s.Reset(ctx, nil)
	if s.HasTempDatabase() {
		t.Fatal("a reset kept the used temp database")
	}
	mustTrace(ctx, t, s, "CREATE TABLE #t (id int); SELECT * FROM #t")
}
