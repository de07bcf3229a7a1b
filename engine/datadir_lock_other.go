//go:build !unix

package engine

import "errors"

// ErrDataDirInUse is returned by Open when another process has the data
// directory open (detected on unix only).
var ErrDataDirInUse = errors.New("data directory is in use by another process")

type dataDirLock struct{}

// lockDataDir does not lock where flock is missing; badger's own directory
// lock is then the only guard.
func lockDataDir(string) (*dataDirLock, error) { return &dataDirLock{}, nil }

func (*dataDirLock) release() {}
