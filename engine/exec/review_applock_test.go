package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestReviewAppLockRelease (review, session 8): a Transaction-owned
// application lock ends with its transaction however it ends — COMMIT,
// ROLLBACK, a rollback forced by XACT_ABORT, a rollback to a savepoint does
// not release it — and a Session-owned one survives the rollback. Another
// session probes with @LockTimeout = 0: 0 granted, -1 timed out.
func TestReviewAppLockRelease(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewapplock")
	a, b := newSASession(t, inst), newSASession(t, inst)
	probe := func(t *testing.T, res string) string {
		t.Helper()
		out := &aggTrace{}
		q := "DECLARE @r int; EXEC @r = sp_getapplock @Resource = '" + res + "', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @r; IF @r >= 0 EXEC sp_releaseapplock @Resource = '" + res + "', @LockOwner = 'Session'"
		if err := b.ExecBatch(ctx, q, out); err != nil {
			t.Fatal(err)
		}
		for _, l := range out.lines {
			if l != "--" && !strings.HasPrefix(l, "msg") {
				return l
			}
		}
		return strings.Join(out.lines, ";")
	}
	for _, c := range []struct {
		name, batch, res, want string
	}{
		{"commit", "BEGIN TRAN; EXEC sp_getapplock 'r1', 'Exclusive'; COMMIT", "r1", "0"},
		{"rollback", "BEGIN TRAN; EXEC sp_getapplock 'r2', 'Exclusive'; ROLLBACK", "r2", "0"},
		{"xact_abort", "SET XACT_ABORT ON; BEGIN TRAN; EXEC sp_getapplock 'r3', 'Exclusive'; SELECT 1/0; COMMIT", "r3", "0"},
		{"savepoint keeps", "SET XACT_ABORT OFF; BEGIN TRAN; SAVE TRAN s; EXEC sp_getapplock 'r4', 'Exclusive'; ROLLBACK TRAN s", "r4", "-1"},
		{"savepoint then rollback", "ROLLBACK", "r4", "0"},
		{"session owner survives rollback", "BEGIN TRAN; EXEC sp_getapplock 'r5', 'Exclusive', 'Session'; ROLLBACK", "r5", "-1"},
		{"session owner released", "EXEC sp_releaseapplock 'r5', 'Session'", "r5", "0"},
		{"catch rollback", "BEGIN TRY BEGIN TRAN; EXEC sp_getapplock 'r6', 'Exclusive'; SELECT 1/0; COMMIT END TRY BEGIN CATCH ROLLBACK END CATCH", "r6", "0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := a.ExecBatch(ctx, c.batch, &aggTrace{}); err != nil {
				t.Logf("batch: %v", err)
			}
			if got := probe(t, c.res); got != c.want {
				t.Fatalf("probe %s: got %q, want %q", c.res, got, c.want)
			}
		})
	}
}
