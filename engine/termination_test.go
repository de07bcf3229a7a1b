package engine

import (
	"context"
	"testing"
	"time"
)

// TestAlterDatabaseWaitsOutsideTheGates: ALTER DATABASE … SET of an option
// the database's catalog keeps waits for the catalog lock of a session that
// stays (sa under RESTRICTED_USER, or anyone under MULTI_USER or READ_ONLY
// with no clause … here an open CREATE TABLE) without holding the
// user-access gates, so that session's USE and COMMIT go on and the ALTER
// completes after it. Holding the gates while waiting deadlocked the two.
func TestAlterDatabaseWaitsOutsideTheGates(t *testing.T) {
	for _, opt := range []string{"RESTRICTED_USER", "MULTI_USER"} {
		t.Run(opt, func(t *testing.T) {
			inst, s := openTestDatabase(t, t.TempDir())
			defer inst.Close()
			a := newTestSession(t, inst, "d")
			mustExec(t, a, "BEGIN TRAN; CREATE TABLE dbo.x (i int)")
			alter := make(chan error, 1)
			go func() { alter <- s.ExecBatch(context.Background(), "ALTER DATABASE d SET "+opt, &collect{}) }()
			for countWaits(inst) == 0 { // catalog_race_test.go: until the ALTER waits for a's catalog lock
				time.Sleep(time.Millisecond)
			}
			other := make(chan error, 1)
			go func() { other <- a.ExecBatch(context.Background(), "USE master; COMMIT", &collect{}) }()
			select {
			case err := <-other:
				if err != nil {
					t.Fatalf("the staying session's USE master; COMMIT: %v", err)
				}
			case <-time.After(time.Minute): // a deadlock, not a speed limit
				t.Fatal("the staying session's USE waits for the gates the waiting ALTER DATABASE holds")
			}
			if err := <-alter; err != nil {
				t.Fatalf("ALTER DATABASE d SET %s: %v", opt, err)
			}
		})
	}
}
