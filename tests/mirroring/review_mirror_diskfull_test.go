package mirroring_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mirrorDiskFS is the size of the mirror's file system in
// TestReviewMirrorDiskFull: room for the system databases, the mirrored
// database's first log segments and badger's files, with a filler taking
// the rest once the session runs.
const mirrorDiskFS = 320 << 20

// mountSmallFS mounts a tmpfs of size bytes on a new directory and unmounts it
// at cleanup (registered first, so it runs after the server using it is
// gone). It skips the test when mounting is not permitted.
func mountSmallFS(t *testing.T, size int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skipf("needs a small file system: mount -t tmpfs on %s: %v (run as root to enable)", dir, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fillDisk writes a file taking all but keep bytes of dir's file system
// (tmpfs allocates pages as they are written) and returns its path.
func fillDisk(t *testing.T, dir string, keep int64) string {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	n := int64(st.Bavail)*st.Bsize - keep
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = 0xA5
	}
	for n > 0 {
		c := min(n, int64(len(chunk)))
		if _, err := f.Write(chunk[:c]); err != nil {
			break // full: that is the point
		}
		n -= c
	}
	return path
}

// TestReviewMirrorDiskFull (review, issues #4 #6): the mirror's disk fills
// up under SAFETY FULL writers with a witness, so it cannot harden what the
// principal ships. As SQL Server does on a mirror's error, the session is
// SUSPENDED (1454 in the mirror's error log) and the principal says so and
// serves exposed — it neither goes on calling itself SYNCHRONIZED nor holds
// its commits on a mirror that refuses every frame (before the fix the
// mirror retried every ~2 ms forever, the principal stayed SYNCHRONIZED and
// every commit hung; before that, badger's mapped files SIGBUSed the mirror
// process). When the principal is then killed the mirror must not take
// over (it lacks the exposed commits); the restarted principal has every
// acknowledged row; once the disk has room, RESUME resynchronizes and after
// a failover both copies hold the same rows.
func TestReviewMirrorDiskFull(t *testing.T) {
	fs := mountSmallFS(t, mirrorDiskFS)
	c := newCluster(t, setupOptions{witness: true, mirrorData: filepath.Join(fs, "data")})
	p, m := c.principal, c.mirror
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(500 * time.Millisecond)
	filler := fillDisk(t, fs, 0)
	c.waitState(p, "SUSPENDED")
	c.waitState(m, "SUSPENDED")
	suspended := time.Now()
	w.waitAckAfter(t, suspended, 30*time.Second) // the principal serves, exposed
	if !strings.Contains(m.Output(), "Database mirroring will be suspended. Server instance 'mirror' encountered error") {
		t.Errorf("the mirror's error log has no 1454 message")
	}

	p.Kill()
	w.stop()
	hold()
	if r := c.mustRow(m); r.Role != "MIRROR" {
		t.Errorf("the suspended mirror took over from the killed principal: %v", r)
		w.check(t, m.Name+" (took over)", c.mustIDs(m), base, n)
		t.FailNow()
	}
	p.Restart()
	c.waitRole(p, "PRINCIPAL", "SUSPENDED")
	// It serves once it has quorum again (the witness, or the mirror).
	var onPrincipal map[int]bool
	c.waitFor("the restarted principal serving", failoverBound, func() (bool, error) {
		ids, err := c.ids(p)
		onPrincipal = ids
		return err == nil, nil
	})
	w.check(t, p.Name+" (restarted)", onPrincipal, base, n)
	os.Remove(filler)
	c.mustAlter(p, "SET PARTNER RESUME")
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	c.manualFailover(p, m)
	sameIDs(t, c.mustIDs(m), onPrincipal, m.Name, p.Name)
	a, _ := w.counts()
	t.Logf("%d rows acknowledged", a)
}
