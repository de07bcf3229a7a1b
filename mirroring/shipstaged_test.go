package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestShipBeforeWrite: on a SYNCHRONIZED principal, commits are shipped from
// the flush's own bytes before the flush writes them (shipBatch), each commit
// is released only once the mirror hardened it, and the logs end identical —
// with one committer (a flush per commit) and with several (groups).
func TestShipBeforeWrite(t *testing.T) {
	tests := []struct {
		name       string
		committers int
		commits    int // per committer
	}{
		{"one committer", 1, 60},
		{"four committers", 4, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			pr.p.mgr.mu.Lock()
			s := pr.p.mgr.sessions[pr.dbName]
			pr.p.mgr.mu.Unlock()
			start := pr.mdb.log.RetainedFrom()
			before, flushes := s.stagedSends.Load(), pr.pdb.log.Stats().Flushes
			errs := make(chan error, tt.committers)
			for g := 0; g < tt.committers; g++ {
				go func() {
					for i := 0; i < tt.commits; i++ {
						lsn, err := pr.pdb.commit(context.Background())
						if err == nil && pr.mdb.log.FlushedLSN() < lsn {
							err = errNotHardened(lsn)
						}
						if err != nil {
							errs <- err
							return
						}
					}
					errs <- nil
				}()
			}
			for g := 0; g < tt.committers; g++ {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			// The first flushes may go through the reader (it starts inside
			// the block it continues from); most must not.
			total := tt.committers * tt.commits
			got := s.stagedSends.Load() - before
			if got == 0 {
				t.Fatalf("no batch shipped before its write in %d commits", total)
			}
			t.Logf("%d of %d flushes (%d commits) shipped before their write", got, pr.pdb.log.Stats().Flushes-flushes, total)
			sameLog(t, pr.pdb.log, pr.mdb.log, start)
		})
	}
}

// TestWaitWritten: when sendLog's written reader comes up short, it waits only
// for a batch shipBatch took and its flush is still writing — never on the
// flushing goroutine itself, never past the deadline.
func TestWaitWritten(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	l := pr.pdb.log
	if _, err := pr.pdb.commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	end := l.WrittenEnd()
	past := time.Now().Add(-time.Second)
	tests := []struct {
		name      string
		inHook    bool
		stagedEnd uint64
		off       uint64
		deadline  time.Time
		want      bool
	}{
		{"written already", false, end + 4096, end - 1, time.Time{}, true},
		{"nothing staged beyond off", false, end, end, time.Time{}, false},
		{"on the flushing goroutine", true, end + 4096, end - 1, time.Time{}, false},
		{"deadline passed", false, end + 4096, end, past, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &session{inShipHook: tt.inHook, stagedEnd: tt.stagedEnd}
			d := tt.deadline
			if got := s.waitWritten(l, tt.off, &d); got != tt.want {
				t.Fatalf("waitWritten = %v, want %v", got, tt.want)
			}
		})
	}
}
