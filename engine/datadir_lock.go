//go:build unix

package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// dataDirLockFile is the file in the data directory an open instance holds
// an exclusive lock on. Opening an instance reads server.json, rolls back
// interrupted RESTOREs, deletes directories it takes for orphans and
// recovers every log's tail: a second process doing that under a running
// one would delete or truncate what the first is writing. Badger's own
// lock is met too late (after master's log has been recovered).
const dataDirLockFile = "mirrorsql.lock"

// ErrDataDirInUse is returned by Open when another process has the data
// directory open.
var ErrDataDirInUse = errors.New("data directory is in use by another process")

// dataDirLock is the held lock; release is idempotent.
type dataDirLock struct{ f *os.File }

// lockDataDir takes the exclusive lock on dir or fails at once, naming the
// process that holds it. The lock goes with the process (flock), so a
// SIGKILLed instance leaves nothing to clean up.
func lockDataDir(dir string) (*dataDirLock, error) {
	name := filepath.Join(dir, dataDirLockFile)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(name)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid := strings.TrimSpace(string(holder))
			if _, perr := strconv.Atoi(pid); perr != nil {
				return nil, fmt.Errorf("%w: %s", ErrDataDirInUse, dir)
			}
			return nil, fmt.Errorf("%w: %s (pid %s)", ErrDataDirInUse, dir, pid)
		}
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &dataDirLock{f: f}, nil
}

func (l *dataDirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Close() // closing the descriptor drops the flock
	l.f = nil
}
