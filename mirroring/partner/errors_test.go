package partner

import (
	"errors"
	"strconv"
	"testing"
)

// TestErrors pins number, severity and exact text of every error the machine
// returns (reference/mirroring.md §5) and the SQLServerError contract.
func TestErrors(t *testing.T) {
	cases := []struct {
		err  *Error
		num  int32
		sev  uint8
		text string
	}{
		{ErrMirrorBusy(), 1404, 16, "The command failed because the database mirror is busy. Reissue the command later."},
		{ErrNotConfigured("db"), 1416, 16, `Database "db" is not configured for database mirroring.`},
		{ErrNotCaughtUp("db"), 1422, 16, `The mirror server instance is not caught up to the recent changes to database "db". Unable to fail over.`},
		{ErrWitnessNotConnected(), 1426, 16, "To issue ALTER DATABASE SET WITNESS, all three server instances must be interconnected, and the mirror database must be caught up. When these conditions are met, reissue the command."},
		{ErrWitnessDistinct(), 1429, 16, "The witness server instance name must be distinct from both of the server instances that manage the database. The ALTER DATABASE SET WITNESS command failed."},
		{ErrNoWitness("db"), 1439, 16, `There is currently no witness associated with database "db".`},
		{ErrPartnersNotConnected("db"), 1447, 16, `ALTER DATABASE "db" command cannot be executed until both partner server instances are up, running, and connected. Start the partner and reissue the command.`},
		{ErrCannotForce("db"), 1455, 16, `The database mirroring service cannot be forced for database "db" because the database is not in the correct state to become the principal database.`},
		{ErrNotPrincipal("db"), 1470, 16, `The alter database for this partner config values may only be initiated on the current principal server for database "db".`},
		{ErrTimeoutRange(40000), 1476, 16, "Database mirroring timeout value 40000 exceeds the maximum value 32767."},
		{ErrSafetyNotFull("db"), 1477, 16, `The database mirroring safety level must be FULL to manually failover database "db". Set safety level to FULL and retry.`},
		{ErrActingAsMirror("db"), 954, 14, `The database "db" cannot be opened. It is acting as a mirror database.`},
		{ErrNoQuorum("db"), 955, 14, "Database db is enabled for Database Mirroring, but the database lacks quorum: the database cannot be opened. Check the partner and witness connections if configured."},
		{ErrInTransition("db"), 952, 16, "Database 'db' is in transition. Try the statement later."},
		{ErrRestoring("db"), 927, 14, "Database 'db' cannot be opened. It is in the middle of a restore."},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(int(tc.num)), func(t *testing.T) {
			var err error = tc.err
			var se interface {
				SQLServerError() (int32, uint8, uint8)
			}
			if !errors.As(err, &se) {
				t.Fatal("no SQLServerError")
			}
			n, s, _ := se.SQLServerError()
			if n != tc.num || s != tc.sev || err.Error() != tc.text {
				t.Errorf("got %d/%d %q", n, s, err.Error())
			}
		})
	}
}
