package exec_test

import (
	"strings"
	"testing"
)

// TestAnsiNullsOffSelectSeek: under SET ANSI_NULLS OFF a SELECT, a join
// and a view seek a NOT NULL key compared with a variable as they do under
// ON, with the same logical reads (ansinulls_seek.go seekNullSafe), and a
// NULL variable finds no row; c = @null still finds a nullable column's
// NULL row, and where the comparison is applied above a RIGHT or FULL
// JOIN's NULL-extended side it keeps the NULL-extended rows — in a table
// and through a view (pushdown.go: no filter goes below such a join that a
// NULL satisfies).
func TestAnsiNullsOffSelectSeek(t *testing.T) {
	p := newPlanProbe(t, "ansinullsselect")
	for _, q := range []string{
		"CREATE TABLE dbo.ak (id int NOT NULL PRIMARY KEY, k int NULL UNIQUE, v int NOT NULL)",
		"INSERT dbo.ak SELECT value, value, value % 7 FROM GENERATE_SERIES(1, 3000)",
		"INSERT dbo.ak VALUES (3001, NULL, 0)",
		"CREATE TABLE dbo.o (id int NOT NULL, tag varchar(5) NOT NULL)",
		"INSERT dbo.o VALUES (5, 'five'), (99999, 'none')", // 99999 has no dbo.ak row
		"CREATE VIEW dbo.vak AS SELECT id, k, v FROM dbo.ak",
	} {
		p.run(q)
	}
	tests := []struct {
		name, id, query string
		rows            string // sorted, comma-separated
		seek            bool   // at most 3 logical reads of dbo.ak, and the same under ANSI_NULLS ON
	}{
		{"SELECT by key", "7", "SELECT id, v FROM dbo.ak WHERE id = @id", "7|0", true},
		{"SELECT by NULL key", "NULL", "SELECT id, v FROM dbo.ak WHERE id = @id", "", true},
		{"key on the right, IN", "8", "SELECT id FROM dbo.ak WHERE @id = id OR id IN (@id)", "8", false},
		{"nullable column, NULL", "NULL", "SELECT id FROM dbo.ak WHERE k = @id", "3001", false},
		{"join, left table", "5", "SELECT a.id, o.tag FROM dbo.ak AS a JOIN dbo.o AS o ON o.id = a.id WHERE a.id = @id", "5|five", true},
		{"join, right table", "5", "SELECT o.tag, a.v FROM dbo.o AS o JOIN dbo.ak AS a ON a.id = o.id WHERE a.id = @id", "five|5", true},
		{"LEFT JOIN, preserved side", "9", "SELECT a.id, o.tag FROM dbo.ak AS a LEFT JOIN dbo.o AS o ON o.id = a.id WHERE a.id = @id", "9|NULL", true},
		{"comma join", "5", "SELECT a.v, o.tag FROM dbo.ak AS a, dbo.o AS o WHERE a.id = @id AND o.id = a.id", "5|five", true},
		{"view", "11", "SELECT v FROM dbo.vak WHERE id = @id", "4", true},
		{"derived table", "12", "SELECT d.v FROM (SELECT id, v FROM dbo.ak) AS d WHERE d.id = @id", "5", true},
		{"RIGHT JOIN, NULL-extended side", "NULL", "SELECT o.id, a.id FROM dbo.ak AS a RIGHT JOIN dbo.o AS o ON a.id = o.id WHERE a.id = @id", "99999|NULL", false},
		{"FULL JOIN, NULL-extended side", "NULL", "SELECT o.id, a.id FROM dbo.ak AS a FULL JOIN dbo.o AS o ON a.id = o.id WHERE a.id = @id AND o.id > 0", "99999|NULL", false},
		{"view on a RIGHT JOIN's NULL-extended side", "NULL", "SELECT o.id, v.id FROM dbo.vak AS v RIGHT JOIN dbo.o AS o ON v.id = o.id WHERE v.id = @id", "99999|NULL", false},
		{"derived table on a FULL JOIN's NULL-extended side", "NULL", "SELECT o.tag FROM (SELECT id FROM dbo.ak) AS d FULL JOIN dbo.o AS o ON d.id = o.id WHERE d.id = @id AND o.tag IS NOT NULL", "none", false},
		// @id is not NULL here, but the plan is made for any @id: the
		// filter stays above the join, as on a table's (seekBounds).
		{"view on a RIGHT JOIN's NULL-extended side, a value", "5", "SELECT o.id, v.id FROM dbo.vak AS v RIGHT JOIN dbo.o AS o ON v.id = o.id WHERE v.id = @id", "5|5", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := "DECLARE @id int = " + tc.id + "; " + tc.query
			rows, reads := p.readsAndRows("SET ANSI_NULLS OFF; "+q+"; SET ANSI_NULLS ON", "ak", true)
			if got := strings.Join(rows, ","); got != tc.rows {
				t.Errorf("rows %q, want %q", got, tc.rows)
			}
			if !tc.seek {
				return
			}
			_, onReads := p.readsAndRows(q, "ak", true)
			if reads > 3 || tc.id != "NULL" && reads != onReads {
				t.Errorf("%d logical reads of dbo.ak under ANSI_NULLS OFF, %d under ON: want a seek (at most 3) and the same reads", reads, onReads)
			}
		})
	}
}
