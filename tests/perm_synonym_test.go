package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestPermissionsThroughSynonyms: a synonym adds no rights — reading or
// writing through it needs the permission on its base object, and a DENY
// on the base holds through it.
func TestPermissionsThroughSynonyms(t *testing.T) {
	srv := startPermServer(t, "permsyn")
	harness.MustRunScript(t, srv.DB("permdb"), `
CREATE SYNONYM dbo.s_secret FOR dbo.secret
CREATE SYNONYM dbo.s_t FOR dbo.t
CREATE SYNONYM dbo.s_p FOR dbo.p
`)
	runPermCases(t, srv, []permCase{
		{"reader selects through a synonym", "reader", "permdb", "SELECT * FROM dbo.s_t", 0, ""},
		{"deny on the base holds", "reader", "permdb", "SELECT * FROM dbo.s_secret", 229, "The SELECT permission was denied on the object 'secret', database 'permdb', schema 'dbo'."},
		{"reader cannot insert through a synonym", "reader", "permdb", "INSERT dbo.s_t VALUES (50, 0)", 229, "The INSERT permission was denied on the object 't', database 'permdb', schema 'dbo'."},
		{"writer inserts through a synonym", "writer", "permdb", "INSERT dbo.s_t VALUES (51, 0)", 0, ""},
		{"writer cannot delete through a synonym", "writer", "permdb", "DELETE dbo.s_t WHERE id = 51", 229, "The DELETE permission was denied on the object 't', database 'permdb', schema 'dbo'."},
		{"app executes through a synonym", "app", "permdb", "EXEC dbo.s_p", 0, ""},
		{"writer cannot execute through a synonym", "writer", "permdb", "EXEC dbo.s_p", 229, "The EXECUTE permission was denied on the object 'p', database 'permdb', schema 'dbo'."},
	})
}
