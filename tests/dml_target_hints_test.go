package tests

import (
	"errors"
	"fmt"
	"math/rand"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// TestDMLTargetLocksShown: the locks an UPDATE, DELETE, INSERT or MERGE
// holds on its target under its table hints, as sys.dm_tran_locks shows
// them on SQL Server (the locking guide's "Key-range locking"; INSERT and
// DELETE, "Locking behavior").
//
//   - An UPDATE or DELETE reads its target in update mode: under HOLDLOCK a
//     missing key is locked by the gap it would go in, RangeS-U on the next
//     key or on the end of the index ("Singleton fetch of nonexistent
//     value"), and the key past a range it read is RangeS-U too. It took S
//     on the missing key itself, and RangeS-S past a range. A row it
//     changes is RangeX-X (TestSerializableWriteLocksShown).
//   - TABLOCK or TABLOCKX on the target of an INSERT, UPDATE, DELETE or
//     MERGE is an exclusive table lock ("Specifying the TABLOCK hint on a
//     table that is the target of an INSERT statement has the same effect
//     as specifying the TABLOCKX hint"; "Using the TABLOCK hint causes the
//     delete operation to take an exclusive lock on the table"). INSERT
//     ignored both; UPDATE, DELETE and MERGE took IX under TABLOCK.
//   - ROWLOCK and PAGLOCK are accepted and change nothing here.
func TestDMLTargetLocksShown(t *testing.T) {
	a, b := lockTestConns(t) // dbo.t (k int PRIMARY KEY, v int NOT NULL): (1,10) (2,20) (3,30)
	keys := sessionLocks(t, a, b, `SELECT request_mode + CASE resource_description WHEN '(ffffffffffff)' THEN ' end' ELSE '' END
FROM sys.dm_tran_locks WHERE request_session_id = @p1 AND resource_type = 'KEY'`)
	const ser = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"update holdlock of a missing key", "BEGIN TRAN; UPDATE dbo.t WITH (HOLDLOCK) SET v = 0 WHERE k = 5", []string{"RangeS-U end"}},
		{"update holdlock of a missing key before the last", "BEGIN TRAN; UPDATE dbo.t WITH (HOLDLOCK) SET v = 0 WHERE k = 0", []string{"RangeS-U"}},
		{"update holdlock of an existing key", "BEGIN TRAN; UPDATE dbo.t WITH (HOLDLOCK) SET v = 0 WHERE k = 2", []string{"RangeX-X"}},
		{"delete holdlock of a missing key", "BEGIN TRAN; DELETE dbo.t WITH (HOLDLOCK) WHERE k = 0", []string{"RangeS-U"}},
		{"serializable update of a missing key", ser + "UPDATE dbo.t SET v = 0 WHERE k = 7", []string{"RangeS-U end"}},
		{"update holdlock of a range", "BEGIN TRAN; UPDATE dbo.t WITH (HOLDLOCK) SET v = 0 WHERE k >= 1 AND k < 3", []string{"RangeS-U", "RangeX-X", "RangeX-X"}},
		{"update updlock, serializable of a missing key", "BEGIN TRAN; UPDATE dbo.t WITH (UPDLOCK, SERIALIZABLE) SET v = 0 WHERE k = 0", []string{"RangeS-U"}},
	} {
		checkLocksHeld(t, a, tc.name, tc.batch, keys, tc.want)
	}
	table := sessionLocks(t, a, b, `SELECT request_mode FROM sys.dm_tran_locks
WHERE request_session_id = @p1 AND resource_type = 'OBJECT' AND resource_associated_entity_id = OBJECT_ID('dbo.t')`)
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"insert tablock", "BEGIN TRAN; INSERT dbo.t WITH (TABLOCK) VALUES (7, 70)", []string{"X"}},
		{"insert tablockx", "BEGIN TRAN; INSERT INTO dbo.t WITH (TABLOCKX) (k, v) VALUES (7, 70)", []string{"X"}},
		{"insert select tablock", "BEGIN TRAN; INSERT dbo.t WITH (TABLOCK) SELECT k + 10, v FROM dbo.t", []string{"X"}},
		{"update tablock", "BEGIN TRAN; UPDATE dbo.t WITH (TABLOCK) SET v = 0 WHERE k = 2", []string{"X"}},
		{"update tablockx", "BEGIN TRAN; UPDATE dbo.t WITH (TABLOCKX) SET v = 0 WHERE k = 2", []string{"X"}},
		{"delete tablock", "BEGIN TRAN; DELETE dbo.t WITH (TABLOCK) WHERE k = 2", []string{"X"}},
		{"delete through its FROM alias, tablock", "BEGIN TRAN; DELETE x FROM dbo.t AS x WITH (TABLOCK) WHERE x.k = 2", []string{"X"}},
		{"update through its FROM alias, tablockx", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (TABLOCKX) WHERE x.k = 2", []string{"X"}},
		{"merge tablock", "BEGIN TRAN; MERGE dbo.t WITH (TABLOCK) USING (VALUES (2, 9)) AS s(k, v) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = s.v;", []string{"X"}},
		{"update rowlock", "BEGIN TRAN; UPDATE dbo.t WITH (ROWLOCK) SET v = 0 WHERE k = 2", []string{"IX"}},
		{"update paglock", "BEGIN TRAN; UPDATE dbo.t WITH (PAGLOCK) SET v = 0 WHERE k = 2", []string{"IX"}},
		{"delete rowlock", "BEGIN TRAN; DELETE dbo.t WITH (ROWLOCK) WHERE k = 2", []string{"IX"}},
	} {
		checkLocksHeld(t, a, tc.name, tc.batch, table, tc.want)
	}
}

