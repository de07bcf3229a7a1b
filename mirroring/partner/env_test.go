package partner_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// env is the simulated deployment of the scenario tests (etcd raft's
// interaction_env): principal "a", mirror "b", optional witness "w", a FIFO network
// that can drop messages per directed link, and crash/restart with persisted state.
// LSNs are small integers (one per commit) to keep golden output readable.
type env struct {
	nodes   map[string]*node
	wit     *witnessNode
	queue   []partner.Message
	blocked map[[2]string]bool // directed links that drop messages
	out     *strings.Builder
	trace   bool
	// watch prints every change of a partner's state, as the owner publishes
	// it after each step: the changes from and to DISCONNECTED are what the
	// error log shows as 1440/1441 and 1442.
	watch bool
	// stalled holds messages in flight on a slow connection (stall): they
	// arrive after what is sent later on the other one (unstall).
	stalled []partner.Message

	manualHarden bool
	// forced is set once service was forced: split brain is documented behaviour
	// after FORCE_SERVICE (§1.9.3), so only the per-role-sequence check applies.
	forced bool
	// maxReleased is the highest commit LSN ever acknowledged to a client; without
	// forced service every serving principal's log must contain it.
	maxReleased txlog.LSN
	violations  []string

	// Fork point (doc.go "Finding the fork point"): after lose-tail, the
	// principal's log after fork is a new timeline, and a mirror holding log
	// beyond fork holds the lost one. The env plays the principal's owner, which
	// compares the mirror's last blocks (at most window LSNs past the fork are
	// comparable; 0: any) and refuses log that does not continue the mirror's.
	fork   txlog.LSN
	forked bool
	window int
}

type node struct {
	name, partner string
	m             *partner.Machine
	hs            partner.HardState
	logEnd        txlog.LSN // durable log end (principal flushed / mirror hardened)
	received      txlog.LSN
	crashed       bool
	serving       bool
	shown         partner.State // state at the end of the last step (watch)
}

type witnessNode struct {
	name    string
	m       *witness.Machine
	hs      witness.HardState
	crashed bool
}

type setupOpts struct {
	witness      bool
	safetyOff    bool
	timeout      int
	manualHarden bool
}

func newEnv(o setupOpts) *env {
	e := &env{nodes: map[string]*node{}, blocked: map[[2]string]bool{}, out: &strings.Builder{}, manualHarden: o.manualHarden}
	hs := partner.HardState{Safety: partner.SafetyFull, Timeout: o.timeout}
	if o.safetyOff {
		hs.Safety = partner.SafetyOff
	}
	if o.witness {
		hs.Witness = "w"
		e.wit = &witnessNode{name: "w"}
		e.wit.m = witness.New(witness.Config{Self: "w", Partners: [2]string{"a", "b"}})
	}
	for _, n := range []*node{{name: "a", partner: "b"}, {name: "b", partner: "a"}} {
		n.hs = hs
		n.hs.Role = partner.RoleMirror
		if n.name == "a" {
			n.hs.Role = partner.RolePrincipal
		}
		e.nodes[n.name] = n
	}
	for _, n := range e.sortedNodes() {
		e.start(n)
	}
	e.connectAll()
	return e
}

func (e *env) logf(format string, args ...any) {
	fmt.Fprintf(e.out, format+"\n", args...)
}

func (e *env) start(n *node) {
	n.m = partner.New(partner.Config{Database: "db", Self: n.name, Partner: n.partner, State: n.hs, EndOfLog: n.logEnd})
	n.received = n.logEnd
	n.serving = false
	e.handle(n)
}

// rebuild does what the manager does when received log cannot be hardened: a new
// machine from the hard state and the log on disk, keeping the peers' liveness.
func (e *env) rebuild(name string) {
	n := e.nodes[name]
	old := n.m
	n.m = partner.New(partner.Config{Database: "db", Self: n.name, Partner: n.partner, State: old.HardState(), EndOfLog: n.logEnd})
	n.m.KeepLinks(old)
	n.received = n.logEnd
	e.handle(n)
}

func (e *env) connectAll() {
	for _, n := range e.sortedNodes() {
		if n.crashed {
			continue
		}
		if other := e.nodes[n.partner]; !other.crashed {
			n.m.ConnUp(n.partner)
		}
		if e.wit != nil && !e.wit.crashed {
			n.m.ConnUp("w")
		}
		e.handle(n)
	}
}

func (e *env) sortedNodes() []*node { return []*node{e.nodes["a"], e.nodes["b"]} }

