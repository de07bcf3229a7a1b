package tests

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	_ "github.com/mirrorsql/mirrorsql/engine" // registers the engine's system procedures
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// wantErrorToken checks one error token against SQL Server's number, class, state,
// procedure name, line and text.
func wantErrorToken(t *testing.T, err error, w mssql.Error) {
	t.Helper()
	var me mssql.Error
	if !errors.As(err, &me) {
		t.Fatalf("error = %v, want SQL Server error %d", err, w.Number)
	}
	if me.Number != w.Number || me.Class != w.Class || me.State != w.State || me.LineNo != w.LineNo || me.ProcName != w.ProcName || me.Message != w.Message {
		t.Errorf("got number=%d class=%d state=%d line=%d proc=%q msg=%q\nwant number=%d class=%d state=%d line=%d proc=%q msg=%q",
			me.Number, me.Class, me.State, me.LineNo, me.ProcName, me.Message, w.Number, w.Class, w.State, w.LineNo, w.ProcName, w.Message)
	}
}

// TestSystemProcArguments calls every built-in procedure the engine
// implements over TDS with no arguments and with one argument too many,
// and with a parameter name it does not have: SQL Server binds a call of
// its system procedures as of any procedure — 201 for a required
// parameter left out, 8144 for too many, 8145 for an unknown name — at
// line 0 of the procedure ("Msg 201, Level 16, State 4, Procedure
// sp_adduser, Line 0" in sqlcmd). A procedure added without its
// parameters in sysprocs_params.go fails here.
func TestSystemProcArguments(t *testing.T) {
	names := exec.SystemProcNames()
	slices.Sort(names)
	for _, n := range names {
		if _, ok := exec.SystemProcParams(n); !ok && !exec.UncheckedSystemProc(n) {
			t.Errorf("built-in procedure %s has no parameter list in engine/exec/sysprocs_params.go", n)
		}
	}
	srv := harness.Start(t, harness.Options{Name: "procargs"})
	db := srv.DB("master")
	db.SetMaxOpenConns(1)
	for _, n := range names {
		params, ok := exec.SystemProcParams(n)
		if !ok {
			continue
		}
		t.Run(n, func(t *testing.T) {
			if len(params) > 0 && !strings.HasSuffix(params[0], "=") {
				first, _, _ := strings.Cut(params[0], "|")
				_, err := db.Exec("EXEC " + n)
				wantErrorToken(t, err, mssql.Error{Number: 201, Class: 16, State: 4, LineNo: 0, ProcName: n,
					Message: fmt.Sprintf("Procedure or function '%s' expects parameter '%s', which was not supplied.", n, first)})
			}
			_, err := db.Exec("EXEC " + n + " " + strings.Repeat("NULL, ", len(params)) + "NULL")
			wantErrorToken(t, err, mssql.Error{Number: 8144, Class: 16, State: 2, LineNo: 0, ProcName: n,
				Message: fmt.Sprintf("Procedure or function %s has too many arguments specified.", n)})
			_, err = db.Exec("EXEC " + n + " @no_such_parameter = 1")
			wantErrorToken(t, err, mssql.Error{Number: 8145, Class: 16, State: 1, LineNo: 0, ProcName: n,
				Message: "@no_such_parameter is not a parameter for procedure " + n + "."})
		})
	}
}

