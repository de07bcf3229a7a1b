//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The Go runtime's monitor thread (sysmon) and its timer slack (issues #2,
// #4, #6: server CPU per request).
//
// sysmon is a thread of its own that wakes every 20 µs while any P is busy
// or in a system call, and backs off to 10 ms only after 50 wake-ups in a row
// found nothing to do; a system call made while every P was idle wakes it
// from its deep sleep and starts the 20 µs ticks again. A commit cycle does
// exactly that many times a second: the mirror wakes for every frame (its
// read, then the harden's pwrite in flight) and goes idle after the ack, the
// principal's log write leaves a P in a system call. Each tick is a
// nanosleep, a timer interrupt and two context switches of a thread that
// does nothing, on a 2-core VM where the server, its mirror and the clients
// share the cores: measured under 16 sessions of SAFETY FULL commits, ~2,400
// nanosleeps a second on each partner (5.9 per frame on the mirror), and
// perf put sysmon's sleeps and wake-ups at ~9 % of the principal's CPU and
// ~19 % of the mirror's.
//
// The kernel lets a timer fire up to the thread's timer slack late (50 µs by
// default), so a larger slack on that one thread makes each tick longer and
// the ticks fewer, and touches no other thread: the Ms that run goroutines,
// the netpoller's timers and the scheduler's own short sleeps keep their
// slack (but see restoreInherited). What sysmon does on a tick waits up to the slack longer: taking a P
// from a goroutine blocked in a system call when no P is idle (another P
// steals its queued goroutines meanwhile, as always), preempting a goroutine
// that ran 10 ms, polling the network when no P did for 10 ms.
//
// Why 4 ms by default (session 33; 1 ms before): the kernel fires a slack
// timer at the first timer interrupt after it is due, at the latest when
// the slack ends, so on a busy machine the slack bounds sysmon's ticks only
// up to the scheduler tick (4 ms at this VM's HZ=250; 1 ms at HZ=1000, where
// a larger value changes nothing). Against 1 ms, two interleaved
// tests/bench -suite mirrorab runs of 6 rounds (load ~20): CPU per SAFETY
// FULL commit at 16 sessions 0.90 / 0.90 on the principal and 0.91 / 0.79
// on the mirror, context switches 0.73–0.78, lower in 5 or 6 of 6 rounds
// each; at 1 session 0.74 / 0.80 in the quieter run. What waits up to 4 ms
// instead of 1 is the list above; sysmon's own idle back-off already
// sleeps up to 10 ms.
//
// The runtime names no thread, so sysmon is found as the first thread the
// process created: runtime.main starts it (newm(sysmon)) before any other
// thread exists. What the thread is blocked in is checked too (sysmon only
// ever sleeps in nanosleep or, deeply, in futex), and nothing is changed
// unless both agree. Setting another thread's slack through
// /proc/TID/timerslack_ns needs CAP_SYS_NICE (root, `setcap cap_sys_nice`,
// or a container's `--cap-add SYS_NICE`); without it the slack stays the
// kernel's and the server runs as before.

// A thread inherits its creator's slack, and sysmon creates threads: when
// it takes a P from a system call and no thread is idle, it clones the M that
// will run the P. Those Ms run goroutines for the rest of the process's life,
// so a watcher gives each the process's own slack back (restoreInherited):
// at once, then at growing intervals, since sysmon starts most of them while
// the server warms up.

// Linux x86-64 and arm64 system call numbers of the sleeps sysmon makes.
var sysmonSleepCalls = map[string]bool{
	"35":  true, // nanosleep (amd64): usleep
	"202": true, // futex (amd64): notetsleep, its deep sleep
	"101": true, // nanosleep (arm64)
	"98":  true, // futex (arm64)
}

