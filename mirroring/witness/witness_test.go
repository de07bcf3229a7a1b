package witness

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

const timeout = 5

func ping(from string, role partner.Role, seq uint32, state partner.State) partner.Message {
	return partner.Message{Type: partner.MsgPing, From: from, To: "w", Role: role, RoleSeq: seq,
		State: state, Safety: partner.SafetyFull, Timeout: timeout}
}

// run ticks the witness n times; before each tick the partners listed in alive ping.
func run(m *Machine, n int, pings ...partner.Message) {
	for range n {
		for _, p := range pings {
			m.Step(p)
		}
		m.Tick()
		m.Ready()
	}
}

func vote(t *testing.T, m *Machine, from string, seq uint32, forced bool) (granted, answered bool) {
	t.Helper()
	m.Step(partner.Message{Type: partner.MsgQuorumQuery, From: from, To: "w", RoleSeq: seq, Forced: forced})
	rd := m.Ready()
	for _, msg := range rd.Messages {
		if msg.Type == partner.MsgWitnessVote {
			if msg.Granted && (rd.Persist == nil || rd.Persist.Principal != from || rd.Persist.RoleSeq != seq+1) {
				t.Fatalf("granted without persisting the new principal: %+v", rd.Persist)
			}
			return msg.Granted, true
		}
	}
	return false, false
}

func TestVote(t *testing.T) {
	synced := partner.StateSynchronized
	cases := []struct {
		name    string
		setup   func(m *Machine)
		from    string
		seq     uint32
		forced  bool
		granted bool
	}{
		{"principal lost while all connected and synchronized", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
			run(m, timeout, ping("b", partner.RoleMirror, 1, synced)) // TIMEOUT+1 ticks of silence
		}, "b", 1, false, true},
		{"principal silent for exactly TIMEOUT ticks", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
			run(m, timeout-1, ping("b", partner.RoleMirror, 1, synced)) // last ping heard TIMEOUT ticks ago
		}, "b", 1, false, false},
		{"principal still seen", func(m *Machine) {
			run(m, 10, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
		}, "b", 1, false, false},
		{"hard error does not shorten the time-out", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
			m.ConnDown("a")
			run(m, 2, ping("b", partner.RoleMirror, 1, synced))
		}, "b", 1, false, false},
		{"principal was running exposed", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, partner.StateDisconnected), ping("b", partner.RoleMirror, 1, partner.StateDisconnected))
			run(m, timeout+1, ping("b", partner.RoleMirror, 1, partner.StateDisconnected))
		}, "b", 1, false, false},
		{"mirror was gone too when the principal was lost (rule 6)", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
			run(m, timeout+3)
			run(m, 2, ping("b", partner.RoleMirror, 1, synced))
		}, "b", 1, false, false},
		{"stale role sequence", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 2, synced), ping("b", partner.RoleMirror, 2, synced))
			run(m, timeout+1, ping("b", partner.RoleMirror, 2, synced))
		}, "b", 1, false, false},
		{"the principal asks", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
		}, "a", 1, false, false},
		{"forced service needs only the principal gone", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, partner.StateDisconnected), ping("b", partner.RoleMirror, 1, partner.StateDisconnected))
			run(m, timeout+1, ping("b", partner.RoleMirror, 1, partner.StateDisconnected))
		}, "b", 1, true, true},
		{"forced service refused while the principal is seen", func(m *Machine) {
			run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
		}, "b", 1, true, false},
		{"forced service after a witness restart that never saw the principal", func(m *Machine) {
			run(m, timeout+1, ping("b", partner.RoleMirror, 1, synced))
		}, "b", 1, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := New(Config{Self: "w", Partners: [2]string{"a", "b"}, State: HardState{RoleSeq: 1, Principal: "a"}})
			tc.setup(m)
			granted, answered := vote(t, m, tc.from, tc.seq, tc.forced)
			if granted != tc.granted {
				t.Fatalf("granted=%t, want %t", granted, tc.granted)
			}
			if tc.forced && !answered {
				t.Fatal("forced query not answered")
			}
			if granted {
				st := m.Status()
				if st.Principal != tc.from || st.RoleSeq != tc.seq+1 {
					t.Fatalf("after grant: %+v", st)
				}
				// One grant per role sequence: the old principal is never
				// confirmed again and a second query at the old sequence fails.
				if again, _ := vote(t, m, tc.from, tc.seq, tc.forced); again {
					t.Fatal("granted twice")
				}
			}
		})
	}
}

func TestWitnessStateDemotesOldPrincipal(t *testing.T) {
	m := New(Config{Self: "w", Partners: [2]string{"a", "b"}})
	synced := partner.StateSynchronized
	run(m, 3, ping("a", partner.RolePrincipal, 1, synced), ping("b", partner.RoleMirror, 1, synced))
	run(m, timeout+1, ping("b", partner.RoleMirror, 1, synced))
	if g, _ := vote(t, m, "b", 1, false); !g {
		t.Fatal("not granted")
	}
	// The old principal reappears at its old sequence: the witness's pings name b
	// at role sequence 2, and the old report does not move it back.
	m.Step(ping("a", partner.RolePrincipal, 1, synced))
	m.Tick()
	rd := m.Ready()
	var toA *partner.Message
	for i := range rd.Messages {
		if rd.Messages[i].To == "a" {
			toA = &rd.Messages[i]
		}
	}
	if toA == nil || toA.Type != partner.MsgWitnessState || toA.RoleSeq != 2 || toA.Principal != "b" {
		t.Fatalf("witness state to a: %+v", toA)
	}
	if st := m.Status(); st.Principal != "b" || st.RoleSeq != 2 {
		t.Fatalf("status %+v", st)
	}
}

func TestLearnsFromPartners(t *testing.T) {
	cases := []struct {
		name      string
		msgs      []partner.Message
		principal string
		seq       uint32
	}{
		{"principal report", []partner.Message{ping("a", partner.RolePrincipal, 1, 0)}, "a", 1},
		{"newer principal", []partner.Message{ping("a", partner.RolePrincipal, 1, 0), ping("b", partner.RolePrincipal, 2, 0)}, "b", 2},
		{"mirror at newer sequence names the other", []partner.Message{ping("a", partner.RolePrincipal, 1, 0), ping("a", partner.RoleMirror, 3, 0)}, "b", 3},
		{"stale principal ignored", []partner.Message{ping("b", partner.RolePrincipal, 2, 0), ping("a", partner.RolePrincipal, 1, 0)}, "b", 2},
		{"stranger ignored", []partner.Message{ping("x", partner.RolePrincipal, 9, 0)}, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := New(Config{Self: "w", Partners: [2]string{"a", "b"}})
			for _, msg := range tc.msgs {
				m.Step(msg)
			}
			rd := m.Ready()
			st := m.Status()
			if st.Principal != tc.principal || st.RoleSeq != tc.seq {
				t.Fatalf("got %s@%d, want %s@%d", st.Principal, st.RoleSeq, tc.principal, tc.seq)
			}
			if tc.principal != "" && (rd.Persist == nil || *rd.Persist != m.HardState()) {
				t.Fatalf("learned state not persisted: %+v", rd.Persist)
			}
		})
	}
}
