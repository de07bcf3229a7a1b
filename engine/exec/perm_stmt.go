package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// checkStatement is the permission check made before a statement runs
// (perm.go has the rules): the target of INSERT, UPDATE, DELETE, MERGE and
// TRUNCATE; the database and schema permissions DDL needs. The server
// permissions of the instance's statements (databases, logins, endpoints,
// backup, KILL, SHUTDOWN, DBCC) are checked by the instance
// (engine/perm.go) where it runs them. Tables and views a statement reads are
// checked when FROM resolves them, procedures when EXEC does. A sysadmin
// returns at once.
//
// The returned func ends what the check set up for the statement's run:
// an UPDATE or DELETE that reads no column of its target (no WHERE, FROM,
// OUTPUT, and SET values that are constants or variables) needs no SELECT
// on it, as in SQL Server, so its own scan of the target is exempt until
// the statement ends.
func (s *Session) checkStatement(st ast.Statement) (func(), error) {
	if s.Sysadmin() {
		return noRestore, nil
	}
	switch st := st.(type) {
	case *ast.UpdateStmt:
		blind := st.Where == nil && len(st.From) == 0 && st.Output == nil
		for _, sc := range st.Set {
			blind = blind && isBlindValue(sc.Value)
		}
		target := withBase(st.With, st.Target)
		if err := s.checkUpdateTarget(target, st.From, st.Set); err != nil { // colperm.go: UPDATE on the SET columns
			return noRestore, err
		}
		if st.Output != nil {
			if err := s.checkOutputRead(target, st.From); err != nil {
				return noRestore, err
			}
		}
		return s.checkWriteTarget(target, st.From, "", blind)
	case *ast.DeleteStmt:
		target := withBase(st.With, st.Target)
		if st.Output != nil {
			if err := s.checkOutputRead(target, st.From); err != nil {
				return noRestore, err
			}
		}
		return s.checkWriteTarget(target, st.From, "DELETE", st.Where == nil && len(st.From) == 0 && st.Output == nil)
	}
	return noRestore, s.checkOther(st)
}

// checkOther is checkStatement for statements other than UPDATE and DELETE.
func (s *Session) checkOther(st ast.Statement) error {
	switch st := st.(type) {
	case *ast.InsertStmt:
		target := withBase(st.With, st.Target)
		if err := s.checkDMLTarget(target, nil, "INSERT"); err != nil {
			return err
		}
		if st.Output != nil {
			// OUTPUT returns the inserted rows (identity, defaults, computed
			// columns): SQL Server requires SELECT on the target for it (229),
			// or on each of its columns (230, colperm.go).
			return s.checkOutputRead(target, nil)
		}
		return nil
	case *ast.AlterIndexStmt:
		return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
	case *ast.UpdateStatisticsStmt:
		return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
	case *ast.CreateStatisticsStmt:
		return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
	case *ast.MergeStmt:
		for _, perm := range mergePerms(st) {
			if err := s.checkDMLTarget(withBase(st.With, st.Target), nil, perm); err != nil {
				return err
			}
		}
	case *ast.TruncateStmt:
		return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
	case *ast.AlterSchemaStmt:
		// SQL Server: ALTER on the schema and CONTROL on the object; here
		// the object's ALTER stands for both.
		return s.checkAlter(st.Object, func() error { return errCannotFind(st.Object) })
	case *ast.TriggerStateStmt:
		if st.Table != nil {
			return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
		}
	case *ast.SelectStmt:
		if ic := intoCore(st.Query.Body); ic != nil && ic.Into != nil && !strings.HasPrefix(ic.Into.Last(), "#") {
			return s.checkCreate(ic.Into, "CREATE TABLE")
		}
	case *ast.CreateTableStmt:
		return s.checkCreate(st.Name, "CREATE TABLE")
	case *ast.CreateTypeStmt:
		return s.checkCreate(st.Name, "CREATE TYPE")
	case *ast.CreatePartitionFunctionStmt, *ast.CreatePartitionSchemeStmt:
		// Partition functions and schemes need ALTER ANY DATASPACE
		// (db_ddladmin, db_owner), as in SQL Server (partition_ddl.go).
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY DATASPACE") {
			what := "CREATE PARTITION FUNCTION"
			if _, ok := st.(*ast.CreatePartitionSchemeStmt); ok {
				what = "CREATE PARTITION SCHEME"
			}
			return errDatabaseDenied(what, s.db.Name())
		}
	case *ast.AlterPartitionFunctionStmt:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY DATASPACE") {
			return errPartitionObjNotFound.New("alter", "function", st.Name.Name)
		}
	case *ast.AlterPartitionSchemeStmt:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY DATASPACE") {
			return errPartitionObjNotFound.New("alter", "scheme", st.Name.Name)
		}
	case *ast.CreateSequenceStmt:
		if st.Alter {
			return s.checkAlter(st.Name, func() error { return errCannotFind(st.Name) })
		}
		return s.checkCreate(st.Name, "CREATE SEQUENCE")
	case *ast.CreateViewStmt:
		return s.checkCreateOrAlter(st.Mode, st.Name, "CREATE VIEW")
	case *ast.CreateProcStmt:
		if err := s.checkCreateOrAlter(st.Mode, st.Name, "CREATE PROCEDURE"); err != nil {
			return err
		}
		return s.checkModuleExecuteAs(st.Options) // perm_execas.go
	case *ast.CreateFunctionStmt:
		if err := s.checkCreateOrAlter(st.Mode, st.Name, "CREATE FUNCTION"); err != nil {
			return err
		}
		return s.checkModuleExecuteAs(st.Options)
	case *ast.CreateTriggerStmt:
		if err := s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) }); err != nil {
			return err
		}
		return s.checkModuleExecuteAs(st.Options)
	case *ast.CreateIndexStmt:
		return s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) })
	case *ast.AlterTableStmt:
		return s.checkAlter(st.Name, func() error { return errCannotFind(st.Name) })
	case *ast.DropTableStmt:
		for _, n := range st.Names {
			if err := s.checkAlter(n, func() error { return errCannotDrop("table", n) }); err != nil {
				return err
			}
		}
	case *ast.DropIndexStmt:
		for _, it := range st.Items {
			if it.Table != nil {
				if err := s.checkAlter(it.Table, func() error { return errCannotFind(it.Table) }); err != nil {
					return err
				}
			}
		}
	case *ast.DropStmt:
		return s.checkDrop(st)
	case *ast.CreateSchemaStmt:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "CREATE SCHEMA") {
			return errDatabaseDenied("CREATE SCHEMA", s.db.Name())
		}
	case *ast.CreateUserStmt:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY USER") {
			return errNoPermission
		}
	case *ast.CreateRoleStmt:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "CREATE ROLE") && !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY ROLE") {
			return errDatabaseDenied("CREATE ROLE", s.db.Name())
		}
	case *ast.AlterRoleStmt:
		if st.Server {
			return nil // the instance's (engine/perm.go)
		}
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY ROLE") {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the role '" + st.Name.Name + "', because it does not exist or you do not have permission."}
		}
	}
	return nil
}

