package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestPrincipalEndOfLogHoldsCommits: once a commit returned, the principal's
// sys.database_mirroring row shows a mirroring_end_of_log_lsn past it (the
// log flushed to disk, §1.5), so that "the mirror's end of log reached the
// principal's" means the mirror has every acknowledged commit — what the DBA
// walkthrough (tests/mirroring) waits for before it kills the principal and
// forces service. The mirror's harden clock is stopped, so no ack refreshes
// the principal's row. On the old code the row was the snapshot the flush
// took before its batch was durable: it showed the end before the commit
// (every one of the 20 here), and TestDBAWalkthrough lost its last row
// whenever the mirror's ack came late (with lazy shipping, 3 runs of 3).
func TestPrincipalEndOfLogHoldsCommits(t *testing.T) {
	for _, off := range []bool{true, false} {
		name := "SAFETY FULL"
		if off {
			name = "SAFETY OFF"
		}
		t.Run(name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			if off {
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				defer cancel()
				if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
					t.Fatalf("SAFETY OFF: %v", err)
				}
				waitMirrorSafety(t, pr, "OFF")
				stopHardenClock(t, pr.m, pr.dbName)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			stale := 0
			for i := 0; i < 20; i++ {
				lsn, err := pr.pdb.commit(ctx)
				if err != nil {
					t.Fatalf("commit %d: %v", i, err)
				}
				if st := pr.p.status(pr.dbName); st.EndOfLogLSN <= lsn {
					stale++
					t.Logf("commit %d at %v: principal's end_of_log_lsn %v", i, lsn, st.EndOfLogLSN)
				}
			}
			if stale > 0 {
				t.Errorf("%d of 20 commits not within the principal's end_of_log_lsn once they returned", stale)
			}
			if off {
				st := pr.p.status(pr.dbName)
				if st.SendQueueKB == 0 {
					t.Errorf("send queue 0 KB with the mirror's harden stopped (hardened %v, end %v)", st.HardenedLSN, st.EndOfLogLSN)
				}
			}
		})
	}
}
