package txlog

import (
	"errors"
	"os"
	"syscall"
)

// directSupported: O_DIRECT|O_DSYNC writes are tried at all.
const directSupported = true

const (
	oDirect = syscall.O_DIRECT
	oDSync  = syscall.O_DSYNC
)

func isInvalid(err error) bool { return errors.Is(err, syscall.EINVAL) }

func directWriteAt(d *os.File, b []byte, off int64) (int, error) { return d.WriteAt(b, off) }
