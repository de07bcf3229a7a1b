package exec_test

import "testing"

// TestMinMaxInvalidTypes: MIN and MAX refuse bit, text, ntext, image and
// xml with 8117, as the MAX page says ("not with bit columns"). The
// aggregate returned the bit's value; minmax.go already left such columns
// to the aggregate expecting the error, so an indexed bit column and an
// unindexed one both answered (issue #5).
func TestMinMaxInvalidTypes(t *testing.T) {
	p := newPlanProbe(t, "minmaxtypes")
	p.run(`CREATE TABLE dbo.b (id int PRIMARY KEY, f bit NULL, g bit NULL, x xml NULL, tx text NULL, INDEX ix_f (f));
		INSERT dbo.b VALUES (1, 1, 0, NULL, NULL), (2, 0, 1, NULL, NULL)`)
	cases := []struct{ q, want string }{
		{`SELECT MAX(f) FROM dbo.b`, "error 8117/16: Operand data type bit is invalid for max operator."},
		{`SELECT MIN(g) FROM dbo.b`, "error 8117/16: Operand data type bit is invalid for min operator."},
		{`SELECT MAX(f) FROM dbo.b GROUP BY id`, "error 8117/16: Operand data type bit is invalid for max operator."},
		{`SELECT MAX(g) OVER () FROM dbo.b`, "error 8117/16: Operand data type bit is invalid for max operator."},
		{`SELECT MAX(x) FROM dbo.b`, "error 8117/16: Operand data type xml is invalid for max operator."},
		{`SELECT MIN(tx) FROM dbo.b`, "error 8117/16: Operand data type text is invalid for min operator."},
		// The documented workaround.
		{`SELECT MAX(CAST(f AS int)), MIN(CAST(g AS tinyint)) FROM dbo.b`, "--;1|0"},
	}
	for _, c := range cases {
		if got := p.traced(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}
