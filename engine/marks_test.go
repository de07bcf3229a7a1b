package engine

import (
	"slices"
	"strings"
	"testing"
)

// TestMarkNames: a mark is its transaction's name, as BEGIN TRANSACTION's
// page has it — case sensitive even on a case-insensitive server, so
// STOPATMARK = 'priceupdate' finds no mark 'PriceUpdate' (4329: the whole
// backup is applied and the database stays RESTORING) while the exact name
// stops at it; a name from a variable keeps its first 32 characters (the
// mark's name in msdb.dbo.logmarkhistory, and what STOPATMARK names); a
// description past 128 characters is kept truncated to 128. Before, the
// mark was matched without regard to case and a variable's name was kept
// whole.
func TestMarkNames(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'mk.bak' WITH INIT")
	mustExec(t, s, "BEGIN TRAN PriceUpdate WITH MARK 'UPDATE Product list prices'; INSERT d.dbo.t VALUES (1); COMMIT")
	long := "Load_" + strings.Repeat("x", 27) + "_tail" // 37 characters
	mustExec(t, s, "DECLARE @n nvarchar(60) = N'"+long+"', @desc nvarchar(300) = REPLICATE(N'd', 200); "+
		"BEGIN TRAN @n WITH MARK @desc; INSERT d.dbo.t VALUES (2); COMMIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (3)")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'mk.trn' WITH INIT")
	got := one(t, s, "SELECT mark_name + ':' + CONVERT(varchar(5), LEN(description)) FROM msdb.dbo.logmarkhistory ORDER BY mark_time")
	if want := "PriceUpdate:26 " + long[:32] + ":128"; got != want {
		t.Errorf("msdb.dbo.logmarkhistory: %s, want %s", got, want)
	}
	for i, c := range []struct {
		with    string
		notices []int32
		state   string
		rows    string
	}{
		{"STOPATMARK = 'priceupdate'", []int32{4329}, "RESTORING", ""},
		{"STOPATMARK = 'PriceUpdate'", nil, "ONLINE", "1"},
		{"STOPBEFOREMARK = '" + long[:32] + "'", nil, "ONLINE", "1"},
		{"STOPATMARK = '" + long[:32] + "'", nil, "ONLINE", "1 2"},
	} {
		name := "c" + string(rune('1'+i))
		mustExec(t, s, "RESTORE DATABASE "+name+" FROM DISK = 'mk.bak' WITH NORECOVERY, MOVE 'd' TO '"+name+"_d', MOVE 'd_log' TO '"+name+"_l'")
		var notices []int32
		for _, n := range execNotices(t, s, "RESTORE LOG "+name+" FROM DISK = 'mk.trn' WITH RECOVERY, "+c.with) {
			if n != 4035 && n != 3014 {
				notices = append(notices, n)
			}
		}
		state := one(t, s, "SELECT state_desc FROM sys.databases WHERE name = '"+name+"'")
		if !slices.Equal(notices, c.notices) || state != c.state {
			t.Errorf("%s: notices %v, %s; want %v, %s", c.with, notices, state, c.notices, c.state)
			continue
		}
		if state == "ONLINE" {
			if got := one(t, s, "SELECT k FROM "+name+".dbo.t ORDER BY k"); got != c.rows {
				t.Errorf("%s: rows %q, want %q", c.with, got, c.rows)
			}
		}
	}
}
