package txlog

import (
	"fmt"
	"os"
	"syscall"
)

// datasync flushes f's data (and the metadata needed to read it back) to stable
// storage: fdatasync(2). Segments are preallocated, so no size change is pending.
func datasync(f *os.File) error {
	for {
		err := syscall.Fdatasync(int(f.Fd()))
		if err != syscall.EINTR {
			return err
		}
	}
}

// checkLinked fails when f, a log segment just made durable, no longer has a
// name: its directory was removed (rm -rf of the data directory, a volume
// lazily unmounted). The bytes are on an inode nobody can open again, so the
// next start would not find them: acknowledging the commit would be a lie.
// One fstat(2) per flush, next to its fdatasync.
func checkLinked(f *os.File) error {
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
		return fmt.Errorf("stat log: %w", err)
	}
	if st.Nlink == 0 {
		return fmt.Errorf("log file %s was removed", f.Name())
	}
	return nil
}
