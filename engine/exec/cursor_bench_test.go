package exec_test

import (
	"context"
	"testing"
)

// BenchmarkCursorLoop measures a T-SQL cursor loop over 10,000 rows (issue
// #5), one loop per op: fast_forward fetches a FAST_FORWARD cursor (a copy
// of the rows), default the forward-only default cursor (DYNAMIC: each
// FETCH reads its row by key), keyset a KEYSET cursor, and keyset_update
// a KEYSET cursor that changes every row with UPDATE … WHERE CURRENT OF,
// fast_forward_update_by_key the same change by primary key (each UPDATE
// commits on its own in both).
// cpu-ns/op is process CPU per loop.
//
//	go test ./engine/exec -run '^$' -bench CursorLoop -count 5
func BenchmarkCursorLoop(b *testing.B) {
	s := benchSession(b, "curb",
		"CREATE DATABASE curb", "USE curb",
		"CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NOT NULL)",
		"INSERT dbo.t SELECT value, value FROM GENERATE_SERIES(1, 10000)",
	)
	ctx := context.Background()
	loop := func(options, body string) string {
		return `SET NOCOUNT ON
DECLARE @id int, @v int, @n int = 0
DECLARE c CURSOR LOCAL ` + options + ` FOR SELECT id, v FROM dbo.t
OPEN c
FETCH NEXT FROM c INTO @id, @v
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @n += 1
    ` + body + `
    FETCH NEXT FROM c INTO @id, @v
END
CLOSE c
DEALLOCATE c
SELECT @n`
	}
	for _, c := range []struct{ name, sql string }{
		{"fast_forward", loop("FAST_FORWARD", "")},
		{"default", loop("", "")},
		{"keyset", loop("KEYSET", "")},
		{"keyset_update", loop("KEYSET", "UPDATE dbo.t SET v = v + 1 WHERE CURRENT OF c")},
		{"fast_forward_update_by_key", loop("FAST_FORWARD", "UPDATE dbo.t SET v = v + 1 WHERE id = @id")},
	} {
		b.Run(c.name, func(b *testing.B) {
			if err := s.ExecBatch(ctx, c.sql, &countOutput{}); err != nil {
				b.Skipf("not supported here: %v", err)
			}
			var cpu int64
			b.ResetTimer()
			for range b.N {
				cpu0 := cpuTime()
				out := &countOutput{}
				if err := s.ExecBatch(ctx, c.sql, out); err != nil {
					b.Fatal(err)
				}
				cpu += int64(cpuTime() - cpu0)
				if out.rows != 1 {
					b.Fatalf("%d rows, want 1", out.rows)
				}
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
