//go:build stagetrace

package txlog

import (
	"fmt"
	"os"
	"sort"
	"sync"
	"time"
)

// Flush-cycle trace (session 31), built only with -tags stagetrace and on
// with MIRRORSQL_CYCLETRACE=1: every cycleEvery each process prints to
// stderr the p25/p50/p75 of the spans of its log's flush cycles — from the
// first committer registering for a flush, through the flush gate and the
// gather, to the flush's end — so that a mirrored and an unmirrored
// database's cycles can be compared in a real server under a TDS load
// (mirroring/cycletrace.go traces the mirrored side's stages).

var cycleOn = os.Getenv("MIRRORSQL_CYCLETRACE") != ""

const cycleEvery = 5 * time.Second

type cycleEv int

const (
	evFirstReg cycleEv = iota // the first committer registered for the next flush
	evStart                   // flushOnce entered (before the gate)
	evGated                   // the gate returned
	evGathered                // gatherLocked returned
	evDurable                 // the flush's batch is durable
	numEv
)

// CycleSpans collects named spans and prints their quartiles: the log's
// flush-cycle trace here and mirroring's (mirroring/cycletrace.go). Its
// user serializes the calls.
type CycleSpans struct {
	spans map[string][]float64 // µs
	order []string             // names in their first span's order
}

// Add records a span of ns nanoseconds under name.
func (c *CycleSpans) Add(name string, ns int64) {
	if c.spans == nil {
		c.spans = map[string][]float64{}
	}
	if _, ok := c.spans[name]; !ok {
		c.order = append(c.order, name)
	}
	c.spans[name] = append(c.spans[name], float64(ns)/1e3)
}

// Empty reports whether no span was added since the last Print.
func (c *CycleSpans) Empty() bool { return len(c.order) == 0 }

// Print writes each name's count and p25/p50/p75 to stderr, lines starting
// with prefix, and starts over.
func (c *CycleSpans) Print(prefix string) {
	for _, name := range c.order {
		o := c.spans[name]
		sort.Float64s(o)
		fmt.Fprintf(os.Stderr, "%s: %-40s n %6d  p25 %8.1f  p50 %8.1f  p75 %8.1f µs\n",
			prefix, name, len(o), o[len(o)/4], o[len(o)/2], o[len(o)*3/4])
	}
	c.spans, c.order = nil, nil
}

// EveryCycleTrace calls print every cycleEvery when the trace is on
// (MIRRORSQL_CYCLETRACE set).
func EveryCycleTrace(print func()) {
	if !cycleOn {
		return
	}
	go func() {
		for range time.Tick(cycleEvery) {
			print()
		}
	}()
}

// CycleTraceOn reports whether MIRRORSQL_CYCLETRACE turned the trace on.
func CycleTraceOn() bool { return cycleOn }

var lcyc struct {
	mu    sync.Mutex
	last  [numEv]int64
	spans CycleSpans
	per   []float64
}

func init() { EveryCycleTrace(lcycPrint) }

func lcycAdd(name string, ns int64) { lcyc.spans.Add(name, ns) }

func traceCycle(ev cycleEv) {
	if !cycleOn {
		return
	}
	t := time.Now().UnixNano()
	lcyc.mu.Lock()
	defer lcyc.mu.Unlock()
	last := &lcyc.last
	switch ev {
	case evFirstReg:
		if d := last[evDurable]; d != 0 && d > last[evFirstReg] {
			lcycAdd("log: durable → first registered", t-d)
		}
	case evDurable:
		s := last[evStart]
		if s == 0 {
			break
		}
		if f := last[evFirstReg]; f != 0 && f <= s {
			lcycAdd("log: first registered → flush start", s-f)
		}
		lcycAdd("log: flush start → gate done", last[evGated]-s)
		lcycAdd("log: gate done → gathered", last[evGathered]-last[evGated])
		lcycAdd("log: gathered → durable", t-last[evGathered])
		if p := last[evDurable]; p != 0 {
			lcycAdd("log: cycle (durable to durable)", t-p)
		}
	}
	last[ev] = t
}

func traceServed(n int) {
	if !cycleOn {
		return
	}
	lcyc.mu.Lock()
	lcyc.per = append(lcyc.per, float64(n))
	lcyc.mu.Unlock()
}

func lcycPrint() {
	lcyc.mu.Lock()
	defer lcyc.mu.Unlock()
	if lcyc.spans.Empty() {
		return
	}
	fmt.Fprintf(os.Stderr, "logcycle: %s\n", time.Now().Format("15:04:05.000"))
	if o := lcyc.per; len(o) > 0 {
		sort.Float64s(o)
		fmt.Fprintf(os.Stderr, "logcycle: %-40s n %6d  p25 %8.1f  p50 %8.1f  p75 %8.1f\n", "log: committers per flush", len(o), o[len(o)/4], o[len(o)/2], o[len(o)*3/4])
	}
	lcyc.spans.Print("logcycle")
	lcyc.per = nil
}
