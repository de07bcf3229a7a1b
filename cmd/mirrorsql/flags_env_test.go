package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestServeAndDemoFlagsHaveEnvVars: every flag of serve and demo can also be
// set from the environment (the issue's program contract: "--help documents
// every flag with its environment variable"), and --help names the variable.
func TestServeAndDemoFlagsHaveEnvVars(t *testing.T) {
	app := newApp()
	for _, name := range []string{"serve", "demo"} {
		cmd := app.Command(name)
		if cmd == nil {
			t.Fatalf("no %s command", name)
		}
		var help bytes.Buffer
		a := newApp()
		a.Writer = &help
		if err := a.Run([]string{"mirrorsql", name, "--help"}); err != nil {
			t.Fatalf("%s --help: %v", name, err)
		}
		for _, f := range cmd.Flags {
			if f.Names()[0] == "help" {
				continue
			}
			if h, ok := f.(interface{ IsVisible() bool }); ok && !h.IsVisible() {
				continue // hidden (--pprof): not in --help by design
			}
			ev, ok := f.(interface{ GetEnvVars() []string })
			if !ok || len(ev.GetEnvVars()) == 0 {
				t.Errorf("%s --%s has no environment variable", name, f.Names()[0])
				continue
			}
			for _, v := range ev.GetEnvVars() {
				if !strings.Contains(help.String(), "$"+v) {
					t.Errorf("%s --help does not name $%s for --%s", name, v, f.Names()[0])
				}
			}
		}
	}
}
