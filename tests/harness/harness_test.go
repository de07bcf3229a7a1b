package harness_test

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// TestStartStopRestart checks the harness's own life cycle: start, query,
// SIGTERM, restart, SIGKILL, restart, with the data surviving.
func TestStartStopRestart(t *testing.T) {
	s := harness.Start(t, harness.Options{Name: "h1"})
	db := s.DB("master")
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	harness.MustRunScript(t, conn, "CREATE TABLE dbo.h (a int)\nGO\nINSERT dbo.h VALUES (1)\nGO 3\n")
	conn.Close()
	count := func() int {
		t.Helper()
		var n int
		if err := s.DB("master").QueryRow("SELECT COUNT(*) FROM dbo.h").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 3 {
		t.Fatalf("rows = %d, want 3 (GO 3)", n)
	}
	var name string
	if err := db.QueryRow("SELECT @@SERVERNAME").Scan(&name); err != nil || name != "h1" {
		t.Fatalf("@@SERVERNAME = %q, %v; want h1", name, err)
	}
	s.Stop()
	if s.Running() {
		t.Fatal("running after Stop")
	}
	s.Restart()
	if n := count(); n != 3 {
		t.Fatalf("after SIGTERM restart rows = %d, want 3", n)
	}
	s.Kill()
	s.Restart()
	if n := count(); n != 3 {
		t.Fatalf("after SIGKILL restart rows = %d, want 3", n)
	}
}

func TestRunScriptError(t *testing.T) {
	s := harness.Start(t, harness.Options{})
	err := harness.RunScript(context.Background(), s.DB("master"), "SELECT 1\nGO\nSELECT * FROM dbo.nope\nGO\n")
	if err == nil {
		t.Fatal("want error for missing table")
	}
	t.Log(err)
}

func TestTrio(t *testing.T) {
	trio := harness.StartTrio(t)
	want := []string{"principal", "mirror", "witness"}
	ports := map[int]bool{}
	for i, s := range trio.Each() {
		var name string
		if err := s.DB("master").QueryRow("SELECT @@SERVERNAME").Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != want[i] {
			t.Errorf("server %d: @@SERVERNAME = %q, want %q", i, name, want[i])
		}
		ports[s.Port] = true
	}
	if len(ports) != 3 {
		t.Errorf("servers share ports: %v", ports)
	}
}

func TestDSNFor(t *testing.T) {
	got := harness.DSNFor("127.0.0.1:1433", "sa", "p@ss word", "db", "encrypt=true", "trustservercertificate=true")
	want := "sqlserver://sa:p%40ss%20word@127.0.0.1:1433?database=db&dial+timeout=5&encrypt=true&trustservercertificate=true"
	if got != want {
		t.Fatalf("DSNFor = %s, want %s", got, want)
	}
}

func TestWaitForAndQueryString(t *testing.T) {
	s := harness.Start(t, harness.Options{})
	db := s.DB("master")
	harness.MustExec(t, db, "CREATE TABLE dbo.w (a int)")
	n := 0
	harness.WaitFor(t, "three polls", time.Minute, func() (bool, error) {
		n++
		harness.MustExec(t, db, "INSERT dbo.w VALUES (1)")
		v, err := harness.QueryString(context.Background(), db, "SELECT COUNT(*) FROM dbo.w")
		return v == "3", err
	})
	if n != 3 {
		t.Fatalf("cond called %d times, want 3", n)
	}
}
