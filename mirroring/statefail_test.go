package mirroring

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestStateSaveFailureRollsBack: when the disk refuses a state change, the
// change must not take effect — not in this manager's status and not in the
// pings the partner receives (persist before announcing) — and the command that
// asked for it fails. Once the disk works again the same command succeeds.
func TestStateSaveFailureRollsBack(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)

	// Break the principal's state file: a directory in its place fails both
	// the slot write and a new file's rename.
	path := filepath.Join(pr.p.dir, "mirroring", stateFile)
	if err := os.Rename(path, path+".keep"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(path, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err == nil {
		t.Fatal("SAFETY OFF succeeded although its state could not be saved")
	}
	// Neither partner may act on the unsaved change, however many pings pass.
	for range 15 {
		if st := pr.p.status(pr.dbName); st.SafetyLevelDesc != "FULL" {
			t.Fatalf("principal safety %s after a failed save, want FULL", st.SafetyLevelDesc)
		}
		if st := pr.m.status(pr.dbName); st.SafetyLevelDesc != "FULL" {
			t.Fatalf("mirror safety %s after the principal's failed save, want FULL", st.SafetyLevelDesc)
		}
		time.Sleep(testPing)
	}

	// The disk is back: the command succeeds and reaches the mirror.
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".keep", path); err != nil {
		t.Fatal(err)
	}
	waitSaveWorks(t, pr.p.mgr)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF after the disk recovered: %v", err)
	}
	eventually(t, "mirror adopts SAFETY OFF", 20*time.Second, func() bool {
		return pr.m.status(pr.dbName).SafetyLevelDesc == "OFF"
	})
	if _, err := pr.pdb.commit(ctx); err != nil {
		t.Fatalf("commit after recovery: %v", err)
	}
	// And it was saved: a restarted manager comes back with SAFETY OFF.
	pr.p.stop()
	pr.p.start()
	if st := pr.p.status(pr.dbName); st.SafetyLevelDesc != "OFF" {
		t.Errorf("safety after restart %s, want OFF", st.SafetyLevelDesc)
	}
}
