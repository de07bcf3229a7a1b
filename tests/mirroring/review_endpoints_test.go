package mirroring_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewCreateOtherEndpoints: CREATE ENDPOINT for a payload SQL Server
// has but this server does not serve (Service Broker, TSQL)
// is SQL Server's syntax: it parses and is refused as not supported (40508),
// not with syntax error 102 as before, and not with 7862 ("an endpoint of
// the requested type already exists") on an instance whose one endpoint is
// the mirroring one. The mirroring endpoint is untouched.
func TestReviewCreateOtherEndpoints(t *testing.T) {
	s := harness.Start(t, harness.Options{Name: "endpoints"})
	db := s.DB("master")
	port := harness.FreePort(t)
	harness.MustExec(t, db, fmt.Sprintf("CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = ALL)", port))

	for _, tc := range []struct{ stmt, what string }{
		// CREATE ENDPOINT's Service Broker example.
		{"CREATE ENDPOINT BrokerEndpoint STATE = STARTED AS TCP (LISTENER_PORT = 4037) FOR SERVICE_BROKER (AUTHENTICATION = WINDOWS)", "CREATE ENDPOINT FOR SERVICE_BROKER"},
		{"CREATE ENDPOINT BrokerEndpoint AS TCP (LISTENER_PORT = 4022, LISTENER_IP = ALL) FOR SERVICE_BROKER (AUTHENTICATION = CERTIFICATE broker_cert, ENCRYPTION = REQUIRED ALGORITHM AES, MESSAGE_FORWARDING = ENABLED, MESSAGE_FORWARD_SIZE = 10)", "CREATE ENDPOINT FOR SERVICE_BROKER"},
		{"CREATE ENDPOINT TsqlEndpoint STATE = STARTED AS TCP (LISTENER_PORT = 4038) FOR TSQL ()", "CREATE ENDPOINT FOR TSQL"},
	} {
		want := "40508/16/1 " + tc.what + " is not supported."
		if _, err := db.Exec(tc.stmt); sqlErr(err) != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.stmt, sqlErr(err), want)
		}
	}
	// ALTER of the mirroring endpoint to another payload stays 7860.
	if _, err := db.Exec("ALTER ENDPOINT Endpoint_Mirroring FOR SERVICE_BROKER (AUTHENTICATION = WINDOWS)"); errNumber(err) != 7860 {
		t.Errorf("ALTER ENDPOINT … FOR SERVICE_BROKER: %s, want 7860", sqlErr(err))
	}
	got := harness.RowsText(t, db, "SELECT name, type_desc, state_desc FROM sys.endpoints WHERE endpoint_id >= 65536")
	if want := "Endpoint_Mirroring DATABASE_MIRRORING STARTED|"; got != want {
		t.Errorf("sys.endpoints after the refused statements:\n got %q\nwant %q", got, want)
	}
}
