//go:build stagetrace

package mirroring

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Cycle trace: where a paced SAFETY FULL principal's flush cycle goes, in a
// real server process (session 31). BenchmarkStageTrace follows one commit in
// process; the 16-session shortfall is in the cycle — a flush, the mirror's
// harden and ack, the committers' round trip to their clients and back —
// which only a server under a real TDS load shows. Built with -tags
// stagetrace and run with MIRRORSQL_CYCLETRACE=1, each process prints every
// 5 s the p25/p50/p75 of the spans between the stage marks of each
// cycle (from one flush gate's entry to the next) on the principal, and of
// each received frame on the mirror, to stderr.

var cycleOn = txlog.CycleTraceOn()

var cyc struct {
	mu     sync.Mutex
	last   [numStages]int64
	spans  txlog.CycleSpans
	missed int
}

// cycleSpans are the principal's spans of one cycle, from the later stage's
// last mark back to the earlier one's, when both were reached in the cycle.
var cycleSpans = []struct {
	name     string
	from, to stage
}{
	{"gate: ack wait", stGateStart, stGateAcked},
	{"gate: gather wait", stGateAcked, stGateGathered},
	{"gathered → frame sent", stGateGathered, stSent},
	{"frame sent → local durable", stSent, stDurable},
	{"frame sent → ack received", stSent, stAckRecv},
	{"ack received → released", stAckRecv, stRelease},
	{"local durable → released", stDurable, stRelease},
}

func init() { txlog.EveryCycleTrace(cyclePrint) }

func cycleAdd(name string, ns int64) { cyc.spans.Add(name, ns) }

func cycleMark(s stage, t int64) {
	cyc.mu.Lock()
	defer cyc.mu.Unlock()
	last := &cyc.last
	switch s {
	case stGateStart:
		if g := last[stGateStart]; g != 0 {
			for _, sp := range cycleSpans {
				if last[sp.from] >= g && last[sp.to] >= last[sp.from] {
					cycleAdd(sp.name, last[sp.to]-last[sp.from])
				}
			}
			if last[stRelease] >= g {
				cycleAdd("released → next gate", t-last[stRelease])
			}
			if last[stGateMissed] >= g {
				cyc.missed++
			}
			cycleAdd("cycle (gate to gate)", t-g)
		}
	case stAckSent:
		if r := last[stMirrorRecv]; r != 0 {
			cycleAdd("mirror: frame received → ack sent", t-r)
			if a := last[stAppendStart]; a >= r {
				cycleAdd("mirror: received → append start", a-r)
			}
			if a, d := last[stAppendStart], last[stAppendDone]; a >= r && d >= a {
				cycleAdd("mirror: append (write + fdatasync)", d-a)
			}
		}
	case stMirrorRecv:
		if a := last[stAckSent]; a != 0 {
			cycleAdd("mirror: ack sent → next frame received", t-a)
		}
	}
	last[s] = t
}

func cyclePrint() {
	cyc.mu.Lock()
	defer cyc.mu.Unlock()
	if cyc.spans.Empty() {
		return
	}
	fmt.Fprintf(os.Stderr, "cycletrace: %s: %d gather misses\n", time.Now().Format("15:04:05.000"), cyc.missed)
	cyc.spans.Print("cycletrace")
	cyc.missed = 0
}
