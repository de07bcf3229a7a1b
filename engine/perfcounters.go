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
// commit pays for mirroring.

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
			var total struct{ flushed, flushes, logKB, usedKB, dataKB int64 }
			for _, d := range inst.Databases() {
				st := d.log.Stats()
				size, used := d.LogSpace()
				dataKB := dirBytes(filepath.Join(d.dir, "data")) / 1024
				pct := int64(0)
				if size > 0 {
					pct = used * 100 / size
				}
				add("SQLServer:Databases", "Log Bytes Flushed/sec", d.name, int64(st.FlushedBytes), perfBulkCount)
				add("SQLServer:Databases", "Log Flushes/sec", d.name, int64(st.Flushes), perfBulkCount)
				add("SQLServer:Databases", "Log File(s) Size (KB)", d.name, size/1024, perfRawCount)
				add("SQLServer:Databases", "Log File(s) Used Size (KB)", d.name, used/1024, perfRawCount)
				add("SQLServer:Databases", "Percent Log Used", d.name, pct, perfRawCount)
				add("SQLServer:Databases", "Data File(s) Size (KB)", d.name, dataKB, perfRawCount)
				total.flushed += int64(st.FlushedBytes)
				total.flushes += int64(st.Flushes)
				total.logKB += size / 1024
				total.usedKB += used / 1024
				total.dataKB += dataKB
			}
			add("SQLServer:Databases", "Log Bytes Flushed/sec", "_Total", total.flushed, perfBulkCount)
			add("SQLServer:Databases", "Log Flushes/sec", "_Total", total.flushes, perfBulkCount)
			add("SQLServer:Databases", "Log File(s) Size (KB)", "_Total", total.logKB, perfRawCount)
			add("SQLServer:Databases", "Log File(s) Used Size (KB)", "_Total", total.usedKB, perfRawCount)
			add("SQLServer:Databases", "Data File(s) Size (KB)", "_Total", total.dataKB, perfRawCount)

			m, err := inst.mirroringImpl()
			if err != nil {
				return out, nil
			}
			var mt struct{ sent, recv, redone, sendQ, redoQ, txns, delay int64 }
			for _, d := range inst.Databases() {
				st, ok := m.Status(d.name)
				if !ok {
					continue
				}
				var sent, recv, redone, sendQ, redoQ, txns, delay int64
				if st.Role == 1 { // principal
					sent, sendQ, txns, delay = int64(st.HardenedLSN.BlockOffset()), st.SendQueueKB, st.MirroredTransactions, st.TransactionDelayMS
				} else {
					recv, redone, redoQ = int64(d.log.HardenedLSN().BlockOffset()), int64(d.RedoneLSN().BlockOffset()), st.RedoQueueKB
				}
				const obj = "SQLServer:Database Mirroring"
				add(obj, "Log Bytes Sent/sec", d.name, sent, perfBulkCount)
				add(obj, "Log Bytes Received/sec", d.name, recv, perfBulkCount)
				add(obj, "Redo Bytes/sec", d.name, redone, perfBulkCount)
				add(obj, "Log Send Queue KB", d.name, sendQ, perfRawCount)
				add(obj, "Redo Queue KB", d.name, redoQ, perfRawCount)
				add(obj, "Mirrored Write Transactions/sec", d.name, txns, perfBulkCount)
				add(obj, "Transaction Delay", d.name, delay, perfBulkCount)
				mt.txns, mt.delay = mt.txns+txns, mt.delay+delay
				mt.sent, mt.recv, mt.redone, mt.sendQ, mt.redoQ = mt.sent+sent, mt.recv+recv, mt.redone+redone, mt.sendQ+sendQ, mt.redoQ+redoQ
			}
			const obj = "SQLServer:Database Mirroring"
			add(obj, "Log Bytes Sent/sec", "_Total", mt.sent, perfBulkCount)
			add(obj, "Log Bytes Received/sec", "_Total", mt.recv, perfBulkCount)
			add(obj, "Redo Bytes/sec", "_Total", mt.redone, perfBulkCount)
			add(obj, "Log Send Queue KB", "_Total", mt.sendQ, perfRawCount)
			add(obj, "Redo Queue KB", "_Total", mt.redoQ, perfRawCount)
			add(obj, "Mirrored Write Transactions/sec", "_Total", mt.txns, perfBulkCount)
			add(obj, "Transaction Delay", "_Total", mt.delay, perfBulkCount)
			return out, nil
		})
}
