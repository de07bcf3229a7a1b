package tests

import (
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestRPCBatchAbortReportedOnce: a parameterized query (go-mssqldb sends
// sp_executesql) that ends at a batch-aborting error gets that error
// alone, as from SQL Server. The server sent a second one, "batch
// aborted" (50000), which go-mssqldb returned as the query's error: a
// client retrying deadlock victims on 1205 never saw its 1205 (issue #2).
func TestRPCBatchAbortReportedOnce(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	for _, tc := range []struct {
		query string
		want  int32
	}{
		{"SELECT CAST('a' AS int) WHERE @p1 = 1", 245},
		{"THROW 50001, 'thrown', 1; SELECT @p1", 50001},
		{"SET XACT_ABORT ON; SELECT 1 / 0 WHERE @p1 = 1", 8134},
		{"RAISERROR('severe', 16, 1) WITH NOWAIT; SELECT CAST('b' AS int) WHERE @p1 = 1", 245},
	} {
		_, err := db.Exec(tc.query, 1)
		var me mssql.Error
		if !errors.As(err, &me) {
			t.Errorf("%s: %v, want error %d", tc.query, err, tc.want)
			continue
		}
		var got []int32
		for _, e := range me.All {
			got = append(got, e.Number)
		}
		if me.Number != tc.want || got[len(got)-1] != tc.want {
			t.Errorf("%s: error %d, all %v; want %d last", tc.query, me.Number, got, tc.want)
		}
	}
}
