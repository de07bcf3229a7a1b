package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// The child half of TestRestoreCrash: with these variables set it opens the
// instance, runs the RESTORE and exits with crashExit at the crash point, as
// a SIGKILL there would leave things (no deferred cleanup runs).
const (
	envCrashDir   = "MIRRORSQL_TEST_RESTORE_CRASH_DIR"
	envCrashPoint = "MIRRORSQL_TEST_RESTORE_CRASH_POINT"
	envCrashSQL   = "MIRRORSQL_TEST_RESTORE_CRASH_SQL"
	crashExit     = 7
)

func TestRestoreCrashChild(t *testing.T) {
	dir := os.Getenv(envCrashDir)
	if dir == "" {
		t.Skip("child process of TestRestoreCrash")
	}
	point := os.Getenv(envCrashPoint)
	restoreCrash = func(p string) {
		if p == point {
			os.Exit(crashExit)
		}
	}
	inst := openTestInstance(t, dir)
	s, err := inst.NewSession("sa", "master", sqlexec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, s, os.Getenv(envCrashSQL))
	t.Fatalf("the restore passed crash point %q", point)
}

// TestRestoreCrash kills a RESTORE at each point of the swap of the new copy
// for the old one (restore_swap.go) and restarts: the database is the old copy
// or the new one, never missing, no staging entry or orphan directory stays,
// and the next RESTORE works.
func TestRestoreCrash(t *testing.T) {
	tests := []struct {
		name, point, restore string
		dropMarker           bool   // the copy is not known to be complete
		db                   string // the database to check after restart
		state                string
		want                 string // its rows, after RESTORE … WITH RECOVERY when RESTORING
	}{
		{"replace, before the swap: rolled back", crashBeforeSwap, "RESTORE DATABASE d FROM DISK = '%s' WITH REPLACE", false, "d", StateOnline, "[1 2 3 4]"},
		{"replace, after the swap: the new copy, RESTORING", crashAfterSwap, "RESTORE DATABASE d FROM DISK = '%s' WITH REPLACE", false, "d", StateRestoring, "[1 2 3]"},
		{"new database, complete copy: named, RESTORING", crashBeforeSwap, "RESTORE DATABASE e FROM DISK = '%s'", false, "e", StateRestoring, "[1 2 3]"},
		{"new database, copy not known complete: SUSPECT", crashBeforeSwap, "RESTORE DATABASE e FROM DISK = '%s'", true, "e", StateSuspect, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			bak := filepath.Join(t.TempDir(), "d.bak")
			inst := openTestInstance(t, dir)
			s, err := inst.NewSession("sa", "master", sqlexec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, s, "CREATE DATABASE d")
			mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1),(2),(3)")
			mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
			mustExec(t, s, "INSERT d.dbo.t VALUES (4)") // the old copy differs from the backup
			inst.EndSession(s)
			if err := inst.Close(); err != nil {
				t.Fatal(err)
			}

			cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), envCrashDir+"="+dir, envCrashPoint+"="+tc.point, envCrashSQL+"="+fmt.Sprintf(tc.restore, bak))
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != crashExit {
				t.Fatalf("child: %v, want exit %d at %s\n%s", err, crashExit, tc.point, out)
			}
			if tc.dropMarker {
				staged := stagingDirs(t, dir)
				if len(staged) != 1 {
					t.Fatalf("staging copies after the crash: %v, want 1", staged)
				}
				if err := os.Remove(filepath.Join(staged[0], restoreComplete)); err != nil {
					t.Fatal(err)
				}
			}

			inst = openTestInstance(t, dir)
			defer inst.Close()
			for _, e := range inst.Server().Databases {
				if strings.HasPrefix(e.Name, "#") {
					t.Errorf("entry %q stays after restart", e.Name)
				}
			}
			if d := inst.Entry("d"); d == nil {
				t.Fatal("database d is gone")
			}
			db := inst.Database(tc.db)
			if db == nil {
				t.Fatalf("database %s not open after restart", tc.db)
			}
			if got := db.State(); got != tc.state {
				t.Fatalf("%s after restart: %s, want %s", tc.db, got, tc.state)
			}
			used := map[string]bool{}
			for _, e := range inst.Server().Databases {
				used[e.Dir] = true
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.HasPrefix(e.Name(), "db") && !used[e.Name()] {
					t.Errorf("orphan directory %s stays", e.Name())
				}
			}
			s, err = inst.NewSession("sa", "master", sqlexec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			defer inst.EndSession(s)
			if tc.state == StateSuspect {
				out := &collect{}
				if err := s.ExecBatch(context.Background(), "SELECT k FROM "+tc.db+".dbo.t", out); err == nil && len(out.errs) == 0 {
					t.Errorf("a SUSPECT database answered a query: %v", out.rows)
				}
			} else {
				if tc.state == StateRestoring {
					mustExec(t, s, "RESTORE DATABASE "+tc.db+" WITH RECOVERY")
				}
				if got := mustExec(t, s, "SELECT k FROM "+tc.db+".dbo.t ORDER BY k"); fmt.Sprint(got) != tc.want {
					t.Errorf("%s after restart: %v, want %s", tc.db, got, tc.want)
				}
			}
			// The next RESTORE is not refused as "already in progress".
			mustExec(t, s, "RESTORE DATABASE "+tc.db+" FROM DISK = '"+bak+"' WITH REPLACE")
			if got := mustExec(t, s, "SELECT k FROM "+tc.db+".dbo.t ORDER BY k"); fmt.Sprint(got) != "[1 2 3]" {
				t.Errorf("%s after a second restore: %v, want [1 2 3]", tc.db, got)
			}
		})
	}
}

// stagingDirs lists the directories of staging entries in dir's server catalog.
func stagingDirs(t *testing.T, dir string) []string {
	t.Helper()
	inst := &Instance{cfg: Config{DataDir: dir}}
	if err := inst.loadServer(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range inst.server.Databases {
		if strings.HasPrefix(e.Name, restoreStagingName("")) {
			out = append(out, inst.dbDir(e))
		}
	}
	return out
}
