// Package partner is the deterministic database-mirroring state machine: one Machine
// per mirrored database per partner instance (reference/mirroring.md §1). It does no
// I/O, starts no goroutines and reads no clock (style.md principle 10, etcd raft's
// Step/tick/Ready). The owner (mirroring.Manager) drives it with
//
//   - Step(msg) for every message received from the partner or the witness,
//   - Tick() once per ping interval (1 s); TIMEOUT is counted in ticks (§1.4),
//   - local events: LogFlushed (principal's log hardened locally), Hardened (mirror
//     fsync'd received log), Redone, ConnUp/ConnDown (transport hard events),
//   - user commands: Failover, ForceService, Suspend, Resume, Off, SetSafety,
//     SetTimeout, SetWitness (ALTER DATABASE … SET PARTNER/WITNESS, §2.1),
//
// and after every call takes Ready() and applies it IN THIS ORDER:
//
//  1. Truncate (mirror, or a mirror becoming principal): durably discard the log
//     after TruncateAfter and undo beyond it. It precedes Persist because Persist
//     may record the log as reconciled (HardState.LogSeq); truncating first is
//     always safe, as only divergent or unhardened log is discarded.
//  2. Persist (if non-nil) must be durable before anything below happens:
//     "persist the role sequence before announcing it" — a role or role sequence
//     that a message reveals to a peer must survive a crash of the sender.
//  3. AppendLog (mirror): write the received blocks; fsync them and report with
//     Hardened — "harden before acknowledging": the machine emits an Ack (and
//     reports a hardened LSN in pings) only for LSNs reported through Hardened.
//  4. RoleChange (close the database to clients and go RESTORING, or finish redo to
//     RedoTo and open it) and Serving (stop serving with 955 / serve again).
//  5. ReleaseCommits: commits whose commit record LSN ≤ ReleaseCommits may be
//     acknowledged to clients (SAFETY FULL waits for the mirror's hardened ack,
//     §1.5; SAFETY OFF never waits).
//  6. Messages: send them, in order, to their To instance. A MsgLog means "send the
//     log blocks in (Start, End] as LogBlocks" (split into as many LogBlocks
//     messages as the frame size requires).
//  7. Done: complete pending ALTER DATABASE commands with their results.
//
// Messages map one-to-one onto mirroring/proto (the owner translates and routes by
// database; proto's MirroringID/Database identify the Machine):
//
//	MsgPing            proto.DBState inside Ping/Pong (one per database per interval)
//	MsgSessionStart    proto.SessionStart      MsgSessionAccept  proto.SessionAccept
//	MsgLog             proto.LogBlocks (blocks in (Start, End], FirstLSN/EndLSN)
//	MsgAck             proto.Ack               MsgFailoverRequest proto.FailoverRequest
//	MsgFailoverPrepared proto.FailoverPrepared (RoleSeq = NewRoleSeq)
//	MsgFailoverCommit  proto.FailoverCommit (RoleSeq = NewRoleSeq)
//	MsgSuspend/MsgResume proto.Suspend/Resume  MsgPartnerOff     proto.PartnerOff
//	MsgWitnessState    proto.WitnessState      MsgQuorumQuery    proto.QuorumQuery
//	MsgWitnessVote     proto.WitnessVote (RoleSeq = NewRoleSeq)
//
// Finding the fork point. The principal ships log as soon as it is written to
// the OS, in parallel with its own fdatasync (§1.5 step 2), so an OS crash can
// lose a tail the mirror has already hardened. No commit in it was acknowledged
// (a commit also waits for local durability). Two cases follow on the same role
// sequence:
//
//   - the principal restarts and the session re-forms before it logs past the
//     mirror's end: the mirror holds log beyond the principal's EndOfLog and cuts
//     it at session start (acceptSession);
//   - the principal, running exposed, logs new blocks at the lost positions and
//     past the mirror's end first: the mirror's log then differs from the
//     principal's below the mirror's hardened LSN. Rule: the mirror's
//     SessionAccept carries the sums (offset, size, record count, CRC32C) of its
//     last hardened blocks (mirroring/fork.go: 64); the principal's owner compares
//     them with its own blocks at those offsets; the common point is the last
//     block of the longest matching prefix. If the mirror diverges below what it
//     reported (CutAfter < Hardened) the principal does not start the session but
//     answers a SessionStart with CutAfter, and the mirror cuts its log after it
//     (Ready.Truncate: undo, then truncate) before accepting again; if even the
//     first compared block differs there is no common point in the window: the
//     principal reports 1412 and SUSPENDS the session (the mirror must be
//     re-seeded) rather than loop on refused log.
//
// Across role sequences the fork point is known (ForkLSN): a returning old
// principal keeps its tail while SUSPENDED (§1.9.3) and cuts it at the session
// start after RESUME. Until then its SessionAccept reports only its log up to
// ForkLSN, and its owner sums the blocks up to there: an accept sent while
// SUSPENDED may reach a principal that has since resumed, which would otherwise
// compare the tail and report 1412.
//
// Why this design and not the principal's recovery points (its end of log at each
// restart, kept in its control file): a recovery point says where a new timeline
// may begin but not whether the mirror received its log before or after that
// restart, so the mirror could not tell a stale tail from current log without
// also tracking incarnations; comparing the blocks themselves is local, needs no
// new durable state and decides from the data. Why it is right: the log is
// append-only within a role sequence except for such a lost tail (role changes
// are handled by ForkLSN), so the two logs agree up to some block and differ
// after it; the divergent blocks are among those written but not yet durable on
// the principal at its crash (a few flush batches), hence in the window. A
// mismatching CRC32C proves a difference; a matching one could be a collision
// (2^-32 per block), but the principal resends the block holding the common
// point and the mirror compares that block byte for byte (txlog.AppendBlocks), so
// a collision on it leaves the session refusing log, never a silent fork.
//
// Safety argument (never two serving principals, §1.3): pings carry the sender's
// tick Clock and echo the latest Clock received from the recipient. A principal
// counts a peer as part of its quorum only while the peer has echoed one of its own
// clocks within the last TIMEOUT ticks, while mirror and witness declare the
// principal lost only after more than TIMEOUT ticks without receiving its ping. With
// FIFO links and equal tick rates the principal's silence is never shorter than the
// peer's, so the principal stops serving no later than the tick on which the
// others may act. The witness grants at most one takeover per role sequence and
// never confirms a principal with an older role sequence again.
package partner