// TestProcArgumentBinding covers the rest of binding a call, for user and
// built-in procedures alike, by EXEC and by RPC: a parameter given twice
// (8143), a positional argument after a named one (119, a compile error
// of the batch: level 15, the batch's line, no procedure), named
// arguments in any order, DEFAULT for a parameter that has none (201).
func TestProcArgumentBinding(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "procbind"})
	db := srv.DB("master")
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE PROCEDURE dbo.bindp @a int, @b int = 2 AS SELECT @a * 10 + @b"); err != nil {
		t.Fatal(err)
	}
	const order = "Must pass parameter number 2 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'."
	for _, tc := range []struct {
		name  string
		query string
		args  []any
		want  *mssql.Error
		row   int64
	}{
		{"user twice", "EXEC dbo.bindp @a = 1, @a = 3", nil,
			&mssql.Error{Number: 8143, Class: 16, State: 1, ProcName: "bindp", Message: "Parameter '@a' was supplied multiple times."}, 0},
		{"user positional then named twice", "EXEC dbo.bindp 1, @a = 3", nil,
			&mssql.Error{Number: 8143, Class: 16, State: 1, ProcName: "bindp", Message: "Parameter '@a' was supplied multiple times."}, 0},
		{"user unknown", "EXEC dbo.bindp @a = 1, @zz = 3", nil,
			&mssql.Error{Number: 8145, Class: 16, State: 1, ProcName: "bindp", Message: "@zz is not a parameter for procedure bindp."}, 0},
		{"user missing", "EXEC dbo.bindp @b = 1", nil,
			&mssql.Error{Number: 201, Class: 16, State: 4, ProcName: "bindp", Message: "Procedure or function 'bindp' expects parameter '@a', which was not supplied."}, 0},
		{"user default for required", "EXEC dbo.bindp DEFAULT", nil,
			&mssql.Error{Number: 201, Class: 16, State: 4, ProcName: "bindp", Message: "Procedure or function 'bindp' expects parameter '@a', which was not supplied."}, 0},
		{"user too many", "EXEC dbo.bindp 1, 2, 3", nil,
			&mssql.Error{Number: 8144, Class: 16, State: 2, ProcName: "bindp", Message: "Procedure or function bindp has too many arguments specified."}, 0},
		{"user positional after named", "EXEC dbo.bindp @a = 1, 3", nil,
			&mssql.Error{Number: 119, Class: 15, State: 1, LineNo: 1, Message: order}, 0},
		{"user named any order", "EXEC dbo.bindp @b = 5, @a = 4", nil, nil, 45},
		{"builtin twice", "EXEC sp_help @objname = 'a', @objname = 'b'", nil,
			&mssql.Error{Number: 8143, Class: 16, State: 1, ProcName: "sp_help", Message: "Parameter '@objname' was supplied multiple times."}, 0},
		{"builtin positional after named", "EXEC sp_rename @objname = 'a', 'b'", nil,
			&mssql.Error{Number: 119, Class: 15, State: 1, LineNo: 1, Message: order}, 0},
		{"builtin default for required", "EXEC sp_rename 'a', DEFAULT", nil,
			&mssql.Error{Number: 201, Class: 16, State: 4, ProcName: "sp_rename", Message: "Procedure or function 'sp_rename' expects parameter '@newname', which was not supplied."}, 0},
		{"builtin named case-insensitive", "EXEC sp_helpindex @OBJNAME = 'dbo.nothere'", nil,
			&mssql.Error{Number: 15009, Class: 16, State: 1, LineNo: 1, ProcName: "sp_helpindex", Message: "The object 'dbo.nothere' does not exist in database 'master' or is invalid for this operation."}, 0},
		{"builtin named as SQL Server spells it", "EXEC SP_MSFOREACHDB", nil,
			&mssql.Error{Number: 201, Class: 16, State: 4, ProcName: "sp_MSforeachdb", Message: "Procedure or function 'sp_MSforeachdb' expects parameter '@command1', which was not supplied."}, 0},
		{"rpc builtin missing", "sp_rename", nil,
			&mssql.Error{Number: 201, Class: 16, State: 4, ProcName: "sp_rename", Message: "Procedure or function 'sp_rename' expects parameter '@objname', which was not supplied."}, 0},
		{"rpc user unknown", "dbo.bindp", []any{sql.Named("a", 1), sql.Named("nope", 2)},
			&mssql.Error{Number: 8145, Class: 16, State: 1, ProcName: "bindp", Message: "@nope is not a parameter for procedure bindp."}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got int64
			err := db.QueryRow(tc.query, tc.args...).Scan(&got)
			if tc.want == nil {
				if err != nil || got != tc.row {
					t.Fatalf("got %d, %v; want %d", got, err, tc.row)
				}
				return
			}
			wantErrorToken(t, err, *tc.want)
		})
	}
}
