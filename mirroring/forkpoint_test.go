package mirroring

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// committedKeys returns the keys of the transactions committed in l's log at or
// after from.
func committedKeys(t *testing.T, l *txlog.Log, from txlog.LSN) map[string]bool {
	t.Helper()
	keys := map[uint64]string{}
	out := map[string]bool{}
	err := l.Scan(from, func(_ txlog.LSN, r txlog.Record) error {
		switch v := r.(type) {
		case txlog.Insert:
			keys[v.Txn] = string(v.Key)
		case txlog.Commit:
			if k, ok := keys[v.Txn]; ok {
				out[k] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMirrorFindsForkPoint reproduces the fork of early shipping (partner/doc.go
// "Finding the fork point"): the principal ships blocks, loses them with its page
// cache in an OS crash (simulated by truncating its segment file back to a block
// boundary: the torn-tail rule accepts that), restarts and, with the mirror away,
// commits new log at the lost positions beyond the mirror's hardened end. When the
// mirror comes back its log differs from the principal's below its hardened LSN;
// the session must still reach SYNCHRONIZED with the mirror holding exactly the
// principal's log: the new commits present, the lost ones gone, every commit from
// before the lost tail kept. Without the fork-point handshake the mirror refuses
// the principal's blocks (ErrDiverged) and the session never synchronizes.
func TestMirrorFindsForkPoint(t *testing.T) {
	tests := []struct {
		name   string
		lost   int // transactions in the tail the principal loses
		before int // transactions committed before it
	}{
		{name: "one lost transaction", lost: 1, before: 10},
		{name: "several lost transactions", lost: 6, before: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := forkPair(t, tc.before, tc.lost)
			pr, seeded, kept, firstLost, firstNew, lastNew := f.pr, f.seeded, f.kept, f.firstLost, f.firstNew, f.lastNew
			caughtUp := func() bool { return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN() }
			pr.m.start()
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			eventually(t, "mirror caught up after the fork", 20*time.Second, caughtUp)
			sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())

			got := committedKeys(t, pr.mdb.log, seeded)
			for k := range kept {
				if !got[k] {
					t.Errorf("commit %s from before the crash is missing on the mirror", k)
				}
			}
			for id := firstLost; id < firstNew; id++ {
				if k := strconv.FormatUint(id, 10); got[k] {
					t.Errorf("lost commit %s is still on the mirror", k)
				}
			}
			for id := firstNew; id <= lastNew; id++ {
				if k := strconv.FormatUint(id, 10); !got[k] {
					t.Errorf("commit %s made after the restart is missing on the mirror", k)
				}
			}
		})
	}
}

// forked is a pair whose principal lost a tail the mirror had hardened and then,
// with the mirror away, committed past the mirror's end (TestMirrorFindsForkPoint).
type forked struct {
	pr                           *pair
	seeded                       txlog.LSN       // start of the mirror's log
	kept                         map[string]bool // commits from before the lost tail
	firstLost, firstNew, lastNew uint64          // transaction ids
}

// forkPair builds a forked pair and leaves the mirror stopped.
func forkPair(t *testing.T, before, lost int) *forked {
	t.Helper()
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, before)
	caughtUp := func() bool { return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN() }
	eventually(t, "mirror caught up", 20*time.Second, caughtUp)
	// The mirror was seeded at its log's start: compare the log after it.
	seeded := txlog.MakeLSN(pr.mdb.log.RetainedFrom(), 0)
	kept := committedKeys(t, pr.pdb.log, seeded)
	if len(kept) < before {
		t.Fatalf("%d commits found after the seeding point, want at least %d", len(kept), before)
	}
	crashEnd := pr.pdb.log.DurableEnd()
	keptEnd := pr.pdb.log.FlushedLSN()

	// The tail that the principal ships and then loses.
	firstLost := pr.pdb.txn + 1
	commitN(t, pr.pdb, lost)
	eventually(t, "mirror hardened the tail", 20*time.Second, caughtUp)
	mirrorEnd := pr.mdb.log.HardenedLSN()

	pr.p.stop()
	pr.m.stop()
	dir := filepath.Join(pr.p.dir, pr.dbName+".log")
	if err := pr.pdb.log.Close(); err != nil {
		t.Fatal(err)
	}
	seg := filepath.Join(dir, "00000001.log")
	if err := os.Truncate(seg, int64(crashEnd)); err != nil {
		t.Fatal(err)
	}
	l, err := txlog.Open(dir, txlog.Options{})
	if err != nil {
		t.Fatalf("reopen the principal's log: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	if got := l.FlushedLSN(); got != keptEnd {
		t.Fatalf("principal recovered to %s, want %s (the end before the lost tail)", got, keptEnd)
	}
	pr.pdb.log = l

	// Running exposed: new log takes the lost positions and passes the
	// mirror's hardened end.
	pr.p.start()
	firstNew := pr.pdb.txn + 1
	for pr.pdb.log.FlushedLSN() <= mirrorEnd {
		commitN(t, pr.pdb, 1)
	}
	lastNew := pr.pdb.txn

	return &forked{pr: pr, seeded: seeded, kept: kept, firstLost: firstLost, firstNew: firstNew, lastNew: lastNew}
}

// TestMirrorForkBeyondWindow checks the other verdict: when the principal lost
// more blocks than a mirror reports (tailWindow), no common point is found and the
// session is SUSPENDED instead of retrying forever; the mirror keeps its log.
func TestMirrorForkBeyondWindow(t *testing.T) {
	f := forkPair(t, 3, tailWindow+6) // one block per serial commit
	pr := f.pr
	before := pr.mdb.log.HardenedLSN()
	pr.m.start()
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSuspended)
	if st := pr.p.status(pr.dbName); st.State != uint8(partner.StateSuspended) {
		t.Fatalf("principal state %d, want SUSPENDED", st.State)
	}
	if got := pr.mdb.log.HardenedLSN(); got != before {
		t.Errorf("mirror's log moved from %s to %s; it must be kept for re-seeding", before, got)
	}
}
