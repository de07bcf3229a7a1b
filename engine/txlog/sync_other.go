//go:build !linux

package txlog

import "os"

// datasync flushes f to stable storage (fsync where fdatasync is not available).
func datasync(f *os.File) error { return f.Sync() }

// checkLinked: only Linux checks that a log segment still has a name
// (sync_linux.go).
func checkLinked(*os.File) error { return nil }
