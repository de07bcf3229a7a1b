package partner

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestSessionStartCutsTailPrincipalLost: a principal ships log before its own
// flush completes (LogFlushed reports the written end), so a mirror can hold
// log the principal lost in a crash. When the principal (re)starts the session
// on the same timeline with an end of log below the mirror's, the mirror cuts its
// tail there (Ready.Truncate) and resumes from the principal's end; otherwise it
// keeps its log.
func TestSessionStartCutsTailPrincipalLost(t *testing.T) {
	lsn := txlog.MakeLSN
	tests := []struct {
		name         string
		mirrorEnd    txlog.LSN // mirror's hardened log at start
		principalEnd txlog.LSN // EndOfLog in the principal's SessionStart
		wantCut      bool
		wantHardened txlog.LSN // Hardened in the SessionAccept
	}{
		{name: "mirror ahead", mirrorEnd: lsn(0x3000, 2), principalEnd: lsn(0x2000, 3), wantCut: true, wantHardened: lsn(0x2000, 3)},
		{name: "same end", mirrorEnd: lsn(0x3000, 2), principalEnd: lsn(0x3000, 2), wantHardened: lsn(0x3000, 2)},
		{name: "principal ahead", mirrorEnd: lsn(0x2000, 3), principalEnd: lsn(0x5000, 1), wantHardened: lsn(0x2000, 3)},
		// A mirror restored WITH NORECOVERY has no record yet: its slot-0 position
		// is the principal's last record's block end, numerically larger but
		// the same place.
		{name: "restored mirror without records", mirrorEnd: lsn(0x3000, 0), principalEnd: lsn(0x2000, 3), wantHardened: lsn(0x3000, 0)},
		// A principal whose log has no record after its restore point reports a
		// slot-0 end: everything the mirror has from there on is cut.
		{name: "principal without records", mirrorEnd: lsn(0x3000, 2), principalEnd: lsn(0x3000, 0), wantCut: true, wantHardened: lsn(0x3000, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := New(Config{Database: "db", Self: "b", Partner: "a",
				State: HardState{Role: RoleMirror, RoleSeq: 3}, EndOfLog: tc.mirrorEnd, Redone: tc.mirrorEnd})
			m.Ready()
			m.Step(Message{Type: MsgSessionStart, From: "a", To: "b", RoleSeq: 3, Role: RolePrincipal,
				Safety: SafetyFull, EndOfLog: tc.principalEnd, Hardened: tc.principalEnd})
			rd := m.Ready()
			if rd.Truncate != tc.wantCut || (tc.wantCut && rd.TruncateAfter != tc.principalEnd) {
				t.Errorf("Truncate=%v after %s, want %v after %s", rd.Truncate, rd.TruncateAfter, tc.wantCut, tc.principalEnd)
			}
			var accept *Message
			for i := range rd.Messages {
				if rd.Messages[i].Type == MsgSessionAccept {
					accept = &rd.Messages[i]
				}
			}
			if accept == nil {
				t.Fatalf("no SessionAccept in %+v", rd.Messages)
			}
			if accept.Hardened != tc.wantHardened {
				t.Errorf("SessionAccept.Hardened = %s, want %s", accept.Hardened, tc.wantHardened)
			}
			if got := m.Status().EndOfLog; got != tc.wantHardened {
				t.Errorf("mirror EndOfLog = %s, want %s", got, tc.wantHardened)
			}
		})
	}
}
