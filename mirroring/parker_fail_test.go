package mirroring

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestFailEndsParkedCommits: fail (the principal stopped serving, §6.6) ends
// every SAFETY FULL commit wait in progress with its error, including a
// commit parked in the log's commit parker with its block durable and waiting
// for the mirror (parker.go), as it ended the mirror wait such a commit sat in
// before the parker. Before the fix the parked commit was woken, found its
// block durable, and then began a fresh mirror wait in fail's new epoch: it
// blocked until a release the stopped principal would not get (its client
// hung; the engine's mirror wait ignores cancellation) instead of getting the
// error. Run twice: with the commits waiting for the two in turn (the old
// order, which always failed both) and parked once.
func TestFailEndsParkedCommits(t *testing.T) {
	for _, twoWaits := range []bool{true, false} {
		l, err := txlog.Open(filepath.Join(t.TempDir(), "log"), txlog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		w := newCommitWaits(0)
		l.SetCommitParker(w)
		d := &fakeDB{name: "db", log: l, model: "FULL", twoWaits: twoWaits}
		d.SetMirrorWait(w.wait)
		gate, inGate := make(chan struct{}), make(chan struct{}, 1)
		l.SetFlushGate(func() {
			select {
			case inGate <- struct{}{}:
				<-gate
			default:
			}
		})
		done := make(chan error, 2)
		commit := func() {
			_, err := d.commit(context.Background())
			done <- err
		}
		go commit()
		<-inGate
		go commit()
		if twoWaits {
			time.Sleep(10 * time.Millisecond) // parks on the log's channel
		} else {
			poll(t, "the second committer parked", func() bool { p, _ := w.kinds(); return p == 1 })
		}
		close(gate)
		poll(t, "both durable and blocked", func() bool {
			p, m := w.kinds()
			return p+m == 2 && l.DurableEnd() >= l.EndOfLog().BlockOffset()
		})
		stopped := errors.New("stopped serving")
		w.fail(stopped)
		for i := range 2 {
			select {
			case err := <-done:
				if !errors.Is(err, stopped) {
					t.Errorf("twoWaits %v: commit %d: err %v, want %v", twoWaits, i, err, stopped)
				}
			case <-time.After(30 * time.Second):
				p, m := w.kinds()
				t.Fatalf("twoWaits %v: a commit still waits after fail (%d parked, %d in the mirror wait)", twoWaits, p, m)
			}
		}
		l.Close()
	}
}
