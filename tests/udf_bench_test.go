package tests

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkScalarUDF measures the per-row cost of a scalar user-defined
// function: SUM(dbo.twice(v)) against the same expression written inline,
// over the same 10,000 rows, in one instance, interleaved (compare the
// ratio; absolute times on the shared machine are noise).
func BenchmarkScalarUDF(b *testing.B) {
	inst, err := engine.Open(engine.Config{DataDir: b.TempDir(), ServerName: "udfbench", SAPassword: "Bench!Passw0rd", Version: "test"})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.Close()
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.EndSession(s)
	ctx := context.Background()
	run := func(b *testing.B, q string) {
		var c eventCollector
		if err := s.ExecBatch(ctx, q, &c); err != nil {
			b.Fatal(err)
		}
		for _, l := range c.lines {
			if strings.HasPrefix(l, dirError) {
				b.Fatalf("%s: %s", q, l)
			}
		}
	}
	run(b, "CREATE DATABASE udfbench")
	run(b, "USE udfbench")
	run(b, "CREATE TABLE dbo.n (id int PRIMARY KEY, v int)")
	digits := "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"
	run(b, "INSERT dbo.n SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d, a.d FROM "+digits+" AS a(d) CROSS JOIN "+digits+" AS b(d) CROSS JOIN "+digits+" AS c(d) CROSS JOIN "+digits+" AS e(d)")
	var c eventCollector
	if err := s.ExecBatch(ctx, "SELECT COUNT(*) FROM dbo.n", &c); err != nil || len(c.lines) == 0 || !strings.Contains(strings.Join(c.lines, " "), "10000") {
		b.Fatalf("rows: %v %v", err, c.lines)
	}
	run(b, "CREATE FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x * 2 END")
	// A/B interleaved: each iteration runs both queries back to back, so
	// machine load hits both alike; the medians and their ratio are reported.
	var inline, udf []time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		run(b, "SELECT SUM(v * 2) FROM dbo.n")
		t1 := time.Now()
		run(b, "SELECT SUM(dbo.twice(v)) FROM dbo.n")
		inline, udf = append(inline, t1.Sub(t0)), append(udf, time.Since(t1))
	}
	mi, mu := median(inline), median(udf)
	b.ReportMetric(float64(mi.Nanoseconds())/10000, "inline-ns/row")
	b.ReportMetric(float64(mu.Nanoseconds())/10000, "udf-ns/row")
	b.ReportMetric(float64(mu)/float64(mi), "udf/inline")
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
