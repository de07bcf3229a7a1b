package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestWindowsLoginsAndEndpointGrants is step 1 of the docs' "Setting Up
// Database Mirroring Using Windows Authentication": CREATE LOGIN
// [Somedomain\witnessuser] FROM WINDOWS and GRANT CONNECT ON ENDPOINT to
// it and to the partners' service account. The login is a WINDOWS_LOGIN
// (type U, not in sys.sql_logins) that cannot log in with SQL
// authentication — it had the empty password; CONNECT is granted once
// however often it is granted; a grantee that is no login is 15151 (it
// was a grant to principal_id 0); the troubleshooting page's query names
// grantor and grantee.
func TestWindowsLoginsAndEndpointGrants(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	mustExec(t, s, `CREATE ENDPOINT Endpoint_Mirroring STATE = STOPPED AS TCP (LISTENER_PORT = 7022) FOR DATABASE_MIRRORING (ROLE = PARTNER)`)
	mustExec(t, s, `CREATE LOGIN [Somedomain\witnessuser] FROM WINDOWS`)
	mustExec(t, s, `GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Somedomain\witnessuser]`)
	mustExec(t, s, `GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Somedomain\witnessuser]`)

	out := &collect{}
	err := s.ExecBatch(context.Background(), `GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Mydomain\dbousername]`, out)
	var e interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if err == nil && len(out.errs) > 0 {
		err = out.errs[0]
	}
	if !errors.As(err, &e) {
		t.Fatalf("GRANT to a login that does not exist: %v, want 15151", err)
	}
	const want = `Cannot find the login 'Mydomain\dbousername', because it does not exist or you do not have permission.`
	if n, sev, st := e.SQLServerError(); n != 15151 || sev != 16 || st != 1 || err.Error() != want {
		t.Errorf("GRANT to a login that does not exist: %d/%d/%d %v, want 15151/16/1 %s", n, sev, st, err, want)
	}

	for _, tc := range []struct{ sql, want string }{
		{`SELECT type, type_desc FROM sys.server_principals WHERE name = N'Somedomain\witnessuser'`, "U,WINDOWS_LOGIN"},
		{`SELECT COUNT(*) FROM sys.sql_logins WHERE name = N'Somedomain\witnessuser'`, "0"},
		{`SELECT CASE WHEN LOGINPROPERTY(N'Somedomain\witnessuser', 'PasswordHash') IS NULL THEN 'NULL' ELSE 'hash' END`, "NULL"},
		{`SELECT EP.name, SP.STATE,
   CONVERT(nvarchar(38), suser_name(SP.grantor_principal_id)) AS GRANTOR,
   SP.TYPE AS PERMISSION,
   CONVERT(nvarchar(46),suser_name(SP.grantee_principal_id)) AS GRANTEE
   FROM sys.server_permissions SP , sys.endpoints EP
   WHERE SP.major_id = EP.endpoint_id
   ORDER BY Permission,grantor, grantee`, `Endpoint_Mirroring,G,sa,CO,Somedomain\witnessuser`},
	} {
		if got := strings.Join(mustExec(t, s, tc.sql), "\n"); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.sql, got, tc.want)
		}
	}
	for _, pw := range []string{"", "x"} {
		if _, ok := inst.Authenticate(`Somedomain\witnessuser`, pw); ok {
			t.Errorf("the Windows login logs in with SQL authentication and password %q", pw)
		}
	}
	// A Windows login created before the Windows mark was stored as a SQL
	// login with the empty password; it must not log in either.
	old := inst.Server().Login(`Somedomain\witnessuser`)
	old.Windows = false
	old.SetPassword("", time.Now())
	if _, ok := inst.Authenticate(`Somedomain\witnessuser`, ""); ok {
		t.Errorf("a Windows login stored before the Windows mark logs in with the empty password")
	}
}
