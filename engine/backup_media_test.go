package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupMediaRules: BACKUP's media-set rules (backup_media.go) — a
// statement's COMPRESSION or NO_COMPRESSION must agree with the media unless
// FORMAT, INIT keeps the media header (its name and compression) while FORMAT
// replaces it, MEDIANAME is checked unless SKIP or FORMAT, a BACKUP naming no
// compression takes the media's, and appending to a damaged file is 3266.
// RESTORE LABELONLY shows the media header; RESTORE checks MEDIANAME too.
func TestBackupMediaRules(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	backup := func(file, with string) string {
		sql := "BACKUP DATABASE d TO DISK = '" + filepath.Join(dir, file) + "'"
		if with != "" {
			sql += " WITH " + with
		}
		return sql
	}
	// compressed lists each set's Compressed column of RESTORE HEADERONLY.
	compressed := func(file string) string {
		var flags []string
		_, rows := resultSet(t, s, "RESTORE HEADERONLY FROM DISK = '"+filepath.Join(dir, file)+"'")
		for _, row := range rows {
			flags = append(flags, row["Compressed"])
		}
		return strings.Join(flags, " ")
	}
	steps := []struct {
		file, with string
		want       int32
		compressed string // the file's sets afterwards; "" to skip
	}{
		// Uncompressed media refuses COMPRESSION, appended or INIT.
		{"plain.bak", "", 0, "0"},
		{"plain.bak", "COMPRESSION", 3098, "0"},
		{"plain.bak", "INIT, COMPRESSION", 3098, "0"},
		{"plain.bak", "NO_COMPRESSION", 0, "0 0"},
		{"plain.bak", "FORMAT, COMPRESSION", 0, "1"},
		// Compressed media refuses NO_COMPRESSION; without either option a
		// set is compressed as the media is.
		{"plain.bak", "NO_COMPRESSION", 3098, "1"},
		{"plain.bak", "", 0, "1 1"},
		{"plain.bak", "INIT", 0, "1"},
		{"plain.bak", "COMPRESSION", 0, "1 1"},
		// MEDIANAME is checked against the media's, INIT keeps the name.
		{"named.bak", "FORMAT, MEDIANAME = 'nightly'", 0, "0"},
		{"named.bak", "MEDIANAME = 'weekly'", 4037, ""},
		{"named.bak", "INIT, MEDIANAME = 'weekly'", 4037, ""},
		{"named.bak", "MEDIANAME = 'nightly'", 0, "0 0"},
		{"named.bak", "INIT", 0, "0"},
		{"named.bak", "MEDIANAME = 'weekly'", 4037, ""},
		{"named.bak", "SKIP, MEDIANAME = 'weekly'", 0, "0 0"},
		{"named.bak", "FORMAT, MEDIANAME = 'weekly'", 0, "0"},
		{"named.bak", "MEDIANAME = 'weekly'", 0, "0 0"},
		// A media name on a new file names the media.
		{"new.bak", "MEDIANAME = 'first'", 0, "0"},
		{"new.bak", "MEDIANAME = 'other'", 4037, "0"},
	}
	for i, st := range steps {
		sql := backup(st.file, st.with)
		if got := execNumber(t, s, sql); got != st.want {
			t.Fatalf("step %d: %s: error %d, want %d", i, sql, got, st.want)
		}
		if st.compressed != "" {
			if got := compressed(st.file); got != st.compressed {
				t.Fatalf("step %d: %s: sets compressed %q, want %q", i, sql, got, st.compressed)
			}
		}
	}

	t.Run("LABELONLY and RESTORE's MEDIANAME", func(t *testing.T) {
		path := filepath.Join(dir, "named.bak")
		rows := mustExec(t, s, "RESTORE LABELONLY FROM DISK = '"+path+"'")
		if len(rows) != 1 || !strings.HasPrefix(rows[0], "weekly,") || !strings.HasSuffix(rows[0], ",1,0") {
			t.Errorf("LABELONLY = %v, want the media name weekly, one mirror, not compressed", rows)
		}
		if got := execNumber(t, s, "RESTORE VERIFYONLY FROM DISK = '"+path+"' WITH MEDIANAME = 'nightly'"); got != 4037 {
			t.Errorf("RESTORE with another MEDIANAME: error %d, want 4037", got)
		}
		mustExec(t, s, "RESTORE VERIFYONLY FROM DISK = '"+path+"' WITH FILE = 2, MEDIANAME = 'weekly'")
	})

	t.Run("damaged media", func(t *testing.T) {
		path := filepath.Join(dir, "damaged.bak")
		mustExec(t, s, backup("damaged.bak", ""))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b[:len(b)-5], 0o644); err != nil {
			t.Fatal(err)
		}
		if got := execNumber(t, s, backup("damaged.bak", "")); got != 3266 {
			t.Errorf("appending to a cut file: error %d, want 3266", got)
		}
		if got := execNumber(t, s, backup("damaged.bak", "INIT")); got != 0 {
			t.Errorf("INIT over a cut file: error %d, want none", got)
		}
		if got := compressed("damaged.bak"); got != "0" {
			t.Errorf("after INIT: sets %q, want one", got)
		}
	})
}
