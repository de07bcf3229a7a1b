package txlog

import "os"

// Datasync flushes f's data, and the metadata needed to read it back, to stable
// storage: fdatasync(2) where the system has it (retried on EINTR), fsync
// elsewhere. It suits files whose size and blocks do not change after creation,
// such as the log's preallocated segments and mirroring's state file.
func Datasync(f *os.File) error { return datasync(f) }
