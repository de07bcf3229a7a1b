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

// TestE2EIdleConnectionStack checks that an idle connection's goroutine
// keeps a small stack after a login and after a request that ran deep
// (issue #2: an idle connection under 64 KiB). The runtime halves a parked
// goroutine's stack at a GC only while its frames in use, plus 800 bytes of
// guard, take less than a quarter of it: the login runs on a goroutine of
// its own, and the frames under the idle read are kept small (conn.loop),
// otherwise such a connection keeps 8 KiB or more for its life.
//
// Stacks are counted by the process (runtime.MemStats.StackInuse), and the
// stacks earlier tests freed are reused without counting, so the test runs
// its connections in a fresh test process of its own.
func TestE2EIdleConnectionStack(t *testing.T) {
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
		for _, after := range []string{"after the login", "after a request"} {
			_, figure, ok := strings.Cut(string(out), "stack per idle connection "+after+": ")
			perConn, err := strconv.Atoi(strings.Fields(figure + " ")[0])
			if !ok || err != nil {
				t.Fatalf("no figure %s in the child's output:\n%s", after, out)
			}
			t.Logf("goroutine stack per idle connection %s: %d bytes", after, perConn)
			if perConn > 6<<10 {
				t.Errorf("goroutine stack per idle connection %s is %d bytes, want at most 6 KiB", after, perConn)
			}
		}
		return
	}
	const n = 200
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "database=deepdb&encrypt=disable")
	db.SetMaxIdleConns(n)
	ctx := context.Background()
	before := stackInUse()
	conns := make([]*sql.Conn, 0, n)
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// The client's connections are goroutine-free while idle, so what grew
	// is the server's connection goroutines.
	t.Logf("stack per idle connection after the login: %d", (int64(stackInUse())-int64(before))/n)
	for _, c := range conns {
		if _, err := c.ExecContext(ctx, "run deep"); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("stack per idle connection after a request: %d", (int64(stackInUse())-int64(before))/n)
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