// setSysmonSlack sets the timer slack of the runtime's monitor thread to d,
// starts the watcher that gives the threads it creates the process's own
// slack back, and returns the monitor's thread id.
func setSysmonSlack(d time.Duration) (int, error) {
	if d <= 0 {
		return 0, errors.New("no slack asked for")
	}
	tid, err := sysmonThread()
	if err != nil {
		return 0, err
	}
	base, err := os.ReadFile(slackFile(os.Getpid())) // the main thread's: the process's own
	if err != nil {
		return tid, fmt.Errorf("read the main thread's timer slack (needs CAP_SYS_NICE): %w", err)
	}
	set := []byte(strconv.FormatInt(d.Nanoseconds(), 10))
	if err := os.WriteFile(slackFile(tid), set, 0); err != nil {
		return tid, fmt.Errorf("set the runtime monitor's timer slack (needs CAP_SYS_NICE): %w", err)
	}
	go func() {
		for wait := 10 * time.Millisecond; ; wait = min(2*wait, 10*time.Second) {
			time.Sleep(wait)
			restoreInherited(tid, set, base)
		}
	}()
	return tid, nil
}

// slackFile is thread tid's timer slack in nanoseconds.
func slackFile(tid int) string { return "/proc/" + strconv.Itoa(tid) + "/timerslack_ns" }

// restoreInherited gives every thread but the monitor that has the
// monitor's slack set (inherited from it) the process's own slack base, and
// returns how many it changed. Threads with any other slack are left alone.
func restoreInherited(monitor int, set, base []byte) int {
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0
	}
	set, base = bytes.TrimSpace(set), bytes.TrimSpace(base)
	n := 0
	for _, e := range ents {
		tid, err := strconv.Atoi(e.Name())
		if err != nil || tid == monitor {
			continue
		}
		b, err := os.ReadFile(slackFile(tid))
		if err != nil || !bytes.Equal(bytes.TrimSpace(b), set) {
			continue
		}
		if os.WriteFile(slackFile(tid), base, 0) == nil {
			n++
		}
	}
	return n
}

// sysmonThread returns the id of the runtime's monitor thread: the process's
// first thread after the main one, which sleeps only as sysmon does.
func sysmonThread() (int, error) {
	pid := os.Getpid()
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0, err
	}
	tids := make([]int, 0, len(ents))
	for _, e := range ents {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	tid, ok := firstCreated(pid, tids, pidMax())
	if !ok {
		return 0, errors.New("the process has no thread besides the main one")
	}
	// sysmon only ever sleeps in those two calls, or runs (or waits for a
	// CPU, which /proc shows as running too); an M that runs goroutines is
	// seen in epoll_pwait, read, write and the like sooner or later.
	slept := 0
	for range 16 {
		b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(tid) + "/syscall")
		if err != nil {
			return 0, err
		}
		f, _, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
		switch {
		case sysmonSleepCalls[f]:
			slept++
		case f == "running":
		default:
			return 0, fmt.Errorf("thread %d, the first created, is in system call %s: not the runtime's monitor", tid, f)
		}
		time.Sleep(100 * time.Microsecond)
	}
	if slept == 0 {
		return 0, fmt.Errorf("thread %d, the first created, was never seen asleep: not the runtime's monitor", tid)
	}
	return tid, nil
}

// firstCreated returns the thread of tids (the main thread pid among them)
// created first after pid: thread ids are handed out in increasing order,
// wrapping to low numbers after pidMax.
func firstCreated(pid int, tids []int, pidMax int) (int, bool) {
	best, bestDist := 0, -1
	for _, tid := range tids {
		if tid == pid {
			continue
		}
		dist := tid - pid
		if dist < 0 {
			dist += pidMax
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = tid, dist
		}
	}
	return best, bestDist >= 0
}

// pidMax is the kernel's largest thread id plus one (/proc/sys/kernel/pid_max).
func pidMax() int {
	b, err := os.ReadFile("/proc/sys/kernel/pid_max")
	if err != nil {
		return 1 << 22
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || n <= 0 {
		return 1 << 22
	}
	return n
}
