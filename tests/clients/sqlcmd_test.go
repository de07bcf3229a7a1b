package clients

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sqlcmd runs `mirrorsql sqlcmd` against the test server with args appended.
func sqlcmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	base := []string{"sqlcmd", "-S", serverHost + "," + serverPort, "-U", "sa", "-P", saPassword}
	return runClient(t, stdin, nil, binary, append(base, args...)...)
}

func TestSqlcmdQuery(t *testing.T) {
	const encrypted = "select encrypt_option from sys.dm_exec_connections where session_id = @@SPID"
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		want     string // exact stdout
	}{
		{"select 1", []string{"-Q", "select 1"}, "", 0,
			"           \n-----------\n          1\n\n(1 row affected)\n"},
		{"named column, no headers, trimmed", []string{"-h", "-1", "-W", "-Q", "select 1 as a, 'x' as b"}, "", 0,
			"1 x\n\n(1 row affected)\n"},
		{"separator", []string{"-W", "-s", ",", "-Q", "select 1 as a, 2 as b"}, "", 0,
			"a,b\n-,-\n1,2\n\n(1 row affected)\n"},
		{"print and nocount", []string{"-Q", "set nocount on; print 'hello'; select 7 as n"}, "", 0,
			"hello\nn          \n-----------\n          7\n"},
		{"error without -b exits 0", []string{"-Q", "select * from no_such_table"}, "", 0,
			"Msg 208, Level 16, State 1, Server " + serverName + ", Line 1\nInvalid object name 'no_such_table'.\n"},
		{"error with -b exits 1", []string{"-b", "-Q", "select * from no_such_table"}, "", 1,
			"Msg 208, Level 16, State 1, Server " + serverName + ", Line 1\nInvalid object name 'no_such_table'.\n"},
		{"-q then standard input", []string{"-h", "-1", "-q", "select 1"}, "select 2\nGO\nselect 3\n", 0,
			"          1\n\n(1 row affected)\n          2\n\n(1 row affected)\n          3\n\n(1 row affected)\n"},
		{"variables from -v", []string{"-h", "-1", "-W", "-v", "x=42", "y=abc", "-Q", "select $(x), '$(y)'"}, "", 0,
			"42 abc\n\n(1 row affected)\n"},
		{"encrypt true with trust", []string{"-N", "true", "-C", "-h", "-1", "-W", "-Q", encrypted}, "", 0,
			"TRUE\n\n(1 row affected)\n"},
		{"encrypt false (login-only TLS)", []string{"-N", "false", "-C", "-h", "-1", "-W", "-Q", encrypted}, "", 0,
			"FALSE\n\n(1 row affected)\n"},
		{"encrypt disable", []string{"-N", "disable", "-h", "-1", "-W", "-Q", encrypted}, "", 0,
			"FALSE\n\n(1 row affected)\n"},
		{"default encryption (login-only TLS)", []string{"-h", "-1", "-W", "-Q", encrypted}, "", 0,
			"FALSE\n\n(1 row affected)\n"},
		{"packet size 512 and login timeout", []string{"-a", "512", "-l", "30", "-h", "-1", "-W", "-Q", "select len(replicate('x', 3000))"}, "", 0,
			"3000\n\n(1 row affected)\n"},
		{"query timeout is an error, the session goes on", []string{"-t", "1", "-h", "-1", "-Q", "waitfor delay '00:01:00'\nGO\nselect 8"}, "", 0,
			"Sqlcmd: Error: Query timeout expired.\n          8\n\n(1 row affected)\n"},
		{"query timeout with -b exits 1", []string{"-b", "-t", "1", "-Q", "waitfor delay '00:01:00'\nGO\nselect 8"}, "", 1,
			"Sqlcmd: Error: Query timeout expired.\n"},
		{":exit(query) chooses the exit code", []string{"-h", "-1", "-Q", ":exit(select 3)"}, "", 3,
			"          3\n\n(1 row affected)\n"},
		// go-sqlcmd runs under QUOTED_IDENTIFIER ON with or without -I (which
		// it keeps for compatibility); a script's SET OFF holds for the batches
		// after it.
		{"-I: quoted identifiers on", []string{"-I", "-h", "-1", "-W", "-Q", "select sessionproperty('QUOTED_IDENTIFIER'), @@options & 256"}, "", 0,
			"1 256\n\n(1 row affected)\n"},
		{"SET QUOTED_IDENTIFIER OFF holds for the next batch", []string{"-h", "-1", "-W", "-Q", "set quoted_identifier off\nGO\nselect \"it's\""}, "", 0,
			"it's\n\n(1 row affected)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sqlcmd(t, tt.stdin, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d", r.code, tt.wantCode)
			}
			if r.stdout != tt.want {
				t.Errorf("stdout:\n%q\nwant:\n%q", r.stdout, tt.want)
			}
		})
	}
}

