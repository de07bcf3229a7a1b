package exec_test

import (
	"context"
	"strings"
	"testing"
)

// joinSmallSetup makes dbo.big (20,000 rows: a clustered key id, a unique
// nonclustered a), dbo.bigc (a clustered key (g, n), 100 rows per g), a
// 10-row dbo.small, an audit table an AFTER UPDATE, DELETE trigger on big
// counts into, and the session's #s.
func joinSmallSetup(p *planProbe) {
	p.run(`CREATE TABLE dbo.big (id int PRIMARY KEY, a int NOT NULL, grp int NOT NULL, v int NULL)`)
	p.run(`CREATE UNIQUE INDEX big_a ON dbo.big (a)`)
	p.run(`INSERT dbo.big SELECT value, value * 2, value % 50, value % 7 FROM GENERATE_SERIES(1, 20000)`)
	p.run(`CREATE TABLE dbo.bigc (g int NOT NULL, n int NOT NULL, w int NOT NULL, PRIMARY KEY (g, n))`)
	p.run(`INSERT dbo.bigc SELECT value / 100, value % 100, value FROM GENERATE_SERIES(0, 19999)`)
	p.run(`CREATE TABLE dbo.small (id int PRIMARY KEY, x int NOT NULL)`)
	p.run(`INSERT dbo.small SELECT value * 7, value FROM GENERATE_SERIES(1, 10)`)
	p.run(`CREATE TABLE dbo.audit (op varchar(6) NOT NULL, n int NOT NULL)`)
	p.run(`CREATE TRIGGER big_audit ON dbo.big AFTER UPDATE, DELETE AS
		INSERT dbo.audit SELECT CASE WHEN EXISTS (SELECT * FROM inserted) THEN 'update' ELSE 'delete' END, COUNT(*) FROM deleted`)
	p.run(`CREATE TABLE #s (id int PRIMARY KEY, x int NOT NULL); INSERT #s SELECT value * 9, value FROM GENERATE_SERIES(1, 8)`)
}

// joinSmallDecl declares the batch's table variables: @s with a duplicate
// id (an UPDATE changes its row once), a NULL and ids big lacks; @g three
// groups of bigc; @many 100 ids (more than always drive); @o for OUTPUT … INTO
// (a table with triggers has no OUTPUT without INTO: 334).
const joinSmallDecl = `DECLARE @s TABLE (id int NULL, x int NOT NULL);
INSERT @s VALUES (7, 1), (14, 2), (14, 3), (700, 4), (19999, 5), (NULL, 6), (40000, 7);
DECLARE @g TABLE (g int NOT NULL); INSERT @g VALUES (3), (77), (150);
DECLARE @many TABLE (id int NOT NULL); INSERT @many SELECT value * 7 FROM GENERATE_SERIES(1, 100);
DECLARE @o TABLE (id int NOT NULL, a int NULL, b int NULL);
`

