//go:build unix

package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDataDirLock: a second Open of a data directory an instance has open is
// refused before it reads or changes anything (it would otherwise recreate
// the running instance's tempdb and recover its logs' tails), names the
// holder's pid, and succeeds once the first instance is closed.
func TestDataDirLock(t *testing.T) {
	dir := t.TempDir()
	first := openTestInstance(t, dir)
	var tempdb string
	for _, e := range first.Server().Databases {
		if e.Name == "tempdb" {
			tempdb = filepath.Join(dir, e.Dir)
		}
	}
	marker := filepath.Join(tempdb, "still-here")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	second, err := Open(Config{DataDir: dir, ServerName: "t2", SAPassword: "pw", Version: "test"})
	if err == nil {
		second.Close()
		t.Fatal("second Open of a data directory in use succeeded")
	}
	if !errors.Is(err, ErrDataDirInUse) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())) {
		t.Errorf("second Open: %v, want %v naming pid %d", err, ErrDataDirInUse, os.Getpid())
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the refused Open changed the running instance's tempdb: %v", err)
	}

	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again := openTestInstance(t, dir)
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCloseTwice: a second Close returns the first's result instead of
// panicking on the closed stop channel.
func TestCloseTwice(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	first := inst.Close()
	if err := inst.Close(); err != first {
		t.Fatalf("second Close = %v, want the first's %v", err, first)
	}
}
