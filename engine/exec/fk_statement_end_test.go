package exec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestForeignKeyStatementEnd: the 547 a DELETE, UPDATE or MERGE meets,
// directly or through its cascades, names the statement as SQL Server's
// does ("The MERGE statement conflicted with the REFERENCE constraint …",
// where MERGE said DELETE or UPDATE), and a cascaded row's new key is
// checked against its other parents when the statement ends (it was not
// checked at all, and the statement left an orphan). The corpus script
// fk_cascade_end.sql has the results; the texts name the database, so
// they are checked here.
func TestForeignKeyStatementEnd(t *testing.T) {
	const setup = `CREATE TABLE dbo.P (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.Q (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.C (id int NOT NULL PRIMARY KEY, pk int NOT NULL CONSTRAINT FK_C_P REFERENCES dbo.P (k))
CREATE TABLE dbo.D (id int NOT NULL PRIMARY KEY, k int NOT NULL CONSTRAINT DF_D_k DEFAULT 9,
  CONSTRAINT FK_D_P FOREIGN KEY (k) REFERENCES dbo.P (k) ON UPDATE CASCADE ON DELETE SET DEFAULT,
  CONSTRAINT FK_D_Q FOREIGN KEY (k) REFERENCES dbo.Q (k))
INSERT dbo.P VALUES (1), (2), (3)
INSERT dbo.Q VALUES (1), (2), (3)
INSERT dbo.C VALUES (1, 1)
INSERT dbo.D VALUES (2, 2), (3, 3)`
	ref := func(stmt, fk, table, col string) string {
		return fmt.Sprintf(`error 547/16/0: The %s statement conflicted with the REFERENCE constraint "%s". The conflict occurred in database "%%s", table "dbo.%s", column '%s'.`, stmt, fk, table, col)
	}
	fkey := func(stmt, fk, table, col string) string {
		return fmt.Sprintf(`error 547/16/0: The %s statement conflicted with the FOREIGN KEY constraint "%s". The conflict occurred in database "%%s", table "dbo.%s", column '%s'.`, stmt, fk, table, col)
	}
	cases := []struct {
		name, stmt, wantErr string
	}{
		{"merge delete of a referenced row",
			"MERGE dbo.P AS t USING (VALUES (1)) AS s (k) ON t.k = s.k WHEN MATCHED THEN DELETE;",
			ref("MERGE", "FK_C_P", "C", "pk")},
		{"merge update of a referenced key",
			"MERGE dbo.P AS t USING (VALUES (1)) AS s (k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.k = 7;",
			ref("MERGE", "FK_C_P", "C", "pk")},
		{"merge cascade to a key its other parent lacks",
			"MERGE dbo.P AS t USING (VALUES (2)) AS s (k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.k = 8;",
			fkey("MERGE", "FK_D_Q", "Q", "k")},
		{"merge set default without its parent",
			"MERGE dbo.P AS t USING (VALUES (3)) AS s (k) ON t.k = s.k WHEN MATCHED THEN DELETE;",
			fkey("MERGE", "FK_D_P", "P", "k")},
		{"update cascade to a key its other parent lacks",
			"UPDATE dbo.P SET k = 8 WHERE k = 2",
			fkey("UPDATE", "FK_D_Q", "Q", "k")},
		{"delete set default without its parent",
			"DELETE dbo.P WHERE k = 3",
			fkey("DELETE", "FK_D_P", "P", "k")},
		{"update swapping referenced keys", "UPDATE dbo.P SET k = CASE k WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE k END", ""},
		{"merge cascade to a key its other parent has",
			"MERGE dbo.P AS t USING (VALUES (2, 4)) AS s (k, n) ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.k = s.n;", ""},
	}
	ctx := context.Background()
	inst := openExecTestInstance(t, "fkend")
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSASession(t, inst)
			db := fmt.Sprintf("fkend%d", i)
			mustTrace(ctx, t, s, "CREATE DATABASE "+db)
			mustTrace(ctx, t, s, "USE "+db)
			mustTrace(ctx, t, s, setup)
			if strings.Contains(tc.name, "has") {
				mustTrace(ctx, t, s, "INSERT dbo.Q VALUES (4)")
			}
			before := mustTrace(ctx, t, s, "SELECT (SELECT CHECKSUM_AGG(CHECKSUM(*)) FROM dbo.P), (SELECT CHECKSUM_AGG(CHECKSUM(*)) FROM dbo.D)")
			gotErr, _ := lastError(ctx, t, s, tc.stmt)
			want := tc.wantErr
			if want != "" {
				want = fmt.Sprintf(want, db)
			}
			if gotErr != want {
				t.Fatalf("%s:\n got %q\nwant %q", tc.stmt, gotErr, want)
			}
			after := mustTrace(ctx, t, s, "SELECT (SELECT CHECKSUM_AGG(CHECKSUM(*)) FROM dbo.P), (SELECT CHECKSUM_AGG(CHECKSUM(*)) FROM dbo.D)")
			if want != "" && strings.Join(after, ";") != strings.Join(before, ";") {
				t.Errorf("%s failed but changed rows: %v, then %v", tc.stmt, before, after)
			}
			// Whatever happened, no row is left without its parent.
			orphans := mustTrace(ctx, t, s, `SELECT (SELECT COUNT(*) FROM dbo.C WHERE pk NOT IN (SELECT k FROM dbo.P))
  + (SELECT COUNT(*) FROM dbo.D WHERE k NOT IN (SELECT k FROM dbo.P) OR k NOT IN (SELECT k FROM dbo.Q))`)
			if len(orphans) < 2 || orphans[1] != "0" {
				t.Errorf("orphans after %s: %v", tc.stmt, orphans)
			}
		})
	}
}

// lastError runs sql and returns the last error line it sent ("" for
// none) and every line of its trace.
func lastError(ctx context.Context, t testing.TB, s *exec.Session, sql string) (string, []string) {
	t.Helper()
	o := &dmlTrace{}
	if err := s.ExecBatch(ctx, sql, o); err != nil {
		t.Fatal(err)
	}
	last := ""
	for _, l := range o.lines {
		if strings.HasPrefix(l, "error") {
			last = l
		}
	}
	return last, o.lines
}
