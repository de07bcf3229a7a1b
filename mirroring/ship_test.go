package mirroring

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestShipWhileManagerBusy: the principal's written hook runs inside the log's
// flush, so it must not wait for Manager.mu (a holder may be waiting for that
// flush). With the lock held by someone else, a commit still becomes durable
// locally; once the lock is free the watcher ships it and the mirror wait is
// released. A hook that took the lock would hang WaitDurable here.
func TestShipWhileManagerBusy(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	l := pr.pdb.log
	lsn, err := l.Append(txlog.Begin{Txn: 100}, txlog.Insert{Txn: 100, Object: 1, Key: []byte("k"), After: []byte("v")}, txlog.Commit{Txn: 100})
	if err != nil {
		t.Fatal(err)
	}
	pr.p.mgr.mu.Lock()
	durable := make(chan error, 1)
	go func() { durable <- l.WaitDurable(context.Background(), lsn) }()
	select {
	case err := <-durable:
		if err != nil {
			pr.p.mgr.mu.Unlock()
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		pr.p.mgr.mu.Unlock()
		t.Fatal("WaitDurable did not return while Manager.mu was held: the written hook blocked the flush")
	}
	pr.p.mgr.mu.Unlock()
	pr.pdb.mu.Lock()
	wait := pr.pdb.wait
	pr.pdb.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := wait(ctx, lsn); err != nil {
		t.Fatalf("mirror wait after the lock was released: %v", err)
	}
	if got := pr.mdb.log.FlushedLSN(); got < lsn {
		t.Fatalf("mirror hardened %s, want at least %s", got, lsn)
	}
}

// TestShipCommitsSynchronized: a run of commits from several goroutines, each
// released only after the mirror hardened it (shipped by the hook or the
// watcher, hardened inline or by the hardener); the logs end identical.
func TestShipCommitsSynchronized(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	start := pr.mdb.log.RetainedFrom()
	ctx := context.Background()
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 50; i++ {
				lsn, err := pr.pdb.commit(ctx)
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
	for g := 0; g < 4; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	sameLog(t, pr.pdb.log, pr.mdb.log, start)
}

type errNotHardened txlog.LSN

func (e errNotHardened) Error() string {
	return "commit " + txlog.LSN(e).String() + " released before the mirror hardened it"
}

func TestHookSafe(t *testing.T) {
	tests := []struct {
		name string
		rd   partner.Ready
		want bool
	}{
		{"empty", partner.Ready{}, true},
		{"messages and release", partner.Ready{ReleaseCommits: 9, Messages: []partner.Message{{Type: partner.MsgLog}}}, true},
		{"truncate", partner.Ready{Truncate: true}, false},
		{"persist", partner.Ready{Persist: &partner.HardState{}}, false},
		{"append log", partner.Ready{AppendLog: []partner.LogRange{{}}}, false},
		{"role change", partner.Ready{RoleChange: partner.BecomeMirror}, false},
		{"serving changed", partner.Ready{ServingChanged: true}, false},
		{"done", partner.Ready{Done: []partner.CommandResult{{}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hookSafe(&tt.rd); got != tt.want {
				t.Fatalf("hookSafe = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHardenAfterRecv: who appends a received frame. The reading goroutine
// takes the queue when no append runs and the disk is not slow; otherwise the
// hardener goroutine is woken (slow disk) or the running append hands on.
// A SAFETY OFF mirror leaves the queue until offHardenEvery has passed since
// its last append (the hardener goroutine's timer takes it then), unless the
// queue holds offHardenBytes or the connection went down (urgent).
func TestHardenAfterRecv(t *testing.T) {
	tests := []struct {
		name       string
		queue      [][]byte
		busy, slow bool
		removed    bool
		off        bool          // the session runs SAFETY OFF
		since      time.Duration // since the last append (0: never appended)
		urgent     bool
		wantInline []byte // the bytes the returned append takes (nil: none)
		wantWake   bool
		wantArmed  bool // the lazy mirror's timer is armed
	}{
		{name: "nothing queued"},
		{name: "one frame", queue: [][]byte{[]byte("ab")}, wantInline: []byte("ab")},
		{name: "two frames concatenated", queue: [][]byte{[]byte("ab"), []byte("cd")}, wantInline: []byte("abcd")},
		{name: "append running", queue: [][]byte{[]byte("ab")}, busy: true},
		{name: "slow disk", queue: [][]byte{[]byte("ab")}, slow: true, wantWake: true},
		{name: "removed", queue: [][]byte{[]byte("ab")}, removed: true},
		{name: "FULL right after an append", queue: [][]byte{[]byte("ab")}, since: time.Microsecond, wantInline: []byte("ab")},
		{name: "OFF, never appended", queue: [][]byte{[]byte("ab")}, off: true, wantInline: []byte("ab")},
		{name: "OFF right after an append: deferred", queue: [][]byte{[]byte("ab")}, off: true, since: time.Microsecond, wantArmed: true},
		{name: "OFF, the window passed", queue: [][]byte{[]byte("ab"), []byte("cd")}, off: true, since: offHardenEvery, wantInline: []byte("abcd")},
		{name: "OFF, the byte bound reached", queue: [][]byte{make([]byte, offHardenBytes)}, off: true, since: time.Microsecond, wantInline: make([]byte, offHardenBytes)},
		{name: "OFF, connection down", queue: [][]byte{[]byte("ab")}, off: true, since: time.Microsecond, urgent: true, wantInline: []byte("ab")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &session{removed: tt.removed}
			safety := partner.SafetyFull
			if tt.off {
				safety = partner.SafetyOff
			}
			s.m = partner.New(partner.Config{Database: "db", Self: "B", Partner: "A", TicksPerTimeoutUnit: 1,
				State: partner.HardState{Role: partner.RoleMirror, RoleSeq: 1, Safety: safety}})
			now := time.Now()
			s.h = hardener{queue: tt.queue, busy: tt.busy, slow: tt.slow, wake: make(chan struct{}, 1), urgent: tt.urgent,
				now: func() time.Time { return now }}
			if tt.since > 0 {
				s.h.last = now.Add(-tt.since)
			}
			job := s.hardenAfterRecv()
			if s.h.armed != tt.wantArmed {
				t.Fatalf("timer armed = %v, want %v", s.h.armed, tt.wantArmed)
			}
			if s.h.timer != nil {
				s.h.timer.Stop()
			}
			if (job != nil) != (tt.wantInline != nil) {
				t.Fatalf("inline append = %v, want %v", job != nil, tt.wantInline != nil)
			}
			woken := len(s.h.wake) == 1
			if woken != tt.wantWake {
				t.Fatalf("hardener woken = %v, want %v", woken, tt.wantWake)
			}
			if job == nil {
				return
			}
			// The queue was taken for the inline append, which now holds io.
			if !s.h.busy || len(s.h.queue) != 0 || s.h.io.TryLock() {
				t.Fatalf("after taking: busy %v, queue %d, io free: the append does not own the queue", s.h.busy, len(s.h.queue))
			}
			raw, _ := func() ([]byte, uint64) { // what takeLocked produced
				s.h.io.Unlock()
				s.h.queue, s.h.busy = tt.queue, false
				return s.takeLocked()
			}()
			s.h.io.Unlock()
			if !bytes.Equal(raw, tt.wantInline) {
				t.Fatalf("append takes %q, want %q", raw, tt.wantInline)
			}
		})
	}
}
