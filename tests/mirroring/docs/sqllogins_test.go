package docs_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDocsSQLLoginsExample runs "Example: Set Up Database Mirroring Using
// Windows Authentication (Transact-SQL)" with SQL Server logins where the
// page names Windows accounts (testdata/sqllogins), on the page's three
// hosts, and gives the partners' and the witness's addresses in the forms
// of "Specify a Server Network Address" — a system name in lower case
// (tcp://localhost:…), an IPv6 address in brackets (tcp://[::1]:…) and an
// IPv4 address — then reads them back from sys.database_mirroring on both
// partners and the session from the witness's sys.database_mirroring_witnesses.
// TestDocsExamples runs the page with its Windows logins.
func TestDocsSQLLoginsExample(t *testing.T) {
	names := map[string]string{"principal": "PARTNERHOST1", "mirror": "PARTNERHOST5", "witness": "WITNESSHOST4"}
	srv := map[string]*harness.Server{}
	for role, name := range names {
		srv[role] = harness.Start(t, harness.Options{Name: name})
	}
	vars := []string{"BackupDir=" + t.TempDir()}
	for _, v := range []string{"PrincipalPort", "MirrorPort", "WitnessPort"} {
		vars = append(vars, v+"="+strconv.Itoa(harness.FreePort(t)))
	}
	// What the page takes as given: the partners' login exists on both
	// partners, and the database on the principal.
	for _, role := range []string{"principal", "mirror"} {
		harness.MustRunScript(t, srv[role].DB("master"), `CREATE LOGIN dbousername WITH PASSWORD = 'Partner_Strong_Password1!'`)
	}
	harness.MustRunScript(t, srv["principal"].DB("master"), `CREATE DATABASE AdventureWorks
GO
CREATE TABLE AdventureWorks.dbo.AddressType (AddressTypeID int IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL)`)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	waits := map[string]func(){
		"07_principal_session.sql": func() {
			waitUntil(t, ctx, "the session is SYNCHRONIZED with its witness on both partners", func() bool {
				for _, role := range []string{"principal", "mirror"} {
					var got string
					err := srv[role].DB("master").QueryRowContext(ctx, `SELECT mirroring_state_desc + '/' + ISNULL(mirroring_witness_state_desc, 'NULL')
FROM sys.database_mirroring WHERE database_id = DB_ID('AdventureWorks')`).Scan(&got)
					if err != nil || got != "SYNCHRONIZED/CONNECTED" {
						return false
					}
				}
				return true
			})
		},
	}
	runScripts(t, filepath.Join("testdata", "sqllogins"), srv, vars, waits)
}
