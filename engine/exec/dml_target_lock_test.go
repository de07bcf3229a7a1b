package exec_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestDMLAfterConcurrentDDL: a DML statement that starts while another
// transaction's DDL on its table is uncommitted waits for the DDL's lock
// and then works from the new definition — the CHECK added meanwhile is
// checked (547), the rows ALTER TABLE rewrote decode, the unique index
// created meanwhile is kept (2601) — by INSERT (… VALUES and … SELECT),
// UPDATE, DELETE, MERGE and BULK INSERT. Each case runs with DML plans on (the
// statement ran once before, so its kept plan is what goes stale) and off.
// It failed before the DML took its table lock before binding was trusted
// (dml_target_lock.go): the UPDATE wrote n = 500 under CHECK (n < 100),
// and "decode row: column count: corrupt row".
func TestDMLAfterConcurrentDDL(t *testing.T) {
	cases := []struct {
		name, ddl, dml, want string
	}{
		{"a CHECK added", "ALTER TABLE dbo.t ADD CONSTRAINT ck CHECK (n < 100)", "UPDATE dbo.t SET n = 500 WHERE id = 1",
			`error 547/16/0: The UPDATE statement conflicted with the CHECK constraint "ck". The conflict occurred in database "dd", table "dbo.t", column 'n'.` + "\nmsg 3621: The statement has been terminated.\ndone failed"},
		{"a CHECK added, INSERT", "ALTER TABLE dbo.t ADD CONSTRAINT ck CHECK (n < 100)", "INSERT dbo.t (id, n) VALUES (9, 500)",
			`error 547/16/0: The INSERT statement conflicted with the CHECK constraint "ck". The conflict occurred in database "dd", table "dbo.t", column 'n'.` + "\nmsg 3621: The statement has been terminated.\ndone failed"},
		{"a column added", "ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7", "UPDATE dbo.t SET n = 5 WHERE id = 1", "done 1"},
		{"a column added, DELETE", "ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7", "DELETE dbo.t WHERE id = 1", "done 1"},
		{"a unique index", "CREATE UNIQUE INDEX ux ON dbo.t (n)", "UPDATE dbo.t SET n = 2 WHERE id = 1",
			"error 2601/14/1: Cannot insert duplicate key row in object 'dbo.t' with unique index 'ux'. The duplicate key value is (2).\nmsg 3621: The statement has been terminated.\ndone failed"},
		{"a CHECK added, INSERT … SELECT", "ALTER TABLE dbo.t ADD CONSTRAINT ck CHECK (n < 100)", "INSERT dbo.t (id, n) SELECT id + 10, 500 FROM dbo.t WHERE id = 1",
			`error 547/16/0: The INSERT statement conflicted with the CHECK constraint "ck". The conflict occurred in database "dd", table "dbo.t", column 'n'.` + "\nmsg 3621: The statement has been terminated.\ndone failed"},
		{"a column added, INSERT … SELECT", "ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7", "INSERT dbo.t (id, n) SELECT id + 10, n FROM dbo.t WHERE id = 1", "done 1"},
		{"a CHECK added, MERGE", "ALTER TABLE dbo.t ADD CONSTRAINT ck CHECK (n < 100)",
			"MERGE dbo.t AS t USING (VALUES (1, 500), (7, 1)) AS s (id, n) ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, s.n);",
			`error 547/16/0: The MERGE statement conflicted with the CHECK constraint "ck". The conflict occurred in database "dd", table "dbo.t", column 'n'.` + "\nmsg 3621: The statement has been terminated.\ndone failed"},
		{"a column added, MERGE", "ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7",
			"MERGE dbo.t AS t USING (VALUES (1, 5), (7, 1)) AS s (id, n) ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, s.n);", "done 2"},
		{"a unique index, BULK INSERT", "CREATE UNIQUE INDEX ux ON dbo.t (n)", "BULK INSERT dbo.t FROM '%FILE%'",
			"error 2601/14/1: Cannot insert duplicate key row in object 'dbo.t' with unique index 'ux'. The duplicate key value is (2).\nmsg 3621: The statement has been terminated.\ndone failed"},
	}
	for _, tc := range cases {
		for _, plans := range []bool{true, false} {
			name := tc.name
			if !plans {
				name += ", no plans"
			}
			t.Run(name, func(t *testing.T) {
				tc := tc
				if strings.Contains(tc.dml, "%FILE%") { // BULK INSERT's rows: (9, 2)
					file := filepath.Join(t.TempDir(), "rows.txt")
					if err := os.WriteFile(file, []byte("9\t2\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					tc.dml = strings.ReplaceAll(tc.dml, "%FILE%", file)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				defer cancel()
				inst := openExecTestInstance(t, "ddlrace")
				ddl := newSASession(t, inst)
				exec1 := func(s *exec.Session, sql string) []string {
					t.Helper()
					o := &dmlTrace{}
					if err := s.ExecBatch(ctx, sql, o); err != nil {
						t.Fatalf("%s: %v", sql, err)
					}
					return o.lines
				}
				exec1(ddl, "CREATE DATABASE dd")
				exec1(ddl, "USE dd")
				exec1(ddl, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, n int NOT NULL)")
				exec1(ddl, "INSERT dbo.t VALUES (1, 0), (2, 2)")
				dml, err := inst.NewSession("sa", "dd", exec.SessionInfo{})
				if err != nil {
					t.Fatal(err)
				}
				exec.SetDMLPlans(dml, plans)
				exec1(dml, "BEGIN TRANSACTION; "+tc.dml+"; ROLLBACK") // a kept plan, when on
				exec1(ddl, "BEGIN TRANSACTION")
				exec1(ddl, tc.ddl)
				got := make(chan []string)
				go func() {
					o := &dmlTrace{}
					if err := dml.ExecBatch(ctx, tc.dml, o); err != nil {
						o.lines = append(o.lines, "returned "+errLine(err))
					}
					got <- o.lines
				}()
				// Commit once the DML waits for the DDL's lock (it cannot end
				// before: it needs the table's lock).
				time.Sleep(300 * time.Millisecond)
				select {
				case lines := <-got:
					t.Fatalf("the DML did not wait for the DDL's lock: %q", lines)
				default:
				}
				exec1(ddl, "COMMIT")
				if lines := <-got; strings.Join(lines, "\n") != tc.want {
					t.Errorf("got %q, want %q", lines, tc.want)
				}
			})
		}
	}
}
