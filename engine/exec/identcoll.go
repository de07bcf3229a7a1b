package exec

import "github.com/mirrorsql/mirrorsql/catalog"

// Identifier collation: in SQL Server the names of a database's objects
// and columns are compared under the database's collation, so in a
// case-sensitive database `CREATE TABLE T …; SELECT * FROM t` is 208 and
// `SELECT ID FROM T` for a column id is 207. Variable, cursor and label
// names follow the server's collation and database names master's, which
// here are both case-insensitive, as every lookup of them already is.
//
// The catalog's maps are keyed under the database's collation
// (catalog/namekeys.go): in a case-sensitive database T and t are two
// keys, so tables, views, procedures, functions, triggers, sequences,
// synonyms and types (by the name as written, ast.DataType.WrittenName)
// resolve in their own case wherever they are looked up, OBJECT_ID
// included, and two of them whose names differ only in case both exist.
// Schema names stay case-insensitive in the keys; a query's or DML
// statement's table or view name checks the schema's case too
// (nameMatches). A table's columns resolve in their own case in a scope
// (scopeCol.exactName), an INSERT column list and an UPDATE SET target
// (tableRef.column). Still case-insensitive: index names, aliases and
// derived-table column names, and DDL's lookups of a table's columns.

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

// exactNames reports whether tr's column names resolve only in their own
// case: a table of a case-sensitive database. A table variable's and a
// #temp table's are tempdb's, the server's collation.
func (tr *tableRef) exactNames() bool {
	_, temp := tr.db.(*tempDatabase)
	return !temp && tr.cat != nil && tr.cat.Collation.CaseSensitive()
}

// column finds tr's column name as an INSERT column list or an UPDATE SET
// target names it (exactNames: in its own case).
func (tr *tableRef) column(name string) (int, *catalog.Column) {
	i, c := tr.t.Column(name)
	if c != nil && c.Name != name && tr.exactNames() {
		return -1, nil
	}
	return i, c
}
