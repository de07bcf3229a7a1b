package tests

import (
	"context"
	"database/sql"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// resultSets reads every result set of rows: each one's column names and
// its rows' first column as text.
func resultSets(t *testing.T, rows *sql.Rows) (cols [][]string, firsts [][]string) {
	t.Helper()
	defer rows.Close()
	for {
		cs, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var vals []string
		for rows.Next() {
			dest := make([]any, len(cs))
			for i := range dest {
				dest[i] = new(sql.RawBytes)
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			vals = append(vals, string(*dest[0].(*sql.RawBytes)))
		}
		cols, firsts = append(cols, cs), append(firsts, vals)
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, firsts
}

// actualPlan is what the test reads of a STATISTICS XML document.
type actualPlan struct {
	Stmt struct {
		Text string `xml:"StatementText,attr"`
		Type string `xml:"StatementType,attr"`
		Root struct {
			Physical string `xml:"PhysicalOp,attr"`
			Actual   []struct {
				Rows int `xml:"ActualRows,attr"`
			} `xml:"RunTimeInformation>RunTimeCountersPerThread"`
		} `xml:"QueryPlan>RelOp"`
	} `xml:"BatchSequence>Batch>Statements>StmtSimple"`
}

// TestStatisticsXML: under SET STATISTICS XML ON each query or DML
// statement's results are followed by one more result set — one row, one
// column "Microsoft SQL Server 2005 XML Showplan" — holding its actual
// plan, whose root operator shows the rows the statement returned or
// changed (SET STATISTICS XML, "returns execution information for each
// statement after executing it"); SET and DECLARE send none, nor does
// anything once it is OFF. Batches and parameterized requests (RPC, whose
// plans are kept) alike. It was accepted and ignored: no result set.
func TestStatisticsXML(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.sx (k int PRIMARY KEY, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.sx VALUES (1, 10), (2, 20), (3, 30)")
	c := appConn(t, db)
	ctx := context.Background()
	if _, err := c.ExecContext(ctx, "SET STATISTICS XML ON"); err != nil {
		t.Fatal(err)
	}
	const col = "Microsoft SQL Server 2005 XML Showplan"
	type want struct {
		typ      string
		physical string
		rows     int
	}
	for _, tc := range []struct {
		name  string
		query string
		args  []any
		sets  []string // the result sets' first column names
		plans []want
	}{
		{"select", "SELECT k FROM dbo.sx WHERE v > 15", nil, []string{"k", col}, []want{{"SELECT", "Clustered Index Scan", 2}}},
		{"set, declare, select, update", "SET NOCOUNT ON; DECLARE @n int = 1; SELECT @n AS n; UPDATE dbo.sx SET v = v + 1 WHERE k >= 2", nil,
			[]string{"n", col, col}, []want{{"SELECT", "Constant Scan", 1}, {"UPDATE", "Clustered Index Update", 2}}},
		{"rpc select", "SELECT v FROM dbo.sx WHERE k = @p1", []any{3}, []string{"v", col}, []want{{"SELECT", "Clustered Index Seek", 1}}},
		{"rpc select again (kept plan)", "SELECT v FROM dbo.sx WHERE k = @p1", []any{2}, []string{"v", col}, []want{{"SELECT", "Clustered Index Seek", 1}}},
		{"rpc delete", "DELETE dbo.sx WHERE k > @p1", []any{5}, []string{col}, []want{{"DELETE", "Clustered Index Delete", 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := c.QueryContext(ctx, tc.query, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			cols, firsts := resultSets(t, rows)
			var names []string
			var plans []want
			for i, cs := range cols {
				if len(cs) == 0 {
					continue // a DONE without a result set
				}
				names = append(names, cs[0])
				if cs[0] != col {
					continue
				}
				if len(cs) != 1 || len(firsts[i]) != 1 {
					t.Errorf("plan result set %d: %d columns, %d rows; want 1 and 1", i, len(cs), len(firsts[i]))
					continue
				}
				var p actualPlan
				if err := xml.Unmarshal([]byte(firsts[i][0]), &p); err != nil {
					t.Errorf("plan result set %d does not parse: %v", i, err)
					continue
				}
				w := want{typ: p.Stmt.Type, physical: p.Stmt.Root.Physical, rows: -1}
				if len(p.Stmt.Root.Actual) == 1 {
					w.rows = p.Stmt.Root.Actual[0].Rows
				}
				plans = append(plans, w)
			}
			if fmt.Sprint(names) != fmt.Sprint(tc.sets) {
				t.Errorf("result sets %v, want %v", names, tc.sets)
			}
			if fmt.Sprint(plans) != fmt.Sprint(tc.plans) {
				t.Errorf("plans %v, want %v", plans, tc.plans)
			}
		})
	}
	if _, err := c.ExecContext(ctx, "SET STATISTICS XML OFF"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.QueryContext(ctx, "SELECT k FROM dbo.sx")
	if err != nil {
		t.Fatal(err)
	}
	if cols, _ := resultSets(t, rows); len(cols) != 1 || strings.Join(cols[0], ",") != "k" {
		t.Errorf("after SET STATISTICS XML OFF: result sets %v, want only [k]", cols)
	}
}
