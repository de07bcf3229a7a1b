package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// One-part object names and the default schema (issue #5).
//
// SQL Server looks a name without a schema up in the "active default
// schema" first and then in dbo (Microsoft's "Name resolution, default
// schema, implicit schema" parts II and III, and ALTER USER's
// DEFAULT_SCHEMA page). The active default schema is
//   - outside modules, in DDL and in dynamic SQL (EXEC('…'),
//     sp_executesql) even inside a module: the default schema of the user
//     the session acts as in the database (EXECUTE AS USER's user while
//     impersonating; dbo, and so plain dbo, for dbo and sysadmins);
//   - in a module's own statements (procedure, function, view, trigger):
//     the module's schema, whoever calls it.
// CREATE of a one-part name puts the object in the active default schema
// of DDL, the user's.
//
// s.perm.names is the innermost module's frame; nil outside modules and
// in dynamic SQL, where the user's rule applies. It is a pointer so the
// Session stays within its size budget, and sa's calls of dbo modules push
// nothing (enterModule's fast path allocates nothing).

// nameFrame is a module's active default schema.
type nameFrame struct {
	schema string
}

// implicitSchema is the schema a one-part name of an object in cat is
// looked up in before dbo: "dbo" when there is nothing to try first.
func (s *Session) implicitSchema(cat *catalog.Database) string {
	if f := s.perm.names; f != nil {
		return f.schema
	}
	return s.userSchema(cat)
}

// userSchema is the default schema of the user the session acts as in
// cat: the active default schema of DDL and dynamic SQL.
func (s *Session) userSchema(cat *catalog.Database) string {
	if s.isSA() || cat == nil {
		return "dbo" // the fast path: sa is dbo everywhere
	}
	user, ok := s.dbUser(cat.Name, cat)
	if !ok || strings.EqualFold(user, "dbo") {
		return "dbo"
	}
	if u := userNamed(cat, user); u != nil && u.DefaultSchema != "" {
		return u.DefaultSchema
	}
	return "dbo"
}

// schemaFor resolves the schema of a name whose schema part is explicit
// ("" when the name has one part): explicit itself, else the implicit
// schema when has reports the object there, else dbo.
func (s *Session) schemaFor(cat *catalog.Database, explicit string, has func(schema string) bool) string {
	if explicit != "" {
		return explicit
	}
	if sc := s.implicitSchema(cat); sc != "dbo" && has(sc) {
		return sc
	}
	return "dbo"
}

// objectSchema is schemaFor for a schema-scoped object (table, view,
// procedure, function, sequence, synonym, trigger) named name: they share
// one namespace per schema, so the first schema holding the name is the
// one the name means, whatever kind the statement wants.
func (s *Session) objectSchema(cat *catalog.Database, explicit, name string) string {
	if explicit != "" {
		return explicit
	}
	if sc := s.implicitSchema(cat); sc != "dbo" && hasObject(cat, sc, name) {
		return sc
	}
	return "dbo"
}

// hasObject reports an object (not a constraint) named name in schema.
func hasObject(cat *catalog.Database, schema, name string) bool {
	k := cat.Key(schema, name)
	return cat.Tables[k] != nil || cat.Views[k] != nil || cat.Procedures[k] != nil || cat.Functions[k] != nil ||
		cat.Sequences[k] != nil || cat.Synonyms[k] != nil || cat.Triggers[k] != nil
}

// pushNames makes schema the active default schema of the module being
// entered; it returns the frame to restore and whether it pushed one (sa's
// dbo modules outside any other module push nothing).
func (s *Session) pushNames(schema string) (*nameFrame, bool) {
	prev := s.perm.names
	if prev == nil && strings.EqualFold(schema, "dbo") && s.isSA() {
		return prev, false
	}
	if prev != nil && prev.schema == schema {
		return prev, false
	}
	if strings.EqualFold(schema, "dbo") {
		schema = "dbo"
	}
	s.perm.names = &nameFrame{schema: schema}
	return prev, true
}

// ddlExisting is ddlTarget for DDL on an object that exists (DROP, ALTER):
// a one-part name is looked up in the user's default schema and then in
// dbo, the algorithm SQL Server's DDL follows (part II of Microsoft's
// "Name resolution" notes: types and DDL skip only the sys step).
func (s *Session) ddlExisting(ctx context.Context, n *ast.Name) (Database, *catalog.Database, string, error) {
	db, cat, schema, err := s.ddlTarget(ctx, n)
	if err != nil || len(n.Parts) != 1 || schema == "dbo" || strings.HasPrefix(n.Last(), "#") {
		return db, cat, schema, err
	}
	if !hasObject(cat, schema, n.Last()) && cat.UserType(schema, n.Last()) == nil {
		schema = "dbo"
	}
	return db, cat, schema, nil
}

// ddlFor is ddlTarget for CREATE and ddlExisting for ALTER.
func (s *Session) ddlFor(ctx context.Context, n *ast.Name, mode ast.CreateMode) (Database, *catalog.Database, string, error) {
	if mode == ast.ModeAlter {
		return s.ddlExisting(ctx, n)
	}
	return s.ddlTarget(ctx, n)
}
