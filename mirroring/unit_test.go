package mirroring

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// TestTranslationRoundTrip sends every machine message type through proto (encode,
// frame, decode) and back, and checks that every field the type uses survives.
func TestTranslationRoundTrip(t *testing.T) {
	guid := uuid.New()
	lsn := func(n uint64) txlog.LSN { return txlog.MakeLSN(n*512, 3) }
	tests := []partner.Message{
		{Type: partner.MsgPing, RoleSeq: 3, Role: partner.RolePrincipal, State: partner.StateSynchronized,
			Safety: partner.SafetyFull, SafetySeq: 2, Suspended: true, SuspendSeq: 4, Timeout: 12,
			Witness: "TCP://w:1", EndOfLog: lsn(9), Hardened: lsn(8), FailoverLSN: lsn(7), Clock: 99,
			Echo: 98, SeesPartner: true, SeesWitness: true},
		{Type: partner.MsgSessionStart, RoleSeq: 3, Role: partner.RoleMirror, Safety: partner.SafetyOff,
			SafetySeq: 2, Suspended: true, SuspendSeq: 4, Timeout: 5, Witness: "TCP://w:1",
			EndOfLog: lsn(9), Hardened: lsn(8), FailoverLSN: lsn(7), ForkLSN: lsn(6), State: partner.StateSynchronizing},
		{Type: partner.MsgSessionAccept, RoleSeq: 3, Role: partner.RoleMirror, Hardened: lsn(8), Redone: lsn(5)},
		{Type: partner.MsgAck, RoleSeq: 3, Hardened: lsn(8), Redone: lsn(5)},
		{Type: partner.MsgFailoverRequest, RoleSeq: 3, EndOfLog: lsn(9)},
		{Type: partner.MsgFailoverPrepared, RoleSeq: 4, FailoverLSN: lsn(9)},
		{Type: partner.MsgFailoverCommit, RoleSeq: 4},
		{Type: partner.MsgSuspend, RoleSeq: 3, Role: partner.RoleMirror, SuspendSeq: 5, Suspended: true},
		{Type: partner.MsgResume, RoleSeq: 3, Role: partner.RolePrincipal, SuspendSeq: 6, ForkLSN: lsn(2)},
		{Type: partner.MsgPartnerOff},
		{Type: partner.MsgWitnessState, RoleSeq: 3, Principal: "HOSTA", SeesPrincipal: true, Timeout: 10, Clock: 5, Echo: 4},
		{Type: partner.MsgQuorumQuery, RoleSeq: 3, Forced: true},
		{Type: partner.MsgWitnessVote, RoleSeq: 4, Granted: true},
	}
	for _, want := range tests {
		t.Run(want.Type.String(), func(t *testing.T) {
			want.From = "HOSTA"
			pm := toProto(guid, "sales", "HOSTB", want)
			frame := proto.Marshal(pm)
			dec, n, err := proto.DecodeFrame(frame, proto.DefaultMaxFrame)
			if err != nil || n != len(frame) {
				t.Fatalf("decode: %v (%d of %d bytes)", err, n, len(frame))
			}
			var got partner.Message
			if p, ok := dec.(*proto.Ping); ok {
				st := p.Databases[0]
				if st.MirroringID != guid || st.Database != "sales" || st.Partner != "HOSTB" {
					t.Fatalf("ping identity %+v", st)
				}
				got = fromState("HOSTA", &st)
			} else {
				g, m, ok := fromProto("HOSTA", dec)
				if !ok || g != guid {
					t.Fatalf("fromProto: ok=%v guid=%v", ok, g)
				}
				got = m
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestCommitWaits(t *testing.T) {
	ctx := context.Background()
	w := newCommitWaits(10)
	if err := w.wait(ctx, 10); err != nil {
		t.Fatalf("released LSN waits: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- w.wait(ctx, 20) }()
	w.release(15)
	select {
	case err := <-done:
		t.Fatalf("returned before its LSN was released: %v", err)
	default:
	}
	w.release(20)
	if err := <-done; err != nil {
		t.Fatalf("wait after release: %v", err)
	}

	go func() { done <- w.wait(ctx, 30) }()
	for w.blocked() == 0 {
		runtime.Gosched()
	}
	failure := partner.ErrNoQuorum("sales")
	w.fail(failure)
	if err := <-done; !errors.Is(err, failure) {
		t.Fatalf("failed wait returned %v", err)
	}
	if err := w.wait(ctx, 20); err != nil {
		t.Fatalf("a wait after the failure is a new wait: %v", err)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := w.wait(cctx, 1000); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled wait: %v", err)
	}
	w.reset(5)
	if got := w.releasedLSN(); got != 5 {
		t.Fatalf("reset: released %d", got)
	}
}

func TestStatePersistence(t *testing.T) {
	dir := t.TempDir()
	st, err := loadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Armed["a"] = "TCP://x:1"
	g := uuid.New()
	st.Sessions["sales"] = &sessionRecord{GUID: g, PartnerAddr: "TCP://b:2", PartnerName: "HOSTB",
		Hard: partner.HardState{Role: partner.RoleMirror, RoleSeq: 4, Safety: partner.SafetyFull, Timeout: 10,
			Witness: "TCP://w:3", ForkLSN: 77, LogSeq: 4, Suspended: true, SuspendSeq: 2}}
	st.Witnessed[g.String()] = &witnessRecord{Database: "sales", Partners: [2]string{"HOSTA", "HOSTB"},
		Hard: witness.HardState{RoleSeq: 4, Principal: "HOSTB"}}
	if err := st.save(dir, false); err != nil {
		t.Fatal(err)
	}
	got, err := loadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Fatalf("reloaded state differs:\n got %+v\nwant %+v", got, st)
	}
	if _, err := os.Stat(filepath.Join(dir, stateFile+".tmp")); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, stateFile), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadState(dir); err == nil {
		t.Errorf("corrupt state file loaded without error")
	}
}
