//go:build linux

package main

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFirstCreated(t *testing.T) {
	tests := []struct {
		name   string
		pid    int
		tids   []int
		want   int
		wantOK bool
	}{
		{"next ids", 100, []int{100, 101, 102, 107}, 101, true},
		{"others' processes took ids between", 100, []int{107, 100, 130, 112}, 107, true},
		{"ids wrapped after the main thread", 4194300, []int{4194300, 12, 4194302, 30}, 4194302, true},
		{"ids wrapped before the first thread", 4194300, []int{4194300, 12, 30}, 12, true},
		{"only the main thread", 100, []int{100}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := firstCreated(tt.pid, tt.tids, 4194304)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("firstCreated = %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// threadSlacks reads every thread's timer slack, or skips the test when the
// process may not read them (CAP_SYS_NICE, as for setting them).
func threadSlacks(t *testing.T) map[string]string {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile("/proc/" + e.Name() + "/timerslack_ns")
		if errors.Is(err, fs.ErrPermission) {
			t.Skip("no CAP_SYS_NICE: thread timer slack cannot be read or set")
		}
		if err != nil {
			continue // the thread ended
		}
		m[e.Name()] = strings.TrimSpace(string(b))
	}
	return m
}

// TestServeSetsSysmonSlack: a server started with SysmonSlack gives the
// runtime's monitor thread that timer slack, and only that thread (issues
// #2, #4, #6). Without CAP_SYS_NICE the test is skipped, as the server
// then leaves the slack alone.
func TestServeSetsSysmonSlack(t *testing.T) {
	before := threadSlacks(t)
	tid, err := sysmonThread()
	if err != nil {
		t.Fatal(err)
	}
	if tid == os.Getpid() {
		t.Fatalf("the main thread %d taken for the monitor", tid)
	}
	key := strconv.Itoa(tid)
	t.Cleanup(func() { _ = os.WriteFile("/proc/"+key+"/timerslack_ns", []byte("0"), 0) }) // 0: back to the default
	s, err := startServer(Config{Name: "slack", Host: "127.0.0.1", Port: 0, DataDir: t.TempDir(), SAPassword: "Str0ng!Passw0rd", LogLevel: "error", SysmonSlack: 3 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.shutdown()
	after := threadSlacks(t)
	if got := after[key]; got != "3000000" {
		t.Errorf("monitor thread %s: timer slack %s ns, want 3000000", key, got)
	}
	// Threads the monitor started meanwhile inherited its slack; the
	// watcher gives them the process's own back.
	for deadline := time.Now().Add(5 * time.Second); ; {
		var kept []string
		for th, slack := range threadSlacks(t) {
			if th != key && slack == "3000000" {
				kept = append(kept, th)
			}
		}
		if len(kept) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("threads %v kept the monitor's slack", kept)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for th, was := range before {
		if th == key {
			continue
		}
		if now, ok := after[th]; ok && now != was {
			t.Errorf("thread %s: timer slack %s ns, was %s: only the monitor's may change", th, now, was)
		}
	}
}

// TestRestoreInherited: a thread that carries the monitor's slack (as one
// the monitor created does) gets the process's own back; the monitor and a
// thread with a slack of its own keep theirs.
func TestRestoreInherited(t *testing.T) {
	threadSlacks(t) // skips without CAP_SYS_NICE
	threadOf := func(slack string) (tid int, stop func()) {
		got, done := make(chan int), make(chan struct{})
		go func() {
			runtime.LockOSThread() // the thread ends with the goroutine
			got <- syscall.Gettid()
			<-done
		}()
		tid = <-got
		if err := os.WriteFile(slackFile(tid), []byte(slack), 0); err != nil {
			t.Fatal(err)
		}
		return tid, func() { close(done) }
	}
	monitor, stopM := threadOf("7000000")
	defer stopM()
	inherited, stopI := threadOf("7000000")
	defer stopI()
	own, stopO := threadOf("123000")
	defer stopO()
	if n := restoreInherited(monitor, []byte("7000000"), []byte("50000\n")); n != 1 {
		t.Errorf("restoreInherited changed %d threads, want 1", n)
	}
	for _, c := range []struct {
		tid  int
		want string
	}{{monitor, "7000000"}, {inherited, "50000"}, {own, "123000"}} {
		b, err := os.ReadFile(slackFile(c.tid))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(b)); got != c.want {
			t.Errorf("thread %d: slack %s, want %s", c.tid, got, c.want)
		}
	}
}
