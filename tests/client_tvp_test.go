package tests

import (
	"database/sql"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// idRow is a row of dbo.IdList as go-mssqldb sends it: ID and Name are sent,
// N is the type's identity column, flagged default (no values on the wire).
type idRow struct {
	N    int64 `tvp:"@identity"`
	ID   int64
	Name *string
}

// TestClientTVP passes go-mssqldb's mssql.TVP to a procedure (an RPC call by
// name) and to sp_executesql (declared "@p dbo.IdList READONLY"): the rows
// arrive in the READONLY parameter with identity values filled, NULLs kept.
func TestClientTVP(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "tvp"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE tvp")
	db := srv.DB("tvp")
	mustExec(t, db, "CREATE TYPE dbo.IdList AS TABLE (n int IDENTITY(1, 1), id bigint NOT NULL PRIMARY KEY, name nvarchar(20) NULL)")
	mustExec(t, db, `CREATE PROCEDURE dbo.describe_ids @ids dbo.IdList READONLY, @tag nvarchar(10)
AS SELECT @tag + N':' + CAST(COUNT(*) AS nvarchar(10)) + N':' + CAST(SUM(id) AS nvarchar(20)) + N':' + CAST(MAX(n) AS nvarchar(10)) + N':' + CAST(COUNT(name) AS nvarchar(10)) FROM @ids`)
	name := "b"
	rows := []idRow{{ID: 10}, {ID: 20, Name: &name}, {ID: 12}}
	tvp := mssql.TVP{TypeName: "dbo.IdList", Value: rows}
	empty := mssql.TVP{TypeName: "dbo.IdList", Value: []idRow{}}

	tests := []struct {
		name  string
		query string
		args  []any
		want  string
	}{
		{"procedure", "dbo.describe_ids", []any{sql.Named("ids", tvp), sql.Named("tag", "p")}, "p:3:42:3:1"},
		{"procedure, empty TVP", "dbo.describe_ids", []any{sql.Named("ids", empty), sql.Named("tag", "e")}, "NULL"}, // SUM over no rows is NULL, and so is the concatenation
		{"sp_executesql", "SELECT N'q:' + CAST(COUNT(*) AS nvarchar(10)) + N':' + CAST(SUM(id) AS nvarchar(20)) FROM @ids WHERE id > @min",
			[]any{sql.Named("ids", tvp), sql.Named("min", 10)}, "q:2:32"},
		{"EXEC inside sp_executesql", "EXEC dbo.describe_ids @ids, N'x'", []any{sql.Named("ids", tvp)}, "x:3:42:3:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got sql.NullString
			if err := db.QueryRow(tc.query, tc.args...).Scan(&got); err != nil {
				t.Fatal(err)
			}
			s := "NULL"
			if got.Valid {
				s = got.String
			}
			if s != tc.want {
				t.Fatalf("got %q, want %q", s, tc.want)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		// A duplicate key in the TVP violates the type's PRIMARY KEY.
		dup := mssql.TVP{TypeName: "dbo.IdList", Value: []idRow{{ID: 1}, {ID: 1}}}
		_, err := db.Exec("dbo.describe_ids", sql.Named("ids", dup), sql.Named("tag", "d"))
		wantSQLError(t, err, 2627, "")
		// DML on the READONLY parameter.
		_, err = db.Exec("DELETE FROM @ids", sql.Named("ids", tvp))
		wantSQLError(t, err, 10700, `The table-valued parameter "@ids" is READONLY and cannot be modified.`)
		// A type the database does not have.
		_, err = db.Exec("SELECT 1 FROM @ids", sql.Named("ids", mssql.TVP{TypeName: "dbo.Nope", Value: rows}))
		wantSQLError(t, err, 2715, "")
	})
}

// TestUserTypesSurviveRestart: CREATE TYPE is catalog DDL carried by the log,
// so types acknowledged just before a SIGKILL are there after restart, with
// their ids, and a table type still shapes procedure parameters.
func TestUserTypesSurviveRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "utrestart"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ut")
	db := srv.DB("ut")
	mustExec(t, db, "CREATE TYPE dbo.Phone FROM varchar(20) NOT NULL")
	mustExec(t, db, "CREATE TYPE dbo.IdList AS TABLE (id int NOT NULL PRIMARY KEY)")
	mustExec(t, db, "CREATE PROCEDURE dbo.n_ids @ids dbo.IdList READONLY AS SELECT COUNT(*) FROM @ids")
	srv.Kill()
	srv.Restart()
	db = srv.DB("ut")
	var got string
	if err := db.QueryRow("SELECT STRING_AGG(name + ':' + CAST(user_type_id AS varchar(10)) + ':' + CAST(is_table_type AS varchar(1)), ',') WITHIN GROUP (ORDER BY user_type_id) FROM sys.types WHERE is_user_defined = 1").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "Phone:257:0,IdList:258:1"; got != want {
		t.Fatalf("user types after restart: %q, want %q", got, want)
	}
	var n int
	tvp := mssql.TVP{TypeName: "dbo.IdList", Value: []struct{ ID int32 }{{1}, {2}}}
	if err := db.QueryRow("dbo.n_ids", sql.Named("ids", tvp)).Scan(&n); err != nil || n != 2 {
		t.Fatalf("TVP after restart: %d, %v", n, err)
	}
}
