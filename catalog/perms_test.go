package catalog

import (
	"fmt"
	"strings"
	"testing"
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
