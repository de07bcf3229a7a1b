package mirroring

import (
	"slices"

	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// handle routes one received message: pings to the partner or witness machine they
// address, set-up messages to SET PARTNER, everything else to the session's
// machine by mirroring GUID. Messages for unknown sessions, or from an instance that
// is neither the session's partner nor its witness, are dropped. A mirror's
// received log may be hardened on the calling goroutine after Manager.mu is
// released (harden.go).
func (m *Manager) handle(c *endpoint.Conn, pm proto.Message) {
	markMsg(pm, stMirrorRecv, stAckRecv)
	m.mu.Lock()
	markMsg(pm, stMirrorLocked, stAckLocked)
	after := m.handleLocked(c, pm)
	m.mu.Unlock()
	markMsg(pm, stNone, stAckDone)
	if after != nil {
		after()
	}
}

// handleLocked is handle under Manager.mu; it returns work to run after the lock
// is released (an inline harden), or nil.
func (m *Manager) handleLocked(c *endpoint.Conn, pm proto.Message) func() {
	from := c.Peer().Name
	if m.closed {
		return nil
	}
	if m.peers[from] != c && !slices.Contains(m.superseded[from], c) {
		// c was replaced and its replacement has carried a message from the
		// peer (closeSuperseded), or c ended: a message its reader still
		// hands over was sent before everything the replacement carried, and
		// handled now it would arrive out of order. A stale SessionStart
		// named an end of log below what the mirror had since hardened and
		// acknowledged, and the mirror cut that log as a tail the principal
		// had lost (acceptSession). Dropped, it is one more message lost
		// with its connection, which the protocol recovers from (connReset).
		return nil
	}
	switch v := pm.(type) {
	case *proto.Ping:
		m.handlePing(from, v.Databases)
		return nil
	case *proto.Pong:
		m.handlePing(from, v.Databases)
		return nil
	case *proto.Hello, *proto.HelloAck, *proto.HelloReject:
		m.log.Error(errUnexpectedMessage("connection", int(pm.Type()), from, "").Error())
		_ = c.Close()
		return nil
	case *proto.SessionStart:
		if m.byGUID[v.MirroringID] == nil {
			m.setupMirror(c, v)
			return nil
		}
	case *proto.SessionAccept:
		if ch := m.setups[v.MirroringID]; ch != nil {
			select {
			case ch <- v:
			default:
			}
			return nil
		}
	case *proto.SessionReject:
		if ch := m.setups[v.MirroringID]; ch != nil {
			select {
			case ch <- v:
			default:
			}
		} else {
			m.log.Warn("mirroring session rejected", "peer", from, "err", v.Err())
		}
		return nil
	case *proto.PartnerOff:
		if w := m.witnessed[v.MirroringID]; w != nil && m.byGUID[v.MirroringID] == nil &&
			(w.partners[0] == from || w.partners[1] == from) {
			delete(m.witnessed, v.MirroringID)
			delete(m.st.Witnessed, v.MirroringID.String())
			m.requestSaveLocked() // nothing depends on it; a failure is logged
			m.refreshWitnessSnapsLocked()
			return nil
		}
	case *proto.SessionFamily:
		m.witnessFamily(from, v)
		return nil
	case *proto.QuorumQuery:
		if w := m.witnessed[v.MirroringID]; w != nil {
			_, msg, _ := fromProto(from, pm)
			w.m.Step(msg)
			m.applyWitnessLocked(w)
		}
		return nil
	}
	guid, msg, ok := fromProto(from, pm)
	if !ok {
		return nil
	}
	s := m.byGUID[guid]
	if s == nil {
		return nil
	}
	switch msg.Type {
	case partner.MsgWitnessState, partner.MsgWitnessVote:
		w := s.witnessAddr()
		if w == "" || m.addrPeer[normAddr(w)] != from {
			return nil
		}
		msg.From = w
	default:
		if from != s.partnerName {
			return nil
		}
	}
	var raw []byte
	switch v := pm.(type) {
	case *proto.LogBlocks:
		raw = v.Blocks
	case *proto.SessionAccept:
		m.checkFork(s, v, &msg)
	}
	s.m.Step(msg)
	m.applyLocked(s, raw)
	if raw != nil {
		return s.hardenAfterRecv()
	}
	return nil
}

// handlePing steps every database summary of a Ping/Pong: a summary that names this
// instance as its sender's partner goes to the partner machine, any other to the
// witness machine of that session (if this endpoint may act as witness).
func (m *Manager) handlePing(from string, states []proto.DBState) {
	for i := range states {
		st := &states[i]
		if st.Partner == m.self {
			if s := m.byGUID[st.MirroringID]; s != nil && s.partnerName == from {
				s.fresh = false // the principal pings only once its set-up has succeeded
				s.m.Step(fromState(from, st))
				m.applyLocked(s, nil)
			} else if s != nil {
				m.logRenamedPartnerLocked(s, from) // rename.go
			}
			continue
		}
		if m.epRole != proto.EndpointWitness && m.epRole != proto.EndpointAll {
			continue
		}
		w := m.witnessFor(from, st)
		if w == nil {
			continue
		}
		w.observe(from, st)
		w.m.Step(fromState(from, st))
		m.applyWitnessLocked(w)
	}
}
