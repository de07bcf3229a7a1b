package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// A database's default collation (CREATE DATABASE … COLLATE, ALTER
// DATABASE … COLLATE) is its catalog's Collation: it lives in the database,
// so a backup, a restore and the mirror's redo carry it with the tables
// whose columns it typed. It is what a column declared without COLLATE
// gets (CREATE TABLE, ALTER TABLE ADD and ALTER COLUMN, table variables),
// what DATABASE_DEFAULT names, and what sys.databases.collation_name and
// DATABASEPROPERTYEX(…, 'Collation') show. A #temp table's columns take
// tempdb's, the server's, as in SQL Server. String literals and variables
// still compare under the server default when no column decides.

// SetDatabaseCollation makes coll db's default collation in the session's
// transaction (published with its catalog at commit).
func (s *Session) SetDatabaseCollation(ctx context.Context, db Database, coll types.Collation) error {
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	cat.Collation = coll
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

// collatable reports whether a column of type id takes a collation.
func collatable(id types.TypeID) bool { return id.IsString() && id != types.XML }
