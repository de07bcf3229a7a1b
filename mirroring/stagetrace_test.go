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
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkStageTrace times one SAFETY FULL commit's path stage by stage
// (stagetrace.go): a single committer on a synchronized in-process pair; for
// each stage it reports how often it was reached per commit and the p25/p50/p75
// of its offset from the commit's start. Run:
//
//	go test -tags stagetrace -run '^$' -bench BenchmarkStageTrace -benchtime 3000x ./mirroring/
//
// Both managers share one process (and its two Ps), which the production
// layout does not; read the offsets as a budget, not as end-to-end figures.
func BenchmarkStageTrace(b *testing.B) {
	pr := newPair(b)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	d := pr.pdb
	d.mu.Lock()
	wait := d.wait
	d.mu.Unlock()
	ctx := context.Background()
	var offs [numStages][]float64
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
		if err := d.log.WaitDurable(ctx, lsn); err != nil {
			b.Fatal(err)
		}
		mark(stDurable)
		if err := wait(ctx, lsn); err != nil {
			b.Fatal(err)
		}
		mark(stWoke)
		for s := stage(1); s < numStages; s++ {
			if v := stageT[s].Load(); v != 0 {
				offs[s] = append(offs[s], float64(v-t0)/1e3)
			}
		}
	}
	b.StopTimer()
	for s := stage(1); s < numStages; s++ {
		o := offs[s]
		if len(o) == 0 {
			continue
		}
		sort.Float64s(o)
		fmt.Printf("%-28s %4.2f/commit  p25 %7.1f  p50 %7.1f  p75 %7.1f µs\n", stageNames[s],
			float64(len(o))/float64(b.N), o[len(o)/4], o[len(o)/2], o[len(o)*3/4])
	}
}
