package catalog

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// rowsText renders permission rows as "STATE perm obj/col grantee<-grantor".
func rowsText(list []*Permission) string {
	var parts []string
	for _, p := range list {
		parts = append(parts, fmt.Sprintf("%s %s %d/%d %s<-%s", p.State, p.Permission, p.ObjectID, p.ColumnID, p.Principal, p.Grantor))
	}
	return strings.Join(parts, "; ")
}

func colRow(state, perm string, col int32, who, grantor string) *Permission {
	return &Permission{State: state, Permission: perm, Class: ClassObject, Object: "dbo.t", ObjectID: 7, ColumnID: col, Principal: who, Grantor: grantor}
}

func TestColumnPermissionRows(t *testing.T) {
	base := func() []*Permission {
		return []*Permission{
			colRow(StateGrant, "SELECT", 0, "u", "dbo"),
			colRow(StateGrant, "SELECT", 1, "u", "dbo"),
			colRow(StateDeny, "SELECT", 2, "u", "dbo"),
			colRow(StateGrant, "UPDATE", 2, "u", "dbo"),
			colRow(StateGrant, "SELECT", 1, "v", "u"),
		}
	}
	tests := []struct {
		name string
		op   func([]*Permission) []*Permission
		want string
	}{
		{"a column row is its own row", func(l []*Permission) []*Permission {
			return SetPermission(l, colRow(StateDeny, "SELECT", 1, "u", "dbo"))
		}, "GRANT SELECT 7/0 u<-dbo; DENY SELECT 7/1 u<-dbo; DENY SELECT 7/2 u<-dbo; GRANT UPDATE 7/2 u<-dbo; GRANT SELECT 7/1 v<-u"},
		{"a new column gets a new row", func(l []*Permission) []*Permission {
			return SetPermission(l, colRow(StateGrant, "SELECT", 3, "u", "dbo"))
		}, "GRANT SELECT 7/0 u<-dbo; GRANT SELECT 7/1 u<-dbo; DENY SELECT 7/2 u<-dbo; GRANT UPDATE 7/2 u<-dbo; GRANT SELECT 7/1 v<-u; GRANT SELECT 7/3 u<-dbo"},
		{"revoke a column leaves the object row", func(l []*Permission) []*Permission {
			l, _ = RevokePermission(l, colRow("", "SELECT", 2, "u", ""), false)
			return l
		}, "GRANT SELECT 7/0 u<-dbo; GRANT SELECT 7/1 u<-dbo; GRANT UPDATE 7/2 u<-dbo; GRANT SELECT 7/1 v<-u"},
		{"cascade follows the same column only", func(l []*Permission) []*Permission {
			l, _ = RevokePermission(l, colRow("", "SELECT", 1, "u", ""), true)
			return l
		}, "GRANT SELECT 7/0 u<-dbo; DENY SELECT 7/2 u<-dbo; GRANT UPDATE 7/2 u<-dbo"},
		{"object-level statement drops the grantee's column rows of that permission", func(l []*Permission) []*Permission {
			l, _ = DropColumnRows(l, 7, "select", "U")
			return l
		}, "GRANT SELECT 7/0 u<-dbo; GRANT UPDATE 7/2 u<-dbo; GRANT SELECT 7/1 v<-u"},
		{"drop column", func(l []*Permission) []*Permission {
			return DropColumnPermissions(l, 7, 2)
		}, "GRANT SELECT 7/0 u<-dbo; GRANT SELECT 7/1 u<-dbo; GRANT SELECT 7/1 v<-u"},
		{"column id 0 is not a column", func(l []*Permission) []*Permission {
			return DropColumnPermissions(l, 7, 0)
		}, "GRANT SELECT 7/0 u<-dbo; GRANT SELECT 7/1 u<-dbo; DENY SELECT 7/2 u<-dbo; GRANT UPDATE 7/2 u<-dbo; GRANT SELECT 7/1 v<-u"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := rowsText(tc.op(base())); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestCascadeGrantsChain: CASCADE takes back the whole chain of grants
// made with the grant option (a → b → c → d), and nothing granted by
// others or of another permission.
func TestCascadeGrantsChain(t *testing.T) {
	list := []*Permission{
		colRow(StateGrantWithGrant, "UPDATE", 0, "a", "dbo"),
		colRow(StateGrantWithGrant, "UPDATE", 0, "b", "a"),
		colRow(StateGrantWithGrant, "UPDATE", 0, "c", "b"),
		colRow(StateGrant, "UPDATE", 0, "d", "c"),
		colRow(StateGrant, "UPDATE", 0, "e", "dbo"),
		colRow(StateGrant, "SELECT", 0, "f", "b"),
	}
	got, found := RevokePermission(list, colRow("", "UPDATE", 0, "a", ""), true)
	if want := "GRANT UPDATE 7/0 e<-dbo; GRANT SELECT 7/0 f<-b"; !found || rowsText(got) != want {
		t.Fatalf("REVOKE … CASCADE from a: %q (found %v), want %q", rowsText(got), found, want)
	}
}

// TestServerConnectSQL: a new server grants sa CONNECT SQL and public VIEW
// ANY DATABASE, a new login gets CONNECT SQL; a catalog written before
// they were recorded is given them when read, once, and a login whose
// grant was revoked since is not given it again.
func TestServerConnectSQL(t *testing.T) {
	s := NewServer("x", time.Unix(0, 0))
	s.AddLogin("app", nil, time.Unix(0, 0))
	want := "GRANT VIEW ANY DATABASE 0/0 public<-sa; GRANT CONNECT SQL 0/0 sa<-sa; GRANT CONNECT SQL 0/0 app<-sa"
	if got := rowsText(s.Permissions); got != want {
		t.Fatalf("new server: %q, want %q", got, want)
	}
	old := []byte(`{"version": 1, "logins": [{"id": 1, "name": "sa", "created": "2026-01-01T00:00:00Z"},
		{"id": 256, "name": "app", "created": "2026-01-01T00:00:00Z"}], "databases": []}`)
	d, err := DecodeServer(old)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsText(d.Permissions); got != want {
		t.Fatalf("old catalog read: %q, want %q", got, want)
	}
	d.Permissions, _ = RevokePermission(d.Permissions, &Permission{Permission: "CONNECT SQL", Class: ClassServer, Principal: "app"}, false)
	b, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	again, err := DecodeServer(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rowsText(again.Permissions), "GRANT VIEW ANY DATABASE 0/0 public<-sa; GRANT CONNECT SQL 0/0 sa<-sa"; got != want {
		t.Fatalf("after REVOKE and a restart: %q, want %q", got, want)
	}
}
