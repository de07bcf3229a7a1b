package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestPooledResetUserAccess: a pooled connection whose login database
// became SINGLE_USER (held by another session) or RESTRICTED_USER (its
// login not admitted) while it sat in master does not get back in when
// database/sql reuses it: the reset's return to the login database is
// refused like a login there (4060) and the request fails; once the
// database is MULTI_USER again the next reuse returns to it. A pooled
// connection ended by ROLLBACK IMMEDIATE does not get back in either.
func TestPooledResetUserAccess(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "rsua"})
	master := srv.DB("master")
	ctx := context.Background()
	harness.MustExec(t, master, "CREATE LOGIN plain WITH PASSWORD = 'Passw0rd!plain'")
	for _, tc := range []struct {
		name, db, login, alter string
		inMaster               bool // the pooled connection sits in master, not ended
	}{
		{"single user held from master", "rsu1", "sa", "SINGLE_USER", true},
		{"restricted user", "rsu2", "plain", "RESTRICTED_USER", true},
		{"single user rollback immediate", "rsu3", "sa", "SINGLE_USER WITH ROLLBACK IMMEDIATE", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			userAccessDB(t, srv, tc.db)
			harness.MustRunScript(t, master, "USE "+tc.db+"\nCREATE USER plain FOR LOGIN plain\nGRANT SELECT TO plain\nUSE master\nGO\n")
			pool := loginDB(t, srv, tc.login, tc.db) // one connection
			if n := tRows(t, pool); n != 1 {
				t.Fatalf("rows = %d", n)
			}
			if tc.inMaster {
				harness.MustExec(t, pool, "USE master")
			}
			adminDB := loginDB(t, srv, "sa", "master") // its own pool: it holds the database
			admin := appConn(t, adminDB)
			harness.MustExec(t, admin, "ALTER DATABASE "+tc.db+" SET "+tc.alter)

			var name string
			err := pool.QueryRowContext(ctx, "SELECT DB_NAME()").Scan(&name)
			if !tc.inMaster && err != nil { // the ended connection's error; the pool logs in again
				err = pool.QueryRowContext(ctx, "SELECT DB_NAME()").Scan(&name)
			}
			if err == nil {
				t.Fatalf("the pooled connection got into %s (%s) after SET %s", name, tc.db, tc.alter)
			}
			if tc.inMaster { // the reset's refusal
				wantSQLError(t, err, 4060, `Cannot open database "`+tc.db+`" requested by the login. The login failed.`)
			} else { // a new login's
				wantLoginRefused(t, err, tc.db, tc.login, 924)
			}
			// The holder (the ALTER's session, in master) is still alone.
			if _, err := master.ExecContext(ctx, "USE "+tc.db+"; USE master"); tc.alter != "RESTRICTED_USER" && err == nil {
				t.Fatalf("another session entered %s: the refused reset left a holder", tc.db)
			}

			harness.MustExec(t, admin, "ALTER DATABASE "+tc.db+" SET MULTI_USER")
			if err := pool.QueryRowContext(ctx, "SELECT DB_NAME()").Scan(&name); err != nil || name != tc.db {
				t.Fatalf("after MULTI_USER: DB_NAME() = %q, %v; want %s", name, err, tc.db)
			}
		})
	}
}
