package mirroring

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// saveBlocker is a state-save hook (saver.hook) that holds every write until
// release is called, as a device flush under load does, and then fails it with
// err (nil: the write goes ahead).
type saveBlocker struct {
	entered chan struct{} // closed when the first write is held
	gate    chan struct{}
	once    sync.Once
	relOnce sync.Once
	mu      sync.Mutex
	calls   int
	err     error
}

func newSaveBlocker(t *testing.T, m *Manager, err error) *saveBlocker {
	t.Helper()
	b := &saveBlocker{entered: make(chan struct{}), gate: make(chan struct{}), err: err}
	t.Cleanup(b.release) // never leave a writer held: Close waits for it
	m.mu.Lock()
	m.save.hook = b.hook
	m.mu.Unlock()
	return b
}

func (b *saveBlocker) hook() error {
	b.mu.Lock()
	b.calls++
	b.mu.Unlock()
	b.once.Do(func() { close(b.entered) })
	<-b.gate
	return b.err
}

func (b *saveBlocker) release() { b.relOnce.Do(func() { close(b.gate) }) }

func (b *saveBlocker) waitEntered(t *testing.T) {
	t.Helper()
	select {
	case <-b.entered:
	case <-time.After(20 * time.Second):
		t.Fatal("no state save was started")
	}
}

func (b *saveBlocker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls
}

// waitSaveWorks waits until a save requested now is durable. A session whose
// change the disk refused is rebuilt and asks to save again (every
// saveRetryDelay while the disk refuses), and a command queued behind such a
// save fails with it; once a save requested after the disk came back is
// durable, every earlier write has completed.
func waitSaveWorks(t *testing.T, m *Manager) {
	t.Helper()
	m.mu.Lock()
	seq := m.requestSaveLocked()
	m.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := m.waitSaved(ctx, seq); err != nil {
		t.Fatalf("save after the disk came back: %v", err)
	}
}

// addMirroredDB mirrors one more database between pr's instances.
func (pr *pair) addMirroredDB(t *testing.T, name string) *fakeDB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pdb := pr.p.addDB(name, false, 0)
	commitN(t, pdb, 3)
	pr.m.addDB(name, true, pdb.log.DurableEnd())
	if err := pr.m.mgr.SetPartner(ctx, name, pr.p.addr()); err != nil {
		t.Fatalf("SET PARTNER on mirror %s: %v", name, err)
	}
	if err := pr.p.mgr.SetPartner(ctx, name, pr.m.addr()); err != nil {
		t.Fatalf("SET PARTNER on principal %s: %v", name, err)
	}
	return pdb
}

// checkSafety fails unless both partners show safety want for db.
func (pr *pair) checkSafety(t *testing.T, db, want string) {
	t.Helper()
	if got := pr.p.status(db).SafetyLevelDesc; got != want {
		t.Fatalf("principal shows safety %s for %s, want %s", got, db, want)
	}
	if got := pr.m.status(db).SafetyLevelDesc; got != want {
		t.Fatalf("mirror shows safety %s for %s, want %s", got, db, want)
	}
}

// TestSlowStateSaveKeepsOtherSessions: while one session's state save is held
// (a device flush taking seconds), Manager.mu is free: the other session's
// SAFETY FULL commits are released (their acks are handled and its pings go
// on), both sides keep it SYNCHRONIZED, and nothing of the slowed session that
// depends on the unsaved state — its status, the safety its partner learns, the
// DBA's reply — appears before the save returns. Fails when a save runs under
// Manager.mu: the commits on "hr" then wait for the held save and time out.
func TestSlowStateSaveKeepsOtherSessions(t *testing.T) {
	pr := newPair(t)
	hr := pr.addMirroredDB(t, "hr")
	for _, db := range []string{pr.dbName, "hr"} {
		pr.p.waitState(db, partner.RolePrincipal, partner.StateSynchronized)
		pr.m.waitState(db, partner.RoleMirror, partner.StateSynchronized)
	}
	blk := newSaveBlocker(t, pr.p.mgr, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0) }()
	blk.waitEntered(t)

	for i := range 10 {
		cctx, ccancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := hr.commit(cctx)
		ccancel()
		if err != nil {
			t.Fatalf("commit %d on hr while sales' state save is held: %v", i, err)
		}
		pr.checkSafety(t, pr.dbName, "FULL")
	}
	for range 10 { // pings of hr go on; several ping intervals pass
		time.Sleep(testPing)
		for _, in := range []*instance{pr.p, pr.m} {
			if st := in.status("hr"); st.State != uint8(partner.StateSynchronized) {
				t.Fatalf("%s: hr state %d while sales' save is held, want SYNCHRONIZED", in.name, st.State)
			}
		}
		pr.checkSafety(t, pr.dbName, "FULL")
		select {
		case err := <-errc:
			t.Fatalf("SAFETY OFF returned (%v) before its state was saved", err)
		default:
		}
	}

	blk.release()
	if err := <-errc; err != nil {
		t.Fatalf("SAFETY OFF after the save returned: %v", err)
	}
	eventually(t, "mirror adopts SAFETY OFF", 20*time.Second, func() bool {
		return pr.m.status(pr.dbName).SafetyLevelDesc == "OFF"
	})
	if _, err := pr.pdb.commit(ctx); err != nil {
		t.Fatalf("commit on sales after the save: %v", err)
	}
}

