package tests

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/mirrorsql/mirrorsql"

// allowedImports lists, for each package prefix (relative to the module), the
// prefixes of this module it may import. The first matching rule (longest prefix)
// applies; packages with no rule may import nothing of ours. These are the
// dependency rules of docs/conventions.md, turned into a failing test.
var allowedImports = map[string][]string{
	"cmd":            {"engine", "mirroring", "tds", "catalog", "tsql"},
	"engine/session": {"engine", "tds", "tsql", "catalog"},
	"engine/exec":    {"tsql", "catalog", "engine/txn", "engine/storage", "engine/txlog", "engine/exec"},
	"engine/storage": {"engine/txlog", "catalog", "engine/storage"},
	"engine/txlog":   {"engine/txlog"},
	"engine/txn":     {"engine/txlog", "engine/txn"},
	"engine":         {"engine", "tsql", "catalog"},
	"mirroring":      {"mirroring", "engine/txlog"},
	"catalog/types":  {"catalog/types"},
	"catalog":        {"catalog"},
	"tds":            {"tds"},
	"tsql":           {"tsql"},
	"tests":          {"engine", "mirroring", "tds", "catalog", "tsql", "cmd", "tests"},
}

func ruleFor(pkg string) (string, []string) {
	best := ""
	for prefix := range allowedImports {
		if (pkg == prefix || strings.HasPrefix(pkg, prefix+"/")) && len(prefix) > len(best) {
			best = prefix
		}
	}
	return best, allowedImports[best]
}

func within(pkg, prefix string) bool {
	return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
}

// TestDependencyDirection fails when a package imports one of ours that the layering
// forbids, e.g. tds importing tsql or mirroring importing engine.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		rule, allowed := ruleFor(pkg)
		checked++
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(imp, module+"/")
			ok := false
			for _, a := range allowed {
				if within(dep, a) {
					ok = true
					break
				}
			}
			// A package never may import engine when it is part of mirroring, even via
			// the broad "engine" allowance, except engine/txlog.
			if within(pkg, "mirroring") && within(dep, "engine") && !within(dep, "engine/txlog") {
				ok = false
			}
			if !ok {
				t.Errorf("%s (rule %q) imports %s, which the layering forbids", pkg, rule, dep)
			}
		}
	}
	if checked == 0 {
		t.Fatal("go list returned no packages")
	}
}

// TestThirdPartyPlacement keeps each third-party module where the design allows it.
func TestThirdPartyPlacement(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	only := map[string][]string{
		"github.com/dgraph-io/badger/v4":      {"engine/storage", "engine/backup"},
		"github.com/urfave/cli/v2":            {"cmd"},
		"github.com/microsoft/go-mssqldb":     {"tests", "cmd/mirrorsql"},
		"github.com/xwb1989/sqlparser":        {"tsql/internal/bench"},
		"github.com/jackc/pgx/v5":             {"tests/bench"},
		"github.com/cockroachdb/datadriven":   {"tests"},
		"github.com/prometheus/client_golang": {"engine/metrics", "tests"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		for _, imp := range fields[1:] {
			for mod, places := range only {
				if !strings.HasPrefix(imp, mod) {
					continue
				}
				ok := false
				for _, p := range places {
					if within(pkg, p) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s imports %s outside %v", pkg, mod, places)
				}
			}
		}
	}
}
