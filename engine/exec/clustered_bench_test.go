package exec_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkClusteredInsert measures what a non-unique clustered index
// costs per inserted row and per key seek (issue #5), in process, beside
// the two shapes it is compared with: a heap with a nonclustered index on
// the key (how CREATE CLUSTERED INDEX was kept before), and a unique
// clustered key (k, id). Each op inserts 1,000 rows in one transaction
// into an emptied table, k taking 10 values (100 duplicates each: every
// insert of the non-unique clustered index finds its uniquifier), then
// reads the 100 rows of one k; cpu-ns/row is process CPU per inserted row.
//
//	go test ./engine/exec -run '^$' -bench ClusteredInsert -count 5
func BenchmarkClusteredInsert(b *testing.B) {
	s := benchSession(b, "cxb",
		"CREATE DATABASE cxb", "USE cxb",
		"CREATE TABLE dbo.heap_nc (id int NOT NULL, k int NOT NULL, pad varchar(20) NOT NULL, INDEX ix_k (k))",
		"CREATE TABLE dbo.cx (id int NOT NULL, k int NOT NULL, pad varchar(20) NOT NULL, INDEX cx_k CLUSTERED (k))",
		"CREATE TABLE dbo.pk (id int NOT NULL, k int NOT NULL, pad varchar(20) NOT NULL, PRIMARY KEY CLUSTERED (k, id))",
	)
	ctx := context.Background()
	const rows = 1000
	for _, table := range []string{"heap_nc", "cx", "pk"} {
		b.Run(table, func(b *testing.B) {
			insert := fmt.Sprintf("SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < %d BEGIN INSERT dbo.%s VALUES (@i, @i %% 10, 'row') SET @i += 1 END COMMIT", rows, table)
			seek := fmt.Sprintf("SELECT id FROM dbo.%s WHERE k = 5", table)
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			cpu := cpuTime() - cpuTime()
			for range b.N {
				b.StopTimer()
				if err := s.ExecBatch(ctx, "TRUNCATE TABLE dbo."+table, &countOutput{}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				cpu0 := cpuTime()
				if err := s.ExecBatch(ctx, insert, &countOutput{}); err != nil {
					b.Fatal(err)
				}
				out := &countOutput{}
				if err := s.ExecBatch(ctx, seek, out); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
				if out.rows != rows/10 {
					b.Fatalf("%s: %d rows, want %d", seek, out.rows, rows/10)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			n := float64(b.N) * rows
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/row")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/row")
		})
	}
}
