package mirroring

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestMirrorWithoutRoomSuspends: a mirror whose store has no room to apply
// more log (SpaceChecker) hardens nothing more and suspends the session
// (1454), so the principal's SAFETY FULL commits are released as exposed
// instead of waiting on a mirror that refuses every frame, and no commit is
// counted as hardened on the mirror that is not; RESUME, once there is room,
// resynchronizes to a byte-identical log.
func TestMirrorWithoutRoomSuspends(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	ctx := context.Background()
	if _, err := pr.pdb.commit(ctx); err != nil {
		t.Fatal(err)
	}
	hardened := pr.mdb.log.HardenedLSN()
	pr.mdb.setNoRoom(errors.New("0 bytes free, 67108864 required"))

	// The next commits are refused by the mirror; each must be released
	// (the session suspends), none hardened there.
	for i := range 5 {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		lsn, err := pr.pdb.commit(cctx)
		cancel()
		if err != nil {
			t.Fatalf("commit %d while the mirror has no room: %v (want released, exposed)", i, err)
		}
		if h := pr.mdb.log.HardenedLSN(); h >= lsn || h != hardened {
			t.Fatalf("commit %d at %s: the mirror without room hardened up to %s (had %s)", i, lsn, h, hardened)
		}
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSuspended)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)

	pr.mdb.setNoRoom(nil)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	lsn, err := pr.pdb.commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h := pr.mdb.log.HardenedLSN(); h < lsn {
		t.Fatalf("after RESUME a commit at %s was released before the mirror hardened it (at %s)", lsn, h)
	}
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
}

// TestMirrorWithoutRoomResumesIdle: the frame the mirror could not harden is
// the principal's last log. The mirror drops what it received and did not
// harden; after RESUME it must ask for that log again. It used to report it
// as received in its SessionAccept, so the principal, with nothing newer to
// ship, never sent it again and both stayed SYNCHRONIZING for ever
// (tests/mirroring TestReviewMirrorDiskFull, 3 of 48 runs under load).
func TestMirrorWithoutRoomResumesIdle(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	ctx := context.Background()
	pr.mdb.setNoRoom(errors.New("0 bytes free, 67108864 required"))
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	lsn, err := pr.pdb.commit(cctx)
	cancel()
	if err != nil {
		t.Fatalf("commit while the mirror has no room: %v (want released, exposed)", err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSuspended)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)
	if h := pr.mdb.log.HardenedLSN(); h >= lsn {
		t.Fatalf("the mirror without room hardened %s (commit at %s)", h, lsn)
	}

	pr.mdb.setNoRoom(nil)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	if h := pr.mdb.log.HardenedLSN(); h < lsn {
		t.Fatalf("SYNCHRONIZED with the commit at %s not hardened on the mirror (at %s)", lsn, h)
	}
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
}
