package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// errNotARole is 15409, sp_helprole's and sp_helprolemember's answer for a
// name that is no role of the database.
func errNotARole(name string) error {
	return &Error{Number: 15409, Severity: 16, State: 1, Message: "'" + name + "' is not a role."}
}

// principalRows is sys.database_principals of the current database.
func (s *Session) principalRows() ([]Row, error) {
	vt := systemViews["sys.database_principals"]
	if vt == nil {
		return nil, nil
	}
	return vt.rows(s, s.db)
}

// spHelpRole is sp_helprole [ @rolename = ] 'role': the database's roles
// (RoleName, RoleId, IsAppRole) in principal_id order, or one of them.
func (s *Session) spHelpRole(args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@rolename")
	rows, err := s.principalRows()
	if err != nil {
		return 1, err
	}
	var res []Row
	for _, r := range rows {
		typ := strings.TrimSpace(r[2].Str())
		if typ != "R" && typ != "A" || name != "" && !strings.EqualFold(r[0].Str(), name) {
			continue
		}
		app := int32(0)
		if typ == "A" {
			app = 1
		}
		res = append(res, Row{r[0], types.NewSmallInt(int16(r[1].Int64())), types.NewInt(app)})
	}
	if name != "" && len(res) == 0 {
		return 1, errNotARole(name)
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i][1].Int64() < res[j][1].Int64() })
	return 0, SendRows(s, out, []ResultColumn{{Name: "RoleName", Type: sysname}, {Name: "RoleId", Type: types.TypeSmallInt},
		{Name: "IsAppRole", Type: types.TypeInt}}, res)
}

// spHelpRoleMember is sp_helprolemember [ @rolename = ] 'role': the members
// of a role, or of every role (DbRole, MemberName, MemberSID), by role and
// member name.
func (s *Session) spHelpRoleMember(args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@rolename")
	rows, err := s.principalRows()
	if err != nil {
		return 1, err
	}
	byID := map[int64]Row{}
	found := false
	for _, r := range rows {
		byID[r[1].Int64()] = r
		if typ := strings.TrimSpace(r[2].Str()); (typ == "R" || typ == "A") && strings.EqualFold(r[0].Str(), name) {
			found = true
		}
	}
	if name != "" && !found {
		return 1, errNotARole(name)
	}
	members, err := systemViews["sys.database_role_members"].rows(s, s.db) // roles.go
	if err != nil {
		return 1, err
	}
	var res []Row
	for _, m := range members {
		role, member := byID[m[0].Int64()], byID[m[1].Int64()]
		if role == nil || member == nil || name != "" && !strings.EqualFold(role[0].Str(), name) {
			continue
		}
		res = append(res, Row{role[0], member[0], member[8]}) // sid (principals_view.go)
	}
	sort.SliceStable(res, func(i, j int) bool {
		if a, b := strings.ToLower(res[i][0].Str()), strings.ToLower(res[j][0].Str()); a != b {
			return a < b
		}
		return strings.ToLower(res[i][1].Str()) < strings.ToLower(res[j][1].Str())
	})
	return 0, SendRows(s, out, []ResultColumn{{Name: "DbRole", Type: sysname}, {Name: "MemberName", Type: sysname},
		{Name: "MemberSID", Type: types.Type{ID: types.VarBinary, Length: 85}, Nullable: true}}, res)
}

// spHelpTextColumn is sp_helptext @objname, @columnname: a computed
// column's definition, as sys.computed_columns.definition shows it
// (sp_helptext's example B).
func (s *Session) spHelpTextColumn(ctx context.Context, table, column string, out Output) error {
	tr, err := s.tableByText(table)
	if err != nil || tr == nil {
		return &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + table + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	_, c := tr.t.Column(column)
	if c == nil {
		return &Error{Number: 15645, Severity: 16, State: 1, Message: "Column '" + column + "' does not exist."}
	}
	if c.Computed == "" {
		return &Error{Number: 15646, Severity: 16, State: 1, Message: "Column '" + column + "' is not a computed column."}
	}
	return SendRows(s, out, []ResultColumn{{Name: "Text", Type: types.NVarCharType(255), Nullable: true}},
		[]Row{{types.NewNVarChar(defaultDefinition(c.Computed))}})
}
