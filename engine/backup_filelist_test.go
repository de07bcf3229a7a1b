package engine

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFileListOnly: RESTORE FILELISTONLY gives each file's physical name on
// the server that made the backup — what sys.database_files showed there,
// the database's data and log directories — not a made-up <db>.mdf, for the
// set FILE = n names; a MOVE of a logical file the backup does not have is
// 3234, and MOVE of its own files restores.
func TestFileListOnly(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_data) LOG ON (NAME = d_journal); CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "CREATE DATABASE e")
	bak := filepath.Join(dir, "x.bak")
	mustExec(t, s, "BACKUP DATABASE e TO DISK = '"+bak+"'")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
	want := strings.Join(mustExec(t, s, "SELECT name, physical_name FROM d.sys.database_files ORDER BY file_id"), " ")
	var got []string
	for _, row := range mustExec(t, s, "RESTORE FILELISTONLY FROM DISK = '"+bak+"' WITH FILE = 2") {
		cols := strings.Split(row, ",")
		got = append(got, cols[0]+","+cols[1])
	}
	if strings.Join(got, " ") != want || !strings.Contains(want, filepath.Join(dir, "")) {
		t.Errorf("FILELISTONLY: %q, want sys.database_files' %q", got, want)
	}
	x := t.TempDir()
	if got := execNumber(t, s, "RESTORE DATABASE d2 FROM DISK = '"+bak+"' WITH FILE = 2, MOVE 'd' TO '"+filepath.Join(x, "d2.mdf")+"'"); got != 3234 {
		t.Errorf("MOVE of a logical file the backup does not have: %d, want 3234", got)
	}
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = '"+bak+"' WITH FILE = 2, MOVE 'd_data' TO '"+filepath.Join(x, "d2.mdf")+"', MOVE N'D_JOURNAL' TO '"+filepath.Join(x, "d2.ldf")+"'")
	if got := mustExec(t, s, "SELECT COUNT(*) FROM d2.dbo.t"); strings.Join(got, "") != "1" {
		t.Errorf("restored with MOVE: %v rows", got)
	}
}
