package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"runtime"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Wait statistics, schedulers and sp_lock: what DBAs' standard scripts read
// first on a slow server (Glenn Berry's "top waits", sp_Blitz, sp_lock).
//
// sys.dm_os_wait_stats reports the waits the engine measures:
//   - LCK_M_<mode>: lock requests that queued in the lock manager (txn
//     Manager.LockWaits), counted per requested mode with total and longest
//     wait; a lock granted at once is no wait, as in SQL Server.
//   - DBMIRROR_DBM_EVENT: principal commits under SAFETY FULL that waited for
//     the mirror to harden their log (the mirroring status's
//     MirroredTransactions and TransactionDelayMS, the same figures as the
//     "Mirrored Write Transactions/sec" and "Transaction Delay" counters). The
//     longest single wait is not kept there and reads 0.
//
//   - WRITELOG: commits waiting for their log block to be durable
//     (waits_writelog.go).
//
// Other wait types read 0: their time is not measured, and a made-up
// figure would mislead the scripts that rank waits.
// signal_wait_time_ms is 0 throughout: goroutines have no runnable-queue
// wait we can see.

// otherWaitTypes are the rows of sys.dm_os_wait_stats after the lock waits
// (which come in mode order).
var otherWaitTypes = []string{"WRITELOG", "DBMIRROR_DBM_EVENT", "DBMIRROR_SEND", "DBMIRRORING_CMD", "PAGEIOLATCH_SH", "PAGEIOLATCH_EX",
	"IO_COMPLETION", "ASYNC_NETWORK_IO", "SOS_SCHEDULER_YIELD", "CXPACKET", "THREADPOOL", "RESOURCE_SEMAPHORE"}

// waitRow is one wait type's accumulated figures, in milliseconds.
type waitRow struct {
	name         string
	count        int64
	totalMS      int64
	maxMS        int64
	signalWaitMS int64
}

// waitStats gathers the instance's waits (see the file comment) since the
// last DBCC SQLPERF('sys.dm_os_wait_stats', CLEAR) (waitstats_clear.go).
func (inst *Instance) waitStats(s *exec.Session) []waitRow {
	return inst.waitBase.apply(inst.rawWaitStats(s))
}

// rawWaitStats is waitStats since the instance started.
func (inst *Instance) rawWaitStats(s *exec.Session) []waitRow {
	var out []waitRow
	for _, w := range s.Server().Locks().LockWaits() {
		out = append(out, waitRow{name: lockWaitTypes[w.Mode], count: int64(w.Count), totalMS: w.Total.Milliseconds(), maxMS: w.Max.Milliseconds()})
	}
	var mirrored, delay int64
	if m, err := inst.mirroringImpl(); err == nil {
		for _, d := range inst.Databases() {
			if st, ok := m.Status(d.name); ok && st.Role == 1 {
				mirrored += st.MirroredTransactions
				delay += st.TransactionDelayMS
			}
		}
	}
	for _, name := range otherWaitTypes {
		r := waitRow{name: name}
		switch name {
		case "DBMIRROR_DBM_EVENT":
			r.count, r.totalMS = mirrored, delay
		case "WRITELOG":
			r.count, r.totalMS, r.maxMS = inst.writeLogWaits() // waits_writelog.go
		}
		out = append(out, r)
	}
	return out
}

// schedulerAddress is a stable, made-up address for scheduler i (scripts
// join on it, nothing dereferences it).
func schedulerAddress(i int) types.Value {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, 0x0000_0100_0004_0000+uint64(i)<<13)
	return types.NewVarBinary(b)
}

// lockType and lockResource render a lock as sp_lock shows it: Type DB,
// TAB, KEY or APP, and for keys a 12-digit hash in parentheses (SQL Server
// shows a hash of the key, not the key).
func lockType(r txn.Resource) string {
	switch r.Kind {
	case txn.Database:
		return "DB"
	case txn.Object:
		return "TAB"
	case txn.Key:
		return "KEY"
	case txn.Application:
		return "APP"
	}
	return "RID"
}

func lockResource(r txn.Resource) string {
	switch r.Kind {
	case txn.Key:
		if r.Key == "" {
			return "(ffffffffffff)" // the end of the index (exec's keyrange.go), as SQL Server names it
		}
		h := fnv.New64a()
		h.Write([]byte(r.Key))
		return fmt.Sprintf("(%012x)", h.Sum64()&0xffffffffffff)
	case txn.Application:
		return r.Key
	}
	return ""
}

