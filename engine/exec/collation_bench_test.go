package exec_test

import "testing"

// BenchmarkStringFuncCollation prices a built-in string function per row
// in a database of the server's collation (ci) and in a case-sensitive one
// (cs), where the call evaluates under its argument's collation and copies
// the statement's funcs.Context for it on every row (call.go, ownColl):
// 10,000 rows, UPPER in the WHERE clause. allocs/op ÷ 10,000 is the
// allocations per row.
//
//	go test ./engine/exec -run '^$' -bench StringFuncCollation -benchmem -count 5
func BenchmarkStringFuncCollation(b *testing.B) {
	for _, db := range []struct{ name, create string }{
		{"ci", "CREATE DATABASE sfc_ci"},
		{"cs", "CREATE DATABASE sfc_cs COLLATE Latin1_General_CS_AS"},
	} {
		b.Run(db.name, func(b *testing.B) {
			s := benchSession(b, "sfc_"+db.name,
				db.create, "USE sfc_"+db.name,
				"CREATE TABLE dbo.t (id int NOT NULL, s varchar(20) NOT NULL)",
				"INSERT dbo.t SELECT value, CONCAT('v', value) FROM GENERATE_SERIES(1, 10000)",
			)
			benchQueries(b, s, []benchQuery{
				{"upper", "SELECT COUNT(*) FROM dbo.t WHERE UPPER(s) = 'V77'", 1},
			})
		})
	}
}