// TestStateSaveInFlightReleasesNothing: a state save that fails, or whose
// manager is closed while it is in flight (the process dying mid-write),
// releases nothing that depends on it: the command fails and neither partner
// ever shows the unsaved safety.
func TestStateSaveInFlightReleasesNothing(t *testing.T) {
	errDisk := errors.New("injected: device error")
	tests := []struct {
		name    string
		saveErr error
		close   bool
	}{
		{name: "save fails", saveErr: errDisk},
		{name: "manager closed during save", close: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr := newPair(t)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
			mgr := pr.p.mgr
			blk := newSaveBlocker(t, mgr, tc.saveErr)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			errc := make(chan error, 1)
			go func() { errc <- mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0) }()
			blk.waitEntered(t)

			if tc.close {
				closed := make(chan struct{})
				go func() { _ = mgr.Close(); close(closed) }()
				eventually(t, "manager closing", 20*time.Second, func() bool {
					mgr.mu.Lock()
					defer mgr.mu.Unlock()
					return mgr.closed
				})
				blk.release() // the write completes after the "crash"
				<-closed
			} else {
				blk.release()
			}
			err := <-errc
			switch {
			case err == nil:
				t.Fatal("SAFETY OFF succeeded although its save did not complete")
			case tc.saveErr != nil && !errors.Is(err, tc.saveErr):
				t.Fatalf("SAFETY OFF failed with %v, want the save's error", err)
			case tc.close && !errors.Is(err, errManagerClosed):
				t.Fatalf("SAFETY OFF failed with %v, want %v", err, errManagerClosed)
			}
			for range 10 {
				if got := pr.m.status(pr.dbName).SafetyLevelDesc; got != "FULL" {
					t.Fatalf("mirror shows safety %s, want FULL: an unsaved change was announced", got)
				}
				if !tc.close {
					if got := pr.p.status(pr.dbName).SafetyLevelDesc; got != "FULL" {
						t.Fatalf("principal shows safety %s after a failed save, want FULL", got)
					}
				}
				time.Sleep(testPing)
			}
			if tc.close {
				return
			}
			// The disk is back: the same command succeeds.
			mgr.mu.Lock()
			mgr.save.hook = nil
			mgr.mu.Unlock()
			waitSaveWorks(t, mgr)
			if err := mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
				t.Fatalf("SAFETY OFF after the disk recovered: %v", err)
			}
			eventually(t, "mirror adopts SAFETY OFF", 20*time.Second, func() bool {
				return pr.m.status(pr.dbName).SafetyLevelDesc == "OFF"
			})
		})
	}
}

