package mirroring

import (
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Translation between partner.Message and mirroring/proto, the table of
// partner/doc.go. Pings travel as one Ping per database and interval (a Pong is
// accepted as a Ping). A MsgLog is not translated here: the sender reads the
// blocks (see sendLog). Fields a proto message lacks are filled on receipt from
// the message type (Suspend ⇒ Suspended, Resume ⇒ not Suspended).

// toProto returns the proto message for a partner or witness machine's message.
// db and partnerName fill DBState.Database/Partner (the sender's partner).
func toProto(guid uuid.UUID, db, partnerName string, m partner.Message) proto.Message {
	switch m.Type {
	case partner.MsgPing:
		return &proto.Ping{Databases: []proto.DBState{{
			MirroringID: guid, RoleSeq: m.RoleSeq, Role: proto.Role(m.Role), State: proto.State(m.State),
			Safety: proto.Safety(m.Safety), SafetySeq: m.SafetySeq, Suspended: m.Suspended,
			SuspendSeq: m.SuspendSeq, EndOfLog: m.EndOfLog, Hardened: m.Hardened,
			FailoverLSN: m.FailoverLSN, SeesPartner: m.SeesPartner, SeesWitness: m.SeesWitness,
			TimeoutSec: timeoutSec(m.Timeout), Witness: m.Witness, Clock: m.Clock, Echo: m.Echo,
			Database: db, Partner: partnerName,
		}}}
	case partner.MsgSessionStart:
		return &proto.SessionStart{Database: db, MirroringID: guid, RoleSeq: m.RoleSeq,
			SafetySeq: m.SafetySeq, SuspendSeq: m.SuspendSeq, Role: proto.Role(m.Role),
			Suspended: m.Suspended, EndOfLog: m.EndOfLog, Hardened: m.Hardened,
			FailoverLSN: m.FailoverLSN, ForkLSN: m.ForkLSN, Safety: proto.Safety(m.Safety),
			TimeoutSec: timeoutSec(m.Timeout), Witness: m.Witness, CutAfter: m.CutAfter}
	case partner.MsgSessionAccept:
		return &proto.SessionAccept{MirroringID: guid, RoleSeq: m.RoleSeq, Role: proto.Role(m.Role),
			Hardened: m.Hardened, Redone: m.Redone}
	case partner.MsgAck:
		return &proto.Ack{MirroringID: guid, RoleSeq: m.RoleSeq, Hardened: m.Hardened, Redone: m.Redone}
	case partner.MsgFailoverRequest:
		return &proto.FailoverRequest{MirroringID: guid, RoleSeq: m.RoleSeq, EndOfLog: m.EndOfLog}
	case partner.MsgFailoverPrepared:
		return &proto.FailoverPrepared{MirroringID: guid, NewRoleSeq: m.RoleSeq, FailoverLSN: m.FailoverLSN}
	case partner.MsgFailoverCommit:
		return &proto.FailoverCommit{MirroringID: guid, NewRoleSeq: m.RoleSeq}
	case partner.MsgSuspend:
		return &proto.Suspend{MirroringID: guid, RoleSeq: m.RoleSeq, Role: proto.Role(m.Role), SuspendSeq: m.SuspendSeq}
	case partner.MsgResume:
		return &proto.Resume{MirroringID: guid, RoleSeq: m.RoleSeq, Role: proto.Role(m.Role),
			SuspendSeq: m.SuspendSeq, ForkLSN: m.ForkLSN}
	case partner.MsgPartnerOff:
		return &proto.PartnerOff{MirroringID: guid}
	case partner.MsgWitnessState:
		return &proto.WitnessState{MirroringID: guid, RoleSeq: m.RoleSeq, Principal: m.Principal,
			SeesPrincipal: m.SeesPrincipal, SeesMirror: m.SeesMirror, TimeoutSec: timeoutSec(m.Timeout),
			Clock: m.Clock, Echo: m.Echo}
	case partner.MsgQuorumQuery:
		return &proto.QuorumQuery{MirroringID: guid, RoleSeq: m.RoleSeq, Forced: m.Forced}
	case partner.MsgWitnessVote:
		return &proto.WitnessVote{MirroringID: guid, NewRoleSeq: m.RoleSeq, Granted: m.Granted}
	}
	return nil
}

func timeoutSec(t int) uint16 {
	if t <= 0 {
		return 0
	}
	if t > partner.MaxTimeout {
		return partner.MaxTimeout
	}
	return uint16(t)
}

// fromState turns one DBState of a Ping/Pong into a MsgPing.
func fromState(from string, s *proto.DBState) partner.Message {
	return partner.Message{Type: partner.MsgPing, From: from, RoleSeq: s.RoleSeq,
		Role: partner.Role(s.Role), State: partner.State(s.State), Safety: partner.Safety(s.Safety),
		SafetySeq: s.SafetySeq, Suspended: s.Suspended, SuspendSeq: s.SuspendSeq,
		Timeout: int(s.TimeoutSec), Witness: s.Witness, EndOfLog: s.EndOfLog, Hardened: s.Hardened,
		FailoverLSN: s.FailoverLSN, Clock: s.Clock, Echo: s.Echo,
		SeesPartner: s.SeesPartner, SeesWitness: s.SeesWitness}
}

// fromProto turns a per-database proto message into a partner.Message from the
// given sender. It reports the session's GUID and false for messages that are not
// per-database machine input (handshake, pings, set-up replies).
func fromProto(from string, pm proto.Message) (uuid.UUID, partner.Message, bool) {
	switch v := pm.(type) {
	case *proto.SessionStart:
		return v.MirroringID, partner.Message{Type: partner.MsgSessionStart, From: from,
			RoleSeq: v.RoleSeq, Role: partner.Role(v.Role), Safety: partner.Safety(v.Safety),
			SafetySeq: v.SafetySeq, Suspended: v.Suspended, SuspendSeq: v.SuspendSeq,
			Timeout: int(v.TimeoutSec), Witness: v.Witness, EndOfLog: v.EndOfLog,
			Hardened: v.Hardened, FailoverLSN: v.FailoverLSN, ForkLSN: v.ForkLSN,
			CutAfter: v.CutAfter, State: partner.StateSynchronizing}, true
	case *proto.SessionAccept:
		return v.MirroringID, partner.Message{Type: partner.MsgSessionAccept, From: from,
			RoleSeq: v.RoleSeq, Role: partner.Role(v.Role), Hardened: v.Hardened, Redone: v.Redone}, true
	case *proto.LogBlocks:
		return v.MirroringID, partner.Message{Type: partner.MsgLog, From: from, RoleSeq: v.RoleSeq,
			Start: v.FirstLSN, End: v.EndLSN}, true
	case *proto.Ack:
		return v.MirroringID, partner.Message{Type: partner.MsgAck, From: from, RoleSeq: v.RoleSeq,
			Hardened: v.Hardened, Redone: v.Redone}, true
	case *proto.FailoverRequest:
		return v.MirroringID, partner.Message{Type: partner.MsgFailoverRequest, From: from,
			RoleSeq: v.RoleSeq, EndOfLog: v.EndOfLog}, true
	case *proto.FailoverPrepared:
		return v.MirroringID, partner.Message{Type: partner.MsgFailoverPrepared, From: from,
			RoleSeq: v.NewRoleSeq, FailoverLSN: v.FailoverLSN}, true
	case *proto.FailoverCommit:
		return v.MirroringID, partner.Message{Type: partner.MsgFailoverCommit, From: from, RoleSeq: v.NewRoleSeq}, true
	case *proto.Suspend:
		return v.MirroringID, partner.Message{Type: partner.MsgSuspend, From: from, RoleSeq: v.RoleSeq,
			Role: partner.Role(v.Role), SuspendSeq: v.SuspendSeq, Suspended: true}, true
	case *proto.Resume:
		return v.MirroringID, partner.Message{Type: partner.MsgResume, From: from, RoleSeq: v.RoleSeq,
			Role: partner.Role(v.Role), SuspendSeq: v.SuspendSeq, ForkLSN: v.ForkLSN}, true
	case *proto.PartnerOff:
		return v.MirroringID, partner.Message{Type: partner.MsgPartnerOff, From: from}, true
	case *proto.WitnessState:
		return v.MirroringID, partner.Message{Type: partner.MsgWitnessState, From: from,
			RoleSeq: v.RoleSeq, Principal: v.Principal, SeesPrincipal: v.SeesPrincipal,
			SeesMirror: v.SeesMirror, Timeout: int(v.TimeoutSec), Clock: v.Clock, Echo: v.Echo}, true
	case *proto.QuorumQuery:
		return v.MirroringID, partner.Message{Type: partner.MsgQuorumQuery, From: from,
			RoleSeq: v.RoleSeq, Forced: v.Forced}, true
	case *proto.WitnessVote:
		return v.MirroringID, partner.Message{Type: partner.MsgWitnessVote, From: from,
			RoleSeq: v.NewRoleSeq, Granted: v.Granted}, true
	}
	return uuid.Nil, partner.Message{}, false
}
