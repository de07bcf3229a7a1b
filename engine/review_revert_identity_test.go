package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewRevertUnlockedKeyBeforeImage (review of 2c7248f): RevertTo now
// takes a key's state at the fork from the Before image of the first
// committed record after the fork. That image is what the commit read from
// the store (as of Latest) while building its records, before it appended
// them. For keys that no lock serializes — a table's identity counter,
// written by every inserting transaction — a commit logged just before the
// fork may not have been applied yet when the next one read its image, so
// the image predates a commit that precedes the fork: the revert then sets
// the key to a state the log never had at the fork.
//
// The test runs concurrent identity inserts, finds in the log a commit C
// and the next writer B of the identity key whose Before differs from C's
// After, reverts to C's commit, and checks the stored counter is not behind
// C's (identity counters keep the furthest value: gaps, never repeats) and
// that inserts after a restart on the cut log succeed.
func TestReviewRevertUnlockedKeyBeforeImage(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	defer func() { inst.Close() }()
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "USE d; CREATE TABLE t (id int IDENTITY PRIMARY KEY, g int NOT NULL)")
	db := inst.Database("d")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ss, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if err != nil {
				t.Error(err)
				return
			}
			defer inst.EndSession(ss)
			for range 60 {
				if err := ss.ExecBatch(context.Background(), fmt.Sprintf("INSERT t (g) VALUES (%d)", g), &collect{}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	cat := db.Catalog()
	var tableID int32
	for _, tb := range cat.Tables {
		tableID = tb.ID
	}
	key := catalog.IdentityKey(tableID)

	// Walk the identity key's committed writes in log order.
	type write struct {
		before, after []byte
		commit        txlog.LSN
	}
	var writes []write
	open := map[uint64]*write{}
	err := db.log.Scan(0, func(at txlog.LSN, rec txlog.Record) error {
		switch r := rec.(type) {
		case txlog.Insert:
			if r.Object == catalog.ObjectIdentity && bytes.Equal(r.Key, key) {
				open[r.Txn] = &write{after: bytes.Clone(r.After)}
			}
		case txlog.Update:
			if r.Object == catalog.ObjectIdentity && bytes.Equal(r.Key, key) {
				open[r.Txn] = &write{before: bytes.Clone(r.Before), after: bytes.Clone(r.After)}
			}
		case txlog.Commit:
			if w := open[r.Txn]; w != nil {
				w.commit = at
				writes = append(writes, *w)
				delete(open, r.Txn)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fork := -1
	for i := 1; i < len(writes); i++ {
		if !bytes.Equal(writes[i].before, writes[i-1].after) {
			fork = i - 1
			break
		}
	}
	if fork < 0 {
		t.Skipf("no interleaving in this run (%d identity writes): nothing to show", len(writes))
	}
	want := writes[fork].after
	if err := db.RevertTo(context.Background(), writes[fork].commit); err != nil {
		t.Fatal(err)
	}
	got, _, err := db.store.Get(context.Background(), catalog.ObjectIdentity, key, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	// Identity counters never go back (values may be skipped, never reused):
	// the revert may keep a later value, never an earlier one.
	if len(got) != 8 || len(want) != 8 || binary.BigEndian.Uint64(got) < binary.BigEndian.Uint64(want) {
		t.Errorf("identity counter after revert to %s: %x; the log's last write at or before the fork says %x (the next writer's before image was %x): behind it",
			writes[fork].commit, got, want, writes[fork+1].before)
	}
	// What a client then sees on the surviving timeline: the next identity
	// value must follow the rows committed up to the fork.
	if err := db.Log().TruncateAfter(writes[fork].commit); err != nil {
		t.Fatal(err)
	}
	inst, s = restartTestInstance(t, inst, dir, "d", s)
	out := &collect{}
	if err := s.ExecBatch(context.Background(), "INSERT t (g) VALUES (99)", out); err != nil || len(out.errs) > 0 {
		t.Errorf("insert after the revert and a restart: %v %v", err, out.errs)
	}
}
