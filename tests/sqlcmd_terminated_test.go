package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestSqlcmdStatementTerminated runs a script whose INSERT violates a
// primary key through `mirrorsql sqlcmd`: as sqlcmd prints SQL Server's
// reply, the error's Msg header and text are followed by the bare line
// "The statement has been terminated." (message 3621, class 0, printed
// without a header), and the batch goes on to its PRINT. A failing SELECT
// prints no such line. Before 3621 was sent the line was missing.
func TestSqlcmdStatementTerminated(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "term"})
	harness.MustExec(t, srv.DB("master"), "CREATE TABLE dbo.tt (id int CONSTRAINT PK_tt PRIMARY KEY); INSERT dbo.tt VALUES (1)")
	script := "PRINT 'before'\nINSERT dbo.tt VALUES (1)\nPRINT 'after'\nGO\nSELECT 1 / 0 AS x\nGO\nPRINT 'end'\nGO\n"
	file := filepath.Join(t.TempDir(), "term.sql")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(harness.Binary(t), "sqlcmd", "-S", "127.0.0.1,"+strconv.Itoa(srv.Port), "-U", "sa", "-P", srv.Password, "-d", "master", "-i", file).CombinedOutput()
	got := string(out)
	want := "before\n" +
		"Msg 2627, Level 14, State 1, Server term, Line 2\n" +
		"Violation of PRIMARY KEY constraint 'PK_tt'. Cannot insert duplicate key in object 'dbo.tt'. The duplicate key value is (1).\n" +
		"The statement has been terminated.\n" +
		"after\n"
	if !strings.Contains(got, want) {
		t.Fatalf("sqlcmd output lacks\n%s\ngot:\n%s", want, got)
	}
	if strings.Count(got, "The statement has been terminated.") != 1 {
		t.Fatalf("3621 printed after the SELECT's error too:\n%s", got)
	}
	if !strings.Contains(got, "Msg 8134, Level 16, State 1, Server term, Line 1\nDivide by zero error encountered.\n") || !strings.HasSuffix(got, "end\n") {
		t.Fatalf("unexpected output:\n%s", got)
	}
}
