package mirroring

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestManualFailoverUnderWriter is the regression test for a manual failover while
// commits keep arriving on the principal (e2e TestManualFailover): the old
// principal's log may hold records beyond the failover LSN (commits made durable
// locally whose mirror wait then failed). It must cut them, so that the new
// principal's log continues it (before the fix the new mirror failed every append
// with txlog.ErrDiverged), and no commit may be acknowledged unless it is in the
// new principal's log (a commit that found no mirror wait installed was).
func TestManualFailoverUnderWriter(t *testing.T) {
	for run := 0; run < 3; run++ {
		pr := newPair(t)
		pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
		pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)

		ctx, cancel := context.WithCancel(context.Background())
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			acked []txlog.LSN
		)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					if pr.pdb.access() != nil {
						return
					}
					cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
					lsn, err := pr.pdb.commit(cctx)
					ccancel()
					if err == nil {
						mu.Lock()
						acked = append(acked, lsn)
						mu.Unlock()
					}
				}
			}()
		}
		eventually(t, "commits acknowledged", 20*time.Second, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(acked) >= 20
		})
		fctx, fcancel := context.WithTimeout(context.Background(), 30*time.Second)
		for {
			err := pr.p.mgr.PartnerCommand(fctx, pr.dbName, CmdFailover, 0)
			if err == nil {
				break
			}
			if sqlNumber(err) != 1404 || fctx.Err() != nil {
				t.Fatalf("run %d: FAILOVER: %v", run, err)
			}
		}
		fcancel()
		cancel()
		wg.Wait()

		pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
		pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
		commitN(t, pr.mdb, 5)
		eventually(t, "old principal caught up", 20*time.Second, func() bool {
			return pr.pdb.log.HardenedLSN() == pr.mdb.log.FlushedLSN()
		})
		sameLog(t, pr.mdb.log, pr.pdb.log, pr.mdb.log.RetainedFrom())
		mu.Lock()
		for _, lsn := range acked {
			if !inLog(t, pr.mdb.log, lsn) {
				t.Errorf("run %d: commit %s acknowledged on the old principal is not in the new principal's log", run, lsn)
			}
		}
		n := len(acked)
		mu.Unlock()
		if n == 0 {
			t.Errorf("run %d: no commit acknowledged before the failover", run)
		}
		pr.p.stop()
		pr.m.stop()
	}
}

// inLog reports whether l holds a record at lsn.
func inLog(t *testing.T, l *txlog.Log, lsn txlog.LSN) bool {
	t.Helper()
	found := false
	err := l.Scan(lsn, func(at txlog.LSN, _ txlog.Record) error {
		found = at == lsn
		return errStopScan
	})
	if err != nil && err != errStopScan {
		t.Fatalf("scan %s: %v", lsn, err)
	}
	return found
}

type stopScan struct{}

func (stopScan) Error() string { return "stop" }

var errStopScan error = stopScan{}
