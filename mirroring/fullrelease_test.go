package mirroring

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestFullCommitWaitsForMirrorHarden: a SAFETY FULL commit whose block is
// durable on the principal and has reached the mirror is not released while
// the mirror has not yet written it to its log: the mirror's harden is held
// between the frame's arrival and AppendBlocks (fakeDB.spaceHold, which
// appendTaken calls first). Once the harden runs, the commit returns and the
// mirror's log holds it. The ack must follow the mirror's fdatasync on the
// goroutine that hardened (harden.go appendTaken → Machine.Hardened); an ack
// or a release taken any earlier on the path fails here.
func TestFullCommitWaitsForMirrorHarden(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx := context.Background()
	if _, err := pr.pdb.commit(ctx); err != nil { // the session's first frames out of the way
		t.Fatal(err)
	}
	entered, letGo := make(chan struct{}, 1), make(chan struct{})
	pr.mdb.mu.Lock()
	pr.mdb.spaceHold = func() {
		select {
		case entered <- struct{}{}:
			<-letGo
		default:
		}
	}
	pr.mdb.mu.Unlock()
	type result struct {
		lsn txlog.LSN
		err error
	}
	done := make(chan result, 1)
	go func() {
		lsn, err := pr.pdb.commit(ctx)
		done <- result{lsn, err}
	}()
	<-entered // the commit's frame is at the mirror, its harden held
	pl := pr.pdb.log
	poll(t, "the principal's block durable", func() bool { return pl.DurableEnd() >= pl.EndOfLog().BlockOffset() })
	select {
	case r := <-done:
		close(letGo)
		t.Fatalf("commit %s (err %v) returned before the mirror hardened it (mirror's log ends at %s)", r.lsn, r.err, pr.mdb.log.FlushedEnd())
	default:
	}
	if end, want := pr.mdb.log.FlushedEnd(), pl.FlushedEnd(); end >= want {
		t.Fatalf("mirror's log ends at %s with its harden held, the principal's at %s", end, want)
	}
	close(letGo)
	r := <-done
	if r.err != nil {
		t.Fatalf("commit: %v", r.err)
	}
	if end := pr.mdb.log.FlushedEnd(); end < r.lsn {
		t.Fatalf("commit %s released, mirror's log ends at %s", r.lsn, end)
	}
}