// TestJoinSmallRight: UPDATE and DELETE … FROM big t JOIN <small> ON t.key
// = s.col, with the small side a table variable, a #temp table, a table, a
// derived table, VALUES, a CTE, or joined in WHERE (a comma FROM, or the
// target outside FROM), read the small side and seek big per row — SET
// STATISTICS IO's logical reads of big drop from its 58 pages to a few —
// and change the rows, report the @@ROWCOUNT, OUTPUT rows and trigger
// rows that the same statement does when no index serves the ON (written
// t.id + 0). A duplicate match updates its row once. A side of more rows
// than drive keeps the written plan, with the same results.
func TestJoinSmallRight(t *testing.T) {
	p := newPlanProbe(t, "joinsmall")
	joinSmallSetup(p)
	twin := strings.NewReplacer("t.id = ", "t.id + 0 = ", "= t.id", "= t.id + 0", "t.a = ", "t.a + 0 = ", "big.id = ", "big.id + 0 = ", "c.g = ", "c.g + 0 = ")
	const tail = `; SELECT @@ROWCOUNT; SELECT * FROM @o; SELECT op, n FROM dbo.audit`
	for _, tc := range []struct {
		q        string
		maxReads int // of big (or bigc); 0: the rows only
	}{
		{`UPDATE t SET v = v + 10 OUTPUT inserted.id, deleted.v, inserted.v INTO @o FROM dbo.big t JOIN @s s ON t.id = s.id`, 12},
		{`UPDATE t SET v = s.x OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big AS t INNER JOIN #s AS s ON s.id = t.id`, 12},
		{`UPDATE t SET v = s.x OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big t JOIN dbo.small s ON t.id = s.id`, 12},
		{`UPDATE t SET v = d.x OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big t JOIN (SELECT id, x FROM @s WHERE x < 6) d ON t.id = d.id`, 12},
		{`UPDATE t SET v = s.x OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big t JOIN (VALUES (5, 50), (6, 60), (99999, 1)) s (id, x) ON t.id = s.id`, 12},
		{`WITH c AS (SELECT id, x FROM #s WHERE x > 2) UPDATE t SET v = c.x OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big t JOIN c ON t.id = c.id`, 12},
		{`UPDATE t SET v = v + 1 OUTPUT inserted.id, inserted.v INTO @o (id, a) FROM dbo.big t, @s s WHERE t.id = s.id`, 12},
		{`UPDATE big SET v = -1 OUTPUT inserted.id INTO @o (id) FROM @s s WHERE big.id = s.id AND s.x > 1`, 12},
		{`UPDATE t SET v = 0 OUTPUT inserted.id INTO @o (id) FROM dbo.big t JOIN @s s ON t.id = s.id WHERE t.v <> 3`, 12},
		{`DELETE t OUTPUT deleted.id, deleted.v INTO @o (id, a) FROM dbo.big t JOIN @s s ON t.id = s.id`, 12},
		{`DELETE t OUTPUT deleted.id INTO @o (id) FROM dbo.big t JOIN #s s ON t.a = s.id`, 24},
		{`DELETE dbo.big OUTPUT deleted.id INTO @o (id) FROM dbo.big, (VALUES (10), (20), (30)) AS s (id) WHERE dbo.big.id = s.id`, 12},
		// The big table on the right already sought per row of the small one.
		{`UPDATE t SET v = s.x OUTPUT inserted.id INTO @o (id) FROM @s s JOIN dbo.big t ON t.id = s.id`, 12},
		{`SELECT t.id, t.a, s.x FROM dbo.big t JOIN @s s ON t.id = s.id`, 12},
		// A clustered key's first column: a range per small row.
		{`UPDATE c SET w = -c.w OUTPUT inserted.g, inserted.n, inserted.w INTO @o FROM dbo.bigc c JOIN @g g ON c.g = g.g`, 12},
		// More rows than always drive: 100 drive a table of 20,000 rows,
		// not one of 10 (as written).
		{`UPDATE t SET v = 1 OUTPUT inserted.id INTO @o (id) FROM dbo.big t JOIN @many m ON t.id = m.id`, 120},
		{`UPDATE t SET x = -1 OUTPUT inserted.id INTO @o (id) FROM dbo.small t JOIN @many m ON t.id = m.id`, 0},
	} {
		q := "BEGIN TRAN; " + joinSmallDecl + tc.q + tail + "; ROLLBACK"
		tw := "BEGIN TRAN; " + joinSmallDecl + twin.Replace(tc.q) + tail + "; ROLLBACK"
		if tw == q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, reads := p.readsAndRows(q, "big|bigc", true)
		want, twinReads := p.readsAndRows(tw, "big|bigc", true)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: rows\n%s\nwant (ON unseekable)\n%s", tc.q, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		t.Logf("%s: %d logical reads (unseekable %d)", tc.q, reads, twinReads)
		if tc.maxReads > 0 && reads > tc.maxReads {
			t.Errorf("%s: %d logical reads of the big table, want at most %d (unseekable %d): the small side did not drive", tc.q, reads, tc.maxReads, twinReads)
		}
		if len(want) < 3 {
			t.Errorf("%s: %d rows; the data does not exercise it", tc.q, len(want))
		}
	}
}

