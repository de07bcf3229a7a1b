package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// restoreErrors runs sql and returns every error it sent, as
// "number/severity/state: text".
func restoreErrors(t *testing.T, s *sqlexec.Session, sql string) []string {
	t.Helper()
	out := &collect{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil {
		out.errs = append(out.errs, err)
	}
	var got []string
	for _, err := range out.errs {
		var e interface {
			SQLServerError() (int32, uint8, uint8)
		}
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v carries no SQL Server number", sql, err)
		}
		n, sev, st := e.SQLServerError()
		got = append(got, fmt.Sprintf("%d/%d/%d: %s", n, sev, st, err.Error()))
	}
	return got
}

// TestRestoreMove: RESTORE … WITH MOVE puts the database's files where MOVE
// says — sys.master_files shows the paths, the files' contents are there,
// a restarted server opens the database from them, a restore WITH REPLACE
// onto the same paths works, and DROP DATABASE deletes them. Before, the
// target was ignored (physical_name was the data directory's db<N>/data).
func TestRestoreMove(t *testing.T) {
	dir, target := t.TempDir(), t.TempDir()
	inst := openTestInstance(t, dir)
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_data) LOG ON (NAME = d_journal); CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1), (2)")
	bak := filepath.Join(dir, "d.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
	mdf, ldf := filepath.Join(target, "d2.mdf"), filepath.Join(target, "d2_log.ldf")
	restore := "RESTORE DATABASE d2 FROM DISK = '" + bak + "' WITH MOVE 'd_data' TO '" + mdf + "', MOVE N'D_JOURNAL' TO '" + ldf + "'"
	mustExec(t, s, restore)
	files := "SELECT name, physical_name FROM sys.master_files WHERE database_id = DB_ID('d2') ORDER BY file_id"
	want := "d_data," + mdf + " d_journal," + ldf
	check := func(when string, s *sqlexec.Session) {
		t.Helper()
		if got := strings.Join(mustExec(t, s, files), " "); got != want {
			t.Errorf("%s: sys.master_files %q, want %q", when, got, want)
		}
		if got := strings.Join(mustExec(t, s, "SELECT COUNT(*) FROM d2.dbo.t"), ""); got != "2" {
			t.Errorf("%s: %s rows, want 2", when, got)
		}
		for _, p := range []string{mdf, ldf} {
			real, err := filepath.EvalSymlinks(filepath.Join(inst.dbDir(inst.Entry("d2")), map[string]string{mdf: "data", ldf: "log"}[p]))
			if err != nil || !strings.HasPrefix(real, p) || dirBytes(real) == 0 {
				t.Errorf("%s: the file is at %q (%v), want under %s and not empty", when, real, err, p)
			}
		}
	}
	check("restored", s)
	if got := strings.Join(mustExec(t, s, "SELECT physical_name FROM d2.sys.database_files ORDER BY file_id"), " "); got != mdf+" "+ldf {
		t.Errorf("sys.database_files: %q", got)
	}

	// A restarted server finds the files where MOVE put them.
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst = openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s = newTestSession(t, inst, "master")
	check("after a restart", s)

	// Restoring over the database onto its own paths (a dev refresh script
	// run again) replaces it.
	mustExec(t, s, "INSERT d2.dbo.t VALUES (3)")
	mustExec(t, s, restore+", REPLACE")
	check("restored again WITH REPLACE", s)
	// Without MOVE, a restore over the database keeps its files where they
	// are, as SQL Server does.
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = '"+bak+"' WITH REPLACE")
	check("restored over it without MOVE", s)
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = '"+bak+"' WITH REPLACE, MOVE 'd_data' TO '"+mdf+"'")
	check("restored over it with the data file's MOVE only", s)

	// DROP DATABASE deletes the moved files.
	mustExec(t, s, "DROP DATABASE d2")
	if ents, _ := os.ReadDir(target); len(ents) != 0 {
		t.Errorf("after DROP DATABASE the target directory holds %d entries (%s…)", len(ents), ents[0].Name())
	}
}

