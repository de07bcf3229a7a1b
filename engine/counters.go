package engine

import "time"

// Counters is one reading of the instance's performance counters: the
// figures sys.dm_os_performance_counters shows (perfcounters.go) and the
// Prometheus endpoint exports (engine/metrics), read from one place so that
// the two never disagree and nothing is counted twice.
//
// Reading them holds no lock that a commit needs for longer than a few
// loads: the per-database figures are atomics and the log's short mutex,
// the mirroring figures come from the manager's status snapshot (refreshed
// on its own tick), the lock figures are the lock manager's atomics and the
// connections a walk of the session map.
type Counters struct {
	Databases []DatabaseCounters // in database_id order

	// SQLServer:Locks (_Total): lock requests that had to wait, their total
	// wait, and deadlock victims chosen (each one a 1205).
	LockWaits    int64
	LockWaitTime time.Duration
	Deadlocks    int64
	// SQLServer:General Statistics "User Connections": the sessions open now.
	UserConnections int64
}

// DatabaseCounters are one database's SQLServer:Databases counters and, when
// it is mirrored, its SQLServer:Database Mirroring ones.
type DatabaseCounters struct {
	Name string
	// Cumulative since the process started: "Transactions/sec" (write
	// transactions the database was asked to commit), "Log Flushes/sec"
	// and "Log Bytes Flushed/sec".
	Transactions    int64
	LogFlushes      int64
	LogFlushedBytes int64
	// Current: "Log File(s) Size (KB)" and "Log File(s) Used Size (KB)", in
	// bytes.
	LogSizeBytes, LogUsedBytes int64

	Mirroring *MirroringCounters // nil when the database is not mirrored
}

// MirroringCounters are one mirrored database's figures (reference §4.5).
// The byte counters are log positions: they grow by exactly the bytes sent,
// received and redone (see perfcounters.go), and read 0 in the role they do
// not apply to.
type MirroringCounters struct {
	Role      int    // mirroring_role: 1 principal, 2 mirror
	RoleDesc  string // mirroring_role_desc
	State     int    // mirroring_state
	StateDesc string // mirroring_state_desc

	SentBytes     int64 // principal: log the mirror has hardened ("Log Bytes Sent/sec")
	ReceivedBytes int64 // mirror: log hardened here ("Log Bytes Received/sec")
	RedoneBytes   int64 // mirror: log redone ("Redo Bytes/sec")

	SendQueueBytes int64 // principal: "Log Send Queue KB", in bytes
	RedoQueueBytes int64 // mirror: "Redo Queue KB", in bytes

	// Principal, SAFETY FULL: commits that waited for the mirror ("Mirrored
	// Write Transactions/sec"), their total wait ("Transaction Delay") and
	// the average wait of one over the last status tick ("Log Harden Time").
	MirroredTransactions int64
	TransactionDelay     time.Duration
	AverageHardenTime    time.Duration
}

// Counters reads the instance's performance counters (see Counters).
func (inst *Instance) Counters() Counters {
	var c Counters
	m, _ := inst.mirroringImpl()
	for _, d := range inst.Databases() {
		st := d.log.Stats()
		size, used := d.LogSpace()
		dc := DatabaseCounters{Name: d.name, Transactions: d.transactions.Load(), LogFlushes: int64(st.Flushes),
			LogFlushedBytes: int64(st.FlushedBytes), LogSizeBytes: size, LogUsedBytes: used}
		if m != nil {
			if ms, ok := m.Status(d.name); ok {
				dc.Mirroring = d.mirroringCounters(ms)
			}
		}
		c.Databases = append(c.Databases, dc)
	}
	for _, w := range inst.locks.LockWaits() {
		c.LockWaits += int64(w.Count)
		c.LockWaitTime += w.Total
	}
	c.Deadlocks = int64(inst.locks.Deadlocks())
	inst.sessions.Range(func(_, _ any) bool {
		c.UserConnections++
		return true
	})
	return c
}

// mirroringCounters turns the database's mirroring status into its counters.
func (db *Database) mirroringCounters(st MirroringStatus) *MirroringCounters {
	c := &MirroringCounters{Role: st.Role, RoleDesc: st.RoleDesc, State: st.State, StateDesc: st.StateDesc}
	if st.Role == 1 { // principal
		c.SentBytes, c.SendQueueBytes = int64(st.HardenedLSN.BlockOffset()), st.SendQueueKB*1024
		c.MirroredTransactions = st.MirroredTransactions
		c.TransactionDelay = time.Duration(st.TransactionDelayMS) * time.Millisecond
		c.AverageHardenTime = time.Duration(st.AverageDelayMS) * time.Millisecond
	} else {
		c.ReceivedBytes, c.RedoneBytes = int64(db.log.HardenedLSN().BlockOffset()), int64(db.RedoneLSN().BlockOffset())
		c.RedoQueueBytes = st.RedoQueueKB * 1024
	}
	return c
}
