package tds_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestE2EIdleConnectionStack checks that a login running deep leaves the
// idle connection's goroutine with a small stack (issue #2: an idle
// connection under 64 KiB; the handshake and login run on a goroutine of
// their own). The runtime halves a parked goroutine's stack at a GC only
// while three quarters of it are free, and the idle read's frames take more
// than a quarter of 8 KiB, so a connection whose goroutine had grown for the
// login kept 8 KiB or more for its life.
//
// Stacks are counted by the process (runtime.MemStats.StackInuse), and the
// stacks earlier tests freed are reused without counting, so the test runs
// its connections in a fresh test process of its own.
func TestE2EIdleConnectionStack(t *testing.T) {
	const n = 200
	if raceEnabled {
		t.Skip("the race detector deepens every frame")
	}
	if os.Getenv("TDS_IDLE_STACK_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestE2EIdleConnectionStack$", "-test.v")
		cmd.Env = append(os.Environ(), "TDS_IDLE_STACK_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child test process: %v\n%s", err, out)
		}
		_, after, ok := strings.Cut(string(out), "stack per idle connection: ")
		perConn, err := strconv.Atoi(strings.Fields(after + " ")[0])
		if !ok || err != nil {
			t.Fatalf("no figure in the child's output:\n%s", out)
		}
		t.Logf("goroutine stack per idle connection: %d bytes", perConn)
		if perConn > 6<<10 {
			t.Errorf("goroutine stack per idle connection is %d bytes, want at most 6 KiB", perConn)
		}
		return
	}
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "database=deepdb&encrypt=disable")
	db.SetMaxIdleConns(n)
	before := stackInUse()
	conns := make([]*sql.Conn, 0, n)
	for range n {
		c, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// The client's connections are goroutine-free while idle, so what grew
	// is the server's connection goroutines.
	t.Logf("stack per idle connection: %d", (int64(stackInUse())-int64(before))/n)
	for _, c := range conns {
		c.Close()
	}
}

// stackInUse returns the bytes of goroutine stacks in use once GCs have
// shrunk every stack that may shrink (each GC halves a stack at most once).
func stackInUse() uint64 {
	var ms runtime.MemStats
	last := uint64(0)
	for range 40 {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		if ms.StackInuse == last {
			break
		}
		last = ms.StackInuse
	}
	return ms.StackInuse
}
