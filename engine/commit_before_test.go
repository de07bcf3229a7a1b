package engine

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCommitBeforeImages: the before images a commit logs are right whether
// Commit read them itself or took the ones the executor read under its X
// locks (exec/beforehint.go). The oracle is the log itself: every Update and
// Delete carries, as its before image, the value the last earlier record of
// that key left (its After), and an Insert comes only where no row was. The
// cases cover one-row autocommit writes, a key written twice in one
// transaction, more keys than the hints keep, a failed duplicate insert, and
// DELETE then INSERT of one key, plus a concurrent session writing other keys.
func TestCommitBeforeImages(t *testing.T) {
	for _, tc := range []struct {
		name string
		sql  []string // batches, in order
	}{
		{name: "autocommit insert, update, delete", sql: []string{
			"INSERT t VALUES (10, 'a')",
			"UPDATE t SET v = 'b' WHERE k = 10",
			"UPDATE t SET v = v + 'c' WHERE k = 10",
			"DELETE t WHERE k = 10",
			"INSERT t VALUES (10, 'again')",
		}},
		{name: "insert then update in one transaction", sql: []string{
			"BEGIN TRAN INSERT t VALUES (20, 'x') UPDATE t SET v = 'y' WHERE k = 20 COMMIT",
		}},
		{name: "update twice in one transaction", sql: []string{
			"BEGIN TRAN UPDATE t SET v = 'p' WHERE k = 1 UPDATE t SET v = 'q' WHERE k = 1 COMMIT",
		}},
		{name: "more keys than hints", sql: []string{
			"BEGIN TRAN UPDATE t SET v = 'm' WHERE k BETWEEN 1 AND 7 INSERT t VALUES (30,'n'),(31,'n'),(32,'n'),(33,'n'),(34,'n'),(35,'n') COMMIT",
			"UPDATE t SET v = 'all' WHERE k < 100",
		}},
		{name: "duplicate insert fails, then update", sql: []string{
			"BEGIN TRAN BEGIN TRY INSERT t VALUES (2, 'dup') END TRY BEGIN CATCH END CATCH UPDATE t SET v = 'after dup' WHERE k = 2 COMMIT",
		}},
		{name: "delete then insert one key", sql: []string{
			"BEGIN TRAN DELETE t WHERE k = 3 INSERT t VALUES (3, 'reborn') COMMIT",
		}},
		{name: "rolled back statement then commit", sql: []string{
			"BEGIN TRAN UPDATE t SET v = 'kept' WHERE k = 4 SAVE TRAN s UPDATE t SET v = 'undone' WHERE k = 5 ROLLBACK TRAN s UPDATE t SET v = 'five' WHERE k = 5 COMMIT",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst, s := openTestDatabase(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(20)); INSERT t VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e'),(6,'f'),(7,'g')")
			other, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			for i, q := range tc.sql {
				mustExec(t, s, q)
				mustExec(t, other, fmt.Sprintf("INSERT t VALUES (%d, 'other')", 1000+i))
			}
			checkBeforeImages(t, inst.Database("d"))
		})
	}
}

// checkBeforeImages replays the whole log of db and fails on a row record
// whose before image is not what the earlier records left for its key.
func checkBeforeImages(t *testing.T, db *Database) {
	t.Helper()
	type state struct {
		val   []byte
		found bool
	}
	rows := map[string]state{}
	id := func(obj uint32, key []byte) string { return fmt.Sprintf("%d/%x", obj, key) }
	checked := 0
	err := db.Log().Scan(0, func(at txlog.LSN, rec txlog.Record) error {
		switch r := rec.(type) {
		case txlog.Insert:
			k := id(r.Object, r.Key)
			if st := rows[k]; st.found {
				return fmt.Errorf("%s: insert of %s over an existing row %q", at, k, st.val)
			}
			rows[k] = state{val: r.After, found: true}
			checked++
		case txlog.Update:
			k := id(r.Object, r.Key)
			if st := rows[k]; !st.found || !bytes.Equal(st.val, r.Before) {
				return fmt.Errorf("%s: update of %s has before image %q, the log left %q (found %v)", at, k, r.Before, st.val, st.found)
			}
			rows[k] = state{val: r.After, found: true}
			checked++
		case txlog.Delete:
			k := id(r.Object, r.Key)
			if st := rows[k]; !st.found || !bytes.Equal(st.val, r.Before) {
				return fmt.Errorf("%s: delete of %s has before image %q, the log left %q (found %v)", at, k, r.Before, st.val, st.found)
			}
			delete(rows, k)
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no row records in the log")
	}
}
