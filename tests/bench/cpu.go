package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// CPU accounting for the wire suite. On 2 cores shared by the clients and the
// server, throughput at 16 connections is about 2 cores ÷ (server CPU + client
// CPU per operation), so the suite reports both per operation (or per row):
// that says which side a gap is on and how much of it is reachable.
//
// Method: user+system CPU from /proc/<pid>/stat (clock ticks, usually 10 ms,
// so a measurement of a few seconds at ~2 cores has ~1 % resolution), read
// after the connections are open and before they close, so that PostgreSQL's
// per-connection backends live through the whole window. The client figure is
// this process's own CPU (getrusage), which during a measurement is the load
// goroutines and the driver.

// clockTick is the unit of /proc/<pid>/stat's utime and stime. Linux reports
// them in USER_HZ, which is 100 on every architecture Go supports.
const clockTick = 10 * time.Millisecond

// cpuMeter reads the CPU time consumed so far by the system under test; 0
// when unknown (the figure is then left out).
type cpuMeter func() time.Duration

// procCPU returns the user+system CPU of process pid, or 0 if it cannot be
// read.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	return statCPU(b)
}

// statCPU parses utime+stime out of a /proc/<pid>/stat line. The command name
// (field 2) is in parentheses and may contain spaces, so fields are counted
// from the last ')'.
func statCPU(b []byte) time.Duration {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1:])
	// After the name: state(3) ppid(4) … utime(14) stime(15), so utime is
	// f[11] and stime f[12].
	if len(f) < 13 {
		return 0
	}
	u, err1 := strconv.ParseUint(string(f[11]), 10, 64)
	s, err2 := strconv.ParseUint(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(u+s) * clockTick
}

// commCPU returns a meter of the CPU of every process whose command name is
// comm ("postgres": the postmaster, its background processes and one backend
// per connection). It counts what each process used between two readings
// (processGrowth): a plain sum over the live processes fell when one exited
// during a measurement — a backend of the previous measurement or an
// autovacuum worker — and gave PostgreSQL a negative CPU per operation
// (session 23: −1.25 µs in one round of the wire suite).
func commCPU(comm string) cpuMeter {
	g := &processGrowth{}
	return func() time.Duration {
		return time.Duration(g.read(commValues(comm, func(pid int) uint64 { return uint64(procCPU(pid)) })))
	}
}

// commValues reads a per-process counter of every live process named comm.
func commValues(comm string, read func(pid int) uint64) map[int]uint64 {
	m := map[int]uint64{}
	for _, pid := range commPIDs(comm) {
		m[pid] = read(pid)
	}
	return m
}

// processGrowth turns readings of a per-process counter of a changing set of
// processes into a running total that never falls: the first reading's sum,
// then what the processes alive at two successive readings added in
// between, plus all of a process that appeared in between (it started
// then). A process that exits takes its last, unread growth with it; its
// earlier growth stays counted. (The first reading is the plain sum, not 0:
// until session 23's stub, cpuWindow took a zero start as "unknown".)
type processGrowth struct {
	last  map[int]uint64
	total uint64
}

func (g *processGrowth) read(cur map[int]uint64) uint64 {
	for pid, v := range cur {
		old, seen := g.last[pid]
		switch {
		case !seen:
			g.total += v
		case v >= old:
			g.total += v - old
		}
	}
	g.last = cur
	return g.total
}

// commPIDs returns the live processes whose command name is comm.
func commPIDs(comm string) []int {
	paths, _ := filepath.Glob("/proc/[0-9]*/stat")
	var pids []int
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		open, close := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || close < open || string(b[open+1:close]) != comm {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(filepath.Dir(p))); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// selfCPU returns this process's user+system CPU.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineTicks returns the machine's total and idle (idle + iowait) clock
// ticks from the first line of /proc/stat, summed over all CPUs.
func machineTicks() (total, idle uint64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 6 || string(f[0]) != "cpu" {
		return 0, 0
	}
	// user nice system idle iowait irq softirq steal (guest time is
	// already counted in user).
	for i := 1; i < len(f) && i <= 8; i++ {
		v, err := strconv.ParseUint(string(f[i]), 10, 64)
		if err != nil {
			return 0, 0
		}
		total += v
		if i == 4 || i == 5 {
			idle += v
		}
	}
	return total, idle
}

// cpuWindow is the readings taken at the start of a measurement: the
// server's and the client's CPU and the machine's ticks.
type cpuWindow struct {
	meter               cpuMeter
	server, client      time.Duration
	machTotal, machIdle uint64
	sw                  switchMeter
	serverSw, clientSw  uint64
}

func startCPU(m cpuMeter, sw switchMeter) cpuWindow {
	w := cpuWindow{meter: m, client: selfCPU(), sw: sw, clientSw: procSwitches(os.Getpid())}
	w.machTotal, w.machIdle = machineTicks()
	if m != nil {
		w.server = m()
	}
	if sw != nil {
		w.serverSw = sw()
	}
	return w
}

// idlePercent returns the share of the machine's CPU time that was idle
// since start. With 16 connections a system that leaves CPU idle is bound by
// latency (wake-ups, hand-offs), not by CPU per operation; on a machine
// shared with other jobs it is 0 and says nothing.
func (w cpuWindow) idlePercent() (float64, bool) {
	total, idle := machineTicks()
	if total <= w.machTotal {
		return 0, false
	}
	return 100 * float64(idle-w.machIdle) / float64(total-w.machTotal), true
}

// perOp returns the server's and the client's CPU per unit of work (n
// operations or rows) since start, in microseconds; ok is false when the
// server's CPU is unknown.
func (w cpuWindow) perOp(n int64) (server, client float64, ok bool) {
	if n <= 0 {
		return 0, 0, false
	}
	client = float64(selfCPU()-w.client) / float64(time.Microsecond) / float64(n)
	if w.meter == nil {
		return 0, client, false
	}
	// A meter reads 0 when the process cannot be read; a start of 0 alone is
	// a process that has not used a clock tick yet (the wire suite's stub,
	// just started), so only an end of 0 or below the start is unknown.
	end := w.meter()
	if end == 0 || end < w.server {
		return 0, client, false
	}
	server = float64(end-w.server) / float64(time.Microsecond) / float64(n)
	return server, client, true
}

// switchesPerOp returns the server's and the client's context switches per
// operation since start; ok is false when the server's are unknown.
func (w cpuWindow) switchesPerOp(n int64) (server, client float64, ok bool) {
	if n <= 0 || w.sw == nil {
		return 0, 0, false
	}
	end := w.sw()
	if end == 0 || end < w.serverSw {
		return 0, 0, false
	}
	server = float64(end-w.serverSw) / float64(n)
	client = float64(procSwitches(os.Getpid())-w.clientSw) / float64(n)
	return server, client, true
}
