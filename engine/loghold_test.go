package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestBackupLogHold: while a BACKUP holds the log it carries, a checkpoint of
// a SIMPLE database does not truncate past it, and log_reuse_wait_desc says
// ACTIVE_BACKUP_OR_RESTORE; once released, the next checkpoint truncates.
func TestBackupLogHold(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE master; ALTER DATABASE d SET RECOVERY SIMPLE; USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(4000))")
	db := inst.Database("d")
	ctx := context.Background()
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	held := db.Log().EndOfLog().BlockOffset()
	release := db.logHolds.hold(held)
	if got := db.LogReuseWait(); got != "ACTIVE_BACKUP_OR_RESTORE" {
		t.Errorf("log_reuse_wait_desc with a backup running = %q, want ACTIVE_BACKUP_OR_RESTORE", got)
	}
	// More than two segments of log, so a checkpoint could drop the held one.
	var sb strings.Builder
	for i := 1; i <= 2*int(LogSegmentSize/3000)+500; i++ {
		fmt.Fprintf(&sb, "INSERT t VALUES (%d, REPLICATE('x', 3000)); ", i)
		if i%500 == 0 {
			mustExec(t, s, "USE d; BEGIN TRAN; "+sb.String()+"COMMIT")
			sb.Reset()
		}
	}
	mustExec(t, s, "USE d; BEGIN TRAN; "+sb.String()+"COMMIT")
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if from := db.Log().RetainedFrom(); from > held {
		t.Fatalf("checkpoint truncated the log to %d, past the %d a running backup holds", from, held)
	}
	release()
	if got := db.LogReuseWait(); got != "NOTHING" {
		t.Errorf("log_reuse_wait_desc after the backup = %q, want NOTHING", got)
	}
	mustExec(t, s, "USE d; INSERT t VALUES (0, 'after')")
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if from := db.Log().RetainedFrom(); from <= held {
		t.Fatalf("checkpoint after the backup kept the log from %d (held %d): the test shows nothing", from, held)
	}
}
