package txlog

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

const (
	crashDirEnv   = "TXLOG_CRASH_DIR"
	crashRoundEnv = "TXLOG_CRASH_ROUND"
)

// TestCrashChild is the child half of TestCrashRecovery: it commits transactions
// from 8 goroutines forever and prints "ack <txn> <lsn>" for each commit only after
// WaitDurable returned. It is skipped unless run by TestCrashRecovery.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("child process of TestCrashRecovery")
	}
	round, _ := strconv.Atoi(os.Getenv(crashRoundEnv))
	l, err := Open(dir, testOptions())
	if err != nil {
		fmt.Printf("open error %v\n", err)
		os.Exit(3)
	}
	var out sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(round*100 + g)))
			for i := 0; ; i++ {
				id := uint64(round)<<40 | uint64(g)<<32 | uint64(i)
				size := 10 + rng.Intn(200)
				if rng.Intn(20) == 0 {
					size = 20000 + rng.Intn(60000) // multi-block flushes, segment ends
				}
				lsn, err := l.Append(txn(id, strings.Repeat("x", size))...)
				if err == nil {
					err = l.WaitDurable(context.Background(), lsn)
				}
				if err != nil {
					fmt.Printf("error %v\n", err)
					os.Exit(4)
				}
				out.Lock()
				fmt.Fprintf(os.Stdout, "ack %d %d\n", id, uint64(lsn))
				out.Unlock()
			}
		}(g)
	}
	wg.Wait()
}

// TestCrashRecovery runs a child process that commits concurrently, kills it with
// SIGKILL at a random moment (after a random number of acknowledgements), reopens
// the log and checks that every commit the child acknowledged is present at the
// LSN it was acknowledged with. Several rounds run on the same log, so each round
// also recovers from the previous crash's torn tail and keeps appending.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv(crashDirEnv) != "" {
		t.Skip("in child")
	}
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	dir := t.TempDir()
	acked := map[uint64]LSN{}
	rng := rand.New(rand.NewSource(42))
	for round := 1; round <= rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashRoundEnv+"="+strconv.Itoa(round))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		killAfter := 20 + rng.Intn(400)
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() {
			line := sc.Text()
			var id, lsn uint64
			if _, err := fmt.Sscanf(line, "ack %d %d", &id, &lsn); err != nil {
				if strings.HasPrefix(line, "ack ") {
					continue // a line cut by the kill
				}
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: child said %q", round, line)
			}
			acked[id] = LSN(lsn)
			if n++; n == killAfter {
				cmd.Process.Signal(syscall.SIGKILL)
			}
		}
		cmd.Wait()
		if n < killAfter {
			t.Fatalf("round %d: child exited after %d acknowledgements", round, n)
		}

		l, err := Open(dir, testOptions())
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		got := commitLSNs(scanAll(t, l))
		for id, lsn := range acked {
			if got[id] != lsn {
				l.Close()
				t.Fatalf("round %d: acknowledged txn %#x at %s recovered at %s", round, id, lsn, got[id])
			}
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: %d acknowledged commits recovered (%d in log)", round, len(acked), len(got))
	}
}