// isBlindValue reports a SET value that reads no column: a constant, a
// variable, NULL, DEFAULT.
func isBlindValue(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Literal, *ast.Variable, *ast.DefaultExpr:
		return true
	}
	return false
}

// checkWriteTarget checks perm on an UPDATE or DELETE target ("": already
// checked), and SELECT too unless the statement is blind (reads none of
// the target's columns), in which case the target's own scan is exempted
// until the returned func runs.
func (s *Session) checkWriteTarget(te ast.TableExpr, from []ast.TableExpr, perm string, blind bool) (func(), error) {
	if perm != "" {
		if err := s.checkDMLTarget(te, from, perm); err != nil {
			return noRestore, err
		}
	}
	if !blind {
		return noRestore, nil
	}
	tn, ok := te.(*ast.TableName)
	if !ok {
		return noRestore, nil
	}
	tr, ok, err := s.resolveTable(tn.Name)
	if err != nil || !ok {
		return noRestore, nil
	}
	prev := s.perm.blind
	s.perm.blind = &blindTarget{db: tr.db.Name(), id: tr.t.ID, depth: s.depth()}
	return func() { s.perm.blind = prev }, nil
}

// mergePerms are the permissions a MERGE needs on its target: one per
// kind of WHEN action.
func mergePerms(st *ast.MergeStmt) []string {
	var out []string
	add := func(p string) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	for _, w := range st.Whens {
		switch w.Action {
		case ast.MergeInsert:
			add("INSERT")
		case ast.MergeUpdate:
			add("UPDATE")
		case ast.MergeDelete:
			add("DELETE")
		}
	}
	return out
}

// checkDMLTarget checks perm on the table or view a DML statement writes.
// A one-part target may be an alias of a FROM table (UPDATE a … FROM t a);
// a table variable, a CTE or a #temp table needs nothing.
func (s *Session) checkDMLTarget(te ast.TableExpr, from []ast.TableExpr, perm string) error {
	n := s.dmlTargetName(te, from)
	if n == nil {
		return nil
	}
	return s.checkNamedObject(n, perm)
}

