package exec_test

import "testing"

// BenchmarkSeekTippingPoint measures the statistics' seek-or-scan choice
// (seektip.go) on 100,000 rows: dbo.tip with ix_cat on cat = id % 100 and
// ten rare values. nonselective and in3 read half and 3 % of the table (a
// scan past the tipping point, a lookup per row before it); margin reads
// 1 % (1,000 lookups against about 600 pages: just past it); selective
// reads ten rows (a seek either way). cpu-ns/op is process CPU per
// statement. A/B against the previous tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench SeekTippingPoint -count 1 -benchtime 20x
func BenchmarkSeekTippingPoint(b *testing.B) {
	s := benchSession(b, "tipb", "CREATE DATABASE tipb", "USE tipb",
		"CREATE TABLE dbo.tip (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL)",
		"CREATE INDEX ix_cat ON dbo.tip (cat)",
		"INSERT dbo.tip SELECT value, CASE WHEN value > 99990 THEN value - 98990 ELSE value % 100 END, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 100000)")
	benchQueries(b, s, []benchQuery{
		{"nonselective", "SELECT * FROM dbo.tip WHERE cat > 50", 49001},
		{"in3", "SELECT id, pad FROM dbo.tip WHERE cat IN (3, 4, 5)", 3000},
		{"margin", "SELECT id, pad FROM dbo.tip WHERE cat = 7", 1000},
		{"selective", "SELECT * FROM dbo.tip WHERE cat > 1000", 10},
	})
}
