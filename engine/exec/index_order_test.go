package exec_test

import (
	"fmt"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestIndexOrderedTop: ORDER BY the columns a nonclustered index range
// reads its rows in (the key after the equality prefix, then the clustered
// key a nonunique index's entries end with) needs no sort, so TOP stops
// after its rows — SET STATISTICS IO's logical reads of the table drop
// from every row of the range to a handful — and every shape returns the
// rows, in order, that the same query returns when no index can serve it
// (cat + 0 = 3): random data with NULLs and case-differing strings, a heap,
// a unique index, a DESC key column and a range bound. The early-stop
// shapes select u, which o_cat's entries lack: without it the index
// covers the query (covering.go) and the sorted twin reads no more.
func TestIndexOrderedTop(t *testing.T) {
	p := newPlanProbe(t, "ixorder")
	for _, ddl := range []string{
		`CREATE TABLE dbo.o (id int PRIMARY KEY, cat int NULL, name varchar(10) NULL, u int NULL)`,
		`CREATE INDEX o_cat ON dbo.o (cat)`,
		`CREATE INDEX o_name_d ON dbo.o (name, cat DESC)`,
		`CREATE UNIQUE INDEX o_u ON dbo.o (u) WHERE u IS NOT NULL`,
		`CREATE TABLE dbo.h (id int NOT NULL, cat int NULL)`,
		`CREATE INDEX h_cat ON dbo.h (cat)`,
	} {
		p.run(ddl)
	}
	rng := rand.New(rand.NewSource(27))
	names := []string{"'a'", "'A'", "'b'", "'B'", "'c'", "NULL"}
	p.insertRows("dbo.o", 6000, func(i int) string {
		cat := "NULL"
		if rng.Intn(8) > 0 {
			cat = strconv.Itoa(rng.Intn(20))
		}
		return fmt.Sprintf("(%d, %s, %s, %d)", i*7%6007, cat, names[rng.Intn(len(names))], i)
	})
	p.run(`INSERT dbo.h SELECT id, cat FROM dbo.o`)
	orderByFirst := regexp.MustCompile(`ORDER BY (\w+)`)
	query := func(q string) ([]string, int) { return p.readsAndRows(q, "o|h", false) }
	for _, tc := range []struct {
		q     string
		early bool // TOP stops early: fewer than a tenth of the twin's reads
	}{
		{`SELECT TOP 5 id, cat, u FROM dbo.o WHERE cat = 3 ORDER BY id`, true},
		{`SELECT TOP 5 id, cat, u FROM dbo.o WHERE cat = 3 ORDER BY cat, id`, true},
		{`SELECT TOP 7 id, u FROM dbo.o WHERE cat = 4 AND id < 3000 ORDER BY id`, true},
		{`SELECT id, u FROM dbo.o WHERE cat = 5 ORDER BY id OFFSET 3 ROWS FETCH NEXT 4 ROWS ONLY`, true},
		{`SELECT TOP 5 id FROM dbo.o WHERE cat = 3 ORDER BY id DESC`, false},
		{`SELECT TOP 6 cat, id FROM dbo.o WHERE cat >= 17 ORDER BY cat`, false},
		{`SELECT TOP 6 cat, id, u FROM dbo.o WHERE cat >= 17 ORDER BY cat, id`, true},
		{`SELECT TOP 5 name, cat, id FROM dbo.o WHERE name = 'a' ORDER BY cat DESC, id`, true},
		{`SELECT TOP 5 name, cat, id FROM dbo.o WHERE name = 'b' ORDER BY cat, id`, false},
		{`SELECT TOP 4 u, id FROM dbo.o WHERE u > 100 ORDER BY u`, false},
		{`SELECT TOP 5 id, cat FROM dbo.h WHERE cat = 3 ORDER BY id`, false},
		{`SELECT id, cat FROM dbo.o WHERE cat = 2 ORDER BY id`, false},
	} {
		// The same rows without the index; the same read with a sort.
		twin := strings.NewReplacer("cat = ", "cat + 0 = ", "cat >= ", "cat + 0 >= ", "name = ", "name + '' = ", "u > ", "u + 0 > ").Replace(tc.q)
		// The sorted twin reads the same index (a hint: past the tipping
		// point the statistics would scan the table instead, seektip.go).
		sorted := orderByFirst.ReplaceAllString(tc.q, "ORDER BY $1 + 0")
		if tc.early {
			ix := "o_cat"
			if strings.Contains(tc.q, "name = ") {
				ix = "o_name_d"
			}
			sorted = strings.Replace(sorted, "FROM dbo.o", "FROM dbo.o WITH (INDEX ("+ix+"))", 1)
		}
		got, reads := query(tc.q)
		want, _ := query(twin)
		_, sortReads := query(sorted)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %q, want %q (%s)", tc.q, got, want, twin)
		}
		if len(want) < 2 {
			t.Errorf("%s: %d rows; the data does not exercise it", twin, len(want))
		}
		t.Logf("%s: %d logical reads (sorted: %d)", tc.q, reads, sortReads)
		if tc.early && reads*3 > sortReads {
			t.Errorf("%s: %d logical reads against %d with a sort: TOP did not stop early", tc.q, reads, sortReads)
		}
	}
}
