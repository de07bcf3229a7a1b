package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// DDL inside a module resolves a one-part name as DDL outside one does: in
// the default schema of the user the session acts as (the caller's, or
// the EXECUTE AS clause's user), then dbo — not in the module's schema,
// which only the module's SELECT, INSERT, UPDATE and DELETE use. CREATE
// PROCEDURE's "Qualifying Names Inside Stored Procedures" (SQL Server 2005
// Books Online): "Object names used with all Data Definition Language
// (DDL) statements such as CREATE, ALTER, or DROP statements, DBCC
// statements, EXECUTE and dynamic SQL statements … If a schema name is not
// specified, SQL Server will attempt to resolve the object name first
// using the default schema of the caller or the user specified in the
// EXECUTE AS clause and then the dbo schema." The DDL statements are the
// Transact-SQL reference's list: ALTER, CREATE, DROP, ENABLE / DISABLE
// TRIGGER, TRUNCATE TABLE and UPDATE STATISTICS. CREATE of a new name
// already goes to the user's default schema (ddlTarget); what changes here
// is the existing table such a statement names (DROP TABLE t, ALTER TABLE
// t, TRUNCATE TABLE t, CREATE INDEX … ON t) and the tables its definition
// refers to.

// resolvesByUser reports the statements run with the module's name frame
// set aside (userNames).
func resolvesByUser(st ast.Statement) bool {
	switch st.(type) {
	case *ast.DropTableStmt, *ast.AlterTableStmt, *ast.TruncateStmt, *ast.CreateIndexStmt, *ast.DropIndexStmt,
		*ast.AlterIndexStmt, *ast.CreateStatisticsStmt, *ast.DropStatisticsStmt, *ast.UpdateStatisticsStmt,
		*ast.TriggerStateStmt, *ast.DropStmt, *ast.CreateTableStmt:
		return true
	}
	return false
}

// userNames sets the running module's name frame aside for a DDL
// statement (resolvesByUser): implicitSchema then gives the user's default
// schema (names.go). Outside modules there is nothing to set aside.
func (s *Session) userNames(st ast.Statement) func() {
	prev := s.perm.names
	if prev == nil || !resolvesByUser(st) {
		return noRestore
	}
	s.perm.names = nil
	return func() { s.perm.names = prev }
}
