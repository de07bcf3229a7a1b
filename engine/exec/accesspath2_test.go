package exec_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// accessProbe is the table of the access-path tests (issue #5): big(id
// int PRIMARY KEY, cat int, name varchar(50), amt money, d date) with
// indexes on cat and name, random rows with NULLs and duplicates, and grp
// varchar(10) of ten values in both cases, indexed: a string key its
// entries cannot give back, so a read filtering on it looks its rows up.
func accessProbe(t *testing.T, n int) *planProbe {
	p := newPlanProbe(t, "access2")
	p.run(`CREATE TABLE dbo.big (id int PRIMARY KEY, cat int NULL, name varchar(50) NULL, amt money NULL, d date NULL, grp varchar(10) NULL);
		CREATE INDEX ix_cat ON dbo.big (cat); CREATE INDEX ix_name ON dbo.big (name); CREATE INDEX ix_grp ON dbo.big (grp);
		CREATE INDEX ix_dc ON dbo.big (d DESC, cat) INCLUDE (amt);
		CREATE TABLE dbo.small (k int PRIMARY KEY)`)
	rng := rand.New(rand.NewSource(28))
	names := []string{"name", "NAME", "Name", "náme", "nam", "name_", "name%", "na[me"}
	p.insertRows("dbo.big", n, func(i int) string {
		cat := "NULL"
		if rng.Intn(10) > 0 {
			cat = fmt.Sprint(rng.Intn(100))
		}
		name := "NULL"
		if rng.Intn(12) > 0 {
			name = fmt.Sprintf("'%s%d'", names[rng.Intn(len(names))], rng.Intn(n))
		}
		d := "NULL"
		if rng.Intn(7) > 0 {
			d = fmt.Sprintf("DATEADD(day, %d, '2020-01-01')", rng.Intn(500))
		}
		grp := fmt.Sprintf("'%c%d'", "gG"[rng.Intn(2)], rng.Intn(10))
		return fmt.Sprintf("(%d, %s, %s, %d.25, %s, %s)", i*13%(n+7), cat, name, rng.Intn(1000), d, grp)
	})
	p.run(`INSERT dbo.small VALUES (3), (7), (42), (99), (100)`)
	return p
}

// accessCase is a query, the twin no index serves (its rows are the
// query's), and the most logical reads of big the query may take.
type accessCase struct {
	q, twin  string
	maxReads int
	sorted   bool
}

func runAccessCases(t *testing.T, p *planProbe, cases []accessCase) {
	t.Helper()
	for _, tc := range cases {
		got, reads := p.readsAndRows(tc.q, "big", tc.sorted)
		want, twinReads := p.readsAndRows(tc.twin, "big", tc.sorted)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %q, want %q (%s)", tc.q, got, want, tc.twin)
		}
		t.Logf("%s: %d logical reads (twin %d)", tc.q, reads, twinReads)
		if reads > tc.maxReads {
			t.Errorf("%s: %d logical reads, want at most %d (twin %d)", tc.q, reads, tc.maxReads, twinReads)
		}
	}
}

// TestCoveringRead: a query whose columns of big are all in a
// nonclustered index's entry (its keys and the clustered key) reads the
// index alone — no lookup per row, each a logical read.
func TestCoveringRead(t *testing.T) {
	p := accessProbe(t, 6000)
	runAccessCases(t, p, []accessCase{
		{q: `SELECT COUNT(*) FROM dbo.big WHERE cat = 7`, twin: `SELECT COUNT(*) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		{q: `SELECT COUNT(*) FROM dbo.big WHERE cat BETWEEN 3 AND 4`, twin: `SELECT COUNT(*) FROM dbo.big WHERE cat + 0 BETWEEN 3 AND 4`, maxReads: 3},
		{q: `SELECT COUNT(*), MIN(id), MAX(id), SUM(cat) FROM dbo.big WHERE cat IN (5, 9, NULL)`, twin: `SELECT COUNT(*), MIN(id), MAX(id), SUM(cat) FROM dbo.big WHERE cat + 0 IN (5, 9, NULL)`, maxReads: 6},
		{q: `SELECT id, cat FROM dbo.big WHERE cat = 11 ORDER BY id`, twin: `SELECT id, cat FROM dbo.big WHERE cat + 0 = 11 ORDER BY id`, maxReads: 3},
		{q: `SELECT d, cat, id FROM dbo.big WHERE d = '2020-03-01'`, twin: `SELECT d, cat, id FROM dbo.big WHERE DATEADD(day, 0, d) = '2020-03-01'`, maxReads: 3, sorted: true},
		{q: `SELECT COUNT(*) FROM dbo.big WHERE d = '2020-05-01' AND cat > 50`, twin: `SELECT COUNT(*) FROM dbo.big WHERE DATEADD(day, 0, d) = '2020-05-01' AND cat + 0 > 50`, maxReads: 3},
		{q: `SELECT COUNT(*) FROM dbo.big WITH (NOLOCK) WHERE cat = 7`, twin: `SELECT COUNT(*) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		{q: `SELECT COUNT(*) FROM dbo.big WITH (SERIALIZABLE) WHERE cat = 7`, twin: `SELECT COUNT(*) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		// Not covered: name (a string) and amt (an INCLUDE column) need the row.
		{q: `SELECT COUNT(name) FROM dbo.big WHERE cat = 8`, twin: `SELECT COUNT(name) FROM dbo.big WHERE cat + 0 = 8`, maxReads: 1000},
		{q: `SELECT SUM(amt) FROM dbo.big WHERE d = '2020-03-02'`, twin: `SELECT SUM(amt) FROM dbo.big WHERE DATEADD(day, 0, d) = '2020-03-02'`, maxReads: 1000},
	})
}

// TestCoveringReadOwnWrites: a covering read inside a transaction sees its
// own uncommitted inserts, deletes and key updates, as the row store does.
func TestCoveringReadOwnWrites(t *testing.T) {
	p := accessProbe(t, 2000)
	p.run(`BEGIN TRAN; INSERT dbo.big VALUES (-1, 7, 'x', 1, NULL, 'g1'), (-2, 7, NULL, NULL, '2020-03-01', NULL);
		DELETE dbo.big WHERE id IN (SELECT TOP 3 id FROM dbo.big WHERE cat + 0 = 7 ORDER BY id);
		UPDATE dbo.big SET cat = 7 WHERE id IN (SELECT TOP 2 id FROM dbo.big WHERE cat + 0 = 8 ORDER BY id)`)
	runAccessCases(t, p, []accessCase{
		{q: `SELECT COUNT(*) FROM dbo.big WHERE cat = 7`, twin: `SELECT COUNT(*) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		{q: `SELECT id FROM dbo.big WHERE cat = 7 ORDER BY id`, twin: `SELECT id FROM dbo.big WHERE cat + 0 = 7 ORDER BY id`, maxReads: 3},
		{q: `SELECT id FROM dbo.big WITH (REPEATABLEREAD) WHERE cat = 8 ORDER BY id`, twin: `SELECT id FROM dbo.big WHERE cat + 0 = 8 ORDER BY id`, maxReads: 1000},
	})
	p.run(`ROLLBACK`)
}
