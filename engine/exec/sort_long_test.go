package exec

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// genIter produces n rows shaped like tests/bench's ORDER BY input (id int,
// val int in 0..999, pad varchar), freshly allocated like a scan's copies.
type genIter struct{ i, n int }

func (g *genIter) Next() (Row, error) {
	if g.i >= g.n {
		return nil, io.EOF
	}
	id := g.i
	g.i++
	return Row{types.NewInt(int32(id)), types.NewInt(int32((id/1000*7919 + id%1000*31) % 1000)), types.NewVarChar("row" + strconv.Itoa(id%7))}, nil
}

func (g *genIter) Close() {}

// memPeak samples, every 5 ms until stop, the live heap as the last garbage
// collection marked it (runtime/metrics /gc/heap/live:bytes: what the sort
// keeps, without the garbage the collector has not reclaimed yet), the heap
// in use (HeapAlloc, which includes that garbage) and the process's RSS.
type memPeak struct {
	live, alloc, rss uint64
	stop, done       chan struct{}
	once             sync.Once
}

func startMemPeak() *memPeak {
	p := &memPeak{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			p.live = max(p.live, s[0].Value.Uint64())
			p.alloc = max(p.alloc, s[1].Value.Uint64())
			p.rss = max(p.rss, readRSS())
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *memPeak) end() { p.once.Do(func() { close(p.stop); <-p.done }) }

// readRSS is the process's resident set (VmRSS) in bytes, 0 where /proc is
// missing.
func readRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestExternalSortMemoryBounded sorts 1M, 2M and 10M generated rows with the
// default budget (ORDER BY val DESC, pad, id, as tests/bench's ORDER BY) and
// reports the peak live heap, heap in use and RSS above what the process held
// before. It requires the order and count to be right and the peak live heap
// to stay within 4× sortMemoryBudget whatever the row count — the sort holds
// one run in memory plus a read buffer per spilled run. Long: it runs only
// with MIRRORSQL_LONG=1 (10M rows take a few minutes and ~1 GB of temp
// space). Figures: docs/benchmarks-tsql.md.
func TestExternalSortMemoryBounded(t *testing.T) {
	if os.Getenv("MIRRORSQL_LONG") != "1" {
		t.Skip("long test: set MIRRORSQL_LONG=1")
	}
	keys := []sortKey{{col: 1, desc: true}, {col: 2, coll: types.DefaultCollation}, {col: 0}}
	for _, n := range []int{1_000_000, 2_000_000, 10_000_000} {
		t.Run(fmt.Sprintf("rows=%d", n), func(t *testing.T) {
			runtime.GC()
			runtime.GC()
			s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			metrics.Read(s)
			base, baseRSS := s[0].Value.Uint64(), readRSS()
			p := startMemPeak()
			defer p.end()
			start := time.Now()
			it, total, err := externalSort(&genIter{n: n}, keys, sortMemoryBudget)
			if err != nil {
				t.Fatal(err)
			}
			runs := 0
			if m, ok := it.(*mergeIter); ok {
				runs = len(m.sp.runs) + 1
			}
			var prev Row
			got := 0
			for {
				r, err := it.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if prev != nil {
					if c, err := compareRows(prev, r, keys); err != nil || c > 0 {
						t.Fatalf("row %d out of order: %v after %v (%v)", got, r, prev, err)
					}
				}
				prev = r
				got++
			}
			it.Close()
			p.end()
			if got != n || total != int64(n) {
				t.Fatalf("%d rows read, %d counted, want %d", got, total, n)
			}
			mib := func(b uint64) float64 { return float64(b) / (1 << 20) }
			t.Logf("rows %d: %.1f s, %d runs; peak above base: live heap %.1f MiB, heap in use %.1f MiB, RSS %.1f MiB (base live %.1f MiB, RSS %.1f MiB)",
				n, time.Since(start).Seconds(), runs, mib(p.live-min(base, p.live)), mib(p.alloc-min(base, p.alloc)), mib(p.rss-min(baseRSS, p.rss)), mib(base), mib(baseRSS))
			if limit := 4 * uint64(sortMemoryBudget); p.live > base+limit {
				t.Errorf("peak live heap %.1f MiB above base, want at most %.1f MiB", mib(p.live-base), mib(limit))
			}
		})
	}
}
