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
		mirrorStart  txlog.LSN // Config.LogStart
		principalEnd txlog.LSN // EndOfLog in the principal's SessionStart
		wantCut      bool
		wantHardened txlog.LSN // Hardened in the SessionAccept
	}{
		// Ends are log ends (Config.EndOfLog: slot 0 of the next block).
		{name: "mirror ahead", mirrorEnd: lsn(0x3000, 0), principalEnd: lsn(0x2000, 0), wantCut: true, wantHardened: lsn(0x2000, 0)},
		// Also a mirror restored WITH NORECOVERY, with no record of its own, and
		// its principal: the same end, named once.
		{name: "same end", mirrorEnd: lsn(0x3000, 0), principalEnd: lsn(0x3000, 0), wantHardened: lsn(0x3000, 0)},
		{name: "principal ahead", mirrorEnd: lsn(0x2000, 0), principalEnd: lsn(0x5000, 0), wantHardened: lsn(0x2000, 0)},
		// A mirror restored from a later backup: its log starts beyond the
		// principal's end, so it received nothing there to discard; it reports
		// its end and the principal refuses the gap (1412).
		{name: "mirror log starts beyond principal end", mirrorEnd: lsn(0x3000, 0), mirrorStart: lsn(0x3000, 0),
			principalEnd: lsn(0x2000, 0), wantHardened: lsn(0x3000, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := New(Config{Database: "db", Self: "b", Partner: "a",
				State: HardState{Role: RoleMirror, RoleSeq: 3}, EndOfLog: tc.mirrorEnd, LogStart: tc.mirrorStart, Redone: tc.mirrorEnd})
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
