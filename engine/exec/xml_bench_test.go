package exec_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkXMLMethods measures the CPU per xml node of the xml methods an
// application runs: shredding a 1,000-element document with nodes() and
// reading an attribute and the text of each node with value() (each value()
// on a nodes() column re-reads the node's subtree), an exist() filter, and
// the string-aggregation idiom's value('.') fast path, in process (no TDS).
// It reports cpu-ns/node (process CPU) and allocs/node.
//
//	go test ./engine/exec -run '^$' -bench XMLMethods -benchtime 20x
func BenchmarkXMLMethods(b *testing.B) {
	s := benchSession(b, "xb")
	var sb strings.Builder
	sb.WriteString("DECLARE @x xml = N'<r>")
	for i := 1; i <= 1000; i++ {
		fmt.Fprintf(&sb, `<i v="%d">item</i>`, i)
	}
	sb.WriteString("</r>';")
	doc := sb.String()
	queries := []struct {
		name, sql string
		want      int64
	}{
		{"nodes+2value", doc + ` SELECT t.c.value('@v', 'int') AS v, t.c.value('.', 'nvarchar(10)') AS s FROM @x.nodes('/r/i') AS t(c)`, 1000},
		{"nodes+exist", doc + ` SELECT t.c.value('@v', 'int') AS v FROM @x.nodes('/r/i') AS t(c) WHERE t.c.exist('.[@v > 500]') = 1`, 500},
		{"value-fast", doc + ` SELECT @x.value('.', 'nvarchar(max)') AS s`, 1},
	}
	ctx := context.Background()
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
				if out.rows != q.want {
					b.Fatalf("%d rows, want %d", out.rows, q.want)
				}
			}
			b.StopTimer()
			cpu := cpuTime() - cpu0
			runtime.ReadMemStats(&ms1)
			n := float64(b.N) * 1000
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/node")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/node")
		})
	}
}
