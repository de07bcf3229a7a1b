package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// errorNumbers runs sql and returns the SQL Server numbers of its errors
// (none when it succeeded).
func errorNumbers(t *testing.T, s *sqlexec.Session, sql string) []int32 {
	t.Helper()
	out := &collect{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil {
		out.errs = append(out.errs, err)
	}
	var nums []int32
	for _, err := range out.errs {
		var e interface {
			SQLServerError() (int32, uint8, uint8)
		}
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v carries no SQL Server number", sql, err)
		}
		n, _, _ := e.SQLServerError()
		nums = append(nums, n)
	}
	return nums
}

// execNumber runs sql and returns the SQL Server number of its first error
// (0 when it succeeded); a failed BACKUP or RESTORE must end with 3013.
func execNumber(t *testing.T, s *sqlexec.Session, sql string) int32 {
	t.Helper()
	nums := errorNumbers(t, s, sql)
	if len(nums) == 0 {
		return 0
	}
	if len(nums) != 2 || nums[1] != 3013 {
		t.Errorf("%s: errors %v, want the cause then 3013", sql, nums)
	}
	return nums[0]
}

// damaged writes a copy of src changed by f and returns its path.
func damaged(t *testing.T, src string, f func([]byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, f(append([]byte(nil), b...)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestBackupRestoreErrors: the error paths of issue #4 item 7 — damaged files
// are refused before anything is restored (3241), the log chain is checked
// (4305 too recent, 4326 too early), and a refused RESTORE leaves the target
// as it was: an existing database intact, a RESTORING one still able to take
// the right log backup, no database (nor staging entry) for a new name.
func TestBackupRestoreErrors(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s, err := inst.NewSession("sa", "master", sqlexec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	bak := func(name string) string { return filepath.Join(dir, name) }
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL")
	mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak("full.bak")+"'")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+bak("l1.trn")+"'")
	mustExec(t, s, "INSERT d.dbo.t VALUES (3)")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+bak("l2.trn")+"'")
	mustExec(t, s, "CREATE DATABASE simple; ALTER DATABASE simple SET RECOVERY SIMPLE")

	truncated := func(b []byte) []byte { return b[:len(b)/2] }
	flipped := func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }
	noEnd := func(b []byte) []byte { return b[:len(b)-1] }
	// A newer release's set: the header's version raised (the checksum is
	// not reached: the version is read first).
	newerVersion := func(b []byte) []byte {
		return bytes.Replace(bytes.Replace(b, []byte(`{"version":1,`), []byte(`{"version":3,`), 1), []byte(`{"version":2,`), []byte(`{"version":3,`), 1)
	}
	tests := []struct {
		name string
		sql  string
		want int32
	}{
		{"truncated full backup, new name", "RESTORE DATABASE n FROM DISK = '" + damaged(t, bak("full.bak"), truncated) + "'", 3241},
		{"altered full backup, new name", "RESTORE DATABASE n FROM DISK = '" + damaged(t, bak("full.bak"), flipped) + "'", 3241},
		{"full backup without its last byte, over d", "RESTORE DATABASE d FROM DISK = '" + damaged(t, bak("full.bak"), noEnd) + "' WITH REPLACE", 3241},
		{"altered full backup, over d", "RESTORE DATABASE d FROM DISK = '" + damaged(t, bak("full.bak"), flipped) + "' WITH REPLACE", 3241},
		{"a set of a newer format version", "RESTORE DATABASE n FROM DISK = '" + damaged(t, bak("full.bak"), newerVersion) + "'", 3169},
		{"HEADERONLY of a set of a newer format version", "RESTORE HEADERONLY FROM DISK = '" + damaged(t, bak("full.bak"), newerVersion) + "'", 3169},
		{"not a backup", "RESTORE DATABASE n FROM DISK = '" + damaged(t, bak("full.bak"), func([]byte) []byte { return []byte("hello") }) + "'", 3241},
		{"missing file", "RESTORE DATABASE n FROM DISK = '" + bak("none.bak") + "'", 3201},
		{"log backup as database", "RESTORE DATABASE n FROM DISK = '" + bak("l1.trn") + "'", 3135},
		{"log of an ONLINE database", "RESTORE LOG d FROM DISK = '" + bak("l1.trn") + "'", 3117},
		{"BACKUP LOG of a SIMPLE database", "BACKUP LOG simple TO DISK = '" + bak("simple.trn") + "'", 4208},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := execNumber(t, s, tc.sql); got != tc.want {
				t.Fatalf("%s: error %d, want %d", tc.sql, got, tc.want)
			}
			for _, e := range inst.Server().Databases {
				if strings.EqualFold(e.Name, "n") || strings.HasPrefix(e.Name, "#") {
					t.Errorf("a refused RESTORE left database entry %q", e.Name)
				}
			}
			if got := mustExec(t, s, "SELECT k FROM d.dbo.t ORDER BY k"); fmt.Sprint(got) != "[1 2 3]" {
				t.Errorf("d after the refused statement: %v", got)
			}
		})
	}

	// 3169's text names the set's version and this release's newest.
	newer := damaged(t, bak("full.bak"), newerVersion)
	out := &collect{}
	_ = s.ExecBatch(context.Background(), "RESTORE DATABASE n FROM DISK = '"+newer+"'", out)
	if len(out.errs) == 0 || !strings.Contains(out.errs[0].Error(), "The database was backed up on a server running version 3. That version is incompatible with this server, which is running version 2. Either restore the database on a server that supports the backup, or use a backup that is compatible with this server.") {
		t.Errorf("RESTORE of a newer set: %v, want 3169's text", out.errs)
	}

	// In CATCH, the error that counts is the last one, 3013, as in SQL Server.
	got := mustExec(t, s, "BEGIN TRY RESTORE DATABASE n FROM DISK = '"+bak("none.bak")+"' END TRY BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE() END CATCH")
	if fmt.Sprint(got) != "[3013,RESTORE DATABASE is terminating abnormally.]" {
		t.Errorf("CATCH of a failed RESTORE: %v", got)
	}

	// The log chain on a database restored WITH NORECOVERY.
	mustExec(t, s, "RESTORE DATABASE r FROM DISK = '"+bak("full.bak")+"' WITH NORECOVERY")
	chain := []struct {
		name string
		sql  string
		want int32
	}{
		{"second log first: too recent", "RESTORE LOG r FROM DISK = '" + bak("l2.trn") + "' WITH NORECOVERY", 4305},
		{"BACKUP of a database that is restoring", "BACKUP DATABASE r TO DISK = '" + bak("r.bak") + "'", 927},
		{"BACKUP LOG of a database that is restoring", "BACKUP LOG r TO DISK = '" + bak("r.trn") + "'", 927},
		{"first log, truncated", "RESTORE LOG r FROM DISK = '" + damaged(t, bak("l1.trn"), truncated) + "' WITH NORECOVERY", 3241},
		{"first log, altered", "RESTORE LOG r FROM DISK = '" + damaged(t, bak("l1.trn"), flipped) + "' WITH NORECOVERY", 3241},
		{"first log", "RESTORE LOG r FROM DISK = '" + bak("l1.trn") + "' WITH NORECOVERY", 0},
		{"first log again: too early", "RESTORE LOG r FROM DISK = '" + bak("l1.trn") + "' WITH NORECOVERY", 4326},
		{"second log, truncated", "RESTORE LOG r FROM DISK = '" + damaged(t, bak("l2.trn"), noEnd) + "' WITH NORECOVERY", 3241},
		{"second log", "RESTORE LOG r FROM DISK = '" + bak("l2.trn") + "' WITH RECOVERY", 0},
	}
	for _, tc := range chain {
		if got := execNumber(t, s, tc.sql); got != tc.want {
			t.Fatalf("%s: %s: error %d, want %d", tc.name, tc.sql, got, tc.want)
		}
		if tc.want != 0 {
			if st := inst.Database("r").State(); st != StateRestoring {
				t.Fatalf("%s: r is %s after the refused RESTORE LOG, want RESTORING", tc.name, st)
			}
		}
	}
	if got := mustExec(t, s, "SELECT k FROM r.dbo.t ORDER BY k"); fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("r after the chain: %v, want [1 2 3]", got)
	}
}
