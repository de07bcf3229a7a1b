package clients

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// FreeTDS clients (Debian freetds-bin, tdsodbc, unixodbc), invoked as in
// docs/reference tds-clients.md §10.3. Every test runs with TDS 7.4 and 7.3
// (TDSVER), and checks through TDSDUMP that the version was the one asked for.

var tdsVersions = []string{"7.4", "7.3"}

// tdsEnv is the environment for one FreeTDS run: the protocol version and a
// protocol dump file whose "Connecting with protocol version" line is checked.
func tdsEnv(t *testing.T, version string) (env []string, dump string) {
	t.Helper()
	dump = filepath.Join(t.TempDir(), "tds.log")
	return []string{"TDSVER=" + version, "TDSDUMP=" + dump}, dump
}

// checkVersion fails unless the dump shows a login with version.
func checkVersion(t *testing.T, dump, version string) {
	t.Helper()
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Errorf("read TDSDUMP: %v", err)
		return
	}
	wantContains(t, "TDSDUMP", string(b), "Connecting with protocol version "+version)
}

func TestFreeTDSTsql(t *testing.T) {
	tsql := needTool(t, "tsql", "freetds-bin")
	for _, v := range tdsVersions {
		t.Run("TDS"+v, func(t *testing.T) {
			tbl := uniqueName(t, "ft")
			env, dump := tdsEnv(t, v)
			script := "select 1\ngo\n" +
				"create table " + tbl + " (id int, name varchar(10))\n" +
				"insert into " + tbl + " values (1, 'one')\n" +
				"insert into " + tbl + " values (2, 'two')\n" +
				"select id, name from " + tbl + " order by id\ngo\n" +
				// types whose encoding depends on the TDS version (DATEN, DATETIME2N from 7.3)
				"select cast('2024-01-02' as date) as d, cast('2024-01-02 03:04:05.5' as datetime2) as d2, " +
				"cast(12.5 as decimal(5,2)) as n, N'h\u00e9llo' as u, cast(null as int) as z\ngo\nquit\n"
			r := runClient(t, script, env, tsql, "-H", serverHost, "-p", serverPort, "-U", "sa", "-P", saPassword)
			if r.code != 0 {
				t.Errorf("exit code %d", r.code)
			}
			wantContains(t, "stdout", r.stdout, "\n1\n(1 row affected)", "id\tname\n1\tone\n2\ttwo\n(2 rows affected)",
				"d\td2\tn\tu\tz\nJan  2 2024 12:00AM\tJan  2 2024 03:04AM\t12.50\th\u00e9llo\tNULL\n(1 row affected)")
			if strings.Contains(r.stdout+r.stderr, "Msg ") {
				t.Errorf("server error in output")
			}
			checkVersion(t, dump, v)
		})
	}
}

func TestFreeTDSBsqldb(t *testing.T) {
	bsqldb := needTool(t, "bsqldb", "freetds-bin")
	for _, v := range tdsVersions {
		t.Run("TDS"+v, func(t *testing.T) {
			tbl := uniqueName(t, "fb")
			env, dump := tdsEnv(t, v)
			// bsqldb runs its whole input as one batch (no GO). A DB-Library
			// session has ANSI_NULL_DFLT_ON OFF, so name says NULL.
			script := "create table " + tbl + " (id int, name varchar(10) null)\n" +
				"insert into " + tbl + " values (1, 'one')\n" +
				"insert into " + tbl + " values (2, NULL)\n" +
				"select id, name from " + tbl + " order by id\n"
			r := runClient(t, script, env, bsqldb, "-S", serverHost+":"+serverPort, "-U", "sa", "-P", saPassword)
			if r.code != 0 {
				t.Errorf("exit code %d", r.code)
			}
			fields := strings.Fields(r.stdout)
			if want := []string{"1", "one", "2", "NULL"}; strings.Join(fields, " ") != strings.Join(want, " ") {
				t.Errorf("rows = %q, want %q", fields, want)
			}
			wantContains(t, "stderr", r.stderr, "id", "name", "2 rows affected")
			checkVersion(t, dump, v)
		})
	}
}

func TestFreeTDSFisql(t *testing.T) {
	fisql := needTool(t, "fisql", "freetds-bin")
	for _, v := range tdsVersions {
		t.Run("TDS"+v, func(t *testing.T) {
			tbl := uniqueName(t, "ff")
			env, dump := tdsEnv(t, v)
			script := "create table " + tbl + " (id int, name varchar(10))\ngo\n" +
				"insert into " + tbl + " values (7, 'seven')\ngo\n" +
				"select id, name from " + tbl + "\ngo\n" +
				"print 'printed'\ngo\n" +
				"select * from missing_" + tbl + "\ngo\nquit\n"
			r := runClient(t, script, env, fisql, "-S", serverHost+":"+serverPort, "-U", "sa", "-P", saPassword)
			wantContains(t, "output", r.stdout+r.stderr,
				"(1 rows affected)", "seven", "printed",
				"Msg 208, Level 16, State 1:", "Server '"+serverName+"', Line 1:", "Invalid object name 'missing_"+tbl+"'.")
			checkVersion(t, dump, v)
		})
	}
}

// odbcDriver finds the FreeTDS ODBC driver library installed by tdsodbc.
func odbcDriver(t *testing.T) string {
	t.Helper()
	if out, err := exec.Command("dpkg", "-L", "tdsodbc").Output(); err == nil {
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasSuffix(l, "/libtdsodbc.so") {
				return l
			}
		}
	}
	for _, p := range []string{"/usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so", "/usr/lib/aarch64-linux-gnu/odbc/libtdsodbc.so", "/usr/lib/odbc/libtdsodbc.so", "/usr/local/lib/libtdsodbc.so"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("libtdsodbc.so not found (install the tdsodbc package; .ci/run does)")
	return ""
}

