package partner

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Role is a partner's role, numbered as sys.database_mirroring.mirroring_role (§3.1).
type Role uint8

// Roles. RoleNone is a database whose mirroring was removed (SET PARTNER OFF).
const (
	RoleNone      Role = 0
	RolePrincipal Role = 1
	RoleMirror    Role = 2
)

func (r Role) String() string {
	switch r {
	case RolePrincipal:
		return "PRINCIPAL"
	case RoleMirror:
		return "MIRROR"
	}
	return "NONE"
}

// State is the mirroring state, numbered as mirroring_state 0–4 (§1.7).
type State uint8

// Mirroring states.
const (
	StateSuspended       State = 0
	StateDisconnected    State = 1
	StateSynchronizing   State = 2
	StatePendingFailover State = 3
	StateSynchronized    State = 4
)

func (s State) String() string {
	switch s {
	case StateSuspended:
		return "SUSPENDED"
	case StateDisconnected:
		return "DISCONNECTED"
	case StateSynchronizing:
		return "SYNCHRONIZING"
	case StatePendingFailover:
		return "PENDING_FAILOVER"
	case StateSynchronized:
		return "SYNCHRONIZED"
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Safety is the transaction safety level, numbered as mirroring_safety_level (§3.1).
type Safety uint8

// Safety levels.
const (
	SafetyOff  Safety = 1
	SafetyFull Safety = 2
)

func (s Safety) String() string {
	if s == SafetyOff {
		return "OFF"
	}
	return "FULL"
}

// Timeout bounds (§1.4): default 10, values 0–4 become 5, above 32767 is error 1476.
const (
	DefaultTimeout = 10
	MinTimeout     = 5
	MaxTimeout     = 32767
)

// MsgType identifies a Message. Each maps one-to-one onto a mirroring/proto message
// (the owner translates): MsgPing ↔ Ping/Pong DBState, MsgLog ↔ LogBlocks, and so on.
type MsgType uint8

// Message types.
const (
	MsgPing             MsgType = iota + 1 // partner → partner/witness: liveness + state summary
	MsgSessionStart                        // (re)open the session; carries config and fork point
	MsgSessionAccept                       // mirror → principal: resume log after Hardened
	MsgLog                                 // principal → mirror: log blocks in (Start, End]
	MsgAck                                 // mirror → principal: Hardened / Redone
	MsgFailoverRequest                     // manual failover, principal → mirror
	MsgFailoverPrepared                    // mirror → principal: tail hardened
	MsgFailoverCommit                      // principal → mirror: old principal persisted mirror role
	MsgSuspend                             // SET PARTNER SUSPEND
	MsgResume                              // SET PARTNER RESUME
	MsgPartnerOff                          // SET PARTNER OFF
	MsgWitnessState                        // witness → partner: what the witness sees (its ping)
	MsgQuorumQuery                         // mirror → witness: may I take over?
	MsgWitnessVote                         // witness → mirror
)

var msgNames = [...]string{"?", "Ping", "SessionStart", "SessionAccept", "Log", "Ack",
	"FailoverRequest", "FailoverPrepared", "FailoverCommit", "Suspend", "Resume",
	"PartnerOff", "WitnessState", "QuorumQuery", "WitnessVote"}

func (t MsgType) String() string {
	if int(t) < len(msgNames) {
		return msgNames[t]
	}
	return fmt.Sprintf("MsgType(%d)", uint8(t))
}

// Message is one message between partners and witness for one database. Fields not
// used by a type are zero. From and To are instance names.
type Message struct {
	Type     MsgType
	From, To string

	RoleSeq    uint32
	Role       Role // sender's role (RoleNone from the witness)
	State      State
	Safety     Safety
	SafetySeq  uint32
	Suspended  bool
	SuspendSeq uint32
	Timeout    int    // TIMEOUT in ticks
	Witness    string // configured witness, "" for none

	EndOfLog    txlog.LSN
	Hardened    txlog.LSN
	Redone      txlog.LSN
	FailoverLSN txlog.LSN
	ForkLSN     txlog.LSN
	Start, End  txlog.LSN // MsgLog range (Start, End]

	// Fork point (doc.go "Finding the fork point"). On a MsgSessionAccept the
	// principal's owner sets them after comparing the mirror's last block sums
	// with its own log: CutAfter is the end of the common prefix when the mirror's
	// log diverges below Hardened, NoCommonPoint says the divergence starts before
	// the compared window. On a MsgSessionStart, CutAfter asks the mirror to
	// discard its log after it.
	CutAfter      txlog.LSN
	NoCommonPoint bool

	Clock, Echo              uint64
	SeesPartner, SeesWitness bool

	// Witness fields.
	Principal     string // WitnessState: the partner the witness knows as principal
	SeesPrincipal bool
	SeesMirror    bool
	Granted       bool // WitnessVote
	Forced        bool // QuorumQuery for FORCE_SERVICE_ALLOW_DATA_LOSS
}

// HardState is what the owner persists (in the database's boot page / master) when
// Ready.Persist is set, and passes back to New after a restart. Every field survives
// restarts (§1.7: SUSPENDED persists; §1.3 rule 8: an instance remembers its role).
type HardState struct {
	Role       Role
	RoleSeq    uint32
	Safety     Safety
	SafetySeq  uint32
	Suspended  bool
	SuspendSeq uint32
	Timeout    int
	Witness    string
	// ForkLSN is where this role sequence's timeline began (set by every role change
	// on the new principal; a returning old principal truncates its log after it).
	ForkLSN txlog.LSN
	// LogSeq is the role sequence under which this copy's log tail was written.
	// A mirror with LogSeq < RoleSeq holds a possibly divergent tail until it has
	// reconciled with the principal.
	LogSeq uint32
	// QueriedSeq is set to RoleSeq+1 before the mirror first asks the witness to
	// take over at that sequence, so that after a restart it still withholds its
	// confirmation of the old principal until the witness has answered.
	QueriedSeq uint32
}

// LogRange is a range of log (Start, End].
type LogRange struct {
	Start, End txlog.LSN
}

// RoleChange tells the owner to switch the database between roles.
type RoleChange uint8

// Role changes.
const (
	NoRoleChange RoleChange = iota
	// BecomePrincipal: finish redo up to Ready.RedoTo, undo uncommitted work, open
	// the database to clients (subject to Ready.Serving).
	BecomePrincipal
	// BecomeMirror: disconnect clients (in-flight work is rolled back), close the
	// database, put it in RESTORING and start redo of received log.
	BecomeMirror
	// Removed: SET PARTNER OFF; a principal keeps serving as a plain database, a
	// mirror stays RESTORING (§1.11).
	Removed
)

func (c RoleChange) String() string {
	return [...]string{"none", "become-principal", "become-mirror", "removed"}[c]
}

// FailoverKind is the cause of a role change, in SQL Server's words for
// message 1480 ("… failed over due to %s").
type FailoverKind string

// Failover kinds. A role learned from the partner or the witness (a former
// principal rejoining as mirror) is FailoverFromPartner.
const (
	FailoverFromPartner FailoverKind = "failover from partner"
	FailoverManual      FailoverKind = "manual failover"
	FailoverAutomatic   FailoverKind = "automatic failover"
	FailoverForced      FailoverKind = "forced failover"
)

// Command is a user command (ALTER DATABASE … SET PARTNER/WITNESS).
type Command uint8

// Commands.
const (
	CmdFailover Command = iota + 1
	CmdForceService
	CmdSuspend
	CmdResume
	CmdOff
	CmdSafety
	CmdTimeout
	CmdWitness
)

func (c Command) String() string {
	return [...]string{"?", "FAILOVER", "FORCE_SERVICE_ALLOW_DATA_LOSS", "SUSPEND", "RESUME",
		"OFF", "SAFETY", "TIMEOUT", "WITNESS"}[c]
}

// CommandResult completes a command that could not finish synchronously
// (FAILOVER waits for the handshake, FORCE_SERVICE for the witness).
type CommandResult struct {
	Cmd Command
	Err error // nil on success; otherwise a *Error
}

// Ready is what the owner must do after a call; see the package comment for the
// order. The zero Ready means "nothing to do".
type Ready struct {
	// Truncate: discard every log record after TruncateAfter and undo beyond it
	// (the old principal rejoining after a failover or forced service, §1.9.3; a
	// mirror taking over drops what it received but had not hardened). First.
	Truncate      bool
	TruncateAfter txlog.LSN
	// Persist: write durably before sending any message of this Ready.
	Persist *HardState
	// AppendLog: write these received ranges to the local log (mirror), then fsync
	// and call Hardened.
	AppendLog  []LogRange
	RoleChange RoleChange
	// Failover says why RoleChange happened, for the error log's 1480.
	Failover FailoverKind
	RedoTo   txlog.LSN // with BecomePrincipal
	// Serving reports whether clients may use the database now; ServingChanged is
	// set when it changed with this Ready. A principal that stops serving
	// disconnects clients and answers AccessError (955 quorum lost, 952 during a
	// manual failover) until Serving is true again; commits still waiting for
	// release fail (their outcome is unknown to the client, §6.6), as they do on
	// BecomeMirror.
	Serving        bool
	ServingChanged bool
	// ReleaseCommits: commits at or below this LSN may be acknowledged to clients.
	// It only grows while the machine stays principal.
	ReleaseCommits txlog.LSN
	Messages       []Message
	Done           []CommandResult
}