// TestRestoreMoveErrors: a MOVE target that cannot be used is refused
// before anything is restored, with SQL Server's messages in its order;
// nothing is left behind (no database, nothing at the target).
func TestRestoreMoveErrors(t *testing.T) {
	dir, target := t.TempDir(), t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_data) LOG ON (NAME = d_journal)")
	bak := filepath.Join(dir, "d.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
	at := func(name string) string { return filepath.Join(target, name) }
	mustExec(t, s, "RESTORE DATABASE used FROM DISK = '"+bak+"' WITH MOVE 'd_data' TO '"+at("used.mdf")+"', MOVE 'd_journal' TO '"+at("used.ldf")+"'")
	if err := os.WriteFile(at("file.mdf"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(target, "no such dir", "x.mdf")
	underFile := filepath.Join(at("file.mdf"), "x.mdf")
	end := []string{
		"3119/16/1: Problems were identified while planning for the RESTORE statement. Previous messages provide details.",
		"3013/16/1: RESTORE DATABASE is terminating abnormally.",
	}
	for _, tc := range []struct {
		name, with string
		want       []string
	}{
		{"directory missing", "MOVE 'd_data' TO '" + missing + "'", []string{
			`5133/16/1: Directory lookup for the file "` + missing + `" failed with the operating system error 2(The system cannot find the file specified.).`,
			"3156/16/3: File 'd_data' cannot be restored to '" + missing + "'. Use WITH MOVE to identify a valid location for the file."}},
		{"directory is a file", "MOVE 'd_journal' TO '" + underFile + "'", []string{
			`5133/16/1: Directory lookup for the file "` + underFile + `" failed with the operating system error 2(The system cannot find the file specified.).`,
			"3156/16/3: File 'd_journal' cannot be restored to '" + underFile + "'. Use WITH MOVE to identify a valid location for the file."}},
		{"file exists", "MOVE 'd_data' TO '" + at("file.mdf") + "'", []string{
			`3142/16/1: File "d_data" cannot be restored over the existing "` + at("file.mdf") + `". Reissue the RESTORE statement using WITH REPLACE to overwrite pre-existing files, or WITH MOVE to identify an alternate location.`}},
		{"another database's file", "MOVE 'd_journal' TO '" + at("used.ldf") + "'", []string{
			"1834/16/1: The file '" + at("used.ldf") + "' cannot be overwritten.  It is being used by database 'used'.",
			"3156/16/4: File 'd_journal' cannot be restored to '" + at("used.ldf") + "'. Use WITH MOVE to identify a valid location for the file."}},
		{"another database's file, REPLACE", "REPLACE, MOVE 'd_data' TO '" + at("used.mdf") + "'", []string{
			"1834/16/1: The file '" + at("used.mdf") + "' cannot be overwritten.  It is being used by database 'used'.",
			"3156/16/4: File 'd_data' cannot be restored to '" + at("used.mdf") + "'. Use WITH MOVE to identify a valid location for the file."}},
		{"two files at one path", "MOVE 'd_data' TO '" + at("x.mdf") + "', MOVE 'd_journal' TO '" + at("x.mdf") + "'", []string{
			"3176/16/1: File '" + at("x.mdf") + "' is claimed by 'd_journal'(2) and 'd_data'(1). The WITH MOVE clause can be used to relocate one or more files."}},
		{"both files wrong", "MOVE 'd_data' TO '" + missing + "', MOVE 'd_journal' TO '" + at("file.mdf") + "'", []string{
			`5133/16/1: Directory lookup for the file "` + missing + `" failed with the operating system error 2(The system cannot find the file specified.).`,
			"3156/16/3: File 'd_data' cannot be restored to '" + missing + "'. Use WITH MOVE to identify a valid location for the file.",
			`3142/16/1: File "d_journal" cannot be restored over the existing "` + at("file.mdf") + `". Reissue the RESTORE statement using WITH REPLACE to overwrite pre-existing files, or WITH MOVE to identify an alternate location.`}},
		{"logical name not in the backup", "MOVE 'd' TO '" + at("y.mdf") + "'", []string{
			"3234/16/2: Logical file 'd' is not part of database 'd'. Use RESTORE FILELISTONLY to list the logical file names.",
			"3013/16/1: RESTORE DATABASE is terminating abnormally."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if !strings.HasPrefix(want[len(want)-1], "3013/") {
				want = append(append([]string(nil), want...), end...)
			}
			got := restoreErrors(t, s, "RESTORE DATABASE d3 FROM DISK = '"+bak+"' WITH "+tc.with)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if inst.Entry("d3") != nil {
				t.Error("the refused restore left database d3")
			}
		})
	}
	if ents, _ := os.ReadDir(target); len(ents) != 3 { // used.mdf, used.ldf, file.mdf
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("the refused restores left %v in the target directory", names)
	}
	// WITH REPLACE overwrites a file that is there.
	mustExec(t, s, "RESTORE DATABASE d3 FROM DISK = '"+bak+"' WITH REPLACE, MOVE 'd_data' TO '"+at("file.mdf")+"'")
	if got := strings.Join(mustExec(t, s, "SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID('d3') AND file_id = 1"), ""); got != at("file.mdf") {
		t.Errorf("restored over a file WITH REPLACE: physical_name %q", got)
	}
}

// TestBackupDeviceErrors: a backup file that cannot be opened is 3201 with
// the operating system error as SQL Server words it (state 1 writing, 2
// reading), then 3013 — before, the text was Go's ("open …: no such file or
// directory").
func TestBackupDeviceErrors(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	none, noDir, underFile := filepath.Join(dir, "none.bak"), filepath.Join(dir, "no dir", "x.bak"), filepath.Join(file, "x.bak")
	for _, tc := range []struct{ sql, want string }{
		{"RESTORE DATABASE n FROM DISK = '" + none + "'", "3201/16/2: Cannot open backup device '" + none + "'. Operating system error 2(The system cannot find the file specified.).\n" +
			"3013/16/1: RESTORE DATABASE is terminating abnormally."},
		{"RESTORE HEADERONLY FROM DISK = '" + noDir + "'", "3201/16/2: Cannot open backup device '" + noDir + "'. Operating system error 3(The system cannot find the path specified.).\n" +
			"3013/16/1: RESTORE HEADERONLY is terminating abnormally."},
		{"BACKUP DATABASE d TO DISK = '" + underFile + "'", "3201/16/1: Cannot open backup device '" + underFile + "'. Operating system error 3(The system cannot find the path specified.).\n" +
			"3013/16/1: BACKUP DATABASE is terminating abnormally."},
		{"RESTORE HEADERONLY FROM DISK = '" + dir + "'", "3201/16/2: Cannot open backup device '" + dir + "'. Operating system error 5(Access is denied.).\n" +
			"3013/16/1: RESTORE HEADERONLY is terminating abnormally."},
		{"RESTORE DATABASE n FROM DISK = '" + dir + "'", "3201/16/2: Cannot open backup device '" + dir + "'. Operating system error 5(Access is denied.).\n" +
			"3013/16/1: RESTORE DATABASE is terminating abnormally."},
		{"BACKUP DATABASE d TO DISK = '" + dir + "'", "3201/16/1: Cannot open backup device '" + dir + "'. Operating system error 5(Access is denied.).\n" +
			"3013/16/1: BACKUP DATABASE is terminating abnormally."},
	} {
		if got := strings.Join(restoreErrors(t, s, tc.sql), "\n"); got != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.sql, got, tc.want)
		}
	}
}

