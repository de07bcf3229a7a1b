package engine

import "testing"

// TestSuspectWhileOpenAnswers926: a database marked SUSPECT while open (a
// durable commit's apply failed) refuses access with SQL Server's 926, as USE
// of one recovery could not open does — not 927 "in the middle of a restore".
func TestSuspectWhileOpenAnswers926(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "CREATE TABLE d.dbo.t (id int); INSERT d.dbo.t VALUES (1)")
	inst.Database("d").SetState(StateSuspect)
	for _, q := range []string{"SELECT COUNT(*) FROM d.dbo.t", "USE d", "INSERT d.dbo.t VALUES (2)", "BACKUP DATABASE d TO DISK = 'x.bak'"} {
		if n := batchErrorNumber(s, q); n != 926 {
			t.Errorf("%s on a SUSPECT database: error %d, want 926", q, n)
		}
	}
}
