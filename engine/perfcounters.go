package engine

import (
	"path/filepath"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.dm_os_performance_counters: the counters DBAs and monitoring agents
// poll for mirroring (object "SQLServer:Database Mirroring", reference §4.5)
// and for each database's log ("SQLServer:Databases"). As in SQL Server,
// object, counter and instance names are nchar(128) padded with spaces,
// instance_name is the database name (and _Total), "/sec" counters are
// cumulative (cntr_type 272696576: a tool divides the difference of two
// samples by the time between them) and the others are current values
// (65792). Counters that do not apply to a database's current role read 0.
//
// The cumulative mirroring counters are log positions: "Log Bytes Sent/sec"
// is the offset of the log the mirror has hardened (as the principal knows
// it), "Log Bytes Received/sec" of the log this mirror has hardened in its
// own log and "Redo Bytes/sec" of the log it has redone. They grow by exactly the bytes sent, received and
// redone, which is what their rates measure. "Mirrored Write
// Transactions/sec" counts the principal's commits that waited for the
// mirror (SAFETY FULL) and "Transaction Delay" their total wait in ms: the
// difference of the second over that of the first is the average delay a
// commit pays for mirroring. "Transactions/sec" (SQLServer:Databases, the
// input of sp_dbmmonitorupdate's transactions_per_sec) counts the write
// transactions a database was asked to commit: one atomic add in
// Database.Commit; read-only transactions, which SQL Server also counts, are
// not (they have no per-database commit). SQLServer:Locks has the lock
// requests that waited ("Lock Waits/sec", "Lock Wait Time (ms)", the sums of
// sys.dm_os_wait_stats' LCK_M_* rows) and the deadlock victims ("Number of
// Deadlocks/sec"), in its _Total instance only; SQLServer:General
// Statistics "User Connections" the sessions open. The figures are read by
// Instance.Counters (counters.go), which the Prometheus endpoint reads too.

const (
	perfRawCount  = 65792     // PERF_COUNTER_LARGE_RAWCOUNT
	perfBulkCount = 272696576 // PERF_COUNTER_BULK_COUNT
)

func padName(s string) types.Value {
	if len(s) < 128 {
		s += strings.Repeat(" ", 128-len(s))
	}
	return types.NewString(types.NChar, s)
}

func init() {
	nchar := types.Type{ID: types.NChar, Length: 128}
	exec.RegisterView("sys.dm_os_performance_counters", []exec.ViewColumn{col("object_name", nchar), col("counter_name", nchar),
		col("instance_name", nchar), col("cntr_value", tBigInt), col("cntr_type", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			var out []exec.Row
			add := func(object, counter, instance string, value int64, kind int64) {
				out = append(out, exec.Row{padName(object), padName(counter), padName(instance), types.NewBigInt(value), in(kind)})
			}
			counters := inst.Counters() // counters.go, shared with the Prometheus endpoint
			var total struct{ flushed, flushes, logKB, usedKB, dataKB, transactions int64 }
			for _, d := range counters.Databases {
				// The data files' size walks the directory: it is read here, on
				// demand, and not in Counters, which a scraper reads often.
				dataKB := int64(0)
				if db := inst.Database(d.Name); db != nil {
					dataKB = dirBytes(filepath.Join(db.dir, "data")) / 1024
				}
				pct := int64(0)
				if d.LogSizeBytes > 0 {
					pct = d.LogUsedBytes * 100 / d.LogSizeBytes
				}
				add("SQLServer:Databases", "Log Bytes Flushed/sec", d.Name, d.LogFlushedBytes, perfBulkCount)
				add("SQLServer:Databases", "Log Flushes/sec", d.Name, d.LogFlushes, perfBulkCount)
				add("SQLServer:Databases", "Log File(s) Size (KB)", d.Name, d.LogSizeBytes/1024, perfRawCount)
				add("SQLServer:Databases", "Log File(s) Used Size (KB)", d.Name, d.LogUsedBytes/1024, perfRawCount)
				add("SQLServer:Databases", "Percent Log Used", d.Name, pct, perfRawCount)
				add("SQLServer:Databases", "Data File(s) Size (KB)", d.Name, dataKB, perfRawCount)
				add("SQLServer:Databases", "Transactions/sec", d.Name, d.Transactions, perfBulkCount)
				total.transactions += d.Transactions
				total.flushed += d.LogFlushedBytes
				total.flushes += d.LogFlushes
				total.logKB += d.LogSizeBytes / 1024
				total.usedKB += d.LogUsedBytes / 1024
				total.dataKB += dataKB
			}
			add("SQLServer:Databases", "Log Bytes Flushed/sec", "_Total", total.flushed, perfBulkCount)
			add("SQLServer:Databases", "Log Flushes/sec", "_Total", total.flushes, perfBulkCount)
			add("SQLServer:Databases", "Log File(s) Size (KB)", "_Total", total.logKB, perfRawCount)
			add("SQLServer:Databases", "Log File(s) Used Size (KB)", "_Total", total.usedKB, perfRawCount)
			add("SQLServer:Databases", "Data File(s) Size (KB)", "_Total", total.dataKB, perfRawCount)
			add("SQLServer:Databases", "Transactions/sec", "_Total", total.transactions, perfBulkCount)
			add("SQLServer:Locks", "Lock Waits/sec", "_Total", counters.LockWaits, perfBulkCount)
			add("SQLServer:Locks", "Lock Wait Time (ms)", "_Total", counters.LockWaitTime.Milliseconds(), perfBulkCount)
			add("SQLServer:Locks", "Number of Deadlocks/sec", "_Total", counters.Deadlocks, perfBulkCount)
			add("SQLServer:General Statistics", "User Connections", "", counters.UserConnections, perfRawCount)

			if _, err := inst.mirroringImpl(); err != nil {
				return out, nil
			}
			var mirrorTotal mirrorCounters
			for _, d := range counters.Databases {
				if d.Mirroring == nil {
					continue
				}
				mc := d.Mirroring
				c := mirrorCounters{sent: mc.SentBytes, recv: mc.ReceivedBytes, redone: mc.RedoneBytes, sendQ: mc.SendQueueBytes / 1024,
					redoQ: mc.RedoQueueBytes / 1024, txns: mc.MirroredTransactions, delay: mc.TransactionDelay.Milliseconds(),
					harden: mc.AverageHardenTime.Milliseconds()}
				c.add(add, d.Name)
				mirrorTotal.sum(c)
			}
			mirrorTotal.add(add, "_Total")
			return out, nil
		})
}

// mirrorCounters are one database's "SQLServer:Database Mirroring"
// counters, the values this server measures; add writes all 21 counters SQL
// Server has (reference §4.5), so a script that reads any of them by name
// finds its row. The log is all that travels between partners, so the
// network byte counters equal the log byte counters and the log is never
// compressed (compressed bytes equal the bytes); "Send/Receive Ack Time"
// is the commits' wait for the mirror's acknowledgement and "Log Harden
// Time (ms)" its average per commit. Sends, receives, cache hits, flow
// control, page repair and the undo of a new principal are not measured
// per database and read 0.
type mirrorCounters struct {
	sent, recv, redone, sendQ, redoQ, txns, delay, harden int64
}

func (c *mirrorCounters) sum(o mirrorCounters) {
	c.sent, c.recv, c.redone, c.sendQ, c.redoQ = c.sent+o.sent, c.recv+o.recv, c.redone+o.redone, c.sendQ+o.sendQ, c.redoQ+o.redoQ
	c.txns, c.delay, c.harden = c.txns+o.txns, c.delay+o.delay, max(c.harden, o.harden)
}

func (c mirrorCounters) add(add func(object, counter, instance string, value, kind int64), instance string) {
	const obj = "SQLServer:Database Mirroring"
	for _, k := range []struct {
		name  string
		value int64
		kind  int64
	}{
		{"Bytes Received/sec", c.recv, perfBulkCount},
		{"Bytes Sent/sec", c.sent, perfBulkCount},
		{"Log Bytes Received/sec", c.recv, perfBulkCount},
		{"Log Bytes Redone from Cache/sec", 0, perfBulkCount},
		{"Log Bytes Sent from Cache/sec", 0, perfBulkCount},
		{"Log Bytes Sent/sec", c.sent, perfBulkCount},
		{"Log Compressed Bytes Rcvd/sec", c.recv, perfBulkCount},
		{"Log Compressed Bytes Sent/sec", c.sent, perfBulkCount},
		{"Log Harden Time (ms)", c.harden, perfRawCount},
		{"Log Remaining for Undo KB", 0, perfRawCount},
		{"Log Scanned for Undo KB", 0, perfRawCount},
		{"Log Send Flow Control Time (ms)", 0, perfRawCount},
		{"Log Send Queue KB", c.sendQ, perfRawCount},
		{"Mirrored Write Transactions/sec", c.txns, perfBulkCount},
		{"Pages Sent/sec", 0, perfBulkCount},
		{"Receives/sec", 0, perfBulkCount},
		{"Redo Bytes/sec", c.redone, perfBulkCount},
		{"Redo Queue KB", c.redoQ, perfRawCount},
		{"Send/Receive Ack Time", c.delay, perfBulkCount},
		{"Sends/sec", 0, perfBulkCount},
		{"Transaction Delay", c.delay, perfBulkCount},
	} {
		add(obj, k.name, instance, k.value, k.kind)
	}
}