// TestStateSavesCoalesce: requests made while a write is in flight are
// written together by the next one (the newer snapshot supersedes them), each
// waiter returns once its request is durable, and the last change is what a
// restart reads.
func TestStateSavesCoalesce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mirroring")
	m, err := NewManager(Config{DataDir: dir, PingInterval: time.Hour}, &fakeHost{name: "HOSTA", dbs: map[string]*fakeDB{}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	blk := newSaveBlocker(t, m, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	save := func(db, addr string) uint64 {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.st.Armed[db] = addr
		return m.requestSaveLocked()
	}
	first := save("a", "TCP://h:1")
	blk.waitEntered(t)
	var seqs []uint64
	for _, db := range []string{"b", "c", "d"} {
		seqs = append(seqs, save(db, "TCP://h:2"))
	}
	blk.release()
	for _, seq := range append([]uint64{first}, seqs...) {
		if err := m.waitSaved(ctx, seq); err != nil {
			t.Fatalf("save %d: %v", seq, err)
		}
	}
	if got := blk.count(); got != 2 {
		t.Errorf("%d writes for 4 requests, 3 of them made during the first write; want 2", got)
	}
	st, err := loadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{"a", "b", "c", "d"} {
		if st.Armed[db] == "" {
			t.Errorf("database %s not armed in the saved state", db)
		}
	}
}

// TestSlowRoleChangeKeepsOtherSessions: while the engine's part of a role
// change runs (here the old principal's BecomeMirror in a manual failover,
// held as a slow redo start would be), Manager.mu is free: the other session's
// SAFETY FULL commits are released and it stays SYNCHRONIZED on both sides,
// and the failover does not report completion before the role change is done.
// Fails when the engine is called under Manager.mu: the commits time out.
func TestSlowRoleChangeKeepsOtherSessions(t *testing.T) {
	pr := newPair(t)
	hr := pr.addMirroredDB(t, "hr")
	for _, db := range []string{pr.dbName, "hr"} {
		pr.p.waitState(db, partner.RolePrincipal, partner.StateSynchronized)
		pr.m.waitState(db, partner.RoleMirror, partner.StateSynchronized)
	}
	entered, gate := make(chan struct{}), make(chan struct{})
	var once, relOnce sync.Once
	release := func() { relOnce.Do(func() { close(gate) }) }
	t.Cleanup(release)
	pr.pdb.mu.Lock()
	pr.pdb.roleHold = func() {
		once.Do(func() { close(entered) })
		<-gate
	}
	pr.pdb.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0) }()
	select {
	case <-entered:
	case <-time.After(20 * time.Second):
		t.Fatal("the failover did not reach the old principal's BecomeMirror")
	}
	for i := range 10 {
		cctx, ccancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := hr.commit(cctx)
		ccancel()
		if err != nil {
			t.Fatalf("commit %d on hr while sales' role change is held: %v", i, err)
		}
	}
	for range 10 {
		time.Sleep(testPing)
		for _, in := range []*instance{pr.p, pr.m} {
			if st := in.status("hr"); st.State != uint8(partner.StateSynchronized) {
				t.Fatalf("%s: hr state %d while sales' role change is held, want SYNCHRONIZED", in.name, st.State)
			}
		}
		select {
		case err := <-errc:
			t.Fatalf("FAILOVER returned (%v) before the role change was done", err)
		default:
		}
	}

	release()
	if err := <-errc; err != nil {
		t.Fatalf("FAILOVER: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	if _, err := pr.mdb.commit(ctx); err != nil {
		t.Fatalf("commit on the new principal: %v", err)
	}
}

// TestSlowMirrorSetupKeepsOtherSessions: while a new mirror's BecomeMirror
// runs (SET PARTNER on the principal; here held), the mirror instance's
// Manager.mu is free: the session it already mirrors goes on hardening and
// acknowledging (SAFETY FULL commits are released). The new session is set up
// once BecomeMirror returns.
func TestSlowMirrorSetupKeepsOtherSessions(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	hrp := pr.p.addDB("hr", false, 0)
	commitN(t, hrp, 3)
	hrm := pr.m.addDB("hr", true, hrp.log.DurableEnd())
	if err := pr.m.mgr.SetPartner(ctx, "hr", pr.p.addr()); err != nil {
		t.Fatalf("SET PARTNER on mirror: %v", err)
	}
	entered, gate := make(chan struct{}), make(chan struct{})
	var once, relOnce sync.Once
	release := func() { relOnce.Do(func() { close(gate) }) }
	t.Cleanup(release)
	hrm.mu.Lock()
	hrm.roleHold = func() {
		once.Do(func() { close(entered) })
		<-gate
	}
	hrm.mu.Unlock()

	errc := make(chan error, 1)
	go func() { errc <- pr.p.mgr.SetPartner(ctx, "hr", pr.m.addr()) }()
	select {
	case <-entered:
	case <-time.After(20 * time.Second):
		t.Fatal("the mirror's BecomeMirror was not called")
	}
	// Few commits: the principal's SET PARTNER waits 2 x DialTimeout for the
	// answer, which comes after BecomeMirror.
	for i := range 3 {
		cctx, ccancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := pr.pdb.commit(cctx)
		ccancel()
		if err != nil {
			t.Fatalf("commit %d on sales while hr's BecomeMirror is held: %v", i, err)
		}
		// Released because the mirror acknowledged, not because the principal
		// took it for lost (a stalled mirror: DISCONNECTED after TIMEOUT).
		if st := pr.p.status(pr.dbName); st.State != uint8(partner.StateSynchronized) {
			t.Fatalf("principal: sales state %d while hr's BecomeMirror is held, want SYNCHRONIZED", st.State)
		}
	}
	release()
	if err := <-errc; err != nil {
		t.Fatalf("SET PARTNER on principal: %v", err)
	}
	pr.p.waitState("hr", partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState("hr", partner.RoleMirror, partner.StateSynchronized)
}
