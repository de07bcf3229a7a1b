package txlog

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// dropCache asks the kernel to evict dir's (synced) files from the page cache
// (posix_fadvise POSIX_FADV_DONTNEED), so a benchmark reads them from the disk.
// Only this log's files are affected, not the machine's whole cache.
func dropCache(b *testing.B, dir string) bool {
	b.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range ents {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		const fadvDontNeed = 4
		_, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0)
		f.Close()
		if errno != 0 {
			b.Fatalf("fadvise: %v", errno)
		}
	}
	return true
}
