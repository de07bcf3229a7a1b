package exec_test

import "testing"

// BenchmarkJoinApply measures the joins of this change on pushdownSetup's
// 10,000 orders and a 20,000-row customer table: a view joined by a column
// for one order (join_apply.go: a seek per left row instead of the view
// read whole and hashed), 500 customers LEFT JOIN their orders through a
// nonclustered index (join_seek_or_hash.go: a scan hashed instead of 500
// seeks and 10,000 lookups), and a hash join whose right table's key the
// WHERE fixes (hashjoin.go buildPath: one read instead of 1,024 point
// reads and a scan). cpu-ns/op is process CPU per batch. A/B against the
// previous tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench JoinApply -count 5 -benchtime 50x
func BenchmarkJoinApply(b *testing.B) {
	setup := append([]string{"CREATE DATABASE jab", "USE jab"}, pushdownSetup...)
	setup = append(setup,
		`CREATE TABLE dbo.cust (id int PRIMARY KEY, name varchar(20) NOT NULL, region int NOT NULL)`,
		`INSERT dbo.cust SELECT value, 'c' + CAST(value AS varchar(10)), value % 10 FROM GENERATE_SERIES(0, 19999)`,
		`CREATE VIEW dbo.vCust AS SELECT id, name FROM dbo.cust`,
		`CREATE TABLE dbo.ord (id int PRIMARY KEY, cust int NOT NULL, amt int NOT NULL)`,
		`INSERT dbo.ord SELECT value, CASE WHEN value % 4 = 0 THEN value % 1000 + 1 ELSE 7 END, value FROM GENERATE_SERIES(1, 20000)`,
		`CREATE INDEX ix_ord_cust ON dbo.ord (cust)`)
	s := benchSession(b, "jab", setup...)
	benchQueries(b, s, []benchQuery{
		{"view-by-column", "EXEC sp_executesql N'SELECT o.OrderID, v.name FROM dbo.po o JOIN dbo.vCust v ON v.id = o.CustID WHERE o.OrderID = @id', N'@id int', @id = 4321", 1},
		{"left-join-index", "SELECT COUNT(*), SUM(o.Amount) FROM dbo.pc c LEFT JOIN dbo.po o ON o.CustID = c.CustID AND o.Amount > 95", 1},
		{"hash-build-seek", "SELECT COUNT(*) FROM dbo.ord o JOIN dbo.pc c ON c.CustID = o.cust WHERE c.CustID = 7", 1},
	})
}
