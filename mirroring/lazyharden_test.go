package mirroring

import (
	"bytes"
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// stopHardenClock stops the mirror session's harden clock at "an append was
// just taken" and returns the function that moves it on by d.
func stopHardenClock(t *testing.T, in *instance, db string) (advance func(d time.Duration)) {
	t.Helper()
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	in.mgr.mu.Lock()
	s := in.mgr.sessions[db]
	s.h.now = func() time.Time { return time.Unix(0, now.Load()) }
	s.h.last = s.h.now()
	in.mgr.mu.Unlock()
	return func(d time.Duration) { now.Add(int64(d)) }
}

// machineStatus reads in's machine for db under the manager's lock (the
// published Status may lag it).
func machineStatus(in *instance, db string) partner.Status {
	in.mgr.mu.Lock()
	defer in.mgr.mu.Unlock()
	return in.mgr.sessions[db].m.Status()
}

func waitMirrorSafety(t *testing.T, pr *pair, want string) {
	t.Helper()
	eventually(t, "mirror sees SAFETY "+want, 20*time.Second, func() bool {
		return pr.m.status(pr.dbName).SafetyLevelDesc == want
	})
}

// TestSafetyOffHardensLazily: a SAFETY OFF mirror keeps received frames
// queued until offHardenEvery has passed since its last append (here: until
// the test moves its stopped clock) and then hardens them in one append;
// until then nothing of them is acknowledged. A SAFETY FULL mirror hardens
// every frame at once whatever its clock says. On the code before lazy
// hardening the OFF row fails: the mirror made one durable append per frame
// (20 here) as soon as each arrived; with the queue but AppendBlocks, the
// one append still made 20 fdatasyncs.
func TestSafetyOffHardensLazily(t *testing.T) {
	for _, tc := range []struct {
		name string
		off  bool
	}{
		{"SAFETY OFF holds the frames until the clock moves", true},
		{"SAFETY FULL hardens each frame at once", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			if tc.off {
				if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
					t.Fatalf("SAFETY OFF: %v", err)
				}
				waitMirrorSafety(t, pr, "OFF")
			}
			advance := stopHardenClock(t, pr.m, pr.dbName)
			flushes0 := pr.mdb.log.Stats().Flushes
			const n = 20
			commitN(t, pr.pdb, n) // under FULL each waits for the mirror's ack
			end := pr.pdb.log.FlushedEnd()
			eventually(t, "mirror received the principal's log", 20*time.Second, func() bool {
				return machineStatus(pr.m, pr.dbName).Received >= end
			})
			hardens := pr.mdb.log.Stats().Flushes - flushes0
			if !tc.off {
				if hardens == 0 || pr.mdb.log.FlushedEnd() < end {
					t.Fatalf("FULL: %d hardens, mirror durable to %v of %v", hardens, pr.mdb.log.FlushedEnd(), end)
				}
				return
			}
			if hardens != 0 {
				t.Fatalf("OFF: the mirror hardened %d times for %d frames with its clock stopped; want 0 until offHardenEvery has passed", hardens, n)
			}
			// Nothing that is not durable is acknowledged: neither partner's
			// machine counts the queued log as hardened.
			if ms := machineStatus(pr.m, pr.dbName); ms.EndOfLog >= end || ms.EndOfLog != pr.mdb.log.FlushedEnd() {
				t.Fatalf("mirror's hardened end %v, its log's durable end %v, received %v", ms.EndOfLog, pr.mdb.log.FlushedEnd(), end)
			}
			if ps := machineStatus(pr.p, pr.dbName); ps.PeerHardened > pr.mdb.log.FlushedEnd() {
				t.Fatalf("principal counts %v hardened; the mirror's log is durable to %v", ps.PeerHardened, pr.mdb.log.FlushedEnd())
			}
			advance(offHardenEvery)
			eventually(t, "mirror hardened the queue", 20*time.Second, func() bool {
				return pr.mdb.log.FlushedEnd() >= end && machineStatus(pr.p, pr.dbName).PeerHardened >= end
			})
			// One lazy append: its marker's fdatasync and one per segment
			// the batch spans (AppendBlocks: one per frame, 20).
			if hardens := pr.mdb.log.Stats().Flushes - flushes0; hardens > 3 {
				t.Errorf("OFF: %d fdatasyncs for the %d queued frames, want at most 3", hardens, n)
			}
			sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
		})
	}
}

// TestSafetyOffHardensPastByteBound: with its clock stopped, a SAFETY OFF
// mirror still hardens once offHardenBytes are queued, so a catching-up
// mirror's queue stays bounded.
func TestSafetyOffHardensPastByteBound(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF: %v", err)
	}
	waitMirrorSafety(t, pr, "OFF")
	stopHardenClock(t, pr.m, pr.dbName)
	start := pr.mdb.log.FlushedEnd()
	val := bytes.Repeat([]byte{'w'}, 30<<10)
	written := 0
	for id := uint64(1 << 40); written < 2*offHardenBytes; id++ {
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
	eventually(t, "mirror hardened past the byte bound", 20*time.Second, func() bool {
		return pr.mdb.log.FlushedEnd().BlockOffset()-start.BlockOffset() >= offHardenBytes
	})
}

// TestLazyHardenEndsOnConnDown: when the connection to the principal goes
// down, a SAFETY OFF mirror hardens its queue at once (the next
// SessionAccept reports everything received as hardened), clock or no
// clock.
func TestLazyHardenEndsOnConnDown(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF: %v", err)
	}
	waitMirrorSafety(t, pr, "OFF")
	stopHardenClock(t, pr.m, pr.dbName)
	flushes0 := pr.mdb.log.Stats().Flushes
	commitN(t, pr.pdb, 10)
	end := pr.pdb.log.FlushedEnd()
	eventually(t, "mirror received the principal's log", 20*time.Second, func() bool {
		return machineStatus(pr.m, pr.dbName).Received >= end
	})
	if h := pr.mdb.log.Stats().Flushes - flushes0; h != 0 {
		t.Fatalf("%d hardens before the connection went down, want 0", h)
	}
	pr.p.stop()
	eventually(t, "mirror hardened its queue after the connection went down", 20*time.Second, func() bool {
		return pr.mdb.log.FlushedEnd() >= end
	})
}