// handle applies a partner machine's Ready in the documented order.
func (e *env) handle(n *node) {
	for n.m.HasReady() {
		rd := n.m.Ready()
		if rd.Truncate {
			n.logEnd = min(n.logEnd, rd.TruncateAfter)
			n.received = min(n.received, rd.TruncateAfter)
			e.logf("%s: truncate log after %d", n.name, rd.TruncateAfter)
			if e.forked && rd.TruncateAfter <= e.fork {
				e.forked = false
			}
		}
		if rd.Persist != nil {
			n.hs = *rd.Persist
		}
		for _, r := range rd.AppendLog {
			n.received = r.End
		}
		if rd.RoleChange != partner.NoRoleChange {
			switch rd.RoleChange {
			case partner.BecomePrincipal:
				n.logEnd = rd.RedoTo
				e.logf("%s: %s at role seq %d (redo to %d)", n.name, rd.RoleChange, n.hs.RoleSeq, rd.RedoTo)
			case partner.Removed:
				e.logf("%s: mirroring removed", n.name)
			default:
				e.logf("%s: %s at role seq %d", n.name, rd.RoleChange, n.hs.RoleSeq)
			}
		}
		if rd.ServingChanged && rd.Serving != n.serving {
			n.serving = rd.Serving
			if rd.Serving {
				e.logf("%s: serving", n.name)
			} else {
				e.logf("%s: not serving (%v)", n.name, errNum(n.m.AccessError()))
			}
		}
		if rd.ReleaseCommits > 0 {
			e.logf("%s: commits released to %d", n.name, rd.ReleaseCommits)
			e.maxReleased = max(e.maxReleased, rd.ReleaseCommits)
		}
		for _, msg := range rd.Messages {
			e.checkMessage(n, msg)
			e.enqueue(msg)
		}
		for _, d := range rd.Done {
			if d.Err != nil {
				e.logf("%s: %s failed: %v", n.name, d.Cmd, errNum(d.Err))
			} else {
				e.logf("%s: %s done", n.name, d.Cmd)
			}
		}
		if len(rd.AppendLog) > 0 && !e.manualHarden {
			n.logEnd = n.received
			n.m.Hardened(n.logEnd)
		}
		e.check()
	}
	if st := n.m.Status().State; st != n.shown {
		if e.watch {
			e.logf("%s: %s -> %s", n.name, n.shown, st)
		}
		n.shown = st
	}
}

func (e *env) handleWitness() {
	w := e.wit
	rd := w.m.Ready()
	if rd.Persist != nil {
		if rd.Persist.RoleSeq != w.hs.RoleSeq || rd.Persist.Principal != w.hs.Principal {
			e.logf("w: knows principal %s at role seq %d", rd.Persist.Principal, rd.Persist.RoleSeq)
		}
		w.hs = *rd.Persist
	}
	for _, msg := range rd.Messages {
		if msg.Type == partner.MsgWitnessVote {
			e.logf("w: vote for %s at role seq %d: granted=%t", msg.To, msg.RoleSeq, msg.Granted)
		}
		e.enqueue(msg)
	}
}

func (e *env) down(name string) bool {
	if e.wit != nil && name == e.wit.name {
		return e.wit.crashed
	}
	n, ok := e.nodes[name]
	return !ok || n.crashed
}

func (e *env) enqueue(msg partner.Message) {
	if e.down(msg.From) || e.down(msg.To) || e.blocked[[2]string{msg.From, msg.To}] {
		return
	}
	if e.trace {
		e.logf("  %s->%s %s seq=%d", msg.From, msg.To, msg.Type, msg.RoleSeq)
	}
	e.queue = append(e.queue, msg)
}

// deliver delivers every queued message (and those they cause) in FIFO order.
func (e *env) deliver() {
	for steps := 0; len(e.queue) > 0; steps++ {
		if steps > 100000 {
			panic("delivery does not quiesce")
		}
		e.deliverAt(0)
	}
}

// deliverSome delivers up to k messages chosen at random among the heads of the
// per-link queues: links stay FIFO (like TCP) but get different latencies.
func (e *env) deliverSome(k int, pick func(n int) int) {
	for ; k > 0 && len(e.queue) > 0; k-- {
		i := pick(len(e.queue))
		from, to := e.queue[i].From, e.queue[i].To
		head := slices.IndexFunc(e.queue, func(m partner.Message) bool { return m.From == from && m.To == to })
		e.deliverAt(head)
	}
}

// deliverAt delivers the i-th queued message.
func (e *env) deliverAt(i int) {
	msg := e.queue[i]
	e.queue = slices.Delete(e.queue, i, i+1)
	if e.down(msg.From) || e.down(msg.To) || e.blocked[[2]string{msg.From, msg.To}] {
		return
	}
	if e.wit != nil && msg.To == e.wit.name {
		e.wit.m.Step(msg)
		e.handleWitness()
		return
	}
	n := e.nodes[msg.To]
	if e.forked {
		switch from := e.nodes[msg.From]; msg.Type {
		case partner.MsgSessionAccept:
			if !n.m.HardState().Suspended {
				e.checkFork(from, &msg)
			}
		case partner.MsgLog:
			if n.received > e.fork {
				e.logf("%s: log (%d, %d] refused: it differs from the local log", n.name, msg.Start, msg.End)
				return
			}
		}
	}
	n.m.Step(msg)
	e.handle(n)
}

