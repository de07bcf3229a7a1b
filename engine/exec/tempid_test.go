package exec_test

import (
	"strings"
	"testing"
)

// TestTempObjectIDsUniqueAcrossSessions: a #temp table's object id names
// one table of the whole instance for as long as it lives, as SQL Server's
// do, so the DBA idiom WHERE object_id = OBJECT_ID('tempdb..#t') over
// tempdb.sys.objects or tempdb.sys.partitions finds the caller's table
// only. Temp stores took their blocks of ids in turn from a ring of 16,384,
// so a pooled connection reset that many times (each reuse a new store)
// was handed the block of a session still holding its #t (issue #5).
func TestTempObjectIDsUniqueAcrossSessions(t *testing.T) {
	p := newPlanProbe(t, "tempids")
	p.run(`CREATE TABLE #t (id int PRIMARY KEY)`)
	held := p.rowsText(`SELECT OBJECT_ID('tempdb..#t')`)

	// A pooled connection: each reuse is a reset, then a #u of its own.
	pooled := newSASession(t, p.inst)
	clashes := 0
	for i := range 16400 {
		if err := pooled.Reset(p.ctx, nil); err != nil {
			t.Fatal(err)
		}
		out := &aggTrace{}
		if err := pooled.ExecBatch(p.ctx, `CREATE TABLE #u (id int PRIMARY KEY); SELECT OBJECT_ID('tempdb..#u')`, out); err != nil {
			t.Fatal(err)
		}
		if id := lastRow(out.lines); id == held {
			if clashes++; clashes == 1 {
				t.Errorf("reuse %d of the pooled connection: its #u has object id %s, the id of the other session's live #t", i, id)
			}
		}
	}
	if clashes > 0 {
		t.Errorf("%d of 16,400 reuses took the live #t's id", clashes)
	}
}

// lastRow is the last row line of a trace (no markers or messages).
func lastRow(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if l := lines[i]; l != "--" && !strings.HasPrefix(l, "msg ") {
			return l
		}
	}
	return ""
}
