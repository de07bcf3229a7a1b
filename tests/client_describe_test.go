package tests

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientDescribeMatchesExecution: what sp_describe_first_result_set
// says a statement returns is what it returns. For each statement of the
// table, go-mssqldb (as SqlClient's DeriveParameters and EF Core's
// scaffolding do) asks the server to describe it, then runs it and reads
// the COLMETADATA of the real result: names, types (with length,
// precision and scale) and nullability must agree. Describing writes
// nothing: the table's row count is checked after every describe.
func TestClientDescribeMatchesExecution(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "describe"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE descr")
	db := srv.DB("descr")
	mustExec(t, db, "CREATE TABLE dbo.item (id int IDENTITY NOT NULL PRIMARY KEY, code char(4) NOT NULL, title nvarchar(60) NULL, "+
		"price decimal(10,2) NOT NULL, qty smallint NULL, added datetime2(3) NOT NULL DEFAULT SYSUTCDATETIME(), note varchar(max) NULL, "+
		"flag bit NOT NULL DEFAULT 0, ratio float NULL, uid uniqueidentifier NULL, big bigint NULL, ver rowversion)")
	mustExec(t, db, "INSERT dbo.item (code, title, price, qty) VALUES ('A001', N'one', 1.50, 3), ('B002', NULL, 2.25, NULL)")
	mustExec(t, db, "CREATE PROCEDURE dbo.items_by_code @code char(4) AS BEGIN DELETE dbo.item WHERE 1 = 0; SELECT id, title, price * qty AS total FROM dbo.item WHERE code = @code END")
	for _, st := range []struct{ q, params string }{
		{"SELECT * FROM dbo.item", ""},
		{"SELECT id, code, UPPER(title) AS t, price * 2 AS p2, qty + 1 AS q1, CAST(price AS int) AS pi FROM dbo.item", ""},
		{"SELECT COUNT(*) AS n, SUM(price) AS s, MAX(title) AS m, AVG(ratio) AS a FROM dbo.item", ""},
		{"SELECT i.id, j.code FROM dbo.item AS i LEFT JOIN dbo.item AS j ON j.id = i.id + 1", ""},
		{"SELECT TOP (1) code + N'-' + title AS label, ISNULL(qty, 0) AS q, COALESCE(title, code) AS c FROM dbo.item ORDER BY id", ""},
		{"SELECT id, @p AS p, @q * price AS pq FROM dbo.item WHERE id = @k", "@p nvarchar(20), @q decimal(5,1), @k int"},
		{"EXEC dbo.items_by_code 'A001'", ""},
		{"SELECT CONVERT(varchar(10), added, 120) AS d, DATEADD(day, 1, added) AS tomorrow, YEAR(added) AS y FROM dbo.item", ""},
	} {
		t.Run(st.q, func(t *testing.T) {
			rows, err := db.Query("EXEC sp_describe_first_result_set @tsql = @p1, @params = @p2", st.q, sql.NullString{String: st.params, Valid: st.params != ""})
			if err != nil {
				t.Fatal(err)
			}
			type col struct {
				name, typ string
				nullable  bool
			}
			var described []col
			for rows.Next() {
				cols, _ := rows.Columns()
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				byName := map[string]any{}
				for i, c := range cols {
					byName[c] = vals[i]
				}
				name, _ := byName["name"].(string)
				typ, _ := byName["system_type_name"].(string)
				nullable, _ := byName["is_nullable"].(bool)
				described = append(described, col{name, typ, nullable})
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			var n int
			if err := db.QueryRow("SELECT COUNT(*) FROM dbo.item").Scan(&n); err != nil || n != 2 {
				t.Fatalf("dbo.item has %d rows after describing (%v), want 2", n, err)
			}

			// Run with the parameters declared as described (go-mssqldb's
			// own parameter types would differ from @params).
			run := st.q
			if st.params != "" {
				run = "DECLARE " + st.params + "; SELECT @p = N'x', @q = 1.5, @k = 1; " + st.q
			}
			res, err := db.Query(run)
			if err != nil {
				t.Fatal(err)
			}
			cts, err := res.ColumnTypes()
			if err != nil {
				t.Fatal(err)
			}
			res.Close()
			if len(cts) != len(described) {
				t.Fatalf("described %d columns %v, the statement returned %d", len(described), described, len(cts))
			}
			for i, ct := range cts {
				d := described[i]
				base := d.typ
				if j := strings.IndexByte(base, '('); j >= 0 {
					base = base[:j]
				}
				got := strings.ToLower(ct.DatabaseTypeName())
				if base == "timestamp" {
					base = "binary" // rowversion travels as binary(8)
				}
				if ct.Name() != d.name || got != base {
					t.Errorf("column %d: described %q %s, returned %q %s", i+1, d.name, d.typ, ct.Name(), got)
				}
				if l, ok := ct.Length(); ok && strings.Contains(d.typ, "(") && !strings.Contains(d.typ, "max") && l < 1<<30 {
					if want := "(" + itoa(int(l)) + ")"; !strings.HasSuffix(d.typ, want) {
						t.Errorf("column %d %q: described %s, returned length %d", i+1, d.name, d.typ, l)
					}
				}
				if p, s, ok := ct.DecimalSize(); ok && (base == "decimal" || base == "numeric") {
					if want := "(" + itoa(int(p)) + "," + itoa(int(s)) + ")"; !strings.HasSuffix(d.typ, want) {
						t.Errorf("column %d %q: described %s, returned decimal%s", i+1, d.name, d.typ, want)
					}
				}
				if nl, ok := ct.Nullable(); ok && nl != d.nullable {
					t.Errorf("column %d %q: described nullable %v, returned %v", i+1, d.name, d.nullable, nl)
				}
			}
		})
	}
}
