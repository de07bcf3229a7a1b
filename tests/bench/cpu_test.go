package main

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestStatCPU(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       time.Duration
	}{
		{"plain", "1234 (postgres) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 1 0 100 0 0", 281 * clockTick},
		{"name with spaces and parens", "99 (my (odd) name) R 1 99 99 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 0 0", 10 * clockTick},
		{"truncated", "99 (x) R 1 99", 0},
		{"no name", "garbage", 0},
		{"not a number", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 a 3 0 0", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := statCPU([]byte(tc.line)); got != tc.want {
				t.Fatalf("statCPU(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}

func TestProcCPUSelf(t *testing.T) {
	// Burn measurable CPU (counted in CPU time, not wall time, so a loaded
	// machine only makes it slower), then the /proc reading of this process
	// must be non-zero (a tick is 10 ms) and not exceed getrusage's by more
	// than a tick.
	start := selfCPU()
	x := 0
	for selfCPU()-start < 50*time.Millisecond {
		x++
	}
	got := procCPU(os.Getpid())
	if got <= 0 {
		t.Fatalf("procCPU(self) = %v after busy work (%d loops)", got, x)
	}
	if self := selfCPU(); got > self+clockTick {
		t.Fatalf("procCPU(self) = %v, more than getrusage's %v", got, self)
	}
}

func TestMachineTicks(t *testing.T) {
	total, idle := machineTicks()
	if total == 0 || idle > total {
		t.Fatalf("machineTicks() = total %d, idle %d", total, idle)
	}
	w := startCPU(nil, nil)
	deadline := time.Now().Add(30 * time.Millisecond)
	for time.Now().Before(deadline) {
	}
	if p, ok := w.idlePercent(); ok && (p < 0 || p > 100) {
		t.Fatalf("idlePercent() = %v", p)
	}
}

func TestStatusSwitches(t *testing.T) {
	for _, tc := range []struct {
		name, status string
		want         uint64
	}{
		{"both", "Name:\tms\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t7\n", 157},
		{"voluntary only", "Name:\tms\nvoluntary_ctxt_switches:\t3\n", 3},
		{"none", "Name:\tms\nState:\tR (running)\n", 0},
		{"not a number", "voluntary_ctxt_switches:\tx\nnonvoluntary_ctxt_switches:\t2\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := statusSwitches([]byte(tc.status)); got != tc.want {
				t.Fatalf("statusSwitches = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestProcSwitchesSelf(t *testing.T) {
	// Sleeping blocks this goroutine's thread (or parks it and idles the
	// thread): the process's threads must show switches, and more after.
	before := procSwitches(os.Getpid())
	for range 20 {
		time.Sleep(time.Millisecond)
	}
	after := procSwitches(os.Getpid())
	if before == 0 || after <= before {
		t.Fatalf("procSwitches(self): %d then %d after 20 sleeps", before, after)
	}
}

func TestCommSwitches(t *testing.T) {
	// This test binary is a process with a command name of its own: the
	// meter of that name counts its switches between two readings (at least
	// this process's growth, read inside them); a name no process has
	// counts none.
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Skip(err)
	}
	open, close := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	comm := string(b[open+1 : close])
	m, none := commSwitches(comm), commSwitches("no such command")
	start, noneStart := m(), none()
	self0 := procSwitches(os.Getpid())
	for range 5 {
		time.Sleep(time.Millisecond)
	}
	self := procSwitches(os.Getpid()) - self0
	if got := m() - start; self == 0 || got < self {
		t.Fatalf("commSwitches(%q) grew %d, this process alone %d", comm, got, self)
	}
	if got := none() - noneStart; got != 0 {
		t.Fatalf("commSwitches of no process grew %d", got)
	}
}

func TestProcessGrowth(t *testing.T) {
	// Readings of a counter of processes 1, 2 and then 3: 3 appears (all of
	// it counts), then 2 and 3 exit. The total starts at the plain sum (a
	// zero start reads as "unknown" to cpuWindow), follows what was added
	// and never falls; a plain sum of the live processes went 15, 26, 20.
	g := &processGrowth{}
	for i, tc := range []struct {
		cur  map[int]uint64
		want uint64
	}{
		{map[int]uint64{1: 10, 2: 5}, 15},
		{map[int]uint64{1: 15, 2: 7, 3: 4}, 26},
		{map[int]uint64{1: 20}, 31},
		{map[int]uint64{}, 31},
		{map[int]uint64{1: 22}, 53}, // pid 1 again after a reading without it: new
	} {
		if got := g.read(tc.cur); got != tc.want {
			t.Fatalf("reading %d: total %d, want %d", i, got, tc.want)
		}
	}
}

func TestCommCPUFirstWindow(t *testing.T) {
	// The first measurement with a new meter has a server figure: the
	// meter's first reading is not 0 for a process that has used CPU
	// (startCPU then took it as unknown and dropped the figure).
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Skip(err)
	}
	start := selfCPU()
	for selfCPU()-start < 30*time.Millisecond {
	}
	open, close := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	w := startCPU(commCPU(string(b[open+1:close])), nil)
	if _, _, ok := w.perOp(1); !ok {
		t.Fatalf("first window of a new commCPU meter has no server figure (start %v)", w.server)
	}
}

func TestCPUWindowFreshProcess(t *testing.T) {
	// A process that had used no clock tick and made no switch when the
	// window started (the stub, just started) has figures; one that could
	// not be read at the end, or whose reading fell, has none.
	for _, tc := range []struct {
		name     string
		readings []uint64 // ms of CPU, and as many switches
		want     float64  // µs of CPU per op (1 op), switches per op ×1000
		ok       bool
	}{
		{"fresh process", []uint64{0, 30}, 30000, true},
		{"running process", []uint64{10, 40}, 30000, true},
		{"unreadable at the end", []uint64{10, 0}, 0, false},
		{"reading fell", []uint64{40, 10}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ci, si := 0, 0
			cpu := func() time.Duration { ci++; return time.Duration(tc.readings[ci-1]) * time.Millisecond }
			sw := func() uint64 { si++; return tc.readings[si-1] }
			w := startCPU(cpu, sw)
			if got, _, ok := w.perOp(1); ok != tc.ok || got != tc.want {
				t.Fatalf("perOp = %v, %v; want %v, %v", got, ok, tc.want, tc.ok)
			}
			if got, _, ok := w.switchesPerOp(1); ok != tc.ok || got*1000 != tc.want {
				t.Fatalf("switchesPerOp = %v, %v; want %v, %v", got, ok, tc.want/1000, tc.ok)
			}
		})
	}
}
