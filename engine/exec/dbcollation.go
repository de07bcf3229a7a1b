package exec

import (
	"context"
	"errors"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// A database's default collation (CREATE DATABASE … COLLATE, ALTER
// DATABASE … COLLATE) is its catalog's Collation: it lives in the database,
// so a backup, a restore and the mirror's redo carry it with the tables
// whose columns it typed. It is what a column declared without COLLATE
// gets (CREATE TABLE, ALTER TABLE ADD and ALTER COLUMN, table variables),
// what DATABASE_DEFAULT names, and what sys.databases.collation_name and
// DATABASEPROPERTYEX(…, 'Collation') show. A #temp table's columns take
// tempdb's, the server's, as in SQL Server.
//
// It is also the collation of what SQL Server's "Collation precedence"
// calls coercible-default: a string literal, a variable or parameter, and
// a built-in function's string result when no string goes in (CAST of a
// number, DB_NAME()). These take the collation of the database the
// statement compiles in: the current database for a batch, the module's
// own for a procedure, function or trigger (invoke, trigger.go and udf.go
// make it s.db while they run). So in a Latin1_General_CS_AS database
// 'a' = 'A' is false, and a column still decides over a literal or a
// variable (implicit beats coercible-default).

// SetDatabaseCollation makes coll db's default collation in the session's
// transaction (published with its catalog at commit). The catalog's maps
// are keyed under it (catalog/namekeys.go): made case-insensitive, a
// database holding both T and t fails with SQL Server's 1505 on its
// object table, and keeps its collation.
func (s *Session) SetDatabaseCollation(ctx context.Context, db Database, coll types.Collation) error {
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	old := cat.Collation
	cat.Collation = coll
	if old.CaseSensitive() == coll.CaseSensitive() {
		return nil
	}
	err = cat.Rekey()
	if err == nil {
		if err = cat.CheckNamespace(); err != nil { // a table T and a view t
			cat.Collation = old
			if rerr := cat.Rekey(); rerr != nil { // the keys they had
				return rerr
			}
		}
	}
	if err != nil {
		cat.Collation = old
		var dup *catalog.NameCollision
		if errors.As(err, &dup) {
			return &Error{Number: 1505, Severity: 16, State: 1, Message: fmt.Sprintf("The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.sysschobjs' and the index name 'nc1'. The duplicate key value is (0, %d, %s).", dup.SchemaID, dup.Name)}
		}
		return err
	}
	return nil
}

// DatabaseCollation is the default collation of the open database db
// (the server's when db is nil: not open here).
func DatabaseCollation(db Database) types.Collation {
	if db == nil {
		return types.DefaultCollation
	}
	if cat := db.Catalog(); cat != nil {
		return cat.Collation
	}
	return types.DefaultCollation
}

// defaultCollation is the coercible-default collation of what the session
// compiles now: its database's (the server's outside any database).
func (s *Session) defaultCollation() types.Collation {
	if s.db == nil {
		return types.DefaultCollation
	}
	if cat := s.catalogFor(s.db); cat != nil {
		return cat.Collation
	}
	return types.DefaultCollation
}

// coercible gives a string type t the coercible-default collation of what
// the session compiles now; other types are returned as they are.
func (s *Session) coercible(t types.Type) types.Type {
	if collatable(t.ID) {
		t.Collation = s.defaultCollation()
	}
	return t
}

// collatable reports whether a column of type id takes a collation.
func collatable(id types.TypeID) bool { return id.IsString() && id != types.XML }

// CollationDependent is SQL Server's 5075 when something in db depends on
// the database's default collation, so ALTER DATABASE … COLLATE cannot
// change it: a view or function created WITH SCHEMABINDING, a CHECK
// constraint or a computed column (the list of "Set or change the database
// collation"; SQL Server refuses them whatever their types). The first
// found is named: schema-bound modules oldest first, then each table's
// CHECK constraints and computed columns in table order. nil when nothing
// depends on it.
func (s *Session) CollationDependent(db Database) *Error {
	cat := s.catalogFor(db)
	dep := func(kind, name string) *Error {
		return &Error{Number: 5075, Severity: 16, State: 1, Message: "The " + kind + " '" + name + "' is dependent on database collation. The database collation cannot be changed if a schema-bound object depends on it. Remove the dependencies on the database collation and then retry the operation."}
	}
	if m := s.schemaBoundModules(cat); len(m) > 0 { // schemabind.go
		return dep("object", m[0].name)
	}
	for _, t := range cat.SortedTables() {
		if len(t.Checks) > 0 {
			return dep("object", t.Checks[0].Name)
		}
		for _, c := range t.Columns {
			if c.Computed != "" {
				return dep("column", c.Name)
			}
		}
	}
	return nil
}
