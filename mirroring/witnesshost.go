package mirroring

import (
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// wsession is a session this instance witnesses (endpoint ROLE WITNESS or ALL,
// §1.3). It is created by the first ping a partner sends to this instance as its
// witness; the ping names the database and the sender's partner.
type wsession struct {
	guid     uuid.UUID
	db       string
	partners [2]string
	m        *witness.Machine
	last     map[string]proto.DBState // latest summary from each partner
	family   uuid.UUID                // the database's backup family, from its partners' SessionFamily

	// witnessGate: while the state save of sequence gateSeq (0: none) is not
	// durable, the machine's messages wait in queued, in order — a vote must
	// not be sent before the role sequence it grants is durable
	// (persistgate.go). Guarded by Manager.mu.
	gateSeq uint64
	queued  []partner.Message
}

func (w *wsession) observe(from string, st *proto.DBState) { w.last[from] = *st }

func (m *Manager) addWitnessed(guid uuid.UUID, rec *witnessRecord) *wsession {
	w := &wsession{guid: guid, db: rec.Database, partners: rec.Partners, last: map[string]proto.DBState{},
		m: witness.New(witness.Config{Self: m.self, Partners: rec.Partners, State: rec.Hard, TicksPerTimeoutUnit: m.ticksPerUnit()})}
	m.witnessed[guid] = w
	m.st.Witnessed[guid.String()] = rec
	return w
}

// FamilyHolder is a Database that knows its backup family (engine:
// sys.database_recovery_status.family_guid), which its partners tell the
// session's witness (proto.SessionFamily) for
// sys.database_mirroring_witnesses.family_guid.
type FamilyHolder interface {
	FamilyGUID() uuid.UUID
}

// sendFamily follows a ping to s's witness on c with the database's backup
// family, when c's peer reads SessionFamily (version 4) and the database
// has a family. Sent with every ping, it reaches a witness that restarted
// or re-created the session's row. Caller holds Manager.mu.
func sendFamily(c *endpoint.Conn, s *session) {
	f, ok := s.db.(FamilyHolder)
	if !ok || c.Version() < 4 {
		return
	}
	if g := f.FamilyGUID(); g != uuid.Nil {
		_ = c.Send(&proto.SessionFamily{MirroringID: s.guid, FamilyGUID: g})
	}
}

// witnessFamily records a partner's SessionFamily for the session this
// instance witnesses. Caller holds Manager.mu.
func (m *Manager) witnessFamily(from string, v *proto.SessionFamily) {
	w := m.witnessed[v.MirroringID]
	if w == nil || (w.partners[0] != from && w.partners[1] != from) || w.family == v.FamilyGUID {
		return
	}
	w.family = v.FamilyGUID
	m.refreshWitnessSnapsLocked()
}

// witnessFor returns the witness session a partner's ping belongs to, creating it
// (or re-creating it with the right partner names, keeping the hard state).
func (m *Manager) witnessFor(from string, st *proto.DBState) *wsession {
	if st.Partner == "" || st.Database == "" || from == st.Partner {
		return nil
	}
	w := m.witnessed[st.MirroringID]
	if w != nil && (w.partners == [2]string{from, st.Partner} || w.partners == [2]string{st.Partner, from}) {
		return w
	}
	rec := &witnessRecord{Database: st.Database, Partners: [2]string{from, st.Partner}}
	if w != nil {
		rec.Hard = w.m.HardState()
	}
	w = m.addWitnessed(st.MirroringID, rec)
	w.gateSeq = m.requestSaveLocked() // its first messages wait for the new record
	return w
}

// applyWitnessLocked applies a witness machine's Ready: Persist, then Messages.
// The messages wait for the save (witnessGate); after a failed save they,
// and the later ones, keep waiting while the save is retried (saveOnce).
func (m *Manager) applyWitnessLocked(w *wsession) {
	rd := w.m.Ready()
	if rd.Persist != nil {
		m.st.Witnessed[w.guid.String()] = &witnessRecord{Database: w.db, Partners: w.partners, Hard: *rd.Persist}
		// A later save covers the earlier ones: wait for the newest.
		w.gateSeq = m.requestSaveLocked()
	}
	if w.gateSeq != 0 {
		w.queued = append(w.queued, rd.Messages...)
		return
	}
	m.sendWitness(w, rd.Messages)
}

// sendWitness sends a witness machine's messages, in order.
func (m *Manager) sendWitness(w *wsession, msgs []partner.Message) {
	for _, msg := range msgs {
		if c := m.peers[msg.To]; c != nil {
			if pm := toProto(w.guid, w.db, "", msg); pm != nil {
				_ = c.Send(pm)
			}
		}
	}
}

// WitnessStatus is one row of sys.database_mirroring_witnesses (§3.5).
type WitnessStatus struct {
	Database             string
	PrincipalServer      string
	MirrorServer         string
	SafetyLevel          uint8 // 0 unknown, 1 off, 2 full
	SafetyLevelDesc      string
	SafetySequence       uint32
	RoleSequence         uint32
	MirroringGUID        uuid.UUID
	IsSuspended          bool
	IsSuspendedSequence  uint32
	PartnerSyncState     uint8 // 5 synchronized, 6 not (as documented for this view, §1.7)
	PartnerSyncStateDesc string
	SeesPrincipal        bool
	SeesMirror           bool
	FamilyGUID           uuid.UUID // uuid.Nil until a partner has said (NULL)
}

func (m *Manager) refreshWitnessSnapsLocked() {
	out := make([]WitnessStatus, 0, len(m.witnessed))
	for _, w := range m.witnessed {
		out = append(out, w.status())
	}
	m.snapMu.Lock()
	m.wsnaps = out
	m.snapMu.Unlock()
}

// status is w's row of sys.database_mirroring_witnesses. The session's
// settings in it — safety_level, safety_sequence_number, is_suspended,
// is_suspended_sequence_number — and partner_sync_state are the principal's
// latest summary's only when that summary is of the role sequence the witness
// knows: one from an earlier role sequence (the partner was principal before a
// failover, or the witness learned the new sequence from the mirror) is not
// this role's. It could say FULL and not suspended after a forced service
// suspended the session, or SYNCHRONIZED when the witness would not grant an
// automatic failover on it (witness.Machine.evaluate). Until the principal
// reports at this role sequence the row shows what it shows for a session the
// witness has heard nothing of: UNKNOWN, not suspended, UNSYNCHRONIZED.
func (w *wsession) status() WitnessStatus {
	st := w.m.Status()
	ws := WitnessStatus{Database: w.db, PrincipalServer: st.Principal, RoleSequence: st.RoleSeq,
		MirroringGUID: w.guid, FamilyGUID: w.family, SeesPrincipal: st.SeesPrincipal, SeesMirror: st.SeesMirror,
		SafetyLevelDesc: "UNKNOWN", PartnerSyncState: 6, PartnerSyncStateDesc: "UNSYNCHRONIZED"}
	for _, p := range w.partners {
		if p != st.Principal && st.Principal != "" {
			ws.MirrorServer = p
		}
	}
	ps, ok := w.last[st.Principal]
	if !ok || ps.RoleSeq != st.RoleSeq {
		return ws
	}
	ws.SafetyLevel = uint8(ps.Safety)
	if ps.Safety != proto.SafetyUnknown {
		ws.SafetyLevelDesc = partner.Safety(ps.Safety).String()
	}
	ws.SafetySequence = ps.SafetySeq
	ws.IsSuspended, ws.IsSuspendedSequence = ps.Suspended, ps.SuspendSeq
	if ps.State == proto.StateSynchronized {
		ws.PartnerSyncState, ws.PartnerSyncStateDesc = 5, "SYNCHRONIZED"
	}
	return ws
}
