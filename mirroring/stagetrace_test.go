//go:build stagetrace

package mirroring

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// BenchmarkStageTrace times one SAFETY FULL commit's path stage by stage
// (stagetrace.go): a single committer on a synchronized in-process pair; for
// each stage it reports how often it was reached per commit and the p25/p50/p75
// of its offset from the commit's start. Run:
//
//	go test -tags stagetrace -run '^$' -bench BenchmarkStageTrace -benchtime 3000x ./mirroring/
//
// The committer waits as engine's Commit does: WaitCommit (parked in the
// commit parker until its block is durable here and the mirror released it),
// then the mirror wait. Endpoints at ENCRYPTION = DISABLED are what
// tests/bench measures; REQUIRED (SQL Server's default) adds TLS to both
// messages. Both managers share one process (and its two Ps), which the
// production layout does not; read the offsets as a budget, not as
// end-to-end figures.
func BenchmarkStageTrace(b *testing.B) {
	for _, enc := range []string{"DISABLED", "REQUIRED"} {
		b.Run(enc, func(b *testing.B) { stageTrace(b, newPairEncrypted(b, enc)) })
	}
}

func stageTrace(b *testing.B, pr *pair) {
	d := pr.pdb
	d.mu.Lock()
	wait := d.wait
	d.mu.Unlock()
	ctx := context.Background()
	var offs [numStages][]float64
	steps := make([][]float64, len(traceSteps))
	localLast := 0 // commits whose local flush ended after the mirror's release
	stageOn.Store(true)
	defer stageOn.Store(false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range stageT {
			stageT[j].Store(0)
		}
		id := uint64(1_000_000 + i)
		t0 := time.Now().UnixNano()
		lsn, err := d.log.Append(txlog.Begin{Txn: id},
			txlog.Insert{Txn: id, Object: 1, Key: []byte(strconv.FormatUint(id, 10)), After: bytes.Repeat([]byte{'v'}, 100)},
			txlog.Commit{Txn: id})
		if err != nil {
			b.Fatal(err)
		}
		mark(stAppended)
		if _, err := d.log.WaitCommit(lsn); err != nil {
			b.Fatal(err)
		}
		if err := wait(ctx, lsn); err != nil {
			b.Fatal(err)
		}
		mark(stWoke)
		var at [numStages]int64
		for s := stage(1); s < numStages; s++ {
			if v := stageT[s].Load(); v != 0 {
				at[s] = v
				offs[s] = append(offs[s], float64(v-t0)/1e3)
			}
		}
		if at[stDurable] > at[stRelease] {
			localLast++
		}
		for k, st := range traceSteps {
			from := max(at[st.from], at[st.or])
			if from != 0 && at[st.to] >= from && at[st.from] != 0 {
				steps[k] = append(steps[k], float64(at[st.to]-from)/1e3)
			}
		}
	}
	b.StopTimer()
	if b.N == 1 {
		return // the benchmark's probe run
	}
	for s := stage(1); s < numStages; s++ {
		o := offs[s]
		if len(o) == 0 {
			continue
		}
		sort.Float64s(o)
		fmt.Printf("%s %-28s %4.2f/commit  p25 %7.1f  p50 %7.1f  p75 %7.1f µs\n", b.Name(), stageNames[s],
			float64(len(o))/float64(b.N), o[len(o)/4], o[len(o)/2], o[len(o)*3/4])
	}
	for k, st := range traceSteps {
		o := steps[k]
		if len(o) == 0 {
			continue
		}
		sort.Float64s(o)
		fmt.Printf("%s step: %-32s %4.2f/commit  p25 %7.1f  p50 %7.1f  p75 %7.1f µs\n", b.Name(), st.name,
			float64(len(o))/float64(b.N), o[len(o)/4], o[len(o)/2], o[len(o)*3/4])
	}
	fmt.Printf("%s local flush ended after the release in %d of %d commits\n", b.Name(), localLast, b.N)
}

// traceSteps are the per-commit durations BenchmarkStageTrace reports besides
// the offsets: from the later of from and or (or may be stNone) to to, in
// the commits that reached both.
var traceSteps = []struct {
	name         string
	from, or, to stage
}{
	{"principal: frame sent → own write", stSent, stNone, stHookDone},
	{"hand-off 1: frame sent → decoded", stSent, stNone, stMirrorRecv},
	{"hand-off 1 after own write starts", stHookDone, stNone, stMirrorRecv},
	{"mirror: decoded → append start", stMirrorRecv, stNone, stAppendStart},
	{"mirror: append (write + sync)", stAppendStart, stNone, stAppendDone},
	{"mirror: append done → ack", stAppendDone, stNone, stAckSent},
	{"hand-off 2: ack → decoded", stAckSent, stNone, stAckRecv},
	{"principal: ack decoded → release", stAckRecv, stNone, stRelease},
	{"principal: release → handled", stRelease, stNone, stAckDone},
	{"hand-off 3: both done → returned", stRelease, stDurable, stWoke},
}