// checkFork is the principal's owner comparing the mirror's last blocks with its
// own log (mirroring/fork.go) for a SessionAccept from mirror.
func (e *env) checkFork(mirror *node, msg *partner.Message) {
	switch {
	case mirror.logEnd <= e.fork:
	case e.window > 0 && mirror.logEnd-e.fork > txlog.LSN(e.window):
		msg.NoCommonPoint = true
		e.logf("%s: no common point with %s's log in the compared window", msg.To, mirror.name)
	default:
		msg.CutAfter = e.fork
		e.logf("%s: %s's log diverges after %d", msg.To, mirror.name, e.fork)
	}
}

// loseTail is an OS crash of the crashed principal name that loses its log after
// to (written and shipped but not yet durable). No commit after to was
// acknowledged (a commit also waits for local durability), so the bound of what
// every principal must hold drops to to.
func (e *env) loseTail(name string, to txlog.LSN, window int) {
	n := e.nodes[name]
	n.logEnd = min(n.logEnd, to)
	n.received = n.logEnd
	e.maxReleased = min(e.maxReleased, to)
	e.fork, e.forked, e.window = to, true, window
	e.logf("%s: lost its log after %d", name, to)
}

// tick ticks every running node once, then delivers everything.
func (e *env) tick() {
	e.tickOnly()
	e.deliver()
}

// tickOnly ticks every running node once.
func (e *env) tickOnly() {
	for _, n := range e.sortedNodes() {
		if !n.crashed {
			n.m.Tick()
			e.handle(n)
		}
	}
	if e.wit != nil && !e.wit.crashed {
		e.wit.m.Tick()
		e.handleWitness()
	}
}

// cut blocks (or unblocks) both directions between x and y.
func (e *env) cut(x, y string, block bool) {
	for _, k := range [][2]string{{x, y}, {y, x}} {
		if block {
			e.blocked[k] = true
		} else {
			delete(e.blocked, k)
		}
	}
}

func (e *env) isolate(x string) {
	for _, y := range []string{"a", "b", "w"} {
		if y != x {
			e.cut(x, y, true)
		}
	}
}

func (e *env) crash(name string) {
	if e.wit != nil && name == e.wit.name {
		e.wit.crashed = true
	} else {
		n := e.nodes[name]
		n.crashed = true
		n.serving = false
		n.received = n.logEnd // unhardened log is lost
	}
	e.logf("%s: crashed", name)
	// Its connections die with it: nothing in flight from or to it arrives later.
	gone := func(m partner.Message) bool { return m.From == name || m.To == name }
	e.queue = slices.DeleteFunc(e.queue, gone)
	e.stalled = slices.DeleteFunc(e.stalled, gone)
	// Peers see a hard error (§1.4) at once.
	for _, n := range e.sortedNodes() {
		if !n.crashed && n.name != name {
			n.m.ConnDown(name)
			e.handle(n)
		}
	}
	if e.wit != nil && !e.wit.crashed && name != e.wit.name {
		e.wit.m.ConnDown(name)
		e.handleWitness()
	}
	e.check()
}

func (e *env) restart(name string) {
	if e.wit != nil && name == e.wit.name {
		e.wit.crashed = false
		e.wit.m = witness.New(witness.Config{Self: "w", Partners: [2]string{"a", "b"}, State: e.wit.hs})
	} else {
		n := e.nodes[name]
		n.crashed = false
		e.start(n)
	}
	e.logf("%s: restarted", name)
	e.connectAll()
}

// commit appends one commit to the principal's log and flushes it.
func (e *env) commit(name string) {
	n := e.nodes[name]
	if n.crashed || !n.serving {
		e.logf("%s: commit refused: %v", name, errNum(n.m.AccessError()))
		return
	}
	n.logEnd++
	n.m.LogFlushed(n.logEnd)
	e.handle(n)
}

func (e *env) harden(name string) { e.hardenTo(name, 1<<62) }

// hardenTo makes the mirror fsync what it received, up to lsn.
func (e *env) hardenTo(name string, lsn txlog.LSN) {
	n := e.nodes[name]
	n.logEnd = min(n.received, lsn)
	n.m.Hardened(n.logEnd)
	e.handle(n)
}

