package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestReviewTemporalZeroLengthPeriods (review, session 10): FOR SYSTEM_TIME
// leaves out rows whose period is empty in every form, ALL included —
// Microsoft's "Query data in a system-versioned temporal table": "FOR
// SYSTEM_TIME filters out rows that have period of validity with zero
// duration". A row inserted and then updated by one transaction leaves such
// a history row; FROM … TO, BETWEEN, CONTAINED IN and ALL returned it (only
// AS OF, whose rule excludes it anyway, did not). The history table read
// directly still has it.
func TestReviewTemporalZeroLengthPeriods(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewtemporal"))
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	for _, q := range []string{
		"CREATE DATABASE rtz",
		"USE rtz",
		`CREATE TABLE dbo.e (id int NOT NULL PRIMARY KEY, v int NOT NULL,
			vf datetime2 GENERATED ALWAYS AS ROW START NOT NULL, vt datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
			PERIOD FOR SYSTEM_TIME (vf, vt)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.eh))`,
		"BEGIN TRAN; INSERT dbo.e (id, v) VALUES (1, 1); UPDATE dbo.e SET v = 2 WHERE id = 1; COMMIT",
	} {
		if got := run(q); strings.Contains(got, "error") || strings.Contains(got, "returned") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	for _, tc := range []struct{ name, q, want string }{
		{"history table keeps it", "SELECT COUNT(*) FROM dbo.eh WHERE vf = vt", "--;1"},
		{"all", "SELECT v FROM dbo.e FOR SYSTEM_TIME ALL", "--;2"},
		{"from to", "SELECT v FROM dbo.e FOR SYSTEM_TIME FROM '2000-01-01' TO '9999-12-31'", "--;2"},
		{"between", "SELECT v FROM dbo.e FOR SYSTEM_TIME BETWEEN '2000-01-01' AND '9999-12-31'", "--;2"},
		{"contained in", "SELECT v FROM dbo.e FOR SYSTEM_TIME CONTAINED IN ('2000-01-01', '9999-12-31 23:59:59.9999999')", "--;2"},
		{"as of", "SELECT v FROM dbo.e FOR SYSTEM_TIME AS OF '9999-12-31'", "--;2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(tc.q); got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.q, got, tc.want)
			}
		})
	}
}
