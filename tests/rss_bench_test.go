package tests

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestRSSUnderLoad reports the server's resident memory while 16 writers
// insert for MIRRORSQL_RSS_SECONDS (default 30) seconds and, in the second
// half, a reader repeatedly scans the whole growing table ("Memory: bounded
// under load (no unbounded buffers)", issue 4). RSS (VmRSS of the server
// process) is sampled every 250 ms; the test logs the peak of each fifth of
// the run and fails only if the last fifth's peak exceeds 1 GiB or twice the
// second fifth's peak (growth without bound), never on time. Long:
// MIRRORSQL_LONG=1. MIRRORSQL_RSS_HEAP=file saves the server's heap profile at
// 60% of the run.
func TestRSSUnderLoad(t *testing.T) {
	if os.Getenv("MIRRORSQL_LONG") != "1" {
		t.Skip("long benchmark: set MIRRORSQL_LONG=1 (MIRRORSQL_RSS_SECONDS sets the duration, default 30)")
	}
	secs := 30
	if v, err := strconv.Atoi(os.Getenv("MIRRORSQL_RSS_SECONDS")); err == nil && v > 0 {
		secs = v
	}
	var opts harness.Options
	heapOut := os.Getenv("MIRRORSQL_RSS_HEAP")
	pprofAddr := ""
	if heapOut != "" {
		pprofAddr = fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
		opts.Args = []string{"--pprof", pprofAddr}
	}
	opts.Name = "rss"
	srv := harness.Start(t, opts)
	pid := serverPID(t, srv.Port)
	mustExec(t, srv.DB("master"), "CREATE DATABASE rss")
	db := srv.DB("rss")
	db.SetMaxOpenConns(20)
	mustExec(t, db, "CREATE TABLE dbo.r (id bigint NOT NULL PRIMARY KEY, w int NOT NULL, payload varchar(1000) NOT NULL)")
	t.Logf("idle RSS %d MiB", rssKiB(t, pid)>>10)

	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs)*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	var inserts, scans, scannedRows atomic.Int64
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seq := int64(0); ctx.Err() == nil; seq++ {
				_, err := db.ExecContext(ctx, "INSERT dbo.r VALUES (@p1, @p2, REPLICATE('x', 1000))", int64(w)<<40|seq, w)
				if err != nil {
					if ctx.Err() == nil {
						t.Errorf("insert: %v", err)
					}
					return
				}
				inserts.Add(1)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-time.After(time.Duration(secs) * time.Second / 2):
		case <-ctx.Done():
		}
		for ctx.Err() == nil {
			n, err := scanAll(ctx, db)
			if err != nil {
				if ctx.Err() == nil {
					t.Errorf("scan: %v", err)
				}
				return
			}
			scans.Add(1)
			scannedRows.Add(n)
		}
	}()

	var samples []int64 // KiB
	tick := time.NewTicker(250 * time.Millisecond)
	heapAt := time.After(time.Duration(secs) * time.Second * 6 / 10)
	for ctx.Err() == nil {
		select {
		case <-tick.C:
			samples = append(samples, rssKiB(t, pid))
		case <-heapAt:
			if heapOut != "" {
				saveHeapProfile(t, pprofAddr, heapOut)
			}
		case <-ctx.Done():
		}
	}
	tick.Stop()
	wg.Wait()
	if len(samples) < 10 {
		t.Fatalf("only %d samples", len(samples))
	}
	fifth := len(samples) / 5
	var peaks []string
	var peak []int64
	for i := range 5 {
		p := slices.Max(samples[i*fifth : min((i+1)*fifth, len(samples))])
		peak = append(peak, p)
		peaks = append(peaks, fmt.Sprintf("%d", p>>10))
	}
	t.Logf("%d s: %d inserts (%.0f/s, 16 writers, 1 KB rows), %d full scans (%d rows read); RSS peak per fifth of the run (MiB): %s; final table ~%d MiB",
		secs, inserts.Load(), float64(inserts.Load())/float64(secs), scans.Load(), scannedRows.Load(), strings.Join(peaks, ", "), inserts.Load()>>10)
	if peak[4] > 1<<20 || peak[4] > 2*peak[1] {
		t.Errorf("RSS not bounded: last fifth peak %d MiB, second fifth %d MiB", peak[4]>>10, peak[1]>>10)
	}
}

// scanAll reads every row of dbo.r and returns how many it read.
func scanAll(ctx context.Context, db *sql.DB) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, w, payload FROM dbo.r")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	var id int64
	var w int
	var p []byte
	for rows.Next() {
		if err := rows.Scan(&id, &w, &p); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// serverPID finds the mirrorsql process serving port.
func serverPID(t *testing.T, port int) int {
	t.Helper()
	want := []byte("--port\x00" + strconv.Itoa(port) + "\x00")
	ents, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, e := range ents {
		b, err := os.ReadFile(e)
		if err != nil || !bytes.Contains(b, want) || !bytes.Contains(b, []byte("serve")) {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(filepath.Dir(e)))
		if err == nil {
			return pid
		}
	}
	t.Skipf("no /proc entry for the server on port %d (RSS is read from /proc)", port)
	return 0
}

// rssKiB is VmRSS of pid in KiB.
func rssKiB(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("read RSS: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	t.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}

// saveHeapProfile fetches the server's heap profile (hidden --pprof listener)
// into path, for MIRRORSQL_RSS_HEAP.
func saveHeapProfile(t *testing.T, addr, path string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/debug/pprof/heap")
	if err != nil {
		t.Logf("heap profile: %v", err)
		return
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		t.Logf("heap profile: %v", err)
		return
	}
	t.Logf("heap profile at 60%% of the run: %s", path)
}
