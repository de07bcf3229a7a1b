package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// notClosedCleanly is what the error log says when a database's storage
// cannot be closed: SQL Server's error log names the database and the
// operating-system error, and the next start runs recovery on it. Nothing
// acknowledged is lost: a commit is durable in the log (fsynced) before the
// client hears of it, and the log is closed before the rows' store.
const notClosedCleanly = "database could not be closed cleanly; recovery replays its log at the next start"

// ErrCloseTimedOut is returned by CloseWithin when the databases did not
// close in the time given: their storage hangs (a removed or unmounted data
// directory makes badger retry a memtable flush for ever).
var ErrCloseTimedOut = errors.New("storage did not close in time")

// CloseWithin is Close bounded by d: a shutdown must end even when the disk
// under a database fails, or systemd and scripts waiting for the process
// hang until they SIGKILL it. When d passes first it logs, once each, the
// databases still checkpointing or closing and returns an error wrapping ErrCloseTimedOut;
// Close keeps running in the background, and the process is expected to
// exit (the log already holds every acknowledged commit). Because it does, a
// store below its free-space reserve is not flushed (closeForExit).
func (inst *Instance) CloseWithin(d time.Duration) error {
	inst.exiting.Store(true)
	done := make(chan error, 1)
	go func() { done <- inst.Close() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
	}
	var names []string
	inst.closingDBs.Range(func(k, _ any) bool {
		names = append(names, k.(string))
		return true
	})
	slices.Sort(names)
	d = d.Round(time.Second) // the caller's bound less what came before it
	for _, name := range names {
		inst.logger.Error(notClosedCleanly, "database", name, "err", fmt.Errorf("%w after %v", ErrCloseTimedOut, d))
	}
	return fmt.Errorf("database %s: %w after %v", strings.Join(quoteAll(names), ", "), ErrCloseTimedOut, d)
}

// quoteAll puts each name in quotes, as SQL Server's messages name databases.
func quoteAll(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return q
}
