package clients

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Java, PHP and Perl applications: jTDS 1.3 (Debian libjtds-java, TDS 7.0
// and 7.1), PHP's PDO_DBLIB (php-sybase, FreeTDS DB-Library) and Perl's
// DBD::Sybase (libdbd-sybase-perl, FreeTDS Client-Library). Each runs a
// program under testdata/{jdbc,php,perl} that connects (plain and TLS),
// reads every type, binds parameters, NULLs, reads several result sets,
// calls a procedure with OUTPUT parameters and a return status, commits and
// rolls back, reports errors with their numbers, lists tables and columns
// through the driver's catalog calls and times a query out; its output is
// compared with a golden file (-update rewrites it). .ci/run installs the
// packages; under CI their absence fails the test.

// needProgram returns the path of program, or skips (fails under CI) with
// the Debian package to install.
func needProgram(t *testing.T, program, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		missing(t, fmt.Sprintf("%s not installed (install %s; .ci/run does)", program, pkg))
	}
	return p
}

// needFile is needProgram for a file a package installs.
func needFile(t *testing.T, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, fmt.Sprintf("%s not found (install %s; .ci/run does)", path, pkg))
	}
}

func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// freeTDSConf writes a freetds.conf with the server section "mirrorsql" at
// the given TDS version and encryption, and returns the environment that
// makes FreeTDS read it.
func freeTDSConf(t *testing.T, version, encryption string) []string {
	t.Helper()
	conf := filepath.Join(t.TempDir(), "freetds.conf")
	writeFile(t, conf, "[mirrorsql]\n\thost = "+serverHost+"\n\tport = "+serverPort+
		"\n\ttds version = "+version+"\n\tencryption = "+encryption+"\n\tclient charset = UTF-8\n")
	env, _ := tdsEnv(t, version)
	return append(env, "FREETDSCONF="+conf)
}

// runFreeTDSScript runs script with interpreter against the server section
// of a freetds.conf at version and encryption, the connection in the
// environment (MIRRORSQL_DSN, MIRRORSQL_PASSWORD, MIRRORSQL_PREFIX for the
// names it creates), and compares its output with golden.
func runFreeTDSScript(t *testing.T, version, encryption, dsn, prefix, interpreter, script, golden string) {
	t.Helper()
	env := append(freeTDSConf(t, version, encryption),
		"MIRRORSQL_DSN="+dsn, "MIRRORSQL_PASSWORD="+saPassword, "MIRRORSQL_PREFIX="+prefix)
	checkGolden(t, golden, runClient(t, "", env, interpreter, script))
}

const jtdsJar = "/usr/share/java/jtds.jar"

// TestJTDS compiles testdata/jdbc/JtdsCheck.java against Debian's jTDS and
// runs it with jTDS's default TDS 8.0 (TDS 7.1: LOGIN7 without PRELOGIN),
// with TDS 7.0, with ssl=require (PRELOGIN and TLS) and with ssl=request
// (PRELOGIN ENCRYPT_OFF: only LOGIN7 is encrypted; tds/jtds.go says why its
// login response waits). The output is the same for all four. loginTimeout
// turns a login that hangs into a failure.
func TestJTDS(t *testing.T) {
	javac := needProgram(t, "javac", "default-jdk-headless")
	java := needProgram(t, "java", "default-jre-headless")
	needFile(t, jtdsJar, "libjtds-java")
	classes := t.TempDir()
	if r := runClient(t, "", nil, javac, "-d", classes, "-cp", jtdsJar, filepath.Join("testdata", "jdbc", "JtdsCheck.java")); r.code != 0 {
		t.Fatalf("javac: exit %d\n%s", r.code, r.stderr)
	}
	for _, v := range []struct{ name, props string }{
		{"TDS7.1", ""},
		{"TDS7.0", ";tds=7.0"},
		{"TLS", ";ssl=require;loginTimeout=60"},
		{"TLS login only", ";ssl=request;loginTimeout=60"},
	} {
		t.Run(v.name, func(t *testing.T) {
			r := runClient(t, "", nil, java, "-cp", classes+string(os.PathListSeparator)+jtdsJar, "JtdsCheck",
				serverHost, serverPort, saPassword, "jt", v.props)
			checkGolden(t, filepath.Join("testdata", "jdbc", "jtds.golden"), r)
		})
	}
}

// TestPHPPDODBLib runs testdata/php/pdo_dblib.php with PDO_DBLIB at TDS 7.4
// and 7.1 (no DATE/TIME types, varchar(max) as text) and with TLS
// (FreeTDS encryption = require).
func TestPHPPDODBLib(t *testing.T) {
	php := needProgram(t, "php", "php-cli")
	if out, err := exec.Command(php, "-r", `exit(in_array("dblib", PDO::getAvailableDrivers()) ? 0 : 1);`).CombinedOutput(); err != nil {
		missing(t, fmt.Sprintf("PHP has no pdo_dblib (install php-sybase; .ci/run does): %v %s", err, out))
	}
	for _, v := range []struct{ name, version, encryption string }{
		{"TDS7.4", "7.4", "off"},
		{"TDS7.1", "7.1", "off"},
		{"TLS", "7.4", "require"},
	} {
		t.Run(v.name, func(t *testing.T) {
			runFreeTDSScript(t, v.version, v.encryption, "dblib:host=mirrorsql;dbname=master;charset=UTF-8", "ph",
				php, filepath.Join("testdata", "php", "pdo_dblib.php"), filepath.Join("testdata", "php", "pdo_dblib_"+v.name+".golden"))
		})
	}
}

// TestPerlDBDSybase runs testdata/perl/dbd_sybase.pl with DBD::Sybase at TDS
// 7.1 (plain and TLS) and 7.4. From TDS 7.2 on DBD::Sybase 1.14 sizes a
// varchar(max) column's buffer at 2 GB and dies "Out of memory!", as it does
// against SQL Server (its users run it at TDS 7.1): the 7.4 run reads no
// (max) column.
func TestPerlDBDSybase(t *testing.T) {
	perl := needProgram(t, "perl", "perl")
	if out, err := exec.Command(perl, "-MDBD::Sybase", "-e", "1").CombinedOutput(); err != nil {
		missing(t, fmt.Sprintf("perl cannot load DBD::Sybase (install libdbd-sybase-perl; .ci/run does): %v %s", err, out))
	}
	for _, v := range []struct{ name, version, encryption string }{
		{"TDS7.1", "7.1", "off"},
		{"TLS", "7.1", "require"},
		{"TDS7.4", "7.4", "off"},
	} {
		t.Run(v.name, func(t *testing.T) {
			if v.version != "7.1" {
				t.Setenv("MIRRORSQL_NO_MAX", "1")
			}
			runFreeTDSScript(t, v.version, v.encryption, "dbi:Sybase:server=mirrorsql;charset=utf8", "pl",
				perl, filepath.Join("testdata", "perl", "dbd_sybase.pl"), filepath.Join("testdata", "perl", "dbd_sybase_"+v.name+".golden"))
		})
	}
}
