package exec_test

import (
	"testing"
)

// BenchmarkMergeScanned measures a MERGE that reads its whole target
// (issue #5): 10,000 target rows, 10,000 source rows. bysource has WHEN
// NOT MATCHED BY SOURCE (the seek is not taken), nonkey an ON on a column
// no index covers. Before the target was hashed on ON's equalities
// (merge_hash.go) both compared every source row with every target row.
// Each statement runs in a transaction rolled back. cpu-ns/op is process
// CPU per batch.
//
//	go test ./engine/exec -run '^$' -bench MergeScanned -benchtime 1x -count 3
func BenchmarkMergeScanned(b *testing.B) {
	s := benchSession(b, "mscan",
		"CREATE DATABASE mscan", "USE mscan",
		"CREATE TABLE dbo.t (k int PRIMARY KEY, code int NOT NULL, v int NOT NULL)",
		"INSERT dbo.t SELECT value, 20000 - value, value FROM GENERATE_SERIES(1, 10000)",
		"CREATE TABLE dbo.s (k int PRIMARY KEY, code int NOT NULL, v int NOT NULL)",
		"INSERT dbo.s SELECT value + 5000, 15000 - value, -value FROM GENERATE_SERIES(1, 10000)",
	)
	benchQueries(b, s, []benchQuery{
		{"bysource", "BEGIN TRAN; MERGE dbo.t USING dbo.s ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = s.v" +
			" WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.code, s.v) WHEN NOT MATCHED BY SOURCE THEN DELETE; SELECT @@ROWCOUNT; ROLLBACK", 1},
		{"nonkey", "BEGIN TRAN; MERGE dbo.t USING dbo.s ON t.code = s.code WHEN MATCHED THEN UPDATE SET v = s.v" +
			" WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.code, s.v); SELECT @@ROWCOUNT; ROLLBACK", 1},
	})
}
