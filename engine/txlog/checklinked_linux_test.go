package txlog

import (
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestFlushCheckLeavesInodeClean: the check every flush makes that its segment
// still has a name (checkLinked) must not read the file's timestamps. On
// Linux 6.13 and later (multigrain timestamps) a stat that returns ctime
// marks it as seen, and the file's next write then takes a fine-grained
// timestamp: the log's next O_DSYNC write changes the inode and its sync
// writes the inode block too — with an fstat per flush, one more device
// write in every flush. Without the mark, a write within the same clock
// tick leaves the timestamps as they are.
//
// Each round: read ctime (marking it seen, so that flush 1 takes a precise
// timestamp t1), flush 1 (its check runs after its write), note the clock T,
// flush 2, read ctime c2. Had flush 1's check marked ctime seen, flush 2 took
// a precise timestamp after T, so c2 ≥ T; with a check that reads no
// timestamp, flush 2 leaves t1 (< T) in place. Other processes' precise
// timestamps move the coarse clock's floor, so some rounds of either kind end
// with c2 < T (a floor value taken between t1 and T): the rounds alternate
// with reference rounds in which the test itself fstats the segment after
// flush 1 (the old check), and the plain rounds must keep t1 in clearly more
// of them (by a quarter of the rounds: a chance difference that large, both
// kinds behaving alike, is ~2.5 standard deviations at the 40 % of reference
// rounds seen on a loaded machine). Where timestamps are not multigrain the
// reference rounds keep t1 too and the test cannot tell: it skips.
func TestFlushCheckLeavesInodeClean(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	mustCommit(t, l, txn(1, "first")...)
	seg := filepath.Join(dir, segmentName(0))
	ctime := func() time.Time {
		var stx unix.Statx_t
		if err := unix.Statx(unix.AT_FDCWD, seg, 0, unix.STATX_CTIME, &stx); err != nil {
			t.Fatalf("statx %s: %v", seg, err)
		}
		return time.Unix(stx.Ctime.Sec, int64(stx.Ctime.Nsec))
	}
	const rounds = 60
	kept := [2]int{} // [0]: reference rounds (fstat after flush 1), [1]: the log's check alone
	for i := range 2 * rounds {
		ref := i%2 == 0
		ctime()
		mustCommit(t, l, txn(uint64(10+2*i), "flush 1")...)
		if ref {
			var st unix.Stat_t
			if err := unix.Stat(seg, &st); err != nil {
				t.Fatal(err)
			}
		}
		before := time.Now()
		mustCommit(t, l, txn(uint64(11+2*i), "flush 2")...)
		if ctime().Before(before) {
			if ref {
				kept[0]++
			} else {
				kept[1]++
			}
		}
	}
	t.Logf("the second flush left the first one's ctime in %d of %d rounds (%d of %d after an fstat)", kept[1], rounds, kept[0], rounds)
	if kept[0] >= rounds*3/4 {
		t.Skipf("a stat does not make the next write take a precise timestamp here (%d of %d reference rounds kept it): cannot tell", kept[0], rounds)
	}
	if kept[1] < kept[0]+rounds/4 {
		t.Errorf("the second flush took a fresh ctime in %d of %d rounds (%d after an explicit fstat): the flush's check marks the timestamps seen, so every log write also writes the inode", rounds-kept[1], rounds, rounds-kept[0])
	}
}
