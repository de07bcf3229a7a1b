package exec_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestMergeSeek: a MERGE whose ON equates an index key of the target with
// source columns seeks the target per source row — SET STATISTICS IO's
// logical reads of big drop from the scan's — and changes the rows, in the
// OUTPUT it returns, that the same MERGE changes when it cannot seek (its
// ON written t.id + 0). Every statement runs in a transaction rolled back,
// so each shape starts from the same table.
func TestMergeSeek(t *testing.T) {
	p := newPlanProbe(t, "mergeseek")
	p.run(`CREATE TABLE dbo.big (id int PRIMARY KEY, cat int NULL, name varchar(50) NULL, amt money NULL)`)
	p.run(`CREATE INDEX ix_cat ON dbo.big (cat)`)
	p.run(`CREATE TABLE dbo.named (id int PRIMARY KEY, cat int NULL, name varchar(50) NULL UNIQUE, amt money NULL)`)
	p.run(`CREATE TABLE dbo.small (k int PRIMARY KEY, big_id int NULL)`)
	p.run(`CREATE TABLE #src (id int NULL, a money NULL)`)
	val := intOrNull(rand.New(rand.NewSource(5)))
	p.insertRows("dbo.named", 5000, func(i int) string { return fmt.Sprintf("(%d, NULL, 'u%d', 0)", i, i) })
	p.insertRows("dbo.big", 20000, func(i int) string { return fmt.Sprintf("(%d, %s, 'n%d', %d.25)", i, val(1000), i%13, i%100) })
	p.run(`INSERT dbo.small VALUES (1, 17), (2, 19999), (3, 40000), (4, NULL)`)
	p.run(`INSERT #src VALUES (3, 1.5), (NULL, 2), (25000, 3), (12, 4)`)
	const vars = `DECLARE @v TABLE (id int PRIMARY KEY, a money); INSERT @v VALUES (8, 80), (9, 90), (30000, 1); `
	for _, tc := range []struct {
		q    string
		scan bool // the seek is not allowed: rows only
	}{
		{q: `MERGE dbo.big AS t USING dbo.small AS s ON t.id = s.big_id
			WHEN MATCHED THEN UPDATE SET amt = t.amt + 1 OUTPUT $action, inserted.id, deleted.amt, inserted.amt;`},
		{q: `MERGE dbo.big AS t USING (VALUES (5, 1.0), (20001, 2.0)) AS s(id, a) ON t.id = s.id
			WHEN MATCHED THEN UPDATE SET amt = s.a
			WHEN NOT MATCHED THEN INSERT (id, cat, name, amt) VALUES (s.id, 1, 'x', s.a)
			OUTPUT $action, inserted.*, deleted.*;`},
		{q: `MERGE INTO dbo.big WITH (HOLDLOCK) AS t USING (SELECT 42 AS id) AS s ON t.id = s.id
			WHEN MATCHED AND t.amt > 1000 THEN DELETE
			WHEN MATCHED THEN UPDATE SET name = 'upd'
			WHEN NOT MATCHED BY TARGET THEN INSERT (id) VALUES (s.id) OUTPUT $action, inserted.name, deleted.name;`},
		{q: vars + `MERGE dbo.big AS t USING @v AS s ON s.id = t.id
			WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, amt) VALUES (s.id, s.a) OUTPUT $action, deleted.id, inserted.id;`},
		{q: `MERGE dbo.big AS t USING #src AS s ON t.id = s.id AND s.a < 4
			WHEN MATCHED THEN UPDATE SET amt = s.a WHEN NOT MATCHED THEN INSERT (id, amt) VALUES (s.id, s.a) OUTPUT $action, inserted.id, inserted.amt;`},
		{q: `MERGE dbo.big AS t USING (SELECT big_id FROM dbo.small WHERE k < 3) AS d ON t.id = d.big_id
			WHEN MATCHED THEN UPDATE SET cat = -1 OUTPUT $action, inserted.id, inserted.cat;`},
		// A nonunique nonclustered index would look up every row of
		// category 3: it scans. A unique one seeks.
		{q: `MERGE dbo.big AS t USING (VALUES (3), (NULL)) AS s(c) ON t.cat = s.c
			WHEN MATCHED THEN UPDATE SET name = 'cat3' OUTPUT $action, inserted.id, inserted.name;`, scan: true},
		{q: `MERGE dbo.named AS t USING (VALUES ('u7', 6), ('u3003', 7), ('zz', 8)) AS s(nm, c) ON t.name = s.nm
			WHEN MATCHED THEN UPDATE SET cat = s.c WHEN NOT MATCHED THEN INSERT (id, name) VALUES (30000 + s.c, s.nm)
			OUTPUT $action, inserted.id, inserted.name, inserted.cat;`},
		{q: `WITH s AS (SELECT k * 100 AS id FROM dbo.small) MERGE dbo.big AS t USING s ON t.id = s.id
			WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) WHEN MATCHED THEN UPDATE SET amt = 0 OUTPUT $action, inserted.id;`},
		// WHEN NOT MATCHED BY SOURCE needs every target row: it scans.
		{q: `MERGE dbo.big AS t USING (VALUES (5)) AS s(id) ON t.id = s.id
			WHEN MATCHED THEN UPDATE SET amt = 1 WHEN NOT MATCHED BY SOURCE AND t.id > 19990 THEN DELETE OUTPUT $action, deleted.id;`, scan: true},
	} {
		twin := strings.NewReplacer("t.id = ", "t.id + 0 = ", "s.id = t.id", "s.id = t.id + 0", "t.cat = ", "t.cat + 0 = ", "t.name = ", "t.name + '' = ").Replace(tc.q)
		wrap := func(q string) string { return "BEGIN TRAN; " + q + " SELECT @@ROWCOUNT AS n; ROLLBACK" }
		got, seekReads := p.readsAndRows(wrap(tc.q), "big|named", true)
		want, scanReads := p.readsAndRows(wrap(twin), "big|named", true)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: rows %q, want the rows of its twin %q", tc.q, got, want)
		}
		t.Logf("%s: %d rows, %d logical reads (scan %d)", tc.q, len(got), seekReads, scanReads)
		if len(want) < 2 {
			t.Errorf("%s: %q: the data does not exercise it", twin, want)
		}
		if !tc.scan && seekReads*3 > scanReads {
			t.Errorf("%s: %d logical reads of big, the scan %d: the target was not sought", tc.q, seekReads, scanReads)
		}
	}
	// A target row matched by two source rows is 8672, sought or not.
	for _, q := range []string{
		`MERGE dbo.big AS t USING (VALUES (7), (7)) AS s(id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET amt = 0;`,
		`MERGE dbo.big AS t USING (VALUES (7), (8), (7.0)) AS s(id) ON t.id = s.id WHEN MATCHED THEN DELETE;`,
	} {
		if got := p.traced(q); !strings.Contains(got, "8672") {
			t.Errorf("%s: %s, want 8672", q, got)
		}
	}
	if got := p.rowsText(`SELECT COUNT(*), SUM(amt) FROM dbo.big`); got != "20000|995000.00" {
		t.Errorf("after the rolled-back MERGEs: %s", got)
	}
}

