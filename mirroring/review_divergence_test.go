package mirroring

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewLostTailThenPrincipalWritesPast (review of 7fca2f3, which ships
// before the local fdatasync): the mirror hardened a tail the principal then
// lost, and the restarted principal commits past that tail's end before the
// mirror comes back — the mirror's hardened end is no longer beyond the
// principal's, so only the fork-point check can see that the two logs differ
// at the same positions. The session must cut the mirror's tail and end with
// identical logs, never SYNCHRONIZED over silently diverged timelines.
// (TestMirrorDiscardsTailPrincipalLost declares commitsAfter for this case
// but never sets it.)
func TestReviewLostTailThenPrincipalWritesPast(t *testing.T) {
	tests := []struct {
		name  string
		lost  int // transactions in the tail the principal lost
		after int // principal commits before the mirror returns
	}{
		{"principal passes the lost tail", 3, 12},
		{"principal ends inside the lost tail", 6, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			commitN(t, pr.pdb, 10)
			eventually(t, "mirror caught up", 20*time.Second, func() bool {
				return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
			})
			pr.p.stop()
			pr.m.stop()
			lost := hardenLostTail(t, pr.pdb.log, pr.mdb.log, tc.lost)

			pr.p.start()
			commitN(t, pr.pdb, tc.after) // exposed: no mirror to wait for
			pr.m.start()
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			commitN(t, pr.pdb, 3)
			eventually(t, "mirror caught up after the cut", 30*time.Second, func() bool {
				return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
			})
			sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
			if tc.after > tc.lost && pr.pdb.log.FlushedLSN() <= lost {
				t.Fatalf("test set-up: principal end %s not past the lost tail %s", pr.pdb.log.FlushedLSN(), lost)
			}
		})
	}
}

// TestReviewLegacyStateUpgrade: an instance whose state is the legacy
// mirroring.json (as the previous version wrote it, indented) resumes its
// role after the upgrade, and its first save replaces the legacy file.
func TestReviewLegacyStateUpgrade(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 3)
	pr.p.stop()
	pr.m.stop()
	for _, in := range []*instance{pr.p, pr.m} {
		dir := filepath.Join(in.dir, "mirroring")
		st := mustLoad(t, dir)
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, legacyStateFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, stateFile)); err != nil {
			t.Fatal(err)
		}
	}
	pr.m.start()
	pr.p.start()
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	commitN(t, pr.pdb, 3)
	eventually(t, "mirror caught up", 20*time.Second, func() bool {
		return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
	})
	for _, in := range []*instance{pr.p, pr.m} {
		dir := filepath.Join(in.dir, "mirroring")
		if _, err := os.Stat(filepath.Join(dir, stateFile)); err != nil {
			t.Errorf("%s: no %s after the upgrade: %v", in.name, stateFile, err)
		}
		if _, err := os.Stat(filepath.Join(dir, legacyStateFile)); !os.IsNotExist(err) {
			t.Errorf("%s: legacy %s still there: %v", in.name, legacyStateFile, err)
		}
	}
}

// TestReviewForcedServiceKeepsLostTail: the mirror hardened a tail the
// principal lost; with the principal down, service is forced on the mirror.
// Every commit acknowledged before keeps its place (the acknowledged ones
// were hardened on both), the forced principal serves on top of the tail, and
// the old principal, back as mirror and resumed, ends with the same log.
func TestReviewForcedServiceKeepsLostTail(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var acked txlog.LSN
	for i := 0; i < 10; i++ {
		lsn, err := pr.pdb.commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		acked = lsn
	}
	pr.p.stop()
	pr.m.stop()
	lost := hardenLostTail(t, pr.pdb.log, pr.mdb.log, 3)
	pr.m.start()
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateDisconnected)
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdForceService, 0); err != nil {
		t.Fatalf("FORCE_SERVICE_ALLOW_DATA_LOSS: %v", err)
	}
	if got := pr.mdb.log.FlushedLSN(); got < lost || got < acked {
		t.Fatalf("forced principal's log ends at %s, below its hardened tail %s or the last acknowledged commit %s", got, lost, acked)
	}
	commitN(t, pr.mdb, 5)
	pr.p.start()
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	eventually(t, "old principal resynchronized", 30*time.Second, func() bool {
		return pr.pdb.log.HardenedLSN() == pr.mdb.log.FlushedLSN()
	})
	sameLog(t, pr.mdb.log, pr.pdb.log, max(pr.pdb.log.RetainedFrom(), pr.mdb.log.RetainedFrom()))
}
