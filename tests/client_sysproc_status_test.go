package tests

import (
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientBuiltinProcStatus: a built-in system procedure that raises an
// error returns status 1 in the RETURNSTATUS token, whether called by RPC
// (go-mssqldb's proc-name Exec) or by EXEC in a batch, and its ERROR token
// names the procedure, at line 1 of it (the line within a procedure written
// in Go is unknowable; sysprocs_status.go). On success the status is 0.
func TestClientBuiltinProcStatus(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "procstatus"})
	db := srv.DB("master")
	for _, tc := range []struct {
		name    string
		query   string
		args    []any
		status  mssql.ReturnStatus
		wantErr *mssql.Error
	}{
		{"rpc error", "sp_helpuser", []any{sql.Named("name_in_db", "nobody")}, 1,
			&mssql.Error{Number: 15198, Class: 16, State: 1, LineNo: 1, ProcName: "sp_helpuser", Message: "The name supplied (nobody) is not a user, role, or aliased login."}},
		{"batch error", "EXEC sp_helpuser 'nobody'", nil, 1,
			&mssql.Error{Number: 15198, Class: 16, State: 1, LineNo: 1, ProcName: "sp_helpuser", Message: "The name supplied (nobody) is not a user, role, or aliased login."}},
		{"rpc rename error", "sp_rename", []any{sql.Named("objname", "dbo.nothere"), sql.Named("newname", "x")}, 1,
			&mssql.Error{Number: 15248, Class: 11, State: 1, LineNo: 1, ProcName: "sp_rename", Message: "Either the parameter @objname is ambiguous or the claimed @objtype (object) is wrong."}},
		{"rpc success", "sp_helpuser", []any{sql.Named("name_in_db", "dbo")}, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := mssql.ReturnStatus(-1)
			_, err := db.Exec(tc.query, append(tc.args, &rs)...)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else {
				var me mssql.Error
				if !errors.As(err, &me) {
					t.Fatalf("error = %v, want SQL Server error %d", err, tc.wantErr.Number)
				}
				w := tc.wantErr
				if me.Number != w.Number || me.Class != w.Class || me.State != w.State || me.LineNo != w.LineNo || me.ProcName != w.ProcName || me.Message != w.Message {
					t.Errorf("got number=%d class=%d state=%d line=%d proc=%q msg=%q\nwant number=%d class=%d state=%d line=%d proc=%q msg=%q",
						me.Number, me.Class, me.State, me.LineNo, me.ProcName, me.Message, w.Number, w.Class, w.State, w.LineNo, w.ProcName, w.Message)
				}
			}
			if rs != tc.status {
				t.Errorf("return status %d, want %d", rs, tc.status)
			}
		})
	}
}
