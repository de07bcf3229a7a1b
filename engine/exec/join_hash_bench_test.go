package exec_test

import "testing"

// BenchmarkJoinHashBuildSide measures joins whose right side is not a base
// table (issue #5): 2,000 rows of dbo.hb joined to a 2,000-row table
// variable on a key of 500 values (8,000 rows), to a grouped derived
// table of 500 rows, and to a 3-row VALUES list. Before the build side
// was hashed the first two evaluated ON for all 4 and 1 million pairs.
// Each statement declares and fills its table variable. cpu-ns/op is
// process CPU per statement. A/B against the previous tree with the same
// file:
//
//	go test ./engine/exec -run '^$' -bench JoinHashBuildSide -count 1 -benchtime 5x
func BenchmarkJoinHashBuildSide(b *testing.B) {
	s := benchSession(b, "jhb", "CREATE DATABASE jhb", "USE jhb",
		"CREATE TABLE dbo.hb (id int PRIMARY KEY, k int NOT NULL)",
		"INSERT dbo.hb SELECT value, value % 500 FROM GENERATE_SERIES(1, 2000)")
	const decl = "DECLARE @t TABLE (k int NOT NULL, x int NOT NULL); INSERT @t SELECT value % 500, value FROM GENERATE_SERIES(1, 2000); "
	benchQueries(b, s, []benchQuery{
		{"tablevar", decl + "SELECT b.id, t.x FROM dbo.hb b JOIN @t t ON b.k = t.k", 8000},
		{"derived", "SELECT b.id, d.c FROM dbo.hb b JOIN (SELECT k, COUNT(*) c FROM dbo.hb GROUP BY k) d ON b.k = d.k", 2000},
		{"values3", "SELECT b.id, v.x FROM dbo.hb b JOIN (VALUES (1, 1), (2, 2), (499, 3)) v (k, x) ON b.k = v.k", 12},
	})
}