func TestSqlcmdScriptFile(t *testing.T) {
	dir := t.TempDir()
	tbl := uniqueName(t, "t")
	script := filepath.Join(dir, "script.sql")
	include := filepath.Join(dir, "include.sql")
	writeFile(t, include, "insert into $(tbl) values (100, 'included')\n")
	writeFile(t, script, strings.Join([]string{
		":setvar tbl " + tbl,
		"create table $(tbl) (id int, name varchar(20))",
		"GO",
		"insert into $(tbl) values (1, '$(who)')",
		"GO 2",
		":r " + include,
		"GO",
		"select id, name from $(tbl) order by id",
		"select count(*) as n from $(tbl)",
		"go",
		"select * from missing_$(tbl)",
		"GO",
		"select 'after error' as s",
	}, "\n")+"\n")

	t.Run("without -b", func(t *testing.T) {
		r := sqlcmd(t, "", "-W", "-v", "who=bob", "-i", script)
		if r.code != 0 {
			t.Errorf("exit code %d, want 0", r.code)
		}
		want := "\n(1 row affected)\n" + // insert, GO 2
			"\n(1 row affected)\n" +
			"\n(1 row affected)\n" + // :r insert
			"id name\n-- ----\n1 bob\n1 bob\n100 included\n\n(3 rows affected)\n" +
			"n\n-\n3\n\n(1 row affected)\n" +
			"Msg 208, Level 16, State 1, Server " + serverName + ", Line 1\nInvalid object name 'missing_" + tbl + "'.\n" +
			"s\n-\nafter error\n\n(1 row affected)\n"
		if r.stdout != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
		}
	})
	t.Run("with -b", func(t *testing.T) {
		drop := filepath.Join(dir, "b.sql")
		writeFile(t, drop, "select count(*) from "+tbl+"\nGO\nselect * from missing_table\nGO\nselect 'not reached'\n")
		r := sqlcmd(t, "", "-b", "-h", "-1", "-i", drop)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1", r.code)
		}
		if strings.Contains(r.stdout, "not reached") || !strings.Contains(r.stdout, "Invalid object name 'missing_table'.") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("on error exit", func(t *testing.T) {
		f := filepath.Join(dir, "c.sql")
		writeFile(t, f, ":on error exit\nselect * from missing_table\nGO\nselect 'not reached'\n")
		r := sqlcmd(t, "", "-i", f)
		if r.code != 1 || strings.Contains(r.stdout, "not reached") {
			t.Errorf("exit code %d, stdout:\n%s", r.code, r.stdout)
		}
	})
	t.Run("output file and echo", func(t *testing.T) {
		out := filepath.Join(dir, "out.txt")
		r := sqlcmd(t, "", "-e", "-h", "-1", "-o", out, "-Q", "select 9")
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if r.code != 0 || r.stdout != "" || string(b) != "select 9\n          9\n\n(1 row affected)\n" {
			t.Errorf("exit code %d, stdout %q, file %q", r.code, r.stdout, b)
		}
	})
	t.Run("missing input file", func(t *testing.T) {
		r := sqlcmd(t, "", "-i", filepath.Join(dir, "none.sql"))
		if r.code != 1 || !strings.Contains(r.stdout, "Sqlcmd: Error: Error occurred while opening or operating on file") {
			t.Errorf("exit code %d, stdout:\n%s", r.code, r.stdout)
		}
	})
}

