package tests

import "testing"

// TestSerializableDMLNoConversionDeadlock: UPDATE and DELETE under
// SERIALIZABLE (or HOLDLOCK) from several sessions over the same rows —
// of a heap, which is locked whole, and of index ranges, which take
// key-range locks — queue, as on SQL Server, where the read takes U
// (RangeS-U) before the write converts it; none is a deadlock victim, and
// every change is counted.
func TestSerializableDMLNoConversionDeadlock(t *testing.T) {
	const workers, keys = 4, 2
	rounds := 60
	if testing.Short() {
		rounds = 25
	}
	const heap = "CREATE TABLE dbo.c (k int NOT NULL, n int NOT NULL); INSERT dbo.c VALUES (0, 0), (1, 0)"
	const clustered = "CREATE TABLE dbo.c (k int PRIMARY KEY, n int NOT NULL); INSERT dbo.c VALUES (0, 0), (1, 0), (5, 0)"
	const indexed = "CREATE TABLE dbo.c (id int IDENTITY PRIMARY KEY, k int NOT NULL, n int NOT NULL, INDEX ck (k)); INSERT dbo.c (k, n) VALUES (0, 0), (1, 0), (5, 0)"
	const indexedHeap = "CREATE TABLE dbo.c (k int NOT NULL, n int NOT NULL, INDEX ck (k)); INSERT dbo.c VALUES (0, 0), (1, 0), (5, 0)"
	const ser = "SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
	for _, tc := range []struct{ name, setup, batch string }{
		{"heap update", heap, ser + "UPDATE dbo.c SET n = n + 1 WHERE k = @p1; COMMIT"},
		{"heap update holdlock", heap, "SET XACT_ABORT ON; BEGIN TRAN; UPDATE dbo.c WITH (HOLDLOCK) SET n = n + 1 WHERE k = @p1; COMMIT"},
		{"heap update through its alias", heap, ser + "UPDATE x SET n = x.n + 1 FROM dbo.c AS x WHERE x.k = @p1; COMMIT"},
		{"heap delete and insert", heap, ser + "DECLARE @d TABLE (n int); DELETE dbo.c OUTPUT deleted.n INTO @d WHERE k = @p1; INSERT dbo.c SELECT @p1, n + 1 FROM @d; COMMIT"},
		{"clustered range update", clustered, ser + "UPDATE dbo.c SET n = n + 1 WHERE k >= @p1 AND k < @p1 + 1; COMMIT"},
		{"clustered scan update", clustered, ser + "UPDATE dbo.c SET n = n + 1 WHERE n >= 0 AND k = @p1 + 0 * n; COMMIT"},
		{"nonclustered range update", indexed, ser + "UPDATE dbo.c SET n = n + 1 WHERE k BETWEEN @p1 AND @p1; COMMIT"},
		{"nonclustered range delete and insert", indexed, ser + "DECLARE @d TABLE (n int); DELETE dbo.c OUTPUT deleted.n INTO @d WHERE k = @p1; INSERT dbo.c (k, n) SELECT @p1, n + 1 FROM @d; COMMIT"},
		{"heap nonclustered update", indexedHeap, ser + "UPDATE dbo.c SET n = n + 1 WHERE k = @p1; COMMIT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := workersDB(t, workers+1, tc.setup)
			victims := victimsOfWorkers(t, db, workers, rounds, keys, tc.batch)
			var total int
			if err := db.QueryRow("SELECT SUM(n) FROM dbo.c WHERE k < 2").Scan(&total); err != nil {
				t.Fatal(err)
			}
			if victims != 0 || total != workers*rounds {
				t.Errorf("%d deadlock victims, SUM(n) = %d; want none and %d", victims, total, workers*rounds)
			}
		})
	}
}
