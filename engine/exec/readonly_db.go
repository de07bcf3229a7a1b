package exec

// readOnlyDatabase is the optional ability of a database nothing may change,
// a database snapshot (engine/snapshot.go): ReadOnlyError is the error a
// write gets (3906). DML checks it once its target is bound, before it
// reads or writes a row (lockTarget), DDL before it copies the catalog
// (mutableCatalog), so the statement fails as in SQL Server rather than at
// COMMIT; the database's Commit refuses whatever else would write.
type readOnlyDatabase interface{ ReadOnlyError() error }

// checkWritable returns the error a write to db gets, or nil.
func checkWritable(db Database) error {
	if ro, ok := db.(readOnlyDatabase); ok {
		return ro.ReadOnlyError()
	}
	return nil
}
