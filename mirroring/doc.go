// Package mirroring is the database-mirroring runtime of one instance
// (reference/mirroring.md §1–3; design.md "Mirroring transport", "Roles are decided by
// a sequence number"). The decisions are made by the deterministic machines of
// mirroring/partner (one per mirrored database) and mirroring/witness (one per
// session this instance witnesses); the Manager does their I/O:
//
//   - Transport (mirroring/endpoint): one TCP connection (TLS unless ENCRYPTION is DISABLED) per pair of
//     instances carries every session between them. Addresses a session needs (the
//     partner's, the witness's) are dialed with backoff (100 ms … 2 s); when both
//     sides dial, both keep the connection dialed by the instance whose name sorts
//     first. Frame errors and unexpected messages end the connection with a logged
//     1434, never a panic. A lost connection is a hard error for every machine that
//     talks through it (ConnDown); a new one is a ConnUp.
//   - Ticks: every Config.PingInterval each machine ticks and pings (§1.4: TIMEOUT
//     counts ticks). Pings travel as proto.Ping with one DBState per database; a
//     DBState that names this instance as its sender's Partner is a partner ping,
//     any other goes to the witness machine of that session.
//   - Principal: a watcher per session waits on the log's Notify channel and reports
//     the durable end (LogFlushed). A MsgLog (Start, End] is shipped by sendLog,
//     which reads whole blocks (Block.Raw) with a txlog.Reader that continues where
//     the previous one ended, in LogBlocks frames of about 60 KB; a flush's batch
//     is usually shipped from the flush's own bytes before it is written
//     (shipstaged.go: txlog.Log.SetShipHook), else from the written hook or this
//     watcher after the write (ship.go). The SAFETY FULL
//     commit wait installed with Database.SetMirrorWait returns when the machine
//     releases the commit (Ready.ReleaseCommits): after the mirror's hardened ack
//     while SYNCHRONIZED, at once when the machine runs without the mirror.
//   - Mirror: received blocks are appended with Log.AppendBlocks (hardened, fsync)
//     on a per-session goroutine, then reported with Hardened, which acknowledges
//     them; redo is the engine's, its progress is polled every tick (Redone).
//   - Role changes: Database.BecomePrincipal / BecomeMirror, Log.TruncateAfter for
//     a divergent tail, SetAccessError with the machine's AccessError (954, 955,
//     952, 927).
//
// Ready is applied in the order of partner/doc.go: Truncate, Persist (mirroring.state
// in Config.DataDir, statefile.go, durable BEFORE any message that depends on it),
// AppendLog, RoleChange/Serving, ReleaseCommits, Messages, Done.
//
// Log positions: every position the machines see or send is a log end, slot 0
// of the block after the log (txlog.Log.FlushedEnd; the written end shipPos on
// the principal; a LogBlocks frame's EndLSN): one name for one log on both
// partners, also for a mirror restored WITH NORECOVERY whose log holds no record
// of its own, so end_of_log_lsn, the hardened and failover LSNs and the fork
// point compare directly. A commit's record LSN orders against them (slots
// start at 1). Only redo's position names a record (RedoneLSN).
//
// Set-up (§2.3): SET PARTNER on the RESTORING copy arms it; SET PARTNER on the
// ONLINE copy connects, sends a SessionStart with a new mirroring GUID and, on the
// mirror's SessionAccept, checks that the mirror's log position lies in the
// principal's retained log (1478 before it, 1412 beyond it). The mirror creates its
// machine when it accepts; a set-up the principal then refuses re-arms it.
//
// Concurrency: one mutex serializes the machines and the work they drive (message
// handling, ticks, commands). Status, PartnerInstance, Witnessed and Connections
// read snapshots under a separate lock, and the commit wait has its own lock, so
// engine callbacks may use them freely.
package mirroring
