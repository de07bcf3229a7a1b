package engine

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// msdb keeps its history tables (backupset, restorehistory, logmarkhistory)
// as JSON rows in its object-metadata space, one key prefix per table, each
// row committed on its own: a history row is written after the operation it
// records has succeeded, so a failure to write it is the caller's to log, not
// to undo the backup or restore.

// putMsdbRow commits rec as one JSON row of msdb under key.
func (inst *Instance) putMsdbRow(ctx context.Context, key []byte, rec any) error {
	msdb := inst.Database("msdb")
	if msdb == nil {
		return fmt.Errorf("msdb is not open")
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	ws := storage.NewWriteSet(0)
	if err := ws.Put(catalog.ObjectMeta, key, b); err != nil {
		return err
	}
	return msdb.Commit(context.WithoutCancel(ctx), &exec.Writes{TxnID: msdb.NewTxnID(), Set: ws})
}

// readMsdbRows reads msdb's JSON rows under prefix in key order; what names
// the table in errors and in the warning for a row that does not decode
// (skipped: one bad history row must not hide the others).
func readMsdbRows[T any](inst *Instance, prefix []byte, what string) ([]T, error) {
	msdb := inst.Database("msdb")
	if msdb == nil {
		return nil, nil
	}
	end := append(append([]byte(nil), prefix...), 0xFF)
	it, err := msdb.store.NewIterator(catalog.ObjectMeta, prefix, end, false, storage.Latest)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer it.Close()
	var out []T
	for it.Next() {
		var rec T
		if err := json.Unmarshal(it.Value(), &rec); err != nil {
			inst.logger.Warn("skipping unreadable "+what+" row", "err", err)
			continue
		}
		out = append(out, rec)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	return out, nil
}