// TestTablockInsertKeepsWritersOut: while a transaction's INSERT WITH
// (TABLOCK) is open, another session's INSERT into the table waits
// (LOCK_TIMEOUT: 1222), as behind SQL Server's exclusive table lock; it
// went ahead before.
func TestTablockInsertKeepsWritersOut(t *testing.T) {
	a, b := lockTestConns(t)
	connExec(t, a, "BEGIN TRAN; INSERT dbo.t WITH (TABLOCK) VALUES (7, 70)")
	err := connErr(b, "SET LOCK_TIMEOUT 200; INSERT dbo.t VALUES (8, 80)")
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 1222 {
		t.Errorf("an INSERT beside an open INSERT WITH (TABLOCK): %v, want 1222", err)
	}
	connExec(t, a, "ROLLBACK")
}

// TestUpdateHoldlockUpsertConcurrent: the UPDATE-then-INSERT upsert under
// HOLDLOCK — BEGIN TRAN; UPDATE … WITH (HOLDLOCK) … WHERE k = @k; IF
// @@ROWCOUNT = 0 INSERT …; COMMIT — from 8 sessions over 20 keys. On SQL
// Server the UPDATE of a missing key takes RangeS-U on the next key, so a
// second session's UPDATE of it waits there and then finds the row the
// first inserted: no deadlock, no 2627, every increment counted. Here both
// took S on the missing key and deadlocked at their INSERTs (1205).
func TestUpdateHoldlockUpsertConcurrent(t *testing.T) {
	const workers, keys = 8, 20
	each := 150
	if testing.Short() {
		each = 40
	}
	db := workersDB(t, workers+1, "CREATE TABLE dbo.c (k int PRIMARY KEY, n int NOT NULL)")
	const upsert = `SET XACT_ABORT ON; BEGIN TRAN;
UPDATE dbo.c WITH (HOLDLOCK) SET n = n + 1 WHERE k = @p1;
IF @@ROWCOUNT = 0 INSERT dbo.c (k, n) VALUES (@p1, 1);
COMMIT`
	deadlocks := make([]int, workers)
	runWorkers(t, workers, func(w int) error {
		rnd := rand.New(rand.NewSource(int64(w)))
		for range each {
			k := rnd.Intn(keys)
			if _, err := db.Exec(upsert, k); err != nil {
				var me mssql.Error
				if errors.As(err, &me) && me.Number == 1205 {
					deadlocks[w]++
					continue
				}
				return fmt.Errorf("upsert of %d: %w", k, err)
			}
		}
		return nil
	})
	var victims int
	for _, d := range deadlocks {
		victims += d
	}
	var rows, total int
	if err := db.QueryRow("SELECT COUNT(*), ISNULL(SUM(n), 0) FROM dbo.c").Scan(&rows, &total); err != nil {
		t.Fatal(err)
	}
	if victims != 0 || total != workers*each {
		t.Errorf("%d deadlock victims, SUM(n) = %d over %d rows; want none and %d", victims, total, rows, workers*each)
	}
}