// odbcEnv is tdsEnv for unixODBC's isql over the FreeTDS driver: private
// odbcinst.ini/odbc.ini files (ODBCSYSINI, ODBCINI) with the DSN mirrorsql.
func odbcEnv(t *testing.T, driver, version string) (env []string, dump string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "odbcinst.ini"), "[FreeTDS]\nDescription = FreeTDS\nDriver = "+driver+"\n")
	writeFile(t, filepath.Join(dir, "odbc.ini"), "[mirrorsql]\nDriver = FreeTDS\nServer = "+serverHost+
		"\nPort = "+serverPort+"\nDatabase = master\nTDS_Version = "+version+"\n")
	env, dump = tdsEnv(t, version)
	return append(env, "ODBCSYSINI="+dir, "ODBCINI="+filepath.Join(dir, "odbc.ini")), dump
}

// TestFreeTDSODBC runs unixODBC isql over the FreeTDS driver, configured by
// private odbcinst.ini/odbc.ini files (ODBCSYSINI, ODBCINI). With -e isql uses
// SQLExecDirect (a SQL batch); without it SQLPrepare+SQLExecute, which FreeTDS
// sends as RPC sp_prepexec with NTEXT parameters.
func TestFreeTDSODBC(t *testing.T) {
	isql := needTool(t, "isql", "unixodbc")
	driver := odbcDriver(t)
	for _, v := range tdsVersions {
		for _, mode := range []struct{ name, flag string }{{"ExecDirect", "-e"}, {"Prepare", ""}} {
			t.Run("TDS"+v+"/"+mode.name, func(t *testing.T) {
				env, dump := odbcEnv(t, driver, v)
				tbl := uniqueName(t, "fo")
				script := "create table " + tbl + " (id int, name nvarchar(10))\n" +
					"insert into " + tbl + " values (3, N'three')\n" +
					"select id, name from " + tbl + "\n" +
					"select * from missing_" + tbl + "\n"
				args := []string{"-v", "-b", "-d,", "-c"}
				if mode.flag != "" {
					args = append(args, mode.flag)
				}
				args = append(args, "mirrorsql", "sa", saPassword)
				r := runClient(t, script, env, isql, args...)
				out := r.stdout + r.stderr
				if r.code != 0 {
					t.Errorf("exit code %d", r.code)
				}
				wantContains(t, "output", out, "id,name\n3,three\n", "[S0002][FreeTDS][SQL Server]Invalid object name 'missing_"+tbl+"'.")
				checkVersion(t, dump, v)
			})
		}
	}
}

// TestFreeTDSDownLevel logs in with the TDS versions before 7.3 (no DATEN or
// DATETIME2N on the wire) and runs a plain query.
func TestFreeTDSDownLevel(t *testing.T) {
	tsql := needTool(t, "tsql", "freetds-bin")
	for _, v := range []string{"7.2", "7.1"} {
		t.Run("TDS"+v, func(t *testing.T) {
			env, dump := tdsEnv(t, v)
			r := runClient(t, "select 41 + 1 as answer\ngo\nquit\n", env, tsql, "-H", serverHost, "-p", serverPort, "-U", "sa", "-P", saPassword)
			if r.code != 0 {
				t.Errorf("exit code %d", r.code)
			}
			wantContains(t, "stdout", r.stdout, "answer\n42\n(1 row affected)")
			checkVersion(t, dump, v)
		})
	}
}

// TestFreeTDSODBCColumns: ODBC catalog functions through unixODBC isql over
// the FreeTDS driver — "help table" calls SQLColumns, which the driver turns
// into sp_columns and reads by position (name in column 4, type name in 6,
// nullable "YES"/"NO" in 18); "help" calls SQLTables (sp_tables).
func TestFreeTDSODBCColumns(t *testing.T) {
	isql := needTool(t, "isql", "unixodbc")
	driver := odbcDriver(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "odbcinst.ini"), "[FreeTDS]\nDescription = FreeTDS\nDriver = "+driver+"\n")
	writeFile(t, filepath.Join(dir, "odbc.ini"), "[mirrorsql]\nDriver = FreeTDS\nServer = "+serverHost+
		"\nPort = "+serverPort+"\nDatabase = master\nTDS_Version = 7.4\n")
	env, _ := tdsEnv(t, "7.4")
	env = append(env, "ODBCSYSINI="+dir, "ODBCINI="+filepath.Join(dir, "odbc.ini"))
	tbl := uniqueName(t, "oc")
	script := "create table " + tbl + " (id int not null primary key, name nvarchar(40) null, at datetime not null)\n" +
		"help " + tbl + "\n" + "help\n"
	r := runClient(t, script, env, isql, "-v", "-b", "-d|", "-c", "mirrorsql", "sa", saPassword)
	out := r.stdout + r.stderr
	if r.code != 0 {
		t.Errorf("exit code %d:\n%s", r.code, out)
	}
	wantContains(t, "SQLColumns", out,
		"master|dbo|"+tbl+"|id|4|int|10|4|0|10|0|||4|||1|NO|56\n",
		"master|dbo|"+tbl+"|name|-9|nvarchar|40|80|||1|||-9||80|2|YES|39\n",
		"master|dbo|"+tbl+"|at|11|datetime|23|16|3||0|||9|3||3|NO|61\n",
		"master|dbo|"+tbl+"|TABLE|")
}
