package mirroring

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestSetPartnerErrors checks the set-up refusals of §2.2/§5.2, each with SQL
// Server's number.
func TestSetPartnerErrors(t *testing.T) {
	p := newInstance(t, "HOSTA", "PARTNER")
	m := newInstance(t, "HOSTB", "PARTNER")
	w := newInstance(t, "HOSTW", "WITNESS")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	pdb := p.addDB("sales", false, 0)
	commitN(t, pdb, 3)
	p.addDB("simple", false, 0).model = "SIMPLE"
	m.addDB("notarmed", true, pdb.log.DurableEnd())
	p.addDB("notarmed", false, 0)
	m.addDB("online", false, 0)
	p.addDB("online", false, 0)
	// A mirror whose log starts beyond the principal's end (a later backup).
	m.addDB("ahead", true, 1<<20)
	p.addDB("ahead", false, 0)
	m.addDB("sales", true, pdb.log.DurableEnd())

	// A port with nobody listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := fmt.Sprintf("TCP://%s", ln.Addr())
	ln.Close()

	for _, name := range []string{"ahead", "online"} {
		if err := m.mgr.SetPartner(ctx, name, p.addr()); err != nil && name == "ahead" {
			t.Fatalf("arm %s: %v", name, err)
		}
	}
	if err := m.mgr.SetPartner(ctx, "sales", p.addr()); err != nil {
		t.Fatalf("arm sales: %v", err)
	}

	tests := []struct {
		name, db, addr string
		on             *instance
		want           int32
	}{
		{"malformed address", "sales", "TCP//nohost", p, 1449},
		{"no port", "sales", "TCP://127.0.0.1", p, 1449},
		{"not FULL", "simple", m.addr(), p, 1465},
		{"unreachable", "sales", dead, p, 1418},
		{"self", "sales", p.addr(), p, 1452},
		{"witness endpoint", "sales", w.addr(), p, 1418},
		{"mirror not armed", "notarmed", m.addr(), p, 1416},
		{"remote copy online", "online", m.addr(), p, 1419},
		{"remote copy missing", "nosuchdb", m.addr(), p, 1448},
		{"log gap", "ahead", m.addr(), p, 1412},
	}
	p.host.mu.Lock()
	p.host.dbs["nosuchdb"] = &fakeDB{name: "nosuchdb", log: pdb.log, model: "FULL"}
	p.host.mu.Unlock()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.on.mgr.SetPartner(ctx, tc.db, tc.addr)
			if got := sqlNumber(err); got != tc.want {
				t.Fatalf("SetPartner(%s, %s) = %v (number %d), want %d", tc.db, tc.addr, err, got, tc.want)
			}
		})
	}
	// Set-up succeeds after the failures, and a second SET PARTNER is 1405.
	if err := p.mgr.SetPartner(ctx, "sales", m.addr()); err != nil {
		t.Fatalf("SET PARTNER: %v", err)
	}
	if err := p.mgr.SetPartner(ctx, "sales", m.addr()); sqlNumber(err) != 1405 {
		t.Fatalf("second SET PARTNER = %v, want 1405", err)
	}
	// A failed log check leaves the mirror armed: after restoring more log it works.
	eventually(t, "refused mirror re-armed", 10*time.Second, func() bool {
		m.mgr.mu.Lock()
		defer m.mgr.mu.Unlock()
		_, armed := m.mgr.st.Armed["ahead"]
		return armed && m.mgr.sessions["ahead"] == nil
	})
}

func TestSetWitnessErrors(t *testing.T) {
	pr := newPair(t)
	notWitness := newInstance(t, "HOSTC", "PARTNER")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tests := []struct {
		name, addr string
		want       int32
	}{
		{"malformed", "witness", 1449},
		{"partner as witness", pr.m.addr(), 1429},
		{"self as witness", pr.p.addr(), 1429},
		{"partner-only endpoint", notWitness.addr(), 1427},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sqlNumber(pr.p.mgr.SetWitness(ctx, pr.dbName, tc.addr)); got != tc.want {
				t.Fatalf("SetWitness(%s) number %d, want %d", tc.addr, got, tc.want)
			}
		})
	}
	if got := sqlNumber(pr.p.mgr.SetWitness(ctx, pr.dbName, "")); got != 1439 {
		t.Errorf("SET WITNESS OFF without witness: %d, want 1439", got)
	}
	if got := sqlNumber(pr.p.mgr.PartnerCommand(ctx, "other", CmdSuspend, 0)); got != 1416 {
		t.Errorf("command on an unmirrored database: %d, want 1416", got)
	}
}

func TestPartnerOffRemovesBoth(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, 1, 4)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSuspend, 0); err != nil {
		t.Fatalf("SUSPEND: %v", err)
	}
	pr.m.waitState(pr.dbName, 2, 0)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	pr.p.waitState(pr.dbName, 1, 4)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdOff, 0); err != nil {
		t.Fatalf("OFF: %v", err)
	}
	eventually(t, "both partners dropped the session", 20*time.Second, func() bool {
		_, okP := pr.p.mgr.Status(pr.dbName)
		_, okM := pr.m.mgr.Status(pr.dbName)
		return !okP && !okM
	})
	if err := pr.pdb.access(); err != nil {
		t.Errorf("former principal not serving: %v", err)
	}
	if n := sqlNumber(pr.mdb.access()); n != 927 {
		t.Errorf("former mirror access error %d, want 927 (stays RESTORING)", n)
	}
	// The persisted state forgets the session: a restart brings nothing back.
	pr.p.stop()
	pr.p.start()
	if _, ok := pr.p.mgr.Status(pr.dbName); ok {
		t.Errorf("session came back after restart")
	}
}

// TestSetWitnessCancelledWhileWaiting: SET WITNESS on a session that is not
// SYNCHRONIZED waits for it (waitCaughtUp); the client's Attention during
// that wait ends the statement with the cancellation, and the witness is
// not set — not 1426, nor the command issued after the client gave up.
func TestSetWitnessCancelledWhileWaiting(t *testing.T) {
	pr := newPair(t)
	w := newInstance(t, "HOSTW", "WITNESS")
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.stop()
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel) // within the wait (2 × DialTimeout)
	err := pr.p.mgr.SetWitness(ctx, pr.dbName, w.addr())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("SET WITNESS cancelled while waiting: %v, want %v", err, context.Canceled)
	}
	if st := pr.p.status(pr.dbName); st.WitnessName != "" {
		t.Errorf("witness %q set by a cancelled SET WITNESS", st.WitnessName)
	}
}

// TestSetWitnessOnMirrorDoesNotWait: the wait for a session to catch up is
// the principal's; SET WITNESS on a mirror that is not SYNCHRONIZED (its
// principal gone) gets the partner machine's 1470 at once, not after the
// wait (nor the caller's cancellation, whichever comes first).
func TestSetWitnessOnMirrorDoesNotWait(t *testing.T) {
	pr := newPair(t)
	w := newInstance(t, "HOSTW", "WITNESS")
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	pr.p.stop()
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateDisconnected)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(time.Second, cancel) // within the principal's wait (2 × DialTimeout)
	if got := sqlNumber(pr.m.mgr.SetWitness(ctx, pr.dbName, w.addr())); got != 1470 {
		t.Errorf("SET WITNESS on a disconnected mirror: %d, want 1470", got)
	}
}
