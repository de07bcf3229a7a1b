package exec

import (
	"context"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// GRANT, DENY and REVOKE of database, schema and object permissions
// (server permissions and endpoints are the instance's: engine/perm.go).
// The rows go into the database's catalog through mutableCatalog, so they
// are logged as DDL, roll back with the transaction, and reach the mirror
// and backups with the rest of the catalog.

// allPermissions is what GRANT ALL means on each kind of securable
// (deprecated in SQL Server, still accepted).
var allPermissions = map[string][]string{
	"table":    {"DELETE", "INSERT", "REFERENCES", "SELECT", "UPDATE"},
	"proc":     {"EXECUTE"},
	"scalar":   {"EXECUTE", "REFERENCES"},
	"tvf":      {"DELETE", "INSERT", "REFERENCES", "SELECT", "UPDATE"},
	"database": {"BACKUP DATABASE", "BACKUP LOG", "CREATE FUNCTION", "CREATE PROCEDURE", "CREATE TABLE", "CREATE VIEW"},
}

// GrantDatabase runs GRANT, DENY or REVOKE of permissions on the current
// database, a schema or an object.
func (s *Session) GrantDatabase(ctx context.Context, st *ast.GrantStmt) error {
	class, object, kind, err := s.securable(st)
	if err != nil {
		return err
	}
	objID := int32(0)
	if class == catalog.ClassObject {
		schema, name, _ := strings.Cut(object, ".")
		objID = objectIDOf(s.catalogFor(s.db), schema, name)
	}
	items, err := s.grantItems(st, class, object, kind)
	if err != nil {
		return err
	}
	cat := s.catalogFor(s.db)
	caller, ok := s.dbUser(s.db.Name(), cat)
	if !ok {
		return errNoDatabaseAccess(s.Login, s.db.Name())
	}
	grantor := caller
	if st.As != nil {
		if grantor, err = s.grantAs(cat, caller, st.As.Name); err != nil {
			return err
		}
	}
	for _, it := range items {
		if !s.mayGrant(cat, grantor, it.perm, class, object) && !mayGrantColumns(cat, grantor, it, objID) {
			return &Error{Number: 4613, Severity: 16, State: 1, Message: "Grantor does not have GRANT permission."}
		}
	}
	mcat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	if objID != 0 { // rows left by a dropped object of the same name
		mcat.Permissions = slices.DeleteFunc(mcat.Permissions, func(p *catalog.Permission) bool {
			return p.Class == catalog.ClassObject && sameObjectText(mcat, p.Object, object) && p.ObjectID != objID
		})
	}
	for _, who := range st.Principals {
		name := who.Name
		if _, ok := mcat.PrincipalID(name); !ok {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the user '" + name + "', because it does not exist or you do not have permission."}
		}
		if isSpecialGrantee(name) || strings.EqualFold(name, caller) && caller != "dbo" {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot grant, deny, or revoke permissions to sa, dbo, entity owner, information_schema, sys, or yourself."}
		}
		for _, it := range items {
			if err := applyGrant(mcat, st, it, class, object, objID, name, grantor); err != nil {
				return err
			}
		}
	}
	return nil
}

// grantItem is one permission of a GRANT, DENY or REVOKE, on the whole
// securable (cols nil) or on some columns (their column_ids).
type grantItem struct {
	perm string
	cols []int32
}

// columnPermissions are the permissions SQL Server accepts with a column
// list ("Only SELECT, REFERENCES, and UPDATE permissions can be denied on
// a column").
var columnPermissions = []string{"SELECT", "UPDATE", "REFERENCES"}

// grantItems expands ALL and resolves the column lists of st: a list after
// a permission is that permission's, a list after the securable every
// permission's. Columns need a table (4606 otherwise here; views' columns
// are not supported yet) and a column permission; a missing column is 207.
func (s *Session) grantItems(st *ast.GrantStmt, class, object, kind string) ([]grantItem, error) {
	var items []grantItem
	for i, perm := range st.Permissions {
		cols := st.Columns
		if i < len(st.PermColumns) && st.PermColumns[i] != nil {
			cols = st.PermColumns[i]
		}
		perms := []string{perm}
		if perm == "ALL" {
			perms = allPermissions[kind]
		}
		for _, p := range perms {
			if class == catalog.ClassObject && !objectPermApplies(s.catalogFor(s.db), object, kind, p) {
				return nil, &Error{Number: 4606, Severity: 16, State: 1, Message: "Granted or revoked privilege " + p + " is not compatible with object."}
			}
			if len(cols) == 0 {
				items = append(items, grantItem{perm: p})
				continue
			}
			if perm == "ALL" && !slices.Contains(columnPermissions, p) {
				continue // ALL (c) ON t is what applies to columns
			}
			ids, err := s.grantColumns(p, cols, class, object)
			if err != nil {
				return nil, err
			}
			items = append(items, grantItem{perm: p, cols: ids})
		}
	}
	return items, nil
}

// grantColumns resolves a permission's column list to column_ids.
func (s *Session) grantColumns(perm string, cols []*ast.Ident, class, object string) ([]int32, error) {
	var t *catalog.Table
	if class == catalog.ClassObject {
		schema, name, _ := strings.Cut(object, ".")
		t = s.catalogFor(s.db).Table(schema, name)
	}
	if t == nil {
		if schema, name, _ := strings.Cut(object, "."); class == catalog.ClassObject && s.catalogFor(s.db).View(schema, name) != nil {
			return nil, ErrNotSupported.New("Column-level permissions on a view")
		}
		return nil, &Error{Number: 4606, Severity: 16, State: 1, Message: "Granted or revoked privilege " + perm + " is not compatible with object."}
	}
	if !slices.Contains(columnPermissions, perm) {
		return nil, &Error{Number: 4606, Severity: 16, State: 1, Message: "Granted or revoked privilege " + perm + " is not compatible with object."}
	}
	ids := make([]int32, 0, len(cols))
	for _, c := range cols {
		_, col := t.Column(c.Name)
		if col == nil {
			return nil, &Error{Number: 207, Severity: 16, State: 1, Message: "Invalid column name '" + c.Name + "'."}
		}
		if !slices.Contains(ids, col.ID) {
			ids = append(ids, col.ID)
		}
	}
	return ids, nil
}

// applyGrant records one grantItem for one grantee. A statement on the
// whole object also drops the grantee's column rows of that permission, as
// SQL Server does (the later object-level statement is what holds).
func applyGrant(mcat *catalog.Database, st *ast.GrantStmt, it grantItem, class, object string, objID int32, name, grantor string) error {
	cols := it.cols
	if cols == nil {
		cols = []int32{0}
	}
	for _, col := range cols {
		row := &catalog.Permission{Permission: it.perm, Class: class, Object: object, ObjectID: objID, ColumnID: col, Principal: name, Grantor: grantor}
		switch st.Kind {
		case ast.Grant:
			row.State = catalog.StateGrant
			if st.WithGrantOption {
				row.State = catalog.StateGrantWithGrant
			}
			mcat.Permissions = catalog.SetPermission(mcat.Permissions, row)
		case ast.Deny:
			if old := catalog.FindPermission(mcat.Permissions, row); old != nil && old.State == catalog.StateGrantWithGrant && !st.Cascade {
				return errNeedCascade
			}
			row.State = catalog.StateDeny
			if st.Cascade {
				mcat.Permissions, _ = catalog.RevokePermission(mcat.Permissions, row, true)
			}
			mcat.Permissions = catalog.SetPermission(mcat.Permissions, row)
		default: // REVOKE
			old := catalog.FindPermission(mcat.Permissions, row)
			if old != nil && old.State == catalog.StateGrantWithGrant && !st.Cascade {
				return errNeedCascade
			}
			if st.GrantOptionFor { // the permission stays, the right to pass it on goes
				if old != nil && old.State == catalog.StateGrantWithGrant {
					kept := *old
					kept.State = catalog.StateGrant
					mcat.Permissions = catalog.SetPermission(catalog.CascadeGrants(mcat.Permissions, row), &kept)
				}
				continue
			}
			mcat.Permissions, _ = catalog.RevokePermission(mcat.Permissions, row, st.Cascade)
		}
		if col == 0 && objID != 0 && slices.Contains(columnPermissions, it.perm) {
			mcat.Permissions, _ = catalog.DropColumnRows(mcat.Permissions, objID, it.perm, name)
			if st.Cascade && st.Kind != ast.Grant { // and what the grantee granted from its column rows
				mcat.Permissions = slices.DeleteFunc(mcat.Permissions, func(q *catalog.Permission) bool {
					return q.ColumnID != 0 && q.ObjectID == objID && q.Class == catalog.ClassObject &&
						strings.EqualFold(q.Permission, it.perm) && strings.EqualFold(q.Grantor, name)
				})
			}
		}
	}
	return nil
}

// mayGrantColumns reports whether grantor holds the item's permission
// WITH GRANT OPTION on each of its columns (a column's grant option lets
// its holder grant that column, and nothing more).
func mayGrantColumns(cat *catalog.Database, grantor string, it grantItem, objID int32) bool {
	if it.cols == nil || objID == 0 {
		return false
	}
	for _, col := range it.cols {
		held := false
		for _, p := range cat.Permissions {
			if p.ColumnID == col && p.ObjectID == objID && p.Class == catalog.ClassObject && p.State == catalog.StateGrantWithGrant &&
				strings.EqualFold(p.Permission, it.perm) && appliesTo(cat, p, grantor) {
				held = true
				break
			}
		}
		if !held {
			return false
		}
	}
	return true
}

// errNeedCascade is SQL Server's 4611.
var errNeedCascade = &Error{Number: 4611, Severity: 16, State: 1, Message: "To revoke or deny grantable privileges, specify the CASCADE option."}

// isSpecialGrantee reports the principals no permission can be given to.
func isSpecialGrantee(name string) bool {
	for _, n := range []string{"dbo", "sys", "INFORMATION_SCHEMA"} {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// securable resolves the ON clause of a GRANT: the class, the object's
// catalog name ("schema.name" for objects) and the kind of securable for
// GRANT ALL.
func (s *Session) securable(st *ast.GrantStmt) (class, object, kind string, err error) {
	cat := s.catalogFor(s.db)
	switch strings.ToUpper(st.Class) {
	case "DATABASE":
		return catalog.ClassDatabase, "", "database", nil
	case "SCHEMA":
		name := st.On.Last()
		for _, sc := range cat.Schemas {
			if strings.EqualFold(sc.Name, name) {
				return catalog.ClassSchema, sc.Name, "table", nil
			}
		}
		return "", "", "", &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the schema '" + name + "', because it does not exist or you do not have permission."}
	case "", "OBJECT":
		if st.On == nil {
			return catalog.ClassDatabase, "", "database", nil
		}
	case "USER", "ROLE", "APPLICATION ROLE":
		if _, ok := cat.PrincipalID(st.On.Last()); !ok {
			return "", "", "", &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the " + strings.ToLower(st.Class) + " '" + st.On.Last() + "', because it does not exist or you do not have permission."}
		}
		return "DATABASE_PRINCIPAL", st.On.Last(), "other", nil
	default:
		// TYPE::, ASSEMBLY::, XML SCHEMA COLLECTION::, CERTIFICATE:: … are
		// recorded for sys.database_permissions; nothing checks them yet.
		return strings.ReplaceAll(strings.ToUpper(st.Class), " ", "_"), nameText(st.On), "other", nil
	}
	schema := s.objectSchema(cat, st.On.Part(1), st.On.Last()) // names.go
	name := st.On.Last()
	k := cat.Key(schema, name)
	switch {
	case cat.Table(schema, name) != nil:
		t := cat.Table(schema, name)
		return catalog.ClassObject, t.Schema + "." + t.Name, "table", nil
	case cat.Views[k] != nil:
		return catalog.ClassObject, schema + "." + cat.Views[k].Name, "table", nil
	case cat.Procedures[k] != nil:
		return catalog.ClassObject, schema + "." + cat.Procedures[k].Name, "proc", nil
	case cat.Functions[k] != nil:
		kind := "tvf"
		if stmts, err := s.parseModule(cat.Functions[k].Text, cat.Functions[k].ModuleSets); err == nil {
			if def, ok := stmts[0].(*ast.CreateFunctionStmt); ok && def.ReturnTable == nil && def.Returns != nil {
				kind = "scalar"
			}
		}
		return catalog.ClassObject, schema + "." + cat.Functions[k].Name, kind, nil
	case cat.Sequences[k] != nil:
		return catalog.ClassObject, schema + "." + cat.Sequences[k].Name, "table", nil
	}
	return "", "", "", &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the object '" + name + "', because it does not exist or you do not have permission."}
}

// sameObjectText reports whether two "schema.name" texts of cat's
// permissions name one object: the schema ignoring case, the name under
// cat's collation. In a case-sensitive database a GRANT or DENY on dbo.Y
// must not take dbo.y's rows for a dropped Y's and delete them.
func sameObjectText(cat *catalog.Database, a, b string) bool {
	as, an, _ := strings.Cut(a, ".")
	bs, bn, _ := strings.Cut(b, ".")
	return strings.EqualFold(as, bs) && cat.SameName(an, bn)
}

// mayGrant reports whether grantor may grant perm on the securable: dbo,
// db_owner and db_securityadmin may grant anything in the database (short
// of what only sysadmin has); others need the permission WITH GRANT OPTION
// or CONTROL on the securable or a scope containing it.
func (s *Session) mayGrant(cat *catalog.Database, grantor, perm, class, object string) bool {
	if strings.EqualFold(grantor, "dbo") || cat.IsRoleMember("db_owner", grantor) || cat.IsRoleMember("db_securityadmin", grantor) ||
		strings.EqualFold(grantor, "db_owner") || strings.EqualFold(grantor, "db_securityadmin") { // the roles themselves, named by AS
		return true
	}
	schema, name := "", ""
	switch class {
	case catalog.ClassSchema:
		schema = object
	case catalog.ClassObject:
		schema, name, _ = strings.Cut(object, ".")
	}
	if schema != "" && strings.EqualFold(schemaOwner(cat, schema), grantor) {
		return true
	}
	for _, p := range cat.Permissions {
		if p.ColumnID != 0 || !appliesTo(cat, p, grantor) {
			continue // a column's WITH GRANT OPTION gives no grant on the object
		}
		held := strings.EqualFold(p.Permission, "CONTROL") && p.IsGrant() ||
			strings.EqualFold(p.Permission, perm) && p.State == catalog.StateGrantWithGrant
		if !held {
			continue
		}
		switch p.Class {
		case catalog.ClassDatabase:
			return true
		case catalog.ClassSchema:
			if schema != "" && strings.EqualFold(p.Object, schema) {
				return true
			}
		case catalog.ClassObject:
			if name != "" && p.ObjectID != 0 && p.ObjectID == objectIDOf(cat, schema, name) {
				return true
			}
		}
	}
	return false
}

// objectPerms are the permissions that apply to an object of each kind
// besides ALTER, CONTROL, TAKE OWNERSHIP and VIEW DEFINITION, which apply
// to all: EXECUTE on a table or SELECT on a procedure is 4606, as SQL
// Server says (the object permission tables of GRANT Object Permissions).
var objectPerms = map[string][]string{
	"table":  {"DELETE", "INSERT", "REFERENCES", "SELECT", "UPDATE", "VIEW CHANGE TRACKING"},
	"proc":   {"EXECUTE"},
	"scalar": {"EXECUTE", "REFERENCES"},
	"tvf":    {"DELETE", "INSERT", "REFERENCES", "SELECT", "UPDATE"},
}

// objectPermApplies reports whether permission perm applies to object
// (schema.name) of kind; a sequence (kind "table" here) and a kind not
// listed are not checked.
func objectPermApplies(cat *catalog.Database, object, kind, perm string) bool {
	switch perm {
	case "ALTER", "CONTROL", "TAKE OWNERSHIP", "VIEW DEFINITION":
		return true
	}
	list, ok := objectPerms[kind]
	if !ok {
		return true
	}
	if schema, name, _ := strings.Cut(object, "."); cat.Sequences[cat.Key(schema, name)] != nil {
		return true
	}
	return slices.Contains(list, perm)
}

// grantAs resolves GRANT … AS principal: the database user or role the
// caller derives its right to grant from, which sys.database_permissions
// then records as the grantor (mayGrant checks what it holds, 4613 if
// nothing). The caller must be able to act as it — be it, be a member of
// the role or hold ALTER on it, impersonate the user — or be db_owner,
// db_securityadmin or sysadmin (GRANT's "AS" permission table); otherwise
// it is 4618. A principal that does not exist is 15151.
func (s *Session) grantAs(cat *catalog.Database, caller, name string) (string, error) {
	canonical, isRole, ok := principalNamed(cat, name)
	if !ok {
		return "", &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the user '" + name + "', because it does not exist or you do not have permission."}
	}
	switch {
	case s.Sysadmin(), strings.EqualFold(canonical, caller),
		strings.EqualFold(caller, "dbo"), cat.IsRoleMember("db_owner", caller), cat.IsRoleMember("db_securityadmin", caller):
		return canonical, nil
	case isRole && (cat.IsRoleMember(canonical, caller) || principalPermission(cat, caller, canonical, "ALTER")):
		return canonical, nil
	case !isRole && s.mayImpersonateUser(s.db, cat, canonical):
		return canonical, nil
	}
	return "", &Error{Number: 4618, Severity: 16, State: 1, Message: "You do not have permission to use " + canonical + " in the AS clause."}
}

// principalNamed finds a database principal by name: its name as it was
// made and whether it is a role.
func principalNamed(cat *catalog.Database, name string) (canonical string, isRole, ok bool) {
	if r, _, ok := cat.RoleNamed(name); ok {
		return r, true, true
	}
	for _, n := range principalNames(cat) {
		if strings.EqualFold(n, name) {
			return n, false, true
		}
	}
	return "", false, false
}

// principalPermission reports whether user holds perm (or CONTROL) on the
// database principal target (GRANT perm ON USER::/ROLE::target), not
// denied.
func principalPermission(cat *catalog.Database, user, target, perm string) bool {
	granted := false
	for _, p := range cat.Permissions {
		if p.Class != "DATABASE_PRINCIPAL" || !strings.EqualFold(p.Object, target) ||
			!strings.EqualFold(p.Permission, perm) && !strings.EqualFold(p.Permission, "CONTROL") || !appliesTo(cat, p, user) {
			continue
		}
		if p.State == catalog.StateDeny {
			return false
		}
		granted = true
	}
	return granted
}
