package exec_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkForXML measures the CPU and allocations per input row of FOR
// XML over a 1,000-row temp table, in process (no TDS): the string
// concatenation idiom of DBA scripts (FOR XML PATH with an empty row name, with and without
// TYPE + value('.')), a PATH row with an attribute and a nested element,
// RAW, EXPLICIT (a two-level universal table: each row and its name as a
// subelement, 2,000 universal rows for the 1,000 input rows) and OPENXML
// shredding a 1,000-element document back into rows (attribute-centric).
// It reports cpu-ns/row (process CPU) and allocs/row.
//
//	go test ./engine/exec -run '^$' -bench ForXML -benchtime 200x
func BenchmarkForXML(b *testing.B) {
	s := benchSession(b, "fxb")
	ctx := context.Background()
	var sb strings.Builder
	sb.WriteString("CREATE TABLE #n (id int PRIMARY KEY, name nvarchar(40));")
	for i := 1; i <= 1000; i += 100 {
		sb.WriteString("INSERT #n VALUES ")
		for j := i; j < i+100; j++ {
			if j > i {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "(%d, N'name & number %d')", j, j)
		}
		sb.WriteString(";")
	}
	// The session's first document gets handle 1.
	sb.WriteString("DECLARE @h int, @d nvarchar(max) = (SELECT id, name FROM #n FOR XML RAW('i'), ROOT('r')); EXEC sp_xml_preparedocument @h OUTPUT, @d;")
	if err := s.ExecBatch(ctx, sb.String(), &countOutput{}); err != nil {
		b.Fatal(err)
	}
	queries := []struct {
		name, sql string
		rows      int64
	}{
		{"path-concat", `SELECT STUFF((SELECT N',' + name FROM #n ORDER BY id FOR XML PATH('')), 1, 1, N'') AS s`, 1},
		{"path-concat-type", `SELECT STUFF((SELECT N',' + name FROM #n ORDER BY id FOR XML PATH(''), TYPE).value(N'.[1]', N'nvarchar(max)'), 1, 1, N'') AS s`, 1},
		{"path-row", `SELECT id AS [@id], name AS [n/v], id AS [n/w] FROM #n FOR XML PATH('r'), ROOT('x')`, 1},
		{"raw", `SELECT id, name FROM #n FOR XML RAW`, 1},
		{"explicit", `SELECT 1 AS Tag, NULL AS Parent, id AS [n!1!id], NULL AS [v!2] FROM #n
			UNION ALL SELECT 2, 1, id, name FROM #n ORDER BY [n!1!id], Tag FOR XML EXPLICIT`, 1},
		// The same universal table without FOR XML: what EXPLICIT adds.
		{"explicit-table-only", `SELECT 1 AS Tag, NULL AS Parent, id AS [n!1!id], NULL AS [v!2] FROM #n
			UNION ALL SELECT 2, 1, id, name FROM #n ORDER BY [n!1!id], Tag`, 2000},
		{"openxml", `SELECT id, name FROM OPENXML(1, '/r/i', 1) WITH (id int, name nvarchar(40))`, 1000},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			b.ResetTimer()
			cpu0 := cpuTime()
			for range b.N {
				out := &countOutput{}
				if err := s.ExecBatch(ctx, q.sql, out); err != nil {
					b.Fatal(err)
				}
				if out.rows != q.rows {
					b.Fatalf("%d rows, want %d", out.rows, q.rows)
				}
			}
			b.StopTimer()
			cpu := cpuTime() - cpu0
			runtime.ReadMemStats(&ms1)
			n := float64(b.N) * 1000
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/row")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/row")
		})
	}
}
