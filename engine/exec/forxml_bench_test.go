package exec_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkForXML measures the CPU and allocations per input row of FOR
// XML over a 1,000-row temp table, in process (no TDS): the string
// concatenation idiom of DBA scripts (FOR XML PATH with an empty row name, with and without
// TYPE + value('.')), a PATH row with an attribute and a nested element,
// and RAW. It reports cpu-ns/row (process CPU) and allocs/row.
//
//	go test ./engine/exec -run '^$' -bench ForXML -benchtime 200x
func BenchmarkForXML(b *testing.B) {
	dir := b.TempDir()
	inst, err := engine.Open(engine.Config{DataDir: dir, ServerName: "fxb", SAPassword: "Test!Passw0rd", Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.Close()
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
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
	if err := s.ExecBatch(ctx, sb.String(), &countOutput{}); err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, sql string }{
		{"path-concat", `SELECT STUFF((SELECT N',' + name FROM #n ORDER BY id FOR XML PATH('')), 1, 1, N'') AS s`},
		{"path-concat-type", `SELECT STUFF((SELECT N',' + name FROM #n ORDER BY id FOR XML PATH(''), TYPE).value(N'.[1]', N'nvarchar(max)'), 1, 1, N'') AS s`},
		{"path-row", `SELECT id AS [@id], name AS [n/v], id AS [n/w] FROM #n FOR XML PATH('r'), ROOT('x')`},
		{"raw", `SELECT id, name FROM #n FOR XML RAW`},
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
				if out.rows != 1 {
					b.Fatalf("%d rows, want 1", out.rows)
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