// dmlTargetName is the object a DML target names: an alias of a FROM table
// resolved to that table; nil for a CTE or a target that is not a name.
func (s *Session) dmlTargetName(te ast.TableExpr, from []ast.TableExpr) *ast.Name {
	tn, ok := te.(*ast.TableName)
	if !ok {
		return nil
	}
	n := tn.Name
	if len(n.Parts) == 1 {
		if s.lookupCTE(n.Last()) != nil {
			return nil
		}
		if real := aliasTarget(from, n.Last()); real != nil {
			n = real
		}
	}
	return n
}

// withBase is the object a DML statement writes when its target names a
// CTE of its own WITH clause: the one table or view the CTE selects from
// (through earlier CTEs too). A CTE is no securable and no ownership
// chain, so the write needs the permission on that object, as in SQL
// Server; checking the CTE's name instead let a SELECT-only user update
// and delete rows through WITH c AS (SELECT * FROM t) UPDATE c. A CTE that
// is not one SELECT from one named source is returned as is (the
// statement reports it is not updatable).
func withBase(with *ast.WithClause, te ast.TableExpr) ast.TableExpr {
	for range maxNesting {
		tn, ok := te.(*ast.TableName)
		if !ok || with == nil || len(tn.Name.Parts) != 1 {
			return te
		}
		var q *ast.Query
		for _, c := range with.CTEs {
			if strings.EqualFold(c.Name.Name, tn.Name.Last()) {
				q = c.Query
			}
		}
		if q == nil {
			return te
		}
		core, ok := q.Body.(*ast.SelectCore)
		if !ok || len(core.From) != 1 {
			return te
		}
		base, ok := core.From[0].(*ast.TableName)
		if !ok {
			return te
		}
		te = base
	}
	return te
}

// aliasTarget finds the table a FROM clause names alias.
func aliasTarget(from []ast.TableExpr, alias string) *ast.Name {
	var found *ast.Name
	var walk func(te ast.TableExpr)
	walk = func(te ast.TableExpr) {
		switch t := te.(type) {
		case *ast.TableName:
			if t.Alias != nil && strings.EqualFold(t.Alias.Name, alias) {
				found = t.Name
			}
		case *ast.Join:
			walk(t.Left)
			walk(t.Right)
		case *ast.ParenTable:
			walk(t.Table)
		}
	}
	for _, te := range from {
		walk(te)
	}
	return found
}

// checkNamedObject checks perm on the table, view, procedure or function
// named n; a name that resolves to nothing is left for the statement to
// report (208 and the like).
func (s *Session) checkNamedObject(n *ast.Name, perm string) error {
	if strings.HasPrefix(n.Last(), "#") || strings.HasPrefix(n.Last(), "@") {
		return nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		if isMissingDatabase(err) {
			return nil
		}
		return err
	}
	cat := s.catalogFor(db)
	schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
	if !objectExists(cat, schema, n.Last()) {
		// A synonym is checked as its base (synonym.go), one level deep as
		// synonyms resolve.
		if base, _, isSyn := s.synonymBase(n); isSyn && base != nil {
			if bdb, err := s.resolveDatabase(base.Part(2)); err == nil {
				if bcat := s.catalogFor(bdb); objectExists(bcat, base.Part(1), base.Last()) {
					return s.checkObject(bdb, bcat, base.Part(1), base.Last(), perm)
				}
			}
		}
		return nil
	}
	return s.checkObject(db, cat, schema, n.Last(), perm)
}

// objectExists reports whether cat has a table, view, procedure or
// function (trigger, sequence) schema.name.
func objectExists(cat *catalog.Database, schema, name string) bool {
	k := cat.Key(schema, name)
	if cat.Table(schema, name) != nil || cat.Views[k] != nil || cat.Procedures[k] != nil || cat.Functions[k] != nil ||
		cat.Triggers[k] != nil || cat.Sequences[k] != nil {
		return true
	}
	return false
}

// errCannotFind is SQL Server's 1088, what ALTER TABLE, TRUNCATE and
// CREATE INDEX say when the table is missing or not the caller's to alter.
func errCannotFind(n *ast.Name) error {
	return &Error{Number: 1088, Severity: 16, State: 7, Message: "Cannot find the object \"" + n.Last() + "\" because it does not exist or you do not have permissions."}
}

// errCannotDrop is SQL Server's 3701.
func errCannotDrop(what string, n *ast.Name) error {
	return &Error{Number: 3701, Severity: 14, State: 20, Message: "Cannot drop the " + what + " '" + nameText(n) + "', because it does not exist or you do not have permission."}
}