// TestMergeSeekHoldlock: the HOLDLOCK upsert's seek of a missing key locks
// that key until the transaction ends, in update mode — a concurrent INSERT
// of the key, and a second HOLDLOCK upsert of it, wait (LOCK_TIMEOUT 0:
// 1222) — while under READ COMMITTED without hints it locks nothing it
// does not write. The scan MERGE read the target without any lock.
func TestMergeSeekHoldlock(t *testing.T) {
	a := newPlanProbe(t, "mergeseeklock")
	b := &planProbe{t: t, ctx: a.ctx, s: newSASession(t, a.inst)}
	a.run(`CREATE TABLE dbo.t (k int PRIMARY KEY, v int NULL)`)
	a.run(`INSERT dbo.t VALUES (1, 10), (5, 50), (20, 200)`)
	b.run(`SET LOCK_TIMEOUT 0`)
	upsert := func(k int) string {
		return fmt.Sprintf(`MERGE dbo.t WITH (HOLDLOCK) AS d USING (SELECT %d AS k) AS s ON d.k = s.k
			WHEN MATCHED THEN UPDATE SET v = d.v + 1 WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, 0);`, k)
	}
	for _, tc := range []struct{ held, other, want string }{
		// The missing key 7, between 5 and 20, matched by nothing: no write.
		{`MERGE dbo.t WITH (HOLDLOCK) AS d USING (SELECT 7 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = 1;`,
			`INSERT dbo.t VALUES (7, 70)`, "1222"},
		// Update mode: another update lock waits, a shared one does not.
		{`MERGE dbo.t WITH (HOLDLOCK) AS d USING (SELECT 7 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = 1;`,
			`BEGIN TRAN; SELECT k FROM dbo.t WITH (UPDLOCK, HOLDLOCK) WHERE k = 7; COMMIT`, "1222"},
		{`MERGE dbo.t WITH (HOLDLOCK) AS d USING (SELECT 7 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = 1;`,
			`BEGIN TRAN; SELECT k FROM dbo.t WITH (HOLDLOCK) WHERE k = 7; COMMIT`, ""},
		{`MERGE dbo.t AS d WITH (SERIALIZABLE) USING (SELECT 8 AS k) AS s ON d.k = s.k WHEN MATCHED THEN DELETE;`,
			upsert(8), "1222"},
		{`SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; MERGE dbo.t AS d USING (VALUES (9), (5)) AS s(k) ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = d.v; SET TRANSACTION ISOLATION LEVEL READ COMMITTED;`,
			upsert(9), "1222"},
		// READ COMMITTED: nothing is held on the missing key.
		{`MERGE dbo.t AS d USING (SELECT 11 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = 1;`,
			`INSERT dbo.t VALUES (11, 110); DELETE dbo.t WHERE k = 11`, ""},
	} {
		a.run("BEGIN TRAN; " + tc.held)
		got := b.traced(tc.other)
		a.run("ROLLBACK")
		if tc.want == "" && strings.Contains(got, "1222") || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("beside %s: %s: %q, want %q", tc.held, tc.other, got, tc.want)
		}
		if again := b.traced(tc.other); strings.Contains(again, "1222") {
			t.Errorf("after the ROLLBACK: %s: %q", tc.other, again)
		}
		b.run(`DELETE dbo.t WHERE k NOT IN (1, 5, 20)`)
	}
	// The upsert itself: the second one updates the row the first inserted.
	a.run(upsert(30))
	a.run(upsert(30))
	if got := a.rowsText(`SELECT k, v FROM dbo.t ORDER BY k`); got != "1|10,5|50,20|200,30|1" {
		t.Errorf("after two upserts of 30: %s", got)
	}
}
