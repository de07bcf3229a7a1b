package mirroring_test

import (
	"database/sql"
	"testing"
)

// TestWitnessViewSuspension: the witness's sys.database_mirroring_witnesses
// row follows SET PARTNER SUSPEND and RESUME with is_suspended and
// is_suspended_sequence_number, the change counter of is_suspended (§3.5),
// which grows with each of them. The column was always 0: the engine's view
// never got the sequence from mirroring.
func TestWitnessViewSuspension(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p := c.principal
	type row struct {
		suspended bool
		seq       int64
	}
	read := func() (row, error) {
		var r row
		err := c.master(c.witness).QueryRow("SELECT is_suspended, is_suspended_sequence_number FROM sys.database_mirroring_witnesses WHERE database_name = @p1", dbName).
			Scan(&r.suspended, &r.seq)
		return r, err
	}
	waitRow := func(what string, ok func(row) bool) row {
		t.Helper()
		var last row
		c.waitFor("the witness row "+what, failoverBound, func() (bool, error) {
			r, err := read()
			if err == sql.ErrNoRows {
				return false, nil
			}
			last = r
			return err == nil && ok(r), err
		})
		return last
	}

	before, err := read()
	if err != nil {
		t.Fatalf("witness row: %v", err)
	}
	c.mustAlter(p, "SET PARTNER SUSPEND")
	suspended := waitRow("suspended with a newer sequence", func(r row) bool { return r.suspended && r.seq > before.seq })
	c.mustAlter(p, "SET PARTNER RESUME")
	waitRow("resumed with a newer sequence", func(r row) bool { return !r.suspended && r.seq > suspended.seq })
}
