package mirroring

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// stopShipClock stops the principal session's lazy-ship clock at "the watcher
// just shipped" and returns the session and the function that moves the clock
// on by d.
func stopShipClock(t *testing.T, in *instance, db string) (*session, func(d time.Duration)) {
	t.Helper()
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	in.mgr.mu.Lock()
	s := in.mgr.sessions[db]
	s.shipNow = func() time.Time { return time.Unix(0, now.Load()) }
	s.lastShip.Store(now.Load())
	in.mgr.mu.Unlock()
	return s, func(d time.Duration) { now.Add(int64(d)) }
}

// TestSafetyOffShipsLazily: a SAFETY OFF principal's flushes do not ship; its
// watcher ships what accumulated once offShipEvery has passed since its last
// ship (here: once the test moves the stopped clock), in one frame instead of
// one per commit. Meanwhile the send queue shows the unshipped log. A switch
// to SAFETY FULL ships the pending log without the clock moving, and FULL's
// commits (which wait for the mirror's ack) go through. On the code before,
// the 20 commits sent 20 frames from their own flushes.
func TestSafetyOffShipsLazily(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF: %v", err)
	}
	waitMirrorSafety(t, pr, "OFF")
	commitN(t, pr.pdb, 1) // whatever the switch left to ship leaves now
	start := pr.pdb.log.FlushedEnd()
	eventually(t, "mirror received the log before the test", 20*time.Second, func() bool {
		return machineStatus(pr.m, pr.dbName).Received >= start
	})
	s, advance := stopShipClock(t, pr.p, pr.dbName)
	frames0 := s.framesSent.Load()
	const n = 20
	commitN(t, pr.pdb, n)
	end := pr.pdb.log.FlushedEnd()
	pr.p.mgr.mu.Lock()
	s.tick() // the tick's safety net must not ship early either
	st := s.status()
	pr.p.mgr.mu.Unlock()
	if got := s.framesSent.Load() - frames0; got != 0 {
		t.Fatalf("OFF: %d frames sent for %d commits with the ship clock stopped; want 0 until offShipEvery has passed", got, n)
	}
	if want := (end.BlockOffset() - start.BlockOffset()) / 1024; st.SendQueueKB != want || want == 0 {
		t.Fatalf("send queue %d KB with %d KB of log unshipped", st.SendQueueKB, want)
	}
	advance(offShipEvery)
	eventually(t, "the watcher shipped the pending log", 20*time.Second, func() bool {
		return machineStatus(pr.m, pr.dbName).Received >= end
	})
	// The 20 commits' log is a few KB: one frame (frameTarget is 60 KB),
	// sent from the flushes' copy, not read back from the disk.
	if got := s.framesSent.Load() - frames0; got != 1 {
		t.Errorf("OFF: %d frames for %d commits shipped together, want 1", got, n)
	}
	if s.lazySends.Load() == 0 {
		t.Error("OFF: the held log was read back, not sent from the flushes' copy")
	}
	eventually(t, "mirror hardened it", 20*time.Second, func() bool {
		return pr.mdb.log.FlushedEnd() >= end && machineStatus(pr.p, pr.dbName).PeerHardened >= end
	})
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())

	// Held log ships at once on the switch to FULL: the clock stays stopped.
	s.lastShip.Store(s.shipNow().UnixNano())
	frames0 = s.framesSent.Load()
	commitN(t, pr.pdb, n)
	end = pr.pdb.log.FlushedEnd()
	if got := s.framesSent.Load() - frames0; got != 0 {
		t.Fatalf("OFF: %d frames sent with the clock stopped", got)
	}
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyFull, 0); err != nil {
		t.Fatalf("SAFETY FULL: %v", err)
	}
	eventually(t, "the switch to FULL shipped the held log", 20*time.Second, func() bool {
		return machineStatus(pr.m, pr.dbName).Received >= end
	})
	if s.offShip.Load() {
		t.Fatal("FULL principal still ships lazily")
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	frames0 = s.framesSent.Load()
	commitN(t, pr.pdb, n) // each waits for the mirror's ack
	if got := s.framesSent.Load() - frames0; got < n {
		t.Errorf("FULL: %d frames for %d commits, want one per commit", got, n)
	}
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
}

