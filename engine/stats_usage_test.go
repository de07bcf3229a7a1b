package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLogWriteStall: sys.dm_io_virtual_file_stats' io_stall_write_ms for
// the log file is the log's own write-and-sync time (txlog.Stats.WriteNanos)
// in whole milliseconds, and io_stall adds the (zero) read stall to it.
func TestLogWriteStall(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE dbo.w (id int PRIMARY KEY)")
	for i := range 20 {
		mustExec(t, s, "INSERT dbo.w VALUES ("+strconv.Itoa(i)+")")
	}
	d := inst.Database("d")
	ms := func() int64 { return int64(time.Duration(d.log.Stats().WriteNanos) / time.Millisecond) }
	before := ms()
	rows := mustExec(t, s, "SELECT io_stall_write_ms, io_stall, num_of_writes FROM sys.dm_io_virtual_file_stats(DB_ID(), 2)")
	after := ms()
	if len(rows) != 1 {
		t.Fatalf("log file rows = %v, want one", rows)
	}
	var f [3]int64
	for i, p := range strings.Split(rows[0], ",") {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || i >= len(f) {
			t.Fatalf("row %q: %v", rows[0], err)
		}
		f[i] = n
	}
	stall, total, writes := f[0], f[1], f[2]
	if stall < before || stall > after || total != stall || writes < 20 {
		t.Errorf("io_stall_write_ms %d, io_stall %d, num_of_writes %d; want the log's %d..%d ms (both) and >= 20 writes",
			stall, total, writes, before, after)
	}
}

// TestUsageCountersRestart: the usage counters are in memory
// (engine/exec/stats_usage.go): a restart starts them again from zero, so
// no index shows as used. The modification counter is kept in the
// database (engine/exec/stats_persist.go), written at a checkpoint — a
// clean shutdown takes one — so it counts the 3 rows still.
func TestUsageCountersRestart(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE dbo.r (id int PRIMARY KEY, v int); INSERT dbo.r VALUES (1, 1), (2, 2), (3, 3)")
	mustExec(t, s, "SELECT v FROM dbo.r WHERE id = 2")
	const q = `SELECT p.modification_counter,
		(SELECT COUNT(*) FROM sys.dm_db_index_usage_stats u WHERE u.database_id = DB_ID() AND u.object_id = OBJECT_ID('dbo.r'))
		FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.r'), 1) p`
	if got := mustExec(t, s, q); len(got) != 1 || got[0] != "3,1" {
		t.Fatalf("before restart: %v, want [3,1] (3 inserted rows, the clustered index used)", got)
	}
	inst, s = restartTestInstance(t, inst, dir, "d", s)
	defer inst.Close()
	if got := mustExec(t, s, q); len(got) != 1 || got[0] != "3,0" {
		t.Errorf("after restart: %v, want [3,0]", got)
	}
}
