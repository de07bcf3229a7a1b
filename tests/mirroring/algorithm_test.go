package mirroring_test

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestEncryptionAlgorithm: endpoints agree on ALGORITHM as SQL Server's do.
// The principal's endpoint must use RC4 and the mirror's AES (the default):
// no algorithm in common, SET PARTNER gets 1418 and both error logs "There is
// no compatible encryption algorithm. State 22.". The mirror's endpoint then
// prefers AES and also supports RC4: the session starts on RC4, the only one
// both list, and both partners' sys.dm_db_mirroring_connections say so.
func TestEncryptionAlgorithm(t *testing.T) {
	c := &cluster{t: t, endpoint: map[*harness.Server]int{}, meta: map[*harness.Server]*sql.DB{}, backupDir: t.TempDir()}
	c.principal = harness.Start(t, harness.Options{Name: "principal"})
	c.mirror = harness.Start(t, harness.Options{Name: "mirror"})
	for _, s := range c.servers() {
		c.endpoint[s] = harness.FreePort(t)
	}
	c.mustExec(c.principal, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4, ROLE = PARTNER)", c.endpoint[c.principal]))
	c.mustExec(c.mirror, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER)", c.endpoint[c.mirror]))
	const mismatch = "Connection handshake failed. There is no compatible encryption algorithm. State 22."
	c.refusedSetup(c.principal, c.mirror, "Database Mirroring login attempt failed with error: '"+mismatch+"'.", mismatch)

	c.mustExec(c.mirror, "ALTER ENDPOINT Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES RC4, ROLE = PARTNER)")
	c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(c.mirror)))
	c.waitState(c.principal, "SYNCHRONIZED")
	for _, s := range c.servers() {
		var code int
		var desc string
		if err := c.master(s).QueryRow("SELECT encryption_algorithm, encryption_algorithm_desc FROM sys.dm_db_mirroring_connections").Scan(&code, &desc); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if code != 1 || desc != "RC4" {
			t.Fatalf("%s's connection: encryption_algorithm %d %s, want 1 RC4", s.Name, code, desc)
		}
	}
	var code int
	var desc string
	if err := c.master(c.mirror).QueryRow("SELECT encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints").Scan(&code, &desc); err != nil {
		t.Fatal(err)
	}
	if code != 8 || desc != "NONE, AES, RC4" {
		t.Fatalf("mirror's endpoint: %d %s, want 8 NONE, AES, RC4", code, desc)
	}
}
