package exec_test

import "testing"

// TestOrderedIndexRead: ORDER BY a nonclustered index's order — forward or
// every column reversed, from its first key or after an equality prefix
// (then the clustered key its entries end with) — with TOP reads the
// index in that direction and stops, instead of reading every row and
// sorting; the rows are the twin's, which no index can order. Most
// shapes select amt, which no index entry holds: a lookup per row read
// shows where the read stopped (a covered range is one page however far
// it reads).
func TestOrderedIndexRead(t *testing.T) {
	p := accessProbe(t, 6000)
	runAccessCases(t, p, []accessCase{
		{q: `SELECT TOP 3 name, id FROM dbo.big ORDER BY name DESC, id DESC`, twin: `SELECT TOP 3 name, id FROM dbo.big ORDER BY name + '' DESC, id DESC`, maxReads: 6},
		{q: `SELECT TOP 3 name, id FROM dbo.big ORDER BY name, id`, twin: `SELECT TOP 3 name, id FROM dbo.big ORDER BY name + '', id`, maxReads: 6},
		{q: `SELECT TOP 4 cat, id FROM dbo.big ORDER BY cat DESC, id DESC`, twin: `SELECT TOP 4 cat, id FROM dbo.big ORDER BY cat + 0 DESC, id DESC`, maxReads: 3},
		{q: `SELECT TOP 5 id, cat FROM dbo.big WHERE cat = 3 ORDER BY id DESC`, twin: `SELECT TOP 5 id, cat FROM dbo.big WHERE cat + 0 = 3 ORDER BY id DESC`, maxReads: 3},
		{q: `SELECT TOP 5 id, grp FROM dbo.big WHERE grp = 'g2' ORDER BY id DESC`, twin: `SELECT TOP 5 id, grp FROM dbo.big WHERE grp + '' = 'g2' ORDER BY id + 0 DESC`, maxReads: 8},
		{q: `SELECT TOP 5 id, amt FROM dbo.big WHERE cat = 3 ORDER BY id DESC`, twin: `SELECT TOP 5 id, amt FROM dbo.big WHERE cat + 0 = 3 ORDER BY id DESC`, maxReads: 8},
		{q: `SELECT TOP 5 cat, id, amt FROM dbo.big WHERE cat BETWEEN 10 AND 20 ORDER BY cat DESC, id DESC`, twin: `SELECT TOP 5 cat, id, amt FROM dbo.big WHERE cat + 0 BETWEEN 10 AND 20 ORDER BY cat + 0 DESC, id DESC`, maxReads: 8},
		{q: `SELECT TOP 3 d, cat FROM dbo.big ORDER BY d, cat DESC`, twin: `SELECT TOP 3 d, cat FROM dbo.big ORDER BY DATEADD(day, 0, d), cat DESC`, maxReads: 3},
		{q: `SELECT TOP 5 id, amt FROM dbo.big WITH (SERIALIZABLE) WHERE cat = 4 ORDER BY id DESC`, twin: `SELECT TOP 5 id, amt FROM dbo.big WHERE cat + 0 = 4 ORDER BY id DESC`, maxReads: 8},
		{q: `SELECT TOP 5 id, amt FROM dbo.big WITH (NOLOCK) WHERE cat = 4 ORDER BY id DESC`, twin: `SELECT TOP 5 id, amt FROM dbo.big WHERE cat + 0 = 4 ORDER BY id DESC`, maxReads: 8},
		{q: `SELECT s.k, x.id FROM dbo.small s CROSS APPLY (SELECT TOP 2 id, amt FROM dbo.big b WHERE b.cat = s.k ORDER BY id DESC) x ORDER BY s.k, x.id`,
			twin: `SELECT s.k, x.id FROM dbo.small s CROSS APPLY (SELECT TOP 2 id, amt FROM dbo.big b WHERE b.cat + 0 = s.k ORDER BY id DESC) x ORDER BY s.k, x.id`, maxReads: 20},
	})
}

