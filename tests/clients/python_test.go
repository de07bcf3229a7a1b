package clients

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Python application stacks: the scripts under testdata/python run with
// Debian's /usr/bin/python3 (the packages python3-pymssql, python3-pyodbc
// and python3-sqlalchemy; .ci/run installs them) against the package's
// server, over pymssql (FreeTDS's DB-Library) and pyodbc (unixODBC with
// FreeTDS's ODBC driver). Each prints one line per check; the output is
// compared with testdata/python/<script>_<driver>.golden (-update rewrites
// it). Expectations are SQL Server's behaviour through the same drivers.

// systemPython is Debian's interpreter: the python3 on PATH may be another
// build without the distribution's packages.
const systemPython = "/usr/bin/python3"

// needPython returns systemPython when it can import every module; without
// them the test skips, except under CI (CI set, as .ci/run does), where the
// packages are installed and their absence is a failure.
func needPython(t *testing.T, modules ...string) string {
	t.Helper()
	code := "import " + strings.Join(modules, ", ")
	out, err := exec.Command(systemPython, "-c", code).CombinedOutput()
	if err == nil {
		return systemPython
	}
	msg := fmt.Sprintf("%s cannot %q (install python3-pymssql python3-pyodbc python3-sqlalchemy; .ci/run does): %v\n%s",
		systemPython, code, err, out)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// pythonEnv is the environment the scripts read their connection from.
func pythonEnv(t *testing.T, driverPath, host, port, password string) []string {
	t.Helper()
	env, _ := tdsEnv(t, "7.4") // TDSDUMP in the test's temporary directory
	return append(env, "MIRRORSQL_HOST="+host, "MIRRORSQL_PORT="+port, "MIRRORSQL_PASSWORD="+password,
		"MIRRORSQL_ODBC_DRIVER="+driverPath, "PYTHONDONTWRITEBYTECODE=1", "PYTHONIOENCODING=utf-8")
}

// checkGolden compares a client's output with the golden file, rewriting it
// under -update; a failure lists the lines that differ.
func checkGolden(t *testing.T, golden string, r result) {
	t.Helper()
	if *updateGolden && r.code == 0 {
		if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if r.code != 0 || r.stdout != string(want) {
		t.Fatalf("exit %d, output differs from %s:\n%s", r.code, golden, lineDiff(string(want), r.stdout))
	}
}

// lineDiff lists the lines of want and got that differ, by line number.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// TestPythonDrivers runs the DB-API script (connect with autocommit on and
// off, %s / ? parameters, executemany, every supported type round-tripping,
// procedures with OUTPUT parameters, nextset, description, rowcount, error
// classes with SQL Server's numbers) and the SQLAlchemy script (Core and
// ORM: create_all with identity, FKs, indexes and defaults; reflection;
// OUTPUT inserted keys; joins, OFFSET/FETCH, savepoints, isolation levels,
// version detection) through both drivers.
func TestPythonDrivers(t *testing.T) {
	python := needPython(t, "pymssql", "pyodbc", "sqlalchemy")
	driver := odbcDriver(t)
	for _, script := range []string{"dbapi", "sqla"} {
		for _, drv := range []string{"pymssql", "pyodbc"} {
			t.Run(script+"/"+drv, func(t *testing.T) {
				env := pythonEnv(t, driver, serverHost, serverPort, saPassword)
				r := runClient(t, "", env, python, filepath.Join("testdata", "python", script+".py"), drv)
				checkGolden(t, filepath.Join("testdata", "python", script+"_"+drv+".golden"), r)
			})
		}
	}
}

// TestPythonMirroringMonitor: a DBA's monitoring script over pyodbc reads
// sys.database_mirroring and sp_dbmmonitorresults on both partners of a
// mirrored pair started here (two more server processes).
func TestPythonMirroringMonitor(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a mirrored pair")
	}
	python := needPython(t, "pyodbc")
	driver := odbcDriver(t)
	t.Setenv("MIRRORSQL_BIN", binary) // the harness reuses the package's build
	const db = "pymon"
	p := harness.Start(t, harness.Options{Name: "PYPRINCIPAL"})
	m := harness.Start(t, harness.Options{Name: "PYMIRROR"})
	endpoint := map[*harness.Server]int{p: harness.FreePort(t), m: harness.FreePort(t)}
	for _, s := range []*harness.Server{p, m} {
		harness.MustExec(t, s.DB("master"), fmt.Sprintf(
			"CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER)", endpoint[s]))
	}
	dir := t.TempDir()
	bak, trn := filepath.Join(dir, db+".bak"), filepath.Join(dir, db+".trn")
	harness.MustRunScript(t, p.DB("master"), fmt.Sprintf(`CREATE DATABASE %[1]s
GO
ALTER DATABASE %[1]s SET RECOVERY FULL
GO
USE %[1]s; CREATE TABLE dbo.t (id int PRIMARY KEY)
GO
BACKUP DATABASE %[1]s TO DISK = '%[2]s' WITH FORMAT, INIT
GO
BACKUP LOG %[1]s TO DISK = '%[3]s' WITH INIT`, db, bak, trn))
	harness.MustRunScript(t, m.DB("master"), fmt.Sprintf("RESTORE DATABASE %[1]s FROM DISK = '%[2]s' WITH NORECOVERY\nGO\nRESTORE LOG %[1]s FROM DISK = '%[3]s' WITH NORECOVERY", db, bak, trn))
	harness.MustExec(t, m.DB("master"), fmt.Sprintf("ALTER DATABASE %s SET PARTNER = 'TCP://127.0.0.1:%d'", db, endpoint[p]))
	harness.MustExec(t, p.DB("master"), fmt.Sprintf("ALTER DATABASE %s SET PARTNER = 'TCP://127.0.0.1:%d'", db, endpoint[m]))
	harness.WaitFor(t, "the pair SYNCHRONIZED", time.Minute, func() (bool, error) {
		st, err := harness.QueryString(t.Context(), p.DB("master"),
			"SELECT mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)", db)
		return st == "SYNCHRONIZED", err
	})
	harness.MustExec(t, p.DB(db), "INSERT INTO dbo.t VALUES (1), (2)")
	for _, tc := range []struct {
		role string
		s    *harness.Server
	}{{"principal", p}, {"mirror", m}} {
		t.Run(tc.role, func(t *testing.T) {
			env := pythonEnv(t, driver, "127.0.0.1", fmt.Sprint(tc.s.Port), tc.s.Password)
			r := runClient(t, "", env, python, filepath.Join("testdata", "python", "dbm_monitor.py"), "127.0.0.1", fmt.Sprint(tc.s.Port), db)
			checkGolden(t, filepath.Join("testdata", "python", "dbm_monitor_"+tc.role+".golden"), r)
		})
	}
}
