package mirroring

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// The principal ships log as soon as it is written, in parallel with its own
// fdatasync (sender.go shipPos), so a mirror may harden log that the principal
// then loses in a crash. These tests build that situation directly: the lost
// blocks come from a scratch log that continues the principal's, and are hardened
// into the mirror's log while both managers are down.

// hardenLostTail appends n transactions to a scratch copy of where l ends and
// hardens their blocks on mirror, as if the principal had shipped them and then
// lost them. It returns the mirror's new hardened LSN.
func hardenLostTail(t *testing.T, l, mirror *txlog.Log, n int) txlog.LSN {
	t.Helper()
	scratch, err := txlog.Open(filepath.Join(t.TempDir(), "lost"), txlog.Options{Start: l.DurableEnd()})
	if err != nil {
		t.Fatal(err)
	}
	defer scratch.Close()
	d := &fakeDB{name: "lost", log: scratch, txn: 1 << 20}
	for i := 0; i < n; i++ {
		if _, err := d.commit(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	r, err := scratch.NewReader(txlog.MakeLSN(l.DurableEnd(), 0))
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for {
		b, ok, err := r.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		raw = append(raw, b.Raw...)
	}
	if err := mirror.AppendBlocks(raw); err != nil {
		t.Fatalf("harden the lost tail on the mirror: %v", err)
	}
	return mirror.HardenedLSN()
}

func TestMirrorDiscardsTailPrincipalLost(t *testing.T) {
	tests := []struct {
		name         string
		mirrorFirst  bool // which manager comes back first
		commitsAfter int  // principal commits while the mirror is still away
	}{
		{name: "mirror restarts first", mirrorFirst: true},
		{name: "principal restarts first", mirrorFirst: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			commitN(t, pr.pdb, 10)
			eventually(t, "mirror caught up", 20*time.Second, func() bool {
				return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
			})
			end := pr.pdb.log.FlushedLSN()

			pr.p.stop()
			pr.m.stop()
			lost := hardenLostTail(t, pr.pdb.log, pr.mdb.log, 3)
			if lost <= end {
				t.Fatalf("mirror hardened %s, not beyond the principal's end %s", lost, end)
			}
			if tc.mirrorFirst {
				pr.m.start()
				pr.p.start()
			} else {
				pr.p.start()
				pr.m.start()
			}
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			eventually(t, "mirror cut back to the principal's end", 20*time.Second, func() bool {
				return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
			})
			// The principal's next commits take the positions of the lost ones; the
			// mirror must accept them (it would fail with ErrDiverged had it kept its
			// tail) and end up with a byte-for-byte copy.
			commitN(t, pr.pdb, 5)
			if got := pr.pdb.log.FlushedLSN(); got < lost {
				commitN(t, pr.pdb, 5)
			}
			eventually(t, "mirror caught up after the cut", 20*time.Second, func() bool {
				return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
			})
			sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
			if st := pr.p.status(pr.dbName); st.State != uint8(partner.StateSynchronized) {
				t.Errorf("principal state %d after the cut, want SYNCHRONIZED", st.State)
			}
		})
	}
}