// TestRestoreMoveIntoServerFiles: a MOVE target inside a database's files
// (another database's moved file, a live database's directory, the replaced
// copy's) or one of the names the server keeps in its data directory is
// refused, even WITH REPLACE. Before, the restore went ahead: a file nested
// in another database's directory was deleted by that database's DROP, a
// live database's file was deleted by REPLACE, and a copy at a dropped
// database's db<N> was deleted at the next start (removeOrphanDirs).
func TestRestoreMoveIntoServerFiles(t *testing.T) {
	dir, target := t.TempDir(), t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_data) LOG ON (NAME = d_journal); CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	bak := filepath.Join(dir, "d.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
	used := filepath.Join(target, "used.mdf")
	mustExec(t, s, "RESTORE DATABASE used FROM DISK = '"+bak+"' WITH MOVE 'd_data' TO '"+used+"', MOVE 'd_journal' TO '"+filepath.Join(target, "used.ldf")+"'")
	mustExec(t, s, "CREATE DATABASE gone; DROP DATABASE gone; CREATE DATABASE x")
	goneDir := filepath.Join(dir, fmt.Sprintf("db%d", inst.Entry("x").ID-1))
	// A file of database d's own store, which REPLACE would delete.
	var live string
	_ = filepath.WalkDir(filepath.Join(inst.dbDir(inst.Entry("d")), "data"), func(p string, de os.DirEntry, err error) error {
		if err == nil && live == "" && !de.IsDir() {
			live = p
		}
		return nil
	})
	if live == "" {
		t.Fatal("database d has no file")
	}
	usedBy := func(path, db, logical string) []string {
		return []string{
			"1834/16/1: The file '" + path + "' cannot be overwritten.  It is being used by database '" + db + "'.",
			"3156/16/4: File '" + logical + "' cannot be restored to '" + path + "'. Use WITH MOVE to identify a valid location for the file.",
			"3119/16/1: Problems were identified while planning for the RESTORE statement. Previous messages provide details.",
			"3013/16/1: RESTORE DATABASE is terminating abnormally.",
		}
	}
	reserved := func(path, logical string) []string {
		return []string{
			"3634/16/1: The operating system returned the error '5(Access is denied.)' while attempting 'RestoreContainer::ValidateTargetForCreation' on '" + path + "'.",
			"3156/16/8: File '" + logical + "' cannot be restored to '" + path + "'. Use WITH MOVE to identify a valid location for the file.",
			"3119/16/1: Problems were identified while planning for the RESTORE statement. Previous messages provide details.",
			"3013/16/1: RESTORE DATABASE is terminating abnormally.",
		}
	}
	inner := filepath.Join(used, "inner.mdf")
	mine := filepath.Join(inst.dbDir(inst.Entry("d")), "data", "x")
	for _, tc := range []struct {
		name, sql string
		want      []string
	}{
		{"inside another database's moved file", "RESTORE DATABASE d3 FROM DISK = '" + bak + "' WITH MOVE 'd_data' TO '" + inner + "'", usedBy(inner, "used", "d_data")},
		{"a live database's file, REPLACE", "RESTORE DATABASE d3 FROM DISK = '" + bak + "' WITH REPLACE, MOVE 'd_journal' TO '" + live + "'", usedBy(live, "d", "d_journal")},
		{"inside the replaced copy", "RESTORE DATABASE d FROM DISK = '" + bak + "' WITH REPLACE, MOVE 'd_data' TO '" + mine + "'", usedBy(mine, "d", "d_data")},
		{"the replaced copy's own directory", "RESTORE DATABASE d FROM DISK = '" + bak + "' WITH REPLACE, MOVE 'd_data' TO '" + filepath.Dir(mine) + "'", usedBy(filepath.Dir(mine), "d", "d_data")},
		{"a dropped database's directory name", "RESTORE DATABASE d3 FROM DISK = '" + bak + "' WITH MOVE 'd_data' TO '" + goneDir + "'", reserved(goneDir, "d_data")},
		{"the data directory's lock file, REPLACE", "RESTORE DATABASE d3 FROM DISK = '" + bak + "' WITH REPLACE, MOVE 'd_data' TO '" + filepath.Join(dir, dataDirLockFile) + "'", reserved(filepath.Join(dir, dataDirLockFile), "d_data")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := restoreErrors(t, s, tc.sql); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("database d's file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, dataDirLockFile)); err != nil {
		t.Errorf("the lock file: %v", err)
	}
	// A file in the data directory itself (SQL Server's default place for
	// them) is no reserved name: a restore over the database onto it again
	// works, as a dev refresh script run twice does.
	inData := filepath.Join(dir, "d4.mdf")
	refresh := "RESTORE DATABASE d4 FROM DISK = '" + bak + "' WITH REPLACE, MOVE 'd_data' TO '" + inData + "'"
	for range 3 {
		mustExec(t, s, refresh)
	}
	if got := strings.Join(mustExec(t, s, "SELECT COUNT(*) FROM d4.dbo.t"), ""); got != "1" {
		t.Errorf("d4.dbo.t has %s rows, want 1", got)
	}
	// Every database still reads, and DROP DATABASE used leaves d3 alone.
	mustExec(t, s, "DROP DATABASE used")
	for _, db := range []string{"d", "x"} {
		mustExec(t, s, "SELECT COUNT(*) FROM "+db+".sys.objects")
	}
	if got := strings.Join(mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"), ""); got != "1" {
		t.Errorf("d.dbo.t has %s rows, want 1", got)
	}
}