// checkAlter checks that the session may alter (or drop, truncate, index,
// add a trigger to) the existing object n; denied returns the statement's
// error. A missing object is left to the statement.
func (s *Session) checkAlter(n *ast.Name, denied func() error) error {
	if strings.HasPrefix(n.Last(), "#") {
		return nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		if isMissingDatabase(err) {
			return nil
		}
		return err
	}
	cat := s.catalogFor(db)
	schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
	if _, ok := s.dbUser(db.Name(), cat); !ok {
		return errNoDatabaseAccess(s.Login, db.Name())
	}
	if !objectExists(cat, schema, n.Last()) {
		return nil
	}
	if !s.mayAlterObject(db, cat, schema, n.Last()) {
		return denied()
	}
	return nil
}

// checkCreate checks CREATE TABLE (VIEW, PROCEDURE, FUNCTION) for an object
// named n: the database permission (262) and ALTER on the target schema
// (2760), as SQL Server does.
func (s *Session) checkCreate(n *ast.Name, perm string) error {
	if strings.HasPrefix(n.Last(), "#") {
		return nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return err
	}
	cat := s.catalogFor(db)
	if _, ok := s.dbUser(db.Name(), cat); !ok {
		return errNoDatabaseAccess(s.Login, db.Name())
	}
	if !s.hasDatabasePerm(db, cat, perm) {
		return errDatabaseDenied(perm, db.Name())
	}
	schema := n.Part(1)
	if schema == "" {
		schema = s.userSchema(cat) // names.go: CREATE of a one-part name goes in the user's default schema
	}
	if !s.mayAlterSchemaObjects(db, cat, schema) {
		return &Error{Number: 2760, Severity: 16, State: 1, Message: "The specified schema name \"" + schema + "\" either does not exist or you do not have permission to use it."}
	}
	return nil
}

// checkCreateOrAlter is checkCreate for CREATE, and ALTER on the module for
// ALTER (CREATE OR ALTER needs both when the module exists).
func (s *Session) checkCreateOrAlter(mode ast.CreateMode, n *ast.Name, perm string) error {
	if mode != ast.ModeAlter {
		if err := s.checkCreate(n, perm); err != nil {
			return err
		}
	}
	if mode == ast.ModeCreate {
		return nil
	}
	return s.checkAlter(n, func() error {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the " + strings.ToLower(strings.TrimPrefix(perm, "CREATE ")) + " '" + n.Last() + "', because it does not exist or you do not have permission."}
	})
}

// checkDrop checks DROP VIEW, PROCEDURE, FUNCTION, SCHEMA, SEQUENCE,
// TRIGGER, TYPE, SYNONYM (ALTER on the schema or CONTROL on the object),
// USER (ALTER ANY USER), ROLE (ALTER ANY ROLE); logins, endpoints and
// certificates are the instance's (engine/perm.go).
func (s *Session) checkDrop(st *ast.DropStmt) error {
	switch st.Kind {
	case ast.ObjLogin, ast.ObjEndpoint, ast.ObjCertificate, ast.ObjMasterKey:
		return nil // the instance's (engine/perm.go)
	case ast.ObjUser, ast.ObjRole:
		perm := "ALTER ANY USER"
		if st.Kind == ast.ObjRole {
			perm = "ALTER ANY ROLE"
		}
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), perm) {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the " + strings.ToLower(st.Kind.String()) + " '" + st.Names[0].Last() + "', because it does not exist or you do not have permission."}
		}
		return nil
	case ast.ObjPartitionFunction, ast.ObjPartitionScheme:
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY DATASPACE") {
			kind := "function"
			if st.Kind == ast.ObjPartitionScheme {
				kind = "scheme"
			}
			return errPartitionObjNotFound.New("drop", kind, st.Names[0].Last()) // partition_ddl.go
		}
		return nil
	case ast.ObjSchema:
		for _, n := range st.Names {
			cat := s.catalogFor(s.db)
			if !s.mayAlterSchemaObjects(s.db, cat, n.Last()) {
				return errCannotDrop("schema", n)
			}
		}
		return nil
	}
	what := strings.ToLower(st.Kind.String())
	for _, n := range st.Names {
		if err := s.checkAlter(n, func() error { return errCannotDrop(what, n) }); err != nil {
			return err
		}
	}
	return nil
}

// checkRename checks sp_rename: ALTER on the object (for a column or an
// index, on its table). A name that does not parse or resolve is left to
// sp_rename's own errors.
func (s *Session) checkRename(objname, objtype string) error {
	if s.Sysadmin() || objname == "" {
		return nil
	}
	if objtype == "COLUMN" || objtype == "INDEX" {
		if i := strings.LastIndex(objname, "."); i > 0 {
			objname = objname[:i]
		}
	}
	n, err := parseObjectName(objname)
	if err != nil {
		return nil
	}
	return s.checkAlter(n, func() error {
		return &Error{Number: 15248, Severity: 11, State: 1, Message: "Either the parameter @objname is ambiguous or the claimed @objtype (" + objtype + ") is wrong."}
	})
}
