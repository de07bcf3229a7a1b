package exec_test

import "testing"

// BenchmarkPushdown measures a filter through a view, a derived table and a
// UNION ALL view on pushdownSetup's 10,000 orders (pushdown.go), SELECT and
// a join under SET ANSI_NULLS OFF (ansinulls_seek.go), and the price of
// compiling a view twice where the filter goes in but finds no index (a
// 3-row heap). cpu-ns/op is process CPU per batch. A/B against the previous
// tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench Pushdown -count 5 -benchtime 200x
func BenchmarkPushdown(b *testing.B) {
	setup := append([]string{"CREATE DATABASE pdb", "USE pdb"}, pushdownSetup...)
	setup = append(setup,
		"CREATE TABLE dbo.tiny (id int NOT NULL, v int NULL)",
		"INSERT dbo.tiny VALUES (1, 10), (2, 20), (3, 30)",
		"CREATE VIEW dbo.vTiny AS SELECT id, v FROM dbo.tiny")
	s := benchSession(b, "pdb", setup...)
	benchQueries(b, s, []benchQuery{
		{"view", "EXEC sp_executesql N'SELECT Amount FROM dbo.vOrders WHERE OrderID = @id', N'@id int', @id = 4321", 1},
		{"derived", "SELECT d.Amount FROM (SELECT OrderID AS k, Amount FROM dbo.po) AS d WHERE d.k = 5", 1},
		{"union-all-view", "DECLARE @id int = 6001; SELECT Amount FROM dbo.vUnion WHERE OrderID = @id", 1},
		{"ansi-off-select", "SET ANSI_NULLS OFF; DECLARE @id int = 77; SELECT Amount FROM dbo.po WHERE OrderID = @id; SET ANSI_NULLS ON", 1},
		{"ansi-off-join", "SET ANSI_NULLS OFF; DECLARE @id int = 2500; SELECT c.Name, o.Amount FROM dbo.po AS o JOIN dbo.pc AS c ON c.CustID = o.CustID WHERE o.OrderID = @id; SET ANSI_NULLS ON", 1},
		{"tiny-heap-view", "SELECT v FROM dbo.vTiny WHERE id = 2", 1},
	})
}
