package exec_test

import (
	"testing"
)

// BenchmarkAccessPaths measures issue #5's everyday shapes on 100,000 rows
// (dbo.big of accessSetup): a backward TOP and OFFSET/FETCH page, IN and OR
// seeks on ix_cat and ranges on the clustered key. cpu-ns/op is process CPU
// per statement. A/B against the previous tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench AccessPaths -count 1 -benchtime 20x
func BenchmarkAccessPaths(b *testing.B) {
	s := benchSession(b, "apb", "CREATE DATABASE apb", "USE apb")
	accessSetup(b, s, 100000)
	benchQueries(b, s, []benchQuery{
		{"top_desc", "SELECT TOP 5 id FROM dbo.big ORDER BY id DESC", 5},
		{"page_desc", "SELECT id, name FROM dbo.big ORDER BY id DESC OFFSET 100 ROWS FETCH NEXT 20 ROWS ONLY", 20},
		{"in3", "SELECT id, amt FROM dbo.big WHERE cat IN (1, 2, 3)", 3000},
		{"or2", "SELECT id, amt FROM dbo.big WHERE cat = 1 OR cat = 2", 2000},
		{"or_ranges", "SELECT id FROM dbo.big WHERE id BETWEEN 100 AND 105 OR id = 40000", 7},
		{"in_keys", "SELECT id, name FROM dbo.big WHERE id IN (7, 900, 40000, 99999)", 4},
		// Covering reads, MIN/MAX from one end, nonclustered ordered reads
		// (covering.go, minmax.go, ixorder.go).
		{"count_eq", "SELECT COUNT(*) FROM dbo.big WHERE cat = 7", 1},
		{"count_range", "SELECT COUNT(*) FROM dbo.big WHERE cat BETWEEN 3 AND 4", 1},
		{"max_key", "SELECT MAX(id) FROM dbo.big", 1},
		{"min_max_nc", "SELECT MIN(cat), MAX(cat) FROM dbo.big", 1},
		{"max_after_eq", "SELECT MAX(id) FROM dbo.big WHERE cat = 7", 1},
		{"top_nc_desc", "SELECT TOP 3 name FROM dbo.big ORDER BY name DESC", 3},
		{"top_eq_desc", "SELECT TOP 2 id, amt FROM dbo.big WHERE cat = 7 ORDER BY id DESC", 2},
	})
}
