package harness

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// WaitFor polls cond until it reports true, failing the test if timeout
// passes first or cond returns an error on the last try. It is for waiting
// on state the test cannot be told about (a mirroring session reaching
// SYNCHRONIZED, a role change), never for pacing a test: the deadline is a
// bound on failure, not an expectation of speed.
func WaitFor(tb testing.TB, what string, timeout time.Duration, cond func() (bool, error)) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for {
		ok, err := cond()
		if ok && err == nil {
			return
		}
		last = err
		if time.Now().After(deadline) {
			tb.Fatalf("waiting for %s: not reached within %v (last error: %v)", what, timeout, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// QueryString runs a query that returns one value and renders it as text
// (NULL as ""); useful with WaitFor, e.g. for sys.database_mirroring state.
func QueryString(ctx context.Context, db *sql.DB, query string, args ...any) (string, error) {
	var v sql.NullString
	if err := db.QueryRowContext(ctx, query, args...).Scan(&v); err != nil {
		return "", err
	}
	return v.String, nil
}

// MustExec runs a statement and fails the test on error.
func MustExec(tb testing.TB, db Execer, query string, args ...any) sql.Result {
	tb.Helper()
	res, err := db.ExecContext(context.Background(), query, args...)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return res
}

// RowsText is q's rows as text: columns separated by a space, each row
// ended by "|", NULL as "". Tests compare whole small results with it.
func RowsText(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(v.String)
		}
		b.WriteByte('|')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
