package exec_test

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestShowplanEstimateRows: SET SHOWPLAN_XML's EstimateRows for a table's
// read is what the statistics say its predicate keeps (issue #5), not the
// table's row count (a scan) or 1 (a seek). The data are skewed (half the
// rows have a = 3), so a guess cannot pass. A filtered statistics (f > 0)
// describes only an f its filter covers: f = 10 is one row by it; f = -10
// is outside it, and no other statistics describe f, so the estimate is
// every row.
func TestShowplanEstimateRows(t *testing.T) {
	p := newPlanProbe(t, "showplanest")
	p.run("CREATE DATABASE spe")
	p.run("USE spe")
	p.run("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, a int NOT NULL, f int NOT NULL)")
	p.run("CREATE INDEX ix_a ON dbo.t (a)")
	p.insertRows("dbo.t", 1000, func(i int) string {
		a := i % 10
		if i <= 500 {
			a = 3
		}
		return "(" + strconv.Itoa(i) + ", " + strconv.Itoa(a) + ", " + strconv.Itoa(i-500) + ")"
	})
	p.run("CREATE STATISTICS st_f ON dbo.t (f) WHERE f > 0")
	read := regexp.MustCompile(`PhysicalOp="(?:Clustered Index S(?:can|eek)|Table Scan)" LogicalOp="[^"]*" EstimateRows="([^"]*)"`)
	for _, tc := range []struct{ where, want string }{
		{"a = 3", "550"},
		{"a = 7", "50"},
		{"3 = a", "550"},
		{"a > 5", "200"},
		{"a BETWEEN 6 AND 7", "100"},
		{"a IN (7, 3)", "600"},
		{"a <> 3", "450"},
		{"f = 10", "1"},
		{"f = -10", "1000"},
		{"f > 490", "10"},
		{"a = 7 AND id <= 100", "5"},
		{"a = @v", "100"},
	} {
		q := "SELECT id FROM dbo.t WHERE " + tc.where
		if strings.Contains(tc.where, "@v") {
			q = "DECLARE @v int = 3; " + q
		}
		p.run("SET SHOWPLAN_XML ON")
		out := strings.Join(p.run(q), "\n")
		p.run("SET SHOWPLAN_XML OFF")
		m := read.FindAllStringSubmatch(out, -1)
		if len(m) == 0 {
			t.Errorf("%s: no table read in the plan:\n%s", q, out)
			continue
		}
		// Interpolation inside a histogram step gives fractions: the
		// estimate rounded is what the data say.
		got, err := strconv.ParseFloat(m[len(m)-1][1], 64)
		if err != nil || strconv.Itoa(int(math.Round(got))) != tc.want {
			t.Errorf("%s: EstimateRows %s, want %s", tc.where, m[len(m)-1][1], tc.want)
		}
	}
}
