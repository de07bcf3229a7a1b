package tests

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkNextValue: one autocommit SELECT NEXT VALUE FOR per op, in
// process (no TDS), on a durable database: what a sequence costs a
// statement. Reports CPU time per op besides wall time (the machine is
// shared; CPU time is the steadier figure).
func BenchmarkNextValue(b *testing.B) {
	inst, err := engine.Open(engine.Config{DataDir: b.TempDir(), ServerName: "seqb", SAPassword: "Seq!Passw0rd1", Version: "test"})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.Close()
	ctx := context.Background()
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.EndSession(s)
	for _, q := range []string{"CREATE DATABASE seqb", "USE seqb", "CREATE SEQUENCE dbo.s AS bigint START WITH 1"} {
		if err := s.ExecBatch(ctx, q, &eventCollector{}); err != nil {
			b.Fatal(err)
		}
	}
	cpu0 := cpuTime()
	for b.Loop() {
		var c eventCollector
		if err := s.ExecBatch(ctx, "SELECT NEXT VALUE FOR dbo.s AS v", &c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Microsecond)/float64(b.N), "cpu-µs/op")
}
