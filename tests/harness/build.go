// Package harness starts real mirrorsql server processes for end-to-end tests
// and connects go-mssqldb clients to them.
//
// The binary is built once per test process (Binary) into a temporary
// directory; each Server runs it on a free loopback port with its own data
// directory. Servers are stopped and their stderr is written to the test log
// on failure by a t.Cleanup registered in Start. The package is meant to be
// shared by every e2e suite (scripts, client, durability, mirroring).
//
// Concurrency: a Server is used by one test goroutine for control (Start,
// Stop, Kill, Restart); the *sql.DB values it returns are safe for concurrent
// use as usual.
package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Module is the import path of the mirrorsql module.
const Module = "github.com/mirrorsql/mirrorsql"

var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
	buildDir  string
)

// Binary returns the path of a mirrorsql binary, building it on first use
// with `go build` (cached for the rest of the process). MIRRORSQL_BIN, when
// set, names a prebuilt binary to use instead.
func Binary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		if p := os.Getenv("MIRRORSQL_BIN"); p != "" {
			buildPath = p
			return
		}
		buildDir, buildErr = os.MkdirTemp("", "mirrorsql-bin-")
		if buildErr != nil {
			return
		}
		buildPath = filepath.Join(buildDir, "mirrorsql")
		cmd := exec.Command("go", "build", "-o", buildPath, Module+"/cmd/mirrorsql")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build %s/cmd/mirrorsql: %v\n%s", Module, err, strings.TrimSpace(string(out)))
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return buildPath
}

// Main runs the tests of a package that uses the harness and removes the
// built binary afterwards, then runs cleanups. Use it from TestMain:
//
//	func TestMain(m *testing.M) { harness.Main(m) }
func Main(m *testing.M, cleanups ...func()) {
	code := m.Run()
	for _, f := range cleanups {
		f()
	}
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	for _, dir := range releaseCleanup {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