// TestLazyBatches: the SAFETY OFF copy hands out exactly the blocks asked
// for, trims what was sent, and resets (the caller reads the log) whenever a
// batch does not continue it or holds a filler.
func TestLazyBatches(t *testing.T) {
	blk := func(off, size uint64) txlog.BatchBlock {
		return txlog.BatchBlock{Offset: off, Size: size, Raw: bytes.Repeat([]byte{byte(off)}, int(size)), Last: txlog.MakeLSN(off, 1)}
	}
	for _, tc := range []struct {
		name       string
		batches    [][]txlog.BatchBlock
		pos, end   uint64
		ok         bool
		wantEnds   []uint64
		wantLength int
	}{
		{"exactly the batches", [][]txlog.BatchBlock{{blk(100, 10), blk(110, 20)}, {blk(130, 10)}}, 100, 140, true, []uint64{110, 130, 140}, 40},
		{"a prefix", [][]txlog.BatchBlock{{blk(100, 10), blk(110, 20)}, {blk(130, 10)}}, 100, 130, true, []uint64{110, 130}, 30},
		{"sent blocks trimmed", [][]txlog.BatchBlock{{blk(100, 10), blk(110, 20)}, {blk(130, 10)}}, 110, 140, true, []uint64{130, 140}, 30},
		{"end inside a block", [][]txlog.BatchBlock{{blk(100, 10), blk(110, 20)}}, 100, 120, false, nil, 0},
		{"end past the copy", [][]txlog.BatchBlock{{blk(100, 10)}}, 100, 120, false, nil, 0},
		{"reader behind the copy", [][]txlog.BatchBlock{{blk(100, 10)}}, 90, 110, false, nil, 0},
		{"a batch that does not continue resets", [][]txlog.BatchBlock{{blk(100, 10)}, {blk(105, 10)}}, 100, 110, false, nil, 0},
		{"restarted at the new batch", [][]txlog.BatchBlock{{blk(100, 10)}, {blk(105, 10)}}, 105, 115, true, []uint64{115}, 10},
		{"a filler resets", [][]txlog.BatchBlock{{blk(100, 10)}, {{Offset: 110, Size: 50, Raw: make([]byte, 5)}}}, 100, 110, false, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var z lazyBatches
			for _, b := range tc.batches {
				z.add(b)
			}
			raw, ends, ok := z.take(tc.pos, tc.end)
			if ok != tc.ok || len(raw) != tc.wantLength || fmt.Sprint(ends) != fmt.Sprint(tc.wantEnds) {
				t.Fatalf("take(%d, %d) = %d bytes, ends %v, %v; want %d bytes, ends %v, %v", tc.pos, tc.end, len(raw), ends, ok, tc.wantLength, tc.wantEnds, tc.ok)
			}
			if ok && raw[0] != byte(tc.pos) {
				t.Fatalf("first byte %d, want the block at %d", raw[0], tc.pos)
			}
		})
	}
}

// TestSafetyOffShipsPastByteBound: with its ship clock stopped, a SAFETY OFF
// principal still ships once offShipBytes are written since its last ship,
// so what waits to be sent stays bounded.
func TestSafetyOffShipsPastByteBound(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF: %v", err)
	}
	waitMirrorSafety(t, pr, "OFF")
	eventually(t, "principal ships lazily", 20*time.Second, func() bool {
		pr.p.mgr.mu.Lock()
		defer pr.p.mgr.mu.Unlock()
		return pr.p.mgr.sessions[pr.dbName].offShip.Load()
	})
	s, _ := stopShipClock(t, pr.p, pr.dbName)
	start := machineStatus(pr.m, pr.dbName).Received
	val := bytes.Repeat([]byte{'w'}, 30<<10)
	written := 0
	for id := uint64(1 << 40); written < 2*offShipBytes; id++ {
		lsn, err := pr.pdb.log.Append(txlog.Begin{Txn: id},
			txlog.Insert{Txn: id, Object: 1, Key: []byte(strconv.FormatUint(id, 10)), After: val},
			txlog.Commit{Txn: id})
		if err != nil {
			t.Fatal(err)
		}
		if err := pr.pdb.log.WaitDurable(ctx, lsn); err != nil {
			t.Fatal(err)
		}
		written += len(val)
	}
	eventually(t, "mirror received past the byte bound", 20*time.Second, func() bool {
		return machineStatus(pr.m, pr.dbName).Received.BlockOffset()-start.BlockOffset() >= offShipBytes
	})
	if got := s.lastShipEnd.Load(); got < start.BlockOffset()+offShipBytes {
		t.Fatalf("last ship ended at %d, want past %d", got, start.BlockOffset()+offShipBytes)
	}
}
