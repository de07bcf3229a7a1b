package engine

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestSnapshotReadsFromPoolAfterRestart: a database snapshot whose source
// changed since, read after a restart (an empty buffer pool, as on a
// mirror), while another session goes on committing updates, inserts and
// deletes. The snapshot's reads load the table into the buffer pool with
// the versions the snapshot needs (storage's load keeps what pinned readers
// read), so after the load its scans and point reads no longer read badger
// (OldReads), and every read — before, during and after the load, with
// commits between and during them — sees the source as of the snapshot.
func TestSnapshotReadsFromPoolAfterRestart(t *testing.T) {
	const rows = 20_000
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)")
	mustExec(t, s, fmt.Sprintf("USE d; INSERT t SELECT value, value FROM GENERATE_SERIES(1, %d)", rows))
	mustExec(t, s, "USE master; CREATE DATABASE snap ON (NAME = d, FILENAME = 'snap.ss') AS SNAPSHOT OF d")
	mustExec(t, s, "USE d; UPDATE t SET v = v + 1 WHERE id % 10 = 0; DELETE t WHERE id % 10 = 1")
	mustExec(t, s, fmt.Sprintf("USE d; INSERT t SELECT value, value FROM GENERATE_SERIES(%d, %d); USE master", rows+1, rows+1000))

	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer inst.Close()
	store := inst.Database("d").store

	// Commits between and during the snapshot's reads.
	stopWriter := startWriter(t, inst, "d", func(i int) string {
		id := 1 + i*7919%rows
		switch i % 3 {
		case 1:
			return fmt.Sprintf("DELETE t WHERE id = %d", id)
		case 2:
			return fmt.Sprintf("INSERT t SELECT %d, 0 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = %d)", rows+2000+i, rows+2000+i)
		}
		return fmt.Sprintf("UPDATE t SET v = v + 1 WHERE id = %d", id)
	})
	defer stopWriter()

	// As of the snapshot: ids 1..rows, v = id.
	wantScan := fmt.Sprintf("%d,%d,%d,%d", rows, rows*(rows+1)/2, 1, rows)
	read := func() {
		t.Helper()
		got := mustExec(t, s, "SELECT COUNT(*), SUM(CAST(v AS bigint)), MIN(id), MAX(id) FROM snap.dbo.t")
		if len(got) != 1 || got[0] != wantScan {
			t.Fatalf("snapshot scan = %v, want %s", got, wantScan)
		}
		got = mustExec(t, s, fmt.Sprintf("SELECT id, v FROM snap.dbo.t WHERE id IN (10, 11, %d) ORDER BY id", rows+1))
		if fmt.Sprint(got) != "[10,10 11,11]" {
			t.Fatalf("snapshot lookups = %v, want [10,10 11,11]", got)
		}
	}
	// Read until the table is loaded and a read no longer reads badger
	// (loads run in the background after enough rows were read).
	deadline := time.Now().Add(time.Minute)
	for {
		before := store.CacheStats()
		read()
		after := store.CacheStats()
		if after.Loads > 0 && after.OldReads == before.OldReads && after.HitScans > before.HitScans {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the snapshot's reads still read badger after a minute: %+v", after)
		}
	}
	// From now on, with commits going on, every read is the buffer pool's.
	before := store.CacheStats()
	for range 20 {
		read()
	}
	if after := store.CacheStats(); after.OldReads != before.OldReads {
		t.Errorf("%d reads of the snapshot read badger after the load", after.OldReads-before.OldReads)
	}
	if err := stopWriter(); err != nil {
		t.Fatal(err)
	}
}

// startWriter runs the statements stmt(0), stmt(1), … in autocommit
// transactions of a new session on db until the returned function is
// called; that returns the first error, if any.
func startWriter(t *testing.T, inst *Instance, db string, stmt func(i int) string) (stop func() error) {
	t.Helper()
	w := newTestSession(t, inst, db)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		out := &collect{}
		for i := 0; ctx.Err() == nil; i++ {
			q := stmt(i)
			if err := w.ExecBatch(context.Background(), q, out); err != nil || len(out.errs) > 0 {
				done <- fmt.Errorf("%s: %v %v", q, err, out.errs)
				return
			}
		}
		done <- nil
	}()
	var once sync.Once
	var err error
	return func() error {
		once.Do(func() {
			cancel()
			err = <-done
			inst.EndSession(w)
		})
		return err
	}
}
