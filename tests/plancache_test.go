package tests

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Statements that the shared parse cache (engine/exec/plancache.go) serves to
// many sessions must still bind against each session's own database, catalog
// and temp tables: the same text run twice, by the same or another session,
// after something changed, must see the change.

// cacheInstance opens an instance with databases d1 and d2, each with a table
// t(id int) holding one row (1 in d1, 2 in d2).
func cacheInstance(t *testing.T) *engine.Instance {
	t.Helper()
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "pc", SAPassword: "Cache!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	s := cacheSession(t, inst, "master")
	mustRun(t, s, "CREATE DATABASE d1 CREATE DATABASE d2")
	mustRun(t, s, "USE d1 CREATE TABLE dbo.t (id int) INSERT dbo.t VALUES (1)")
	mustRun(t, s, "USE d2 CREATE TABLE dbo.t (id int) INSERT dbo.t VALUES (2)")
	return inst
}

func cacheSession(t *testing.T, inst *engine.Instance, db string) *exec.Session {
	t.Helper()
	s, err := inst.NewSession("sa", db, exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mustRun runs a batch and returns its events (header, rows, messages,
// errors) in the corpus syntax, joined by newlines.
func mustRun(t *testing.T, s *exec.Session, batch string) string {
	t.Helper()
	var out eventCollector
	if err := s.ExecBatch(context.Background(), batch, &out); err != nil {
		t.Fatalf("%s: %v", batch, err)
	}
	return strings.Join(out.lines, "\n")
}

// runSQL runs text through sp_executesql with one int parameter @p.
func runSQL(t *testing.T, s *exec.Session, text string, p int32) string {
	t.Helper()
	var out eventCollector
	args := []*exec.ProcArg{{Name: "@p", Value: types.NewInt(p), Type: types.TypeInt}}
	if err := s.ExecuteSQL(context.Background(), text, "@p int", args, &out); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return strings.Join(out.lines, "\n")
}

func TestSharedParseCacheSemantics(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, inst *engine.Instance)
	}{
		{"ALTER TABLE ADD COLUMN is seen by SELECT *", func(t *testing.T, inst *engine.Instance) {
			a, b := cacheSession(t, inst, "d1"), cacheSession(t, inst, "d1")
			const q = "SELECT * FROM dbo.t"
			before := mustRun(t, a, q)
			mustRun(t, b, q) // now cached for both sessions and shared
			mustRun(t, a, "ALTER TABLE dbo.t ADD c int NULL")
			for _, s := range []*exec.Session{a, b} {
				after := mustRun(t, s, q)
				if after == before || !strings.Contains(after, "c") {
					t.Errorf("after ADD COLUMN: %q (before %q)", after, before)
				}
			}
		}},
		{"USE another database binds there", func(t *testing.T, inst *engine.Instance) {
			s := cacheSession(t, inst, "d1")
			const q = "SELECT id FROM dbo.t"
			in1 := mustRun(t, s, q)
			mustRun(t, s, "USE d2")
			in2 := mustRun(t, s, q)
			if in1 == in2 || !strings.Contains(in1, "1") || !strings.Contains(in2, "2") {
				t.Errorf("d1 %q, d2 %q", in1, in2)
			}
		}},
		{"sessions in different databases", func(t *testing.T, inst *engine.Instance) {
			a, b := cacheSession(t, inst, "d1"), cacheSession(t, inst, "d2")
			const q = "SELECT id + @p FROM dbo.t"
			if got, want := runSQL(t, a, q, 10), runSQL(t, b, q, 10); got == want || !strings.Contains(got, "11") || !strings.Contains(want, "12") {
				t.Errorf("d1 %q, d2 %q", got, want)
			}
		}},
		{"#temp tables of the same name are per session", func(t *testing.T, inst *engine.Instance) {
			a, b := cacheSession(t, inst, "d1"), cacheSession(t, inst, "d1")
			mustRun(t, a, "CREATE TABLE #t (x int) INSERT #t VALUES (100)")
			mustRun(t, b, "CREATE TABLE #t (y varchar(10), z int) INSERT #t VALUES ('bee', 200)")
			const q = "SELECT * FROM #t"
			ra, rb := mustRun(t, a, q), mustRun(t, b, q)
			if !strings.Contains(ra, "100") || strings.Contains(ra, "bee") || !strings.Contains(rb, "bee") || !strings.Contains(rb, "200") {
				t.Errorf("session a %q, session b %q", ra, rb)
			}
		}},
		{"SELECT INTO runs again in another session", func(t *testing.T, inst *engine.Instance) {
			a, b := cacheSession(t, inst, "d1"), cacheSession(t, inst, "d1")
			const q = "SELECT id INTO #c FROM dbo.t SELECT COUNT(*) AS n FROM #c"
			for _, s := range []*exec.Session{a, b, a} {
				if got := mustRun(t, s, q); strings.Contains(got, "error") || !strings.Contains(got, "1") {
					t.Errorf("%q", got)
				}
				mustRun(t, s, "DROP TABLE #c")
			}
		}},
		{"SET CONCAT_NULL_YIELDS_NULL OFF applies to a cached statement", func(t *testing.T, inst *engine.Instance) {
			// ANSI_NULLS OFF is stored but not applied by the executor yet;
			// CONCAT_NULL_YIELDS_NULL is read when the expression is compiled.
			s := cacheSession(t, inst, "d1")
			const q = "SELECT 'a' + NULL AS v"
			on := mustRun(t, s, q)
			mustRun(t, s, "SET CONCAT_NULL_YIELDS_NULL OFF")
			off := mustRun(t, s, q)
			if on == off || !strings.Contains(off, "a") {
				t.Errorf("ON %q, OFF %q", on, off)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, cacheInstance(t)) })
	}
}

// TestSharedParseCacheConcurrent runs the same cached texts from several
// sessions at once; with -race it checks that executing a shared AST does not
// write to it.
func TestSharedParseCacheConcurrent(t *testing.T) {
	inst := cacheInstance(t)
	setup := cacheSession(t, inst, "master")
	for _, db := range []string{"d1", "d2"} {
		mustRun(t, setup, "USE "+db)
		mustRun(t, setup, "CREATE VIEW dbo.v AS SELECT id FROM dbo.t")
	}
	// Statement shapes whose execution might be tempted to rewrite the AST:
	// CTEs, views as DML targets, FOR JSON, OUTPUT, CHECKSUM(*), subqueries.
	shapes := []string{
		"WITH c AS (SELECT id FROM dbo.t) SELECT COUNT(*) AS n FROM c WHERE id IN (SELECT id FROM dbo.v)",
		"UPDATE dbo.v SET id = id WHERE id = -1",
		"DELETE dbo.v WHERE id = -1",
		"SELECT id FROM dbo.t FOR JSON PATH",
		"UPDATE dbo.t SET id = id OUTPUT inserted.id WHERE id = -1",
		"SELECT CHECKSUM(*) AS c FROM dbo.t",
		"SET NOCOUNT ON SELECT (SELECT MAX(id) FROM dbo.t) AS m, CASE WHEN EXISTS (SELECT 1 FROM dbo.v) THEN 1 END AS e",
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		s := cacheSession(t, inst, []string{"d1", "d2"}[i%2])
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				var out eventCollector
				args := []*exec.ProcArg{{Name: "@p", Value: types.NewInt(int32(j)), Type: types.TypeInt}}
				if err := s.ExecuteSQL(context.Background(), "SELECT id, @p AS p FROM dbo.t WHERE id > @p - 100 ORDER BY id", "@p int", args, &out); err != nil {
					t.Error(err)
					return
				}
				out = eventCollector{}
				if err := s.ExecBatch(context.Background(), "DECLARE @x int = 5 UPDATE dbo.t SET id = id WHERE id = @x SELECT TOP (1) id FROM dbo.t", &out); err != nil {
					t.Error(err)
					return
				}
				if len(out.lines) < 2 {
					t.Errorf("batch returned %q", out.lines)
					return
				}
				shape := shapes[j%len(shapes)]
				out = eventCollector{}
				if err := s.ExecBatch(context.Background(), shape, &out); err != nil {
					t.Error(err)
					return
				}
				if got := strings.Join(out.lines, "\n"); strings.Contains(got, "error") {
					t.Errorf("%s: %s", shape, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
