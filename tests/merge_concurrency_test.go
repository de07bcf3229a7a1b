package tests

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
)

// TestMergeReadCommittedRereadsLockedRow: under READ COMMITTED, a MERGE
// whose target row another transaction holds waits for it and then judges
// and changes the row as that transaction committed it (issue #5): SET
// v = v + 1 keeps the other's increment, a row that no longer satisfies ON
// or a WHEN condition is left alone, a row deleted meanwhile is not
// matched (the source row is inserted). Each shape runs through the seek
// on the clustered key and through the scanned, hashed target (WHEN NOT
// MATCHED BY SOURCE makes MERGE read the whole target).
func TestMergeReadCommittedRereadsLockedRow(t *testing.T) {
	a, b := lockTestConns(t) // dbo.t (k int PRIMARY KEY, v int NOT NULL): (1,10) (2,20) (3,30)
	ctx := context.Background()
	const scan = " WHEN NOT MATCHED BY SOURCE AND t.k < 0 THEN DELETE"
	for _, tc := range []struct {
		name, change, merge string
		want                []string // k:v after both, in k order
	}{
		{"increment kept", "UPDATE dbo.t SET v = v + 1 WHERE k = 2",
			"MERGE dbo.t USING (VALUES (2)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = t.v + 1",
			[]string{"1:10", "2:22", "3:30"}},
		{"compound assignment", "UPDATE dbo.t SET v = v * 10 WHERE k = 2",
			"MERGE dbo.t USING (VALUES (2, 5)) AS s(k, d) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v += s.d",
			[]string{"1:10", "2:205", "3:30"}},
		{"no longer matches ON", "UPDATE dbo.t SET v = 21 WHERE k = 2",
			"MERGE dbo.t USING (VALUES (2, 20)) AS s(k, v) ON t.k = s.k AND t.v = s.v WHEN MATCHED THEN DELETE",
			[]string{"1:10", "2:21", "3:30"}},
		{"WHEN condition judges the committed row", "UPDATE dbo.t SET v = 0 WHERE k = 2",
			"MERGE dbo.t USING (VALUES (2)) AS s(k) ON t.k = s.k WHEN MATCHED AND t.v > 0 THEN DELETE",
			[]string{"1:10", "2:0", "3:30"}},
		{"deleted meanwhile", "DELETE dbo.t WHERE k = 2",
			"MERGE dbo.t USING (VALUES (2)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = t.v + 1 WHEN NOT MATCHED THEN INSERT VALUES (s.k, -1)",
			[]string{"1:10", "2:-1", "3:30"}},
	} {
		for _, path := range []string{"seek", "scan"} {
			t.Run(tc.name+"/"+path, func(t *testing.T) {
				connExec(t, a, "DELETE dbo.t; INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30)")
				merge := tc.merge
				if path == "scan" {
					merge += scan
				}
				mergeAfterCommit(t, a, b, tc.change, merge+";")
				if got := kvRows(ctx, t, a); !slices.Equal(got, tc.want) {
					t.Fatalf("after %q committed while %q waited: %v, want %v", tc.change, merge, got, tc.want)
				}
			})
		}
	}
	// A scanned target waits for a row another transaction inserted and
	// matches it once committed, instead of inserting it again (2627).
	t.Run("inserted meanwhile/scan", func(t *testing.T) {
		connExec(t, a, "DELETE dbo.t; INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30)")
		mergeAfterCommit(t, a, b, "INSERT dbo.t VALUES (4, 40)",
			"MERGE dbo.t USING (VALUES (4)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = t.v + 1 WHEN NOT MATCHED THEN INSERT VALUES (s.k, -1)"+scan+";")
		if got, want := kvRows(ctx, t, a), []string{"1:10", "2:20", "3:30", "4:41"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
	})
	// WHEN NOT MATCHED BY SOURCE changes rows no source row matched: they
	// too are read again under their locks.
	t.Run("not matched by source", func(t *testing.T) {
		connExec(t, a, "DELETE dbo.t; INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30)")
		mergeAfterCommit(t, a, b, "UPDATE dbo.t SET v = v + 1 WHERE k = 3",
			"MERGE dbo.t USING (VALUES (1)) AS s(k) ON t.k = s.k WHEN NOT MATCHED BY SOURCE AND t.v <> 30 THEN UPDATE SET v = t.v + 100;")
		if got, want := kvRows(ctx, t, a), []string{"1:10", "2:120", "3:131"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
	})
}

// mergeAfterCommit begins change in a transaction on a, starts merge on
// b, waits until b is blocked by a, commits a and waits for merge.
func mergeAfterCommit(t *testing.T, a, b *sql.Conn, change, merge string) {
	t.Helper()
	connExec(t, a, "BEGIN TRAN; "+change)
	t.Cleanup(func() { connErr(a, "IF @@TRANCOUNT > 0 ROLLBACK") }) // a failed case frees b
	done := make(chan error, 1)
	go func() { done <- connErr(b, merge) }()
	waitFor(t, "the MERGE blocked", func() bool { return blockedSessions(t, a) > 0 })
	connExec(t, a, "COMMIT")
	if err := <-done; err != nil {
		t.Fatalf("%s: %v", merge, err)
	}
}

// kvRows reads dbo.t as "k:v" in k order.
func kvRows(ctx context.Context, t *testing.T, c *sql.Conn) []string {
	t.Helper()
	rows, err := c.QueryContext(ctx, "SELECT k, v FROM dbo.t ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k, v int
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d:%d", k, v))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
