package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
)

// Context switches per commit (mirrorab). On this project's 2-core VM most of
// a SAFETY FULL partner's CPU per commit is spent switching threads, not in
// our code: in perf profiles of the mirror (session 11, cpu-clock,
// docs/benchmarks-mirroring.md) the kernel has 76–82 % of the samples and its
// finish_task_switch alone 35–38 %; all user space (Go runtime included)
// 18–25 %. Every time a thread blocks (a netpoll or futex sleep, a durable
// write's two waits, the Go runtime's sysmon nanosleeps) it costs one.
// Counted per commit they are a steadier measure of wake-up work than CPU
// time, which moves ±30 % with the machine's load between rounds. For scale:
// a minimal Go process that reads a frame, makes 1 KiB durable and acks makes
// ~10 switches per frame here, the same loop in C ~4.3; the mirror makes 8–10
// at one session.

// switchMeter reads the context switches of the system under test so far; 0
// when unknown (the figure is then left out).
type switchMeter func() uint64

// A wake-up per request is what a process-per-connection server such as
// PostgreSQL pays (its backend blocks in recv); a Go server pays the
// netpoller's and the scheduler's hand-offs on top, and a thread that blocks
// with work pending elsewhere leaves a CPU idle while the wake-up travels.
// The wire and writes suites therefore report switches per operation beside
// CPU per operation, for both sides (session 23, issue #2).

// procSwitches returns the voluntary plus involuntary context switches of
// every thread of process pid so far, or 0 if they cannot be read. Threads
// that exited in between are not counted (the Go runtime rarely ends one).
func procSwitches(pid int) uint64 {
	paths, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/[0-9]*/status")
	var total uint64
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		total += statusSwitches(b)
	}
	return total
}

// statusSwitches parses voluntary_ctxt_switches + nonvoluntary_ctxt_switches
// out of a /proc/<pid>/task/<tid>/status file.
func statusSwitches(b []byte) uint64 {
	var total uint64
	for _, line := range bytes.Split(b, []byte("\n")) {
		name, val, ok := bytes.Cut(line, []byte(":"))
		if !ok || !bytes.HasSuffix(name, []byte("ctxt_switches")) {
			continue
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(val)), 10, 64)
		if err != nil {
			continue
		}
		total += n
	}
	return total
}

// commSwitches returns a meter of the context switches of every process
// whose command name is comm, counted as commCPU counts their CPU.
func commSwitches(comm string) switchMeter {
	g := &processGrowth{}
	return func() uint64 { return g.read(commValues(comm, procSwitches)) }
}
