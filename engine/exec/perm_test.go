package exec

import (
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// TestVerdict runs the database-level rules of perm.go on one catalog:
// principal × permission × securable → held or not.
func TestVerdict(t *testing.T) {
	cat := catalog.NewDatabase("d", 5, time.Unix(0, 0))
	cat.Tables[catalog.Key("dbo", "t")] = &catalog.Table{ID: 100, Schema: "dbo", Name: "t"}
	cat.Tables[catalog.Key("dbo", "u")] = &catalog.Table{ID: 101, Schema: "dbo", Name: "u"}
	cat.Tables[catalog.Key("hr", "pay")] = &catalog.Table{ID: 102, Schema: "hr", Name: "pay"}
	cat.Schemas = append(cat.Schemas, &catalog.Schema{ID: 5, Name: "hr", Owner: "boss"})
	for _, name := range []string{"ann", "bob", "cy", "dee", "boss", "eve"} {
		cat.Users = append(cat.Users, &catalog.User{ID: cat.NextPrincipalID(), Name: name, Login: name})
	}
	cat.Roles = append(cat.Roles, &catalog.Role{ID: cat.NextPrincipalID(), Name: "clerks"}, &catalog.Role{ID: cat.NextPrincipalID(), Name: "seniors"})
	cat.RoleMembers = []catalog.RoleMember{
		{Role: "db_datareader", Member: "ann"}, {Role: "db_datawriter", Member: "bob"},
		{Role: "clerks", Member: "cy"}, {Role: "seniors", Member: "clerks"}, // cy through two roles
		{Role: "db_owner", Member: "dee"}, {Role: "db_denydatareader", Member: "eve"}, {Role: "db_datareader", Member: "eve"},
	}
	grant := func(state, perm, class, object, who string) {
		p := &catalog.Permission{State: state, Permission: perm, Class: class, Object: object, Principal: who}
		if class == catalog.ClassObject {
			p.ObjectID = map[string]int32{"dbo.t": 100, "dbo.u": 101, "hr.pay": 102, "dbo.gone": 999}[object]
		}
		cat.Permissions = catalog.SetPermission(cat.Permissions, p)
	}
	grant(catalog.StateDeny, "SELECT", catalog.ClassObject, "dbo.u", "ann")
	grant(catalog.StateGrant, "SELECT", catalog.ClassSchema, "dbo", "seniors")
	grant(catalog.StateDeny, "SELECT", catalog.ClassObject, "dbo.t", "clerks")
	grant(catalog.StateGrant, "INSERT", catalog.ClassObject, "dbo.gone", "cy") // a dropped table's row
	grant(catalog.StateGrant, "CREATE TABLE", catalog.ClassDatabase, "", "public")
	grant(catalog.StateDeny, "SELECT", catalog.ClassSchema, "hr", "dee")
	tests := []struct {
		user, perm, schema, object string
		want                       bool
	}{
		{"dbo", "DELETE", "hr", "pay", true},
		{"ann", "SELECT", "dbo", "t", true},        // db_datareader
		{"ann", "SELECT", "dbo", "u", false},       // DENY on the object beats the role
		{"ann", "INSERT", "dbo", "t", false},       // nothing grants it
		{"bob", "UPDATE", "dbo", "t", true},        // db_datawriter
		{"bob", "SELECT", "dbo", "t", false},       // db_datawriter does not read
		{"cy", "SELECT", "dbo", "u", true},         // schema GRANT to a role of a role
		{"cy", "SELECT", "dbo", "t", false},        // object DENY to a role beats the schema GRANT
		{"cy", "INSERT", "dbo", "t", false},        // a dropped object's grant applies to nothing
		{"dee", "DELETE", "dbo", "t", true},        // db_owner
		{"dee", "SELECT", "hr", "pay", false},      // a DENY still binds a db_owner member
		{"boss", "DELETE", "hr", "pay", true},      // the schema's owner
		{"boss", "SELECT", "dbo", "t", false},      // only his schema
		{"eve", "SELECT", "dbo", "t", false},       // db_denydatareader beats db_datareader
		{"eve", "CREATE TABLE", "", "", true},      // granted to public
		{"guest", "CREATE TABLE", "", "", true},    // public is everyone's
		{"ann", "ALTER ANY USER", "", "", false},   // database-level, not granted
		{"dee", "ALTER ANY USER", "", "", true},    // db_owner
		{"bob", "CREATE PROCEDURE", "", "", false}, // not in db_ddladmin
	}
	for _, tc := range tests {
		t.Run(tc.user+" "+tc.perm+" "+tc.schema+"."+tc.object, func(t *testing.T) {
			if got := verdict(cat, tc.user, tc.perm, tc.schema, tc.object); got != tc.want {
				t.Errorf("verdict(%s, %s, %s.%s) = %v, want %v", tc.user, tc.perm, tc.schema, tc.object, got, tc.want)
			}
		})
	}
}

// TestPermissionRows: one row per permission, securable and grantee; DENY
// replaces GRANT; REVOKE … CASCADE takes what the grantee granted on.
func TestPermissionRows(t *testing.T) {
	row := func(state, who, grantor string) *catalog.Permission {
		return &catalog.Permission{State: state, Permission: "SELECT", Class: catalog.ClassObject, Object: "dbo.t", ObjectID: 7, Principal: who, Grantor: grantor}
	}
	var list []*catalog.Permission
	list = catalog.SetPermission(list, row(catalog.StateGrantWithGrant, "a", "dbo"))
	list = catalog.SetPermission(list, row(catalog.StateGrant, "b", "a"))
	list = catalog.SetPermission(list, row(catalog.StateGrant, "c", "dbo"))
	list = catalog.SetPermission(list, row(catalog.StateDeny, "c", "dbo"))
	if len(list) != 3 || catalog.FindPermission(list, row("", "c", "")).State != catalog.StateDeny {
		t.Fatalf("after DENY replaced GRANT: %d rows, c is %s", len(list), catalog.FindPermission(list, row("", "c", "")).State)
	}
	list, found := catalog.RevokePermission(list, row("", "a", ""), true)
	if !found || len(list) != 1 || list[0].Principal != "c" {
		t.Fatalf("REVOKE … CASCADE from a: found %v, left %d rows (%v)", found, len(list), list)
	}
	if _, found := catalog.RevokePermission(list, row("", "zed", ""), false); found {
		t.Fatal("REVOKE of a permission never granted found a row")
	}
}