// TestMinMaxOneRow: MIN and MAX of an index's leading column (after
// equality conditions on the columns before it) read one row from the
// right end — NULLs skipped, an empty range NULL — instead of the table.
func TestMinMaxOneRow(t *testing.T) {
	p := accessProbe(t, 6000)
	p.run(`CREATE TABLE dbo.empty (id int PRIMARY KEY, cat int NULL, INDEX ix_c (cat))`)
	runAccessCases(t, p, []accessCase{
		{q: `SELECT MAX(id) FROM dbo.big`, twin: `SELECT MAX(id + 0) FROM dbo.big`, maxReads: 3},
		{q: `SELECT MIN(id) AS lo, MAX(id) AS hi FROM dbo.big`, twin: `SELECT MIN(id + 0) AS lo, MAX(id + 0) AS hi FROM dbo.big`, maxReads: 4},
		{q: `SELECT MIN(cat) FROM dbo.big`, twin: `SELECT MIN(cat + 0) FROM dbo.big`, maxReads: 3},
		{q: `SELECT MAX(cat), MIN(cat) FROM dbo.big`, twin: `SELECT MAX(cat + 0), MIN(cat + 0) FROM dbo.big`, maxReads: 4},
		{q: `SELECT MAX(d), MIN(d) FROM dbo.big`, twin: `SELECT MAX(DATEADD(day, 0, d)), MIN(DATEADD(day, 0, d)) FROM dbo.big`, maxReads: 4},
		{q: `SELECT MIN(name) FROM dbo.big`, twin: `SELECT MIN(name + '') FROM dbo.big`, maxReads: 4},
		{q: `SELECT MAX(id) FROM dbo.big WHERE cat = 7`, twin: `SELECT MAX(id + 0) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		{q: `SELECT MIN(id) FROM dbo.big WHERE cat = 7`, twin: `SELECT MIN(id + 0) FROM dbo.big WHERE cat + 0 = 7`, maxReads: 3},
		{q: `SELECT MAX(cat) FROM dbo.big WHERE d = '2020-03-01'`, twin: `SELECT MAX(cat + 0) FROM dbo.big WHERE DATEADD(day, 0, d) = '2020-03-01'`, maxReads: 3},
		{q: `SELECT MAX(id) FROM dbo.big WHERE grp = 'g3'`, twin: `SELECT MAX(id + 0) FROM dbo.big WHERE grp + '' = 'g3'`, maxReads: 3},
		{q: `SELECT MIN(id), MAX(id) FROM dbo.big WHERE grp = 'G5'`, twin: `SELECT MIN(id + 0), MAX(id + 0) FROM dbo.big WHERE grp + '' = 'G5'`, maxReads: 5},
		{q: `SELECT MAX(grp) FROM dbo.big`, twin: `SELECT MAX(grp + '') FROM dbo.big`, maxReads: 3},
		{q: `SELECT MAX(id) FROM dbo.big WHERE cat = 1000`, twin: `SELECT MAX(id + 0) FROM dbo.big WHERE cat + 0 = 1000`, maxReads: 3},
		{q: `DECLARE @m int; SELECT @m = MAX(id) FROM dbo.big WITH (NOLOCK) WHERE cat = 9; SELECT @m`, twin: `DECLARE @m int; SELECT @m = MAX(id + 0) FROM dbo.big WHERE cat + 0 = 9; SELECT @m`, maxReads: 3},
		{q: `SELECT MAX(id), MIN(cat) FROM dbo.big WITH (SERIALIZABLE)`, twin: `SELECT MAX(id + 0), MIN(cat + 0) FROM dbo.big`, maxReads: 4},
		{q: `SELECT MAX(id), MIN(cat) FROM dbo.empty`, twin: `SELECT MAX(id + 0), MIN(cat + 0) FROM dbo.empty`, maxReads: 4},
	})
}
