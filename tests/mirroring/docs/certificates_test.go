package docs_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDocsCertificateExample runs "Example: Set Up Database Mirroring Using
// Certificates (Transact-SQL)" as the page writes it, on two instances named
// as its hosts (HOST_A the initial principal, HOST_B the mirror): outbound on
// each host (master key, certificate WITH SUBJECT only, endpoint with
// AUTHENTICATION = CERTIFICATE … ENCRYPTION = REQUIRED ALGORITHM AES,
// BACKUP CERTIFICATE), inbound on each for the other (login, user,
// certificate FROM FILE with AUTHORIZATION, GRANT CONNECT), the mirror
// database, SET PARTNER on HOST_B then HOST_A and SAFETY OFF (high
// performance). Only the hosts' addresses, the port and the file paths are
// adapted (testdata/certificates, sqlcmd -v variables). TestCertificateMirroring
// (tests/mirroring) runs the same stages with a witness and a refused
// CONNECT; this one runs the page's text.
func TestDocsCertificateExample(t *testing.T) {
	srv := map[string]*harness.Server{
		"a": harness.Start(t, harness.Options{Name: "HOST_A"}),
		"b": harness.Start(t, harness.Options{Name: "HOST_B"}),
	}
	vars := []string{"BackupDir=" + t.TempDir(), "CertDir=" + t.TempDir(),
		"HostAPort=" + strconv.Itoa(harness.FreePort(t)), "HostBPort=" + strconv.Itoa(harness.FreePort(t))}
	// The page takes the database as given.
	harness.MustRunScript(t, srv["a"].DB("master"), `CREATE DATABASE AdventureWorks
GO
CREATE TABLE AdventureWorks.dbo.AddressType (AddressTypeID int IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL)
GO
INSERT AdventureWorks.dbo.AddressType (Name) VALUES (N'Billing'), (N'Home'), (N'Shipping')`)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	waits := map[string]func(){
		"08_b_mirror.sql": func() {
			waitUntil(t, ctx, "HOST_B is the SYNCHRONIZED mirror", func() bool {
				var got string
				err := srv["b"].DB("master").QueryRowContext(ctx, `SELECT mirroring_role_desc + '/' + mirroring_state_desc
FROM sys.database_mirroring WHERE database_id = DB_ID('AdventureWorks')`).Scan(&got)
				return err == nil && got == "MIRROR/SYNCHRONIZED"
			})
		},
	}
	runScripts(t, filepath.Join("testdata", "certificates"), srv, vars, waits)
}
