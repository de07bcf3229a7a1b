package tests

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestSIGTERMWhileDiskFull: SIGTERM reaches a server whose disk is full
// while its clients keep writing and getting 1105 or 9002 (issue #4). The
// server exits — its shutdown checkpoint fails on the full disk, and closing
// badger there (flushing its memtable into a mapped file) was a SIGBUS crash;
// it now leaves the store to recovery and ends within its bound — and at the
// next start
// every acknowledged commit is there and no refused one, and the database
// takes writes.
func TestSIGTERMWhileDiskFull(t *testing.T) {
	fs := mountTmpfs(t, diskFullFS)
	srv := harness.Start(t, harness.Options{Name: "termfull", DataDir: filepath.Join(fs, "data")})
	mustExec(t, srv.DB("master"), "CREATE DATABASE tf")
	db := srv.DB("tf")
	mustExec(t, db, "CREATE TABLE dbo.t (batch int NOT NULL, id int NOT NULL, payload varchar(4000) NOT NULL, PRIMARY KEY (batch, id))")
	filler := filepath.Join(fs, "filler")
	writeFiller(t, filler, freeBytes(t, fs)-(64<<20)-(24<<20))

	// Writers insert 50-row batches (one transaction each) until the server
	// is gone, past the first refusals: SIGTERM arrives while writes fail.
	const writers, rows = 2, 50
	var (
		mu      sync.Mutex
		acked   []int // batches acknowledged
		refused int
	)
	full := make(chan struct{})
	var fullOnce sync.Once
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				batch := w*1_000_000 + n
				var b strings.Builder
				b.WriteString("INSERT dbo.t (batch, id, payload) VALUES ")
				for i := range rows {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "(%d, %d, REPLICATE('p', 4000))", batch, i)
				}
				_, err := db.ExecContext(ctx, b.String())
				var me mssql.Error
				switch {
				case err == nil:
					mu.Lock()
					acked = append(acked, batch)
					mu.Unlock()
				case errors.As(err, &me) && (me.Number == 1105 || me.Number == 9002):
					mu.Lock()
					refused++
					mu.Unlock()
					fullOnce.Do(func() { close(full) })
				default:
					if srv.Running() && ctx.Err() == nil {
						time.Sleep(10 * time.Millisecond) // the server going away, or a connection it closed
					}
					if !srv.Running() {
						return
					}
				}
			}
		}()
	}
	select {
	case <-full:
	case <-time.After(5 * time.Minute):
		cancel()
		wg.Wait()
		t.Fatalf("the disk never filled (%d batches acknowledged)", len(acked))
	}
	// Something else takes the rest of the disk, the engine's reserve too:
	// the server's own writes (badger's flushes, the shutdown checkpoint)
	// now fail with ENOSPC.
	rest := filepath.Join(fs, "rest")
	fillAll(t, rest)
	time.Sleep(200 * time.Millisecond) // more refusals in flight when SIGTERM arrives
	began := time.Now()
	exitErr := srv.Terminate(sigtermDeadline)
	t.Logf("exited %v after SIGTERM (%v); %d batches acknowledged, %d refused", time.Since(began).Round(time.Millisecond), exitErr, len(acked), refused)
	cancel()
	wg.Wait()

	check := func(stage string) {
		t.Helper()
		got := map[int]int{}
		r, err := srv.DB("tf").Query("SELECT batch, COUNT(*) FROM dbo.t GROUP BY batch")
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		defer r.Close()
		for r.Next() {
			var batch, n int
			if err := r.Scan(&batch, &n); err != nil {
				t.Fatal(err)
			}
			got[batch] = n
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		for _, b := range acked {
			if got[b] != rows {
				t.Errorf("%s: acknowledged batch %d has %d rows, want %d", stage, b, got[b], rows)
			}
			delete(got, b)
		}
		// A batch whose answer was lost with the connection may be there,
		// but only whole: a transaction is never half there.
		for b, n := range got {
			if n != rows {
				t.Errorf("%s: batch %d (not acknowledged) has %d of its %d rows", stage, b, n, rows)
			}
		}
	}
	if out := srv.Output(); strings.Contains(out, "SIGBUS") || strings.Contains(out, "fatal error") {
		t.Errorf("the server crashed at SIGTERM on the full disk instead of ending its shutdown (exit %v)", exitErr)
	}
	// The next start is on the disk with room again: badger replays its
	// sparse mapped files, which a full tmpfs cannot back even for reading.
	for _, f := range []string{filler, rest} {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	srv.Restart()
	check("restart")
	mustExec(t, srv.DB("tf"), "INSERT dbo.t VALUES (-1, 0, 'after')")
}

// fillAll writes file path until its file system has no space left.
func fillAll(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill %s: %v", path, err)
			}
			return
		}
	}
}
