// Package apps runs the Go application stacks our users build on go-mssqldb —
// GORM, bun, sqlx, golang-migrate and goose — against a real mirrorsql
// process, one realistic scenario per stack. The SQL is whatever each
// library's SQL Server dialect sends; a failure here is a gap in the server,
// never a reason to change what the library sends.
package apps

import (
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// startDB starts a server, creates database name on it and returns the
// server and the go-mssqldb DSN of that database.
func startDB(t *testing.T, name string) (*harness.Server, string) {
	t.Helper()
	srv := harness.Start(t, harness.Options{})
	harness.MustExec(t, srv.DB("master"), "CREATE DATABASE "+name)
	return srv, srv.DSN(name)
}

// openDB opens a database/sql pool on dsn, closed at the end of the test.
func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		t.Fatalf("sql.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