func TestSqlcmdRedirect(t *testing.T) {
	q := "print 'note'; select * from no_such_table\nGO\nselect 1 as one"
	msg := "Msg 208, Level 16, State 1, Server " + serverName + ", Line 1\nInvalid object name 'no_such_table'.\n"
	rows := "one\n---\n1\n\n(1 row affected)\n"
	tests := []struct {
		flag             string
		wantOut, wantErr string
	}{
		{"-r0", "note\n" + rows, msg},
		{"-r1", rows, "note\n" + msg},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			r := sqlcmd(t, "", tt.flag, "-W", "-Q", q)
			if r.code != 0 || r.stdout != tt.wantOut || r.stderr != tt.wantErr {
				t.Errorf("exit %d\nstdout %q\nstderr %q\nwant stdout %q\nstderr %q", r.code, r.stdout, r.stderr, tt.wantOut, tt.wantErr)
			}
		})
	}
}

func TestSqlcmdLoginFailure(t *testing.T) {
	r := runClient(t, "", nil, binary, "sqlcmd", "-S", "tcp:"+serverHost+","+serverPort, "-U", "sa", "-P", "wrong", "-Q", "select 1")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	wantContains(t, "stdout", r.stdout, "Msg 18456, Level 14, State 1, Server "+serverName, "Login failed for user 'sa'.")
}

// TestSqlcmdLoginRefused: a login its database refuses prints both of SQL
// Server's errors, 4060 and then 18456.
func TestSqlcmdLoginRefused(t *testing.T) {
	r := runClient(t, "", nil, binary, "sqlcmd", "-S", "tcp:"+serverHost+","+serverPort, "-U", "sa", "-P", saPassword, "-d", "nosuchdb", "-Q", "select 1")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	first, second := "Msg 4060, Level 11, State 1, Server "+serverName, "Msg 18456, Level 14, State 1, Server "+serverName
	wantContains(t, "stdout", r.stdout, first, `Cannot open database "nosuchdb" requested by the login. The login failed.`, second, "Login failed for user 'sa'.")
	if i, j := strings.Index(r.stdout, first), strings.Index(r.stdout, second); i > j {
		t.Errorf("stdout has 18456 before 4060:\n%s", r.stdout)
	}
}

func TestSqlcmdEnvironment(t *testing.T) {
	env := []string{"SQLCMDSERVER=" + serverHost + "," + serverPort, "SQLCMDUSER=sa", "SQLCMDPASSWORD=" + saPassword, "GREETING=hi"}
	r := runClient(t, "", env, binary, "sqlcmd", "-h", "-1", "-W", "-Q", "select '$(GREETING)'")
	if r.code != 0 || r.stdout != "hi\n\n(1 row affected)\n" {
		t.Errorf("exit code %d, stdout %q", r.code, r.stdout)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSqlcmdKilledSession: a batch whose session the server ends (KILL here;
// a mirroring failover ends the old principal's clients the same way) makes
// sqlcmd report the broken connection and exit 1. go-mssqldb's message queue
// never hears of the read error, and sqlcmd used to wait for the next message
// for good (runClient's hang guard failed the test).
func TestSqlcmdKilledSession(t *testing.T) {
	// Not sqlcmd(): runClient's t.Fatalf must not run off the test's goroutine.
	ctx, cancel := context.WithTimeout(context.Background(), clientLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "sqlcmd", "-S", serverHost+","+serverPort, "-U", "sa", "-P", saPassword,
		"-Q", "WAITFOR DELAY '00:10:00'")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan result, 1)
	go func() {
		_ = cmd.Wait() // the exit code tells how it ended
		r := result{stdout: out.String(), code: cmd.ProcessState.ExitCode()}
		if ctx.Err() != nil {
			r.code = -1 // the hang guard killed it
		}
		done <- r
	}()
	spid := ""
	for spid == "" {
		r := sqlcmd(t, "", "-h", "-1", "-W", "-Q",
			"set nocount on; select session_id from sys.dm_exec_requests where session_id <> @@SPID and command = 'WAITFOR'")
		spid = strings.TrimSpace(r.stdout)
		select {
		case r := <-done:
			t.Fatalf("the WAITFOR ended before it was killed: %+v", r)
		default:
		}
	}
	if r := sqlcmd(t, "", "-b", "-Q", "KILL "+spid); r.code != 0 {
		t.Fatalf("KILL %s: exit %d\n%s%s", spid, r.code, r.stdout, r.stderr)
	}
	r := <-done
	if r.code != 1 {
		t.Errorf("exit code %d (-1: still waiting after %v), want 1; output:\n%s", r.code, clientLimit, r.stdout)
	}
	wantContains(t, "output", r.stdout, "Sqlcmd: Error: communication link failure")
}
