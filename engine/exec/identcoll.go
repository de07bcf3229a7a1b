package exec

import "github.com/mirrorsql/mirrorsql/catalog"

// Identifier collation: in SQL Server the names of a database's objects
// and columns are compared under the database's collation, so in a
// case-sensitive database `CREATE TABLE T …; SELECT * FROM t` is 208 and
// `SELECT ID FROM T` for a column id is 207. Variable, cursor and label
// names follow the server's collation and database names master's, which
// here are both case-insensitive, as every lookup of them already is.
//
// The catalog's maps are keyed case-insensitively (catalog.Key), so a
// lookup finds an object whatever the case it is written in; the places
// that resolve a table or view name in a query or a DML statement
// (resolveTableName, userView) and a table's columns in a scope
// (scopeCol.exactName) then also want the case where the database's
// collation is case-sensitive. The rest (procedures, functions, sequences,
// types, schemas, indexes, constraints, aliases, DDL's own lookups) still
// resolves case-insensitively everywhere, and two objects whose names
// differ only in case cannot both exist, as the maps' keys would collide.

// nameMatches reports whether an object of cat created as stored is the
// one written: always when cat's collation ignores case, else when the
// case is the same too. schema is the schema part as written ("" when the
// name has none, which matches any).
func nameMatches(cat *catalog.Database, stored, written, storedSchema, writtenSchema string) bool {
	if cat == nil || !cat.Collation.CaseSensitive() {
		return true
	}
	return stored == written && (writtenSchema == "" || storedSchema == writtenSchema)
}