// check asserts the safety invariants after every step.
func (e *env) check() {
	if e.forced {
		// Once both partners run the same role sequence the fork is resolved; from
		// then on the strict checks apply again, counting commits afresh.
		a, b := e.nodes["a"], e.nodes["b"]
		if a.m != nil && b.m != nil && !a.crashed && !b.crashed && a.m.Status().RoleSeq == b.m.Status().RoleSeq {
			e.forced = false
			e.maxReleased = 0
		}
	}
	var serving []*node
	for _, n := range e.sortedNodes() {
		if n.m != nil && !n.crashed && n.m.Status().Serving && !n.m.Status().Off {
			serving = append(serving, n)
		}
	}
	if len(serving) == 2 {
		a, b := serving[0].m.Status(), serving[1].m.Status()
		if a.RoleSeq == b.RoleSeq {
			e.violate("two serving principals at role seq %d", a.RoleSeq)
		} else if !e.forced {
			e.violate("two serving principals (role seq %d and %d)", a.RoleSeq, b.RoleSeq)
		}
	}
	if !e.forced {
		for _, n := range serving {
			if n.logEnd < e.maxReleased {
				e.violate("%s serves with log end %d < acknowledged commit %d", n.name, n.logEnd, e.maxReleased)
			}
		}
	}
}

// checkMessage asserts the ordering contract of Ready: a message never reveals a
// role sequence or role that is not yet persisted, and the mirror acknowledges only
// hardened log.
func (e *env) checkMessage(n *node, msg partner.Message) {
	switch msg.Type {
	case partner.MsgPing, partner.MsgSessionStart, partner.MsgSessionAccept:
		if msg.RoleSeq != n.hs.RoleSeq || msg.Role != n.hs.Role {
			e.violate("%s sent %s with role %s seq %d before persisting it (persisted %s seq %d)",
				n.name, msg.Type, msg.Role, msg.RoleSeq, n.hs.Role, n.hs.RoleSeq)
		}
	case partner.MsgFailoverCommit:
		if n.hs.RoleSeq != msg.RoleSeq || n.hs.Role != partner.RoleMirror {
			e.violate("%s committed a failover to seq %d before persisting the mirror role", n.name, msg.RoleSeq)
		}
	case partner.MsgQuorumQuery:
		if n.hs.QueriedSeq != msg.RoleSeq+1 {
			e.violate("%s asked the witness before persisting the query", n.name)
		}
	}
	if msg.Type == partner.MsgAck && msg.Hardened > n.logEnd {
		e.violate("%s acknowledged %d beyond its hardened log %d", n.name, msg.Hardened, n.logEnd)
	}
	if msg.Type == partner.MsgPing && n.hs.Role == partner.RoleMirror && msg.Hardened > n.logEnd {
		e.violate("%s reported hardened %d beyond its hardened log %d", n.name, msg.Hardened, n.logEnd)
	}
}

func (e *env) violate(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !slices.Contains(e.violations, msg) {
		e.violations = append(e.violations, msg)
	}
	e.logf("INVARIANT VIOLATED: %s", msg)
}

func (e *env) status() string {
	var b strings.Builder
	for _, n := range e.sortedNodes() {
		if n.crashed {
			fmt.Fprintf(&b, "%s: crashed (persisted role=%s seq=%d)\n", n.name, n.hs.Role, n.hs.RoleSeq)
			continue
		}
		s := n.m.Status()
		if s.Off {
			fmt.Fprintf(&b, "%s: mirroring off serving=%t log=%d\n", n.name, s.Serving, n.logEnd)
			continue
		}
		var sees []string
		if s.SeesPartner {
			sees = append(sees, n.partner)
		}
		if s.SeesWitness {
			sees = append(sees, s.Witness)
		}
		fmt.Fprintf(&b, "%s: %s %s seq=%d safety=%s timeout=%d serving=%t sees=[%s] log=%d",
			n.name, s.Role, s.State, s.RoleSeq, s.Safety, s.Timeout, s.Serving, strings.Join(sees, " "), n.logEnd)
		if s.Role == partner.RolePrincipal {
			fmt.Fprintf(&b, " mirror-hardened=%d released=%d", s.PeerHardened, s.Released)
		}
		b.WriteByte('\n')
	}
	if e.wit != nil {
		if e.wit.crashed {
			b.WriteString("w: crashed\n")
		} else {
			s := e.wit.m.Status()
			fmt.Fprintf(&b, "w: principal=%s seq=%d sees-principal=%t sees-mirror=%t\n",
				s.Principal, s.RoleSeq, s.SeesPrincipal, s.SeesMirror)
		}
	}
	return b.String()
}

// errNum renders an error as "number: text" for SQL Server errors.
func errNum(err error) string {
	if err == nil {
		return "ok"
	}
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if e, ok := err.(interface {
		SQLServerError() (int32, uint8, uint8)
	}); ok {
		se = e
		n, _, _ := se.SQLServerError()
		return fmt.Sprintf("%d", n)
	}
	return err.Error()
}
