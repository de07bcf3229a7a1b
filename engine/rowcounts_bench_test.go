package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// BenchmarkSysPartitionsRows is the DBA's instant row count — SELECT
// SUM(rows) FROM sys.partitions WHERE object_id = OBJECT_ID('big') AND
// index_id < 2 — on a 1,000,000-row table with a nonclustered index.
// "figures" answers from the counts the commits keep (engine/rowcounts.go);
// "walk" forgets them before each query, so every query walks every entry
// of the table's indexes: what each such query cost before (the store kept
// no counts and sys.partitions walked every index of the database).
func BenchmarkSysPartitionsRows(b *testing.B) {
	const rows = 1_000_000
	inst := openTestInstance(b, b.TempDir())
	b.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(b, inst, "master")
	run := func(sql string) string {
		b.Helper()
		out := &collect{}
		if err := s.ExecBatch(context.Background(), sql, out); err != nil || len(out.errs) > 0 {
			b.Fatalf("%s: %v %v", sql, err, out.errs)
		}
		if len(out.rows) == 0 {
			return ""
		}
		return out.rows[0]
	}
	run("CREATE DATABASE bench")
	run("USE bench; CREATE TABLE big (id int NOT NULL PRIMARY KEY, v int NOT NULL, pad varchar(20) NOT NULL); CREATE INDEX iv ON big (v)")
	// The entries are written to the store directly (1,000,000 INSERTs take
	// minutes on a loaded machine): sys.partitions counts entries, and
	// these have the sizes of the table's (a 5-byte key, a ~20-byte row;
	// the index's key and row key), which is what a walk reads.
	db := inst.Database("bench")
	tab := db.Catalog().Table("dbo", "big")
	for lo := 0; lo < rows; lo += 50_000 {
		var batch storage.Batch
		for id := lo; id < lo+50_000; id++ {
			k := []byte{0x80, byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}
			batch.Put(tab.RowStore().StoreID, k, []byte("row-value-of-20-byte"))
			batch.Put(tab.Indexes[1].StoreID, append([]byte{0x80, 0, 0, byte(id >> 12), byte(id)}, k...), k)
		}
		if err := db.store.Apply(&batch, db.store.AppliedLSN()+1); err != nil {
			b.Fatal(err)
		}
	}
	q := "SELECT SUM(rows) FROM sys.partitions WHERE object_id = OBJECT_ID('big') AND index_id < 2"
	if got := run(q); got != fmt.Sprint(rows) {
		b.Fatalf("sys.partitions: %s rows, want %d", got, rows)
	}
	for _, mode := range []string{"figures", "walk"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				if mode == "walk" {
					db.ForgetRowCounts()
				}
				if got := run(q); got != fmt.Sprint(rows) {
					b.Fatalf("sys.partitions: %s rows, want %d", got, rows)
				}
			}
		})
	}
}