// spLock is sp_lock [@spid1 [, @spid2]]: the locks held and waited for,
// optionally of one or two sessions.
func spLock(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	spid1, has1 := exec.ArgInt(args, 0, "@spid1")
	spid2, has2 := exec.ArgInt(args, 1, "@spid2")
	// Key locks name the index's storage object (exec's lockRow); sp_lock
	// shows the table and index it belongs to.
	type tableIndex struct{ obj, ind int64 }
	stores := map[uint32]map[uint32]tableIndex{} // database id -> store id -> table and index
	storeOf := func(dbID, store uint32) tableIndex {
		m, ok := stores[dbID]
		if !ok {
			m = map[uint32]tableIndex{}
			for _, d := range instanceOf(s).Databases() {
				if uint32(d.id) != dbID {
					continue
				}
				for _, t := range d.Catalog().Tables {
					for _, ix := range t.Indexes {
						m[ix.StoreID] = tableIndex{int64(t.ID), int64(ix.IndexID)}
					}
				}
			}
			stores[dbID] = m
		}
		return m[store]
	}
	var rows []exec.Row
	for _, l := range s.Server().Locks().Locks() {
		if (has1 || has2) && !(has1 && int64(l.SPID) == spid1) && !(has2 && int64(l.SPID) == spid2) {
			continue
		}
		obj, ind := int64(0), int64(0)
		switch l.Resource.Kind {
		case txn.Object:
			obj = int64(l.Resource.Object)
		case txn.Key:
			ti := storeOf(l.Resource.Database, l.Resource.Object)
			obj, ind = ti.obj, ti.ind
		}
		status := string(l.Status)
		if status == "CONVERT" {
			status = "CNVRT"
		}
		rows = append(rows, exec.Row{types.NewSmallInt(int16(l.SPID)), types.NewSmallInt(int16(exec.LockDatabaseID(l.Resource.Database))), in(obj),
			types.NewSmallInt(int16(ind)), types.NewString(types.NChar, fmt.Sprintf("%-4s", lockType(l.Resource))),
			types.NewString(types.NChar, fmt.Sprintf("%-32s", lockResource(l.Resource))), nv(l.Mode.String()), nv(status)})
	}
	return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("spid", tSmallInt), rc("dbid", tSmallInt), rc("ObjId", tInt),
		rc("IndId", tSmallInt), rc("Type", types.Type{ID: types.NChar, Length: 4}), rc("Resource", types.Type{ID: types.NChar, Length: 32}),
		rc("Mode", types.NVarCharType(8)), rc("Status", types.NVarCharType(5))}, rows)
}

func init() {
	exec.RegisterView("sys.dm_os_wait_stats", []exec.ViewColumn{col("wait_type", tDesc), col("waiting_tasks_count", tBigInt),
		col("wait_time_ms", tBigInt), col("max_wait_time_ms", tBigInt), col("signal_wait_time_ms", tBigInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, w := range instanceOf(s).waitStats(s) {
				out = append(out, exec.Row{nv(w.name), types.NewBigInt(w.count), types.NewBigInt(w.totalMS), types.NewBigInt(w.maxMS), types.NewBigInt(w.signalWaitMS)})
			}
			return out, nil
		})

	// sys.dm_os_schedulers: one VISIBLE ONLINE scheduler per GOMAXPROCS (the
	// Go runtime's processors run our work as SQL Server's schedulers run
	// its workers), plus the hidden one SQL Server always has for system
	// tasks. Task counts are the instance's running requests spread over
	// the visible schedulers; the runtime does not say which processor runs
	// which goroutine.
	bin8 := types.Type{ID: types.VarBinary, Length: 8}
	exec.RegisterView("sys.dm_os_schedulers", []exec.ViewColumn{col("scheduler_address", bin8), col("parent_node_id", tInt),
		col("scheduler_id", tInt), col("cpu_id", tInt), col("status", tDesc), col("is_online", tBit), col("is_idle", tBit),
		col("preemptive_switches_count", tInt), col("context_switches_count", tInt), col("idle_switches_count", tInt),
		col("current_tasks_count", tInt), col("runnable_tasks_count", tInt), col("current_workers_count", tInt),
		col("active_workers_count", tInt), col("work_queue_count", tBigInt), col("pending_disk_io_count", tInt),
		col("load_factor", tInt), col("yield_count", tInt), col("last_timer_activity", tBigInt), col("failed_to_create_worker", tBit),
		col("active_worker_address", bin8), col("memory_object_address", bin8), col("task_memory_object_address", bin8),
		col("quantum_length_us", tBigInt), col("total_cpu_usage_ms", tBigInt), col("total_cpu_idle_capped_ms", tBigInt),
		col("total_scheduler_delay_ms", tBigInt), col("ideal_workers_limit", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			n := runtime.GOMAXPROCS(0)
			s.Publish()
			running := 0
			for _, si := range s.Server().SessionList() {
				if si.Request.Running {
					running++
				}
			}
			ticks := time.Since(instanceOf(s).started).Milliseconds()
			var out []exec.Row
			row := func(id, cpu int, status string, tasks int) exec.Row {
				return exec.Row{schedulerAddress(id), in(0), in(int64(id)), in(int64(cpu)), nv(status), bt(true), bt(tasks == 0),
					in(0), in(0), in(0), in(int64(tasks)), in(0), in(int64(tasks)), in(int64(tasks)), types.NewBigInt(0), in(0),
					in(int64(tasks)), in(0), types.NewBigInt(ticks), bt(false), nullOf(bin8), schedulerAddress(id), schedulerAddress(id),
					types.NewBigInt(4000), types.NewBigInt(0), types.NewBigInt(0), types.NewBigInt(0), in(512)}
			}
			for i := range n {
				tasks := running / n
				if i < running%n {
					tasks++
				}
				out = append(out, row(i, i, "VISIBLE ONLINE", tasks))
			}
			out = append(out, row(1048576, 0, "HIDDEN ONLINE", 0))
			return out, nil
		})
	exec.RegisterProc("sp_lock", spLock)
}
