package exec_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestMinMaxClusteredPrefix: MIN/MAX of a clustered key column after an
// equality on the key's leading columns, and TOP … ORDER BY that column,
// read one row at the end of the equality range (SET STATISTICS IO's
// logical reads) instead of the range — "the latest order of a customer"
// — and return what the same query returns when no index serves it (its
// columns written c + 0). ORDER BY under another collation, a nonunique key
// with NULLs, DESC key columns and IN lists are covered for their rows.
func TestMinMaxClusteredPrefix(t *testing.T) {
	p := newPlanProbe(t, "minmaxprefix")
	p.run(`CREATE TABLE dbo.o (cust int NOT NULL, id int NOT NULL, odate int NOT NULL, amt int NULL, PRIMARY KEY (cust, id))`)
	p.run(`CREATE TABLE dbo.d (cust int NOT NULL, id int NOT NULL, amt int NULL, PRIMARY KEY (cust, id DESC))`)
	p.run(`CREATE TABLE dbo.n (grp varchar(10) NOT NULL, v int NULL, w int NOT NULL)`)
	p.run(`CREATE CLUSTERED INDEX n_gv ON dbo.n (grp, v)`)
	p.run(`CREATE TABLE dbo.s (region varchar(10) NOT NULL, name varchar(20) NOT NULL, n int NOT NULL, PRIMARY KEY (region, name))`)
	p.run(`INSERT dbo.o SELECT value % 5, value, value % 977, value % 13 FROM GENERATE_SERIES(1, 40000)`)
	p.run(`INSERT dbo.d SELECT value % 5, value, value % 13 FROM GENERATE_SERIES(1, 40000)`)
	p.run(`INSERT dbo.n SELECT CASE value % 4 WHEN 0 THEN 'a' WHEN 1 THEN 'A' ELSE 'b' END, NULLIF(value % 1000, 3), value FROM GENERATE_SERIES(1, 40000)`)
	p.run(`INSERT dbo.s SELECT CASE value % 2 WHEN 0 THEN 'east' ELSE 'EAST' END, CONCAT(CHAR(65 + value % 26), CHAR(97 + value % 23), value), value FROM GENERATE_SERIES(1, 30000)`)
	twin := strings.NewReplacer("cust = ", "cust + 0 = ", "cust IN", "cust + 0 IN", "grp = ", "grp + '' = ", "region = ", "region + '' = ", "ORDER BY id", "ORDER BY id + 0", "ORDER BY v", "ORDER BY v + 0", "ORDER BY name", "ORDER BY name + ''", "(id)", "(id + 0)", "(v)", "(v + 0)", "(name)", "(name + '')")
	for _, tc := range []struct {
		q        string
		maxReads int // 0: rows only
	}{
		{`SELECT MAX(id) FROM dbo.o WHERE cust = 3`, 1},
		{`SELECT MIN(id) FROM dbo.o WHERE cust = 3`, 1},
		{`SELECT MIN(id), MAX(id) FROM dbo.o WHERE cust = 2`, 2},
		{`DECLARE @c int = 4; SELECT MAX(id) FROM dbo.o WHERE cust = @c`, 1},
		{`DECLARE @m int; SELECT @m = MAX(id) FROM dbo.o o WHERE o.cust = 1; SELECT @m`, 1},
		{`SELECT MAX(id) FROM dbo.o WHERE cust = 3 AND amt > 5`, 2},
		{`SELECT MAX(id) FROM dbo.o WHERE cust = 9`, 1},
		{`SELECT TOP (1) id, odate, amt FROM dbo.o WHERE cust = 3 ORDER BY id DESC`, 1},
		{`SELECT TOP (3) * FROM dbo.o WHERE cust = 0 ORDER BY id`, 1},
		{`SELECT TOP (2) id FROM dbo.o WHERE cust = 3 ORDER BY cust, id DESC`, 1},
		{`SELECT id FROM dbo.o WHERE cust = 3 ORDER BY id DESC OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY`, 1},
		{`SELECT MAX(id) FROM dbo.d WHERE cust = 3`, 1},
		{`SELECT MIN(id) FROM dbo.d WHERE cust = 3`, 1},
		{`SELECT TOP (2) id FROM dbo.d WHERE cust = 1 ORDER BY id DESC`, 1},
		{`SELECT TOP (2) id FROM dbo.d WHERE cust = 1 ORDER BY id`, 1},
		// A nonunique key with NULLs: MIN skips them; the equality on a
		// case-insensitive column reads 'a' and 'A' alike.
		{`SELECT MIN(v), MAX(v) FROM dbo.n WHERE grp = 'a'`, 2},
		{`SELECT TOP (5) v, w FROM dbo.n WHERE grp = 'b' ORDER BY v`, 0},
		{`SELECT MAX(name) FROM dbo.s WHERE region = 'East'`, 1},
		{`SELECT TOP (4) name FROM dbo.s WHERE region = 'east' ORDER BY name DESC`, 1},
		// Ordered under another collation, the fixed column no longer ties:
		// sorted, with the same rows.
		{`SELECT TOP (4) region, name FROM dbo.s WHERE region = 'east' ORDER BY region COLLATE Latin1_General_BIN, name`, 0},
		// An IN list is several ranges: no single order.
		{`SELECT TOP (3) id FROM dbo.o WHERE cust IN (1, 3) ORDER BY id DESC`, 0},
	} {
		got, reads := p.readsAndRows(tc.q, "o|d|n|s", false)
		tw := twin.Replace(tc.q)
		want, twinReads := p.readsAndRows(tw, "o|d|n|s", false)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: rows %q, want %q (%s)", tc.q, got, want, tw)
		}
		if tc.maxReads > 0 && reads > tc.maxReads {
			t.Errorf("%s: %d logical reads, want at most %d (without an index %d)", tc.q, reads, tc.maxReads, twinReads)
		}
		if len(want) == 0 {
			t.Errorf("%s: no rows; the data does not exercise it", tw)
		}
	}
}
