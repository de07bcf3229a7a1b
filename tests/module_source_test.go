package tests

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// moduleScript creates modules whose definitions carry comments, blank
// lines and CR LF line breaks, each failing on a known line of its batch.
const moduleScript = "CREATE TABLE dbo.ms (id int PRIMARY KEY, v int NOT NULL)\r\n" +
	"GO\r\n" +
	"-- ms_inner: fails on line 7\r\n" +
	"/* a block comment\r\n   over two lines */\r\n" +
	"CREATE PROCEDURE dbo.ms_inner\r\n" +
	"AS\r\n" +
	"\r\n" +
	"  INSERT INTO dbo.ms VALUES (1, NULL)\r\n" +
	"GO\r\n" +
	"CREATE PROCEDURE dbo.ms_outer @x int = 0\r\n" +
	"AS\r\n" +
	"BEGIN\r\n" +
	"  IF @x = 1\r\n" +
	"    EXEC dbo.ms_inner\r\n" +
	"  ELSE\r\n" +
	"    RAISERROR('outer says %d', 16, 1, @x)\r\n" +
	"END\r\n" +
	"GO\r\n" +
	"CREATE TRIGGER dbo.ms_trg ON dbo.ms AFTER INSERT\r\n" +
	"AS\r\n" +
	"  SET NOCOUNT ON\r\n" +
	"  IF EXISTS (SELECT * FROM inserted WHERE v < 0)\r\n" +
	"    THROW 50001, N'negative', 1;\r\n" +
	"GO\r\n" +
	"CREATE FUNCTION dbo.ms_div (@x int)\r\n" +
	"RETURNS int\r\n" +
	"AS\r\n" +
	"BEGIN\r\n" +
	"  DECLARE @i int = 0\r\n" +
	"  WHILE @i < 2 SET @i += 1\r\n" +
	"  RETURN @i / @x\r\n" +
	"END\r\n" +
	"GO\r\n" +
	"CREATE PROCEDURE dbo.ms_print\r\nAS\r\n\r\n  PRINT 'hello from line 4'\r\n" +
	"GO\r\n" +
	"/* view */ CREATE VIEW dbo.ms_v\r\nAS\r\n  SELECT id -- the key\r\n  FROM dbo.ms\r\n"

// moduleCalls are the calls that fail inside the modules of moduleScript,
// with the procedure name and line (in the module's batch) SQL Server
// reports in the error token.
var moduleCalls = []struct {
	name, query string
	number      int32
	proc        string
	line        int32
}{
	{"nested procedure", "EXEC dbo.ms_outer 1", 515, "ms_inner", 7},
	{"RAISERROR in a procedure", "EXEC dbo.ms_outer 2", 50000, "ms_outer", 7},
	{"THROW in a trigger", "INSERT INTO dbo.ms VALUES (2, -1)", 50001, "ms_trg", 5},
	{"multi-statement function", "SELECT dbo.ms_div(0)", 8134, "ms_div", 7},
	{"plain batch, statement on line 3", "DECLARE @z int = 0\n\nSELECT 1 / @z", 8134, "", 3},
	{"unbound alias on the third line of a statement", "SELECT c.id\nFROM dbo.ms AS c\nJOIN dbo.ms AS d ON c.id = o.id", 4104, "", 3},
}

// TestModuleSourceAndErrorLines: modules keep the batch text that created
// them, as go-mssqldb reads it back (sys.sql_modules, OBJECT_DEFINITION);
// errors inside them carry the module's name and the line within that text
// in the ERROR token; and the text survives a SIGKILL restart and a
// BACKUP/RESTORE under another name.
func TestModuleSourceAndErrorLines(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "modsrc"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE src")
	harness.MustRunScript(t, srv.DB("src"), moduleScript)
	want := map[string]string{
		"ms_inner": "-- ms_inner: fails on line 7\r\n/* a block comment\r\n   over two lines */\r\nCREATE PROCEDURE dbo.ms_inner\r\nAS\r\n\r\n  INSERT INTO dbo.ms VALUES (1, NULL)\r\n",
		"ms_v":     "/* view */ CREATE VIEW dbo.ms_v\r\nAS\r\n  SELECT id -- the key\r\n  FROM dbo.ms\r\n",
	}
	checkDefinitions := func(t *testing.T, db *sql.DB) {
		t.Helper()
		for name, def := range want {
			var got, viaFunc string
			if err := db.QueryRow("SELECT m.definition, OBJECT_DEFINITION(m.object_id) FROM sys.sql_modules AS m WHERE m.object_id = OBJECT_ID(@p1)", "dbo."+name).Scan(&got, &viaFunc); err != nil {
				t.Fatalf("definition of %s: %v", name, err)
			}
			if got != def || viaFunc != def {
				t.Fatalf("definition of %s:\n got %q\n OBJECT_DEFINITION %q\nwant %q", name, got, viaFunc, def)
			}
		}
	}
	checkErrors := func(t *testing.T, db *sql.DB) {
		t.Helper()
		for _, c := range moduleCalls {
			_, err := db.Exec(c.query)
			var me mssql.Error
			if !errors.As(err, &me) {
				t.Fatalf("%s: %s: error = %v, want %d", c.name, c.query, err, c.number)
			}
			last := me.All[len(me.All)-1]
			if last.Number != c.number || last.ProcName != c.proc || last.LineNo != c.line {
				t.Errorf("%s: Msg %d, Procedure %q, Line %d; want Msg %d, Procedure %q, Line %d",
					c.name, last.Number, last.ProcName, last.LineNo, c.number, c.proc, c.line)
			}
		}
	}
	t.Run("as created", func(t *testing.T) {
		checkDefinitions(t, srv.DB("src"))
		checkErrors(t, srv.DB("src"))
	})
	t.Run("PRINT in a procedure", func(t *testing.T) {
		// The INFO token names the procedure and its line, as the ERROR
		// token does.
		ctx := t.Context()
		retmsg := &sqlexp.ReturnMessage{}
		rows, err := srv.DB("src").QueryContext(ctx, "EXEC dbo.ms_print", retmsg)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []mssql.Error
		for active := true; active; {
			switch m := retmsg.Message(ctx).(type) {
			case sqlexp.MsgNotice:
				if e, ok := m.Message.(mssql.Error); ok {
					got = append(got, e)
				}
			case sqlexp.MsgNextResultSet:
				active = rows.NextResultSet()
			case sqlexp.MsgNext:
				for rows.Next() {
				}
			}
		}
		if len(got) != 1 || got[0].Message != "hello from line 4" || got[0].ProcName != "ms_print" || got[0].LineNo != 4 {
			t.Fatalf("notices %+v, want hello from line 4 from ms_print, line 4", got)
		}
	})
	t.Run("after SIGKILL", func(t *testing.T) {
		srv.Kill()
		srv.Restart()
		checkDefinitions(t, srv.DB("src"))
		checkErrors(t, srv.DB("src"))
	})
	t.Run("restored under another name", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "src.bak")
		mustExec(t, srv.DB("master"), "BACKUP DATABASE src TO DISK = '"+file+"'")
		mustExec(t, srv.DB("master"), "RESTORE DATABASE src2 FROM DISK = '"+file+"'")
		checkDefinitions(t, srv.DB("src2"))
		checkErrors(t, srv.DB("src2"))
	})
}