// TestJoinSmallRightLocks: the UPDATE … FROM big JOIN @s that seeks big
// holds X locks on its four targets and nothing else of big under READ
// COMMITTED, as the scan did; under REPEATABLE READ its locks are on the
// rows it sought (none on the missing 40000: SQL Server has no row to lock
// there), not on every row of big, so another session updates a row the
// join did not touch (the scan held it: 1222) and still waits for one it
// did.
func TestJoinSmallRightLocks(t *testing.T) {
	a := newPlanProbe(t, "joinsmalllock")
	joinSmallSetup(a)
	b := &planProbe{t: t, ctx: a.ctx, s: newSASession(t, a.inst)}
	b.run(`SET LOCK_TIMEOUT 0`)
	const upd = `UPDATE t SET v = s.x FROM dbo.big t JOIN @s s ON t.id = s.id`
	keyLocks := `SELECT request_mode, COUNT(*) FROM sys.dm_tran_locks WHERE request_session_id = @@SPID AND resource_type = 'KEY'
		AND resource_database_id = DB_ID() AND resource_associated_entity_id IN (SELECT hobt_id FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.big'))
		GROUP BY request_mode ORDER BY request_mode`
	for _, tc := range []struct {
		iso, locks string
	}{
		{"READ COMMITTED", "X|4"},
		{"REPEATABLE READ", "X|4"},
	} {
		held := a.rowsText("SET TRANSACTION ISOLATION LEVEL " + tc.iso + "; BEGIN TRAN; " + joinSmallDecl + upd + "; " + keyLocks)
		untouched := b.traced(`UPDATE dbo.big SET v = 99 WHERE id = 8`)
		target := b.traced(`UPDATE dbo.big SET v = 99 WHERE id = 14`)
		a.run("ROLLBACK; SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
		if held != tc.locks {
			t.Errorf("%s: key locks of big held %q, want %q", tc.iso, held, tc.locks)
		}
		if strings.Contains(untouched, "1222") {
			t.Errorf("%s: updating a row the join did not touch: %q", tc.iso, untouched)
		}
		if !strings.Contains(target, "1222") {
			t.Errorf("%s: updating a target: %q, want 1222", tc.iso, target)
		}
		b.run(`UPDATE dbo.big SET v = 8 % 7 WHERE id = 8; UPDATE dbo.big SET v = 14 % 7 WHERE id = 14; DELETE dbo.audit`)
	}
}

// BenchmarkJoinSmallRight: UPDATE of 10 rows of a 100,000-row table joined
// to a table variable, the big table first; before the small side drove,
// every run read (and S-checked) all 100,000 rows.
func BenchmarkJoinSmallRight(b *testing.B) {
	ctx := context.Background()
	s := newSASession(b, openExecTestInstance(b, "joinsmallbench"))
	run := func(q string) {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	run(`CREATE TABLE dbo.big (id int PRIMARY KEY, v int NOT NULL)`)
	run(`INSERT dbo.big SELECT value, 0 FROM GENERATE_SERIES(1, 100000)`)
	for _, bc := range []struct{ name, q string }{
		{"update_tablevar", `UPDATE t SET v = t.v + s.x FROM dbo.big t JOIN @s s ON t.id = s.id`},
		{"delete_values", `BEGIN TRAN; DELETE t FROM dbo.big t JOIN (VALUES (5), (500), (5000)) s (id) ON t.id = s.id; ROLLBACK`},
	} {
		q := `DECLARE @s TABLE (id int PRIMARY KEY, x int); INSERT @s SELECT value * 9973 % 100000 + 1, 1 FROM GENERATE_SERIES(1, 10); ` + bc.q
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				run(q)
			}
		})
	}
}
