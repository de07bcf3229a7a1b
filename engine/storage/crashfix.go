package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/ristretto/v2/z"
)

// openManaged opens badger in managed mode, working around dgraph-io/badger#2207
// (open in v4.9.6; fix proposed in #2331): a crash between creating a memtable
// WAL (.mem) or value log file and sizing it leaves a 0-byte file, and the next
// Open fails with z.NewFile ("Create a new file"), so a database killed at that
// moment could never be opened again. Such a file holds no entries. Empty .mem
// files are removed before opening; if Open still reports z.NewFile (an empty
// .vlog, which badger has meanwhile sized and zero-filled), it is retried once,
// as the issue reports the second Open succeeds.
func openManaged(opts badger.Options) (*badger.DB, error) {
	if !opts.InMemory && opts.Dir != "" {
		if err := removeEmptyMemtables(opts.Dir); err != nil {
			return nil, err
		}
	}
	db, err := badger.OpenManaged(opts)
	if errors.Is(err, z.NewFile) {
		db, err = badger.OpenManaged(opts)
	}
	return db, err
}

// removeEmptyMemtables deletes 0-byte *.mem files in dir.
func removeEmptyMemtables(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list badger directory: %w", err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".mem") || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() != 0 {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("remove empty memtable file: %w", err)
		}
	}
	return nil
}
