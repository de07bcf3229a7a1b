package storage_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// openBadger opens a badger store in a fresh temporary directory with housekeeping
// off (tests call CollectGarbage themselves).
func openBadger(t *testing.T, dir string) *storage.Badger {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	s, err := storage.OpenBadger(storage.Options{Dir: dir, HousekeepingInterval: -1})
	if err != nil {
		t.Fatalf("OpenBadger: %v", err)
	}
	return s
}

func TestBadgerConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Store { return openBadger(t, "") })
}
