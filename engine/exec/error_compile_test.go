package exec_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// lineTrace is dmlTrace with each error's line and procedure, as the TDS
// ERROR token carries them (Msg n, Level, State, Procedure, Line).
type lineTrace struct{ dmlTrace }

func (o *lineTrace) Error(err error) error {
	var sl interface{ SQLServerLine() int32 }
	var sp interface{ SQLServerProc() string }
	line, proc := int32(0), ""
	if errors.As(err, &sl) {
		line = sl.SQLServerLine()
	}
	if errors.As(err, &sp) {
		proc = sp.SQLServerProc()
	}
	o.lines = append(o.lines, fmt.Sprintf("%s (proc %q line %d)", errLine(err), proc, line))
	return nil
}

// TestBatchRefusedWhenCompiled pins the identity and line of the errors
// that refuse a whole batch when SQL Server compiles it (137 and 1087 at
// the variable's line, 119, 10713, 103 for a transaction name past 32
// characters, 10738 for an INSERT … VALUES of more than 1000 rows) —
// nothing before them runs, no PRINT —
// and of a trigger's 208, which ends the firing batch with the trigger's
// name and line. On the old code the PRINT ran before 137, 1087, 119 and
// the MERGE ran without its semicolon; the 33-character name was taken.
func TestBatchRefusedWhenCompiled(t *testing.T) {
	ctx := context.Background()
	inst := openExecTestInstance(t, "compilecheck")
	s := newSASession(t, inst)
	mustTrace(ctx, t, s, "CREATE DATABASE cc")
	mustTrace(ctx, t, s, "USE cc")
	mustTrace(ctx, t, s, "CREATE TABLE t (a int)")
	mustTrace(ctx, t, s, "CREATE PROCEDURE p2 @a int, @b int AS SELECT @a + @b AS s")
	mustTrace(ctx, t, s, "CREATE TRIGGER trg ON t AFTER INSERT AS\nBEGIN\n    SET NOCOUNT ON\n    INSERT nope SELECT a FROM inserted\nEND")
	cases := []struct{ name, sql, want string }{
		{"137 at the variable's line", "PRINT 'before'\nSELECT 1 AS one,\n    @nope AS two",
			`error 137/15/2: Must declare the scalar variable "@nope". (proc "" line 3)` + "\ndone failed"},
		{"1087", "PRINT 'before'\nSELECT * FROM @tv",
			`error 1087/15/2: Must declare the table variable "@tv". (proc "" line 2)` + "\ndone failed"},
		{"137 before its DECLARE", "PRINT 'before'\nSET @late = 1\nDECLARE @late int",
			`error 137/15/2: Must declare the scalar variable "@late". (proc "" line 2)` + "\ndone failed"},
		{"119", "PRINT 'before'\nEXEC p2 @a = 1, 2",
			`error 119/15/1: Must pass parameter number 2 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'. (proc "" line 2)` + "\ndone failed"},
		{"10713", "PRINT 'before'\nMERGE t AS d USING (SELECT 1 AS a) AS s ON d.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a)\nSELECT 1 AS one",
			`error 10713/15/1: A MERGE statement must be terminated by a semi-colon (;). (proc "" line 2)` + "\ndone failed"},
		{"103 for a transaction name past 32 characters", "PRINT 'before'\nBEGIN TRAN abcdefghijabcdefghijabcdefghijab\nBEGIN TRAN abcdefghijabcdefghijabcdefghijabc WITH MARK",
			`error 103/15/2: The identifier that starts with 'abcdefghijabcdefghijabcdefghijabc' is too long. Maximum length is 32. (proc "" line 3)` + "\ndone failed"},
		{"10738 for an INSERT of 1001 rows", "PRINT 'before'\nINSERT t VALUES (1)" + strings.Repeat(", (1)", 1000),
			`error 10738/15/1: The number of row value expressions in the INSERT statement exceeds the maximum allowed number of 1000 row values. (proc "" line 2)` + "\ndone failed"},
		{"208 in a trigger", "INSERT t VALUES (1)\nPRINT 'after'",
			`error 208/16/1: Invalid object name 'nope'. (proc "trg" line 4)` + "\ndone failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := &lineTrace{}
			if err := s.ExecBatch(ctx, c.sql, o); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(o.lines, "\n"); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
