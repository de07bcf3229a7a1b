//go:build !linux

package txlog

import "os"

// Elsewhere the log writes through the page cache and syncs (no O_DIRECT).
// directSupported: O_DIRECT|O_DSYNC writes are tried at all.
const directSupported = false

const (
	oDirect = 0
	oDSync  = 0
)

func isInvalid(error) bool { return true }

func directWriteAt(d *os.File, b []byte, off int64) (int, error) { return d.WriteAt(b, off) }
