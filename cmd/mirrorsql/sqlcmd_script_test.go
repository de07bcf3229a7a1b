package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeRunner records batches; a batch containing a key of results gets that result.
type fakeRunner struct {
	batches []string
	results map[string]batchResult
}

func (f *fakeRunner) RunBatch(_ context.Context, text string) batchResult {
	f.batches = append(f.batches, text)
	for k, r := range f.results {
		if strings.Contains(text, k) {
			return r
		}
	}
	return batchResult{}
}

func TestProcessorScripts(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "inc.sql"), "select 'included'\n:setvar fromInc yes\n")
	mustWrite(t, filepath.Join(dir, "self.sql"), ":r "+filepath.Join(dir, "self.sql")+"\n")
	inc := filepath.Join(dir, "inc.sql")
	env := map[string]string{"HOMEVAR": "fromenv"}
	sev16 := batchResult{MaxSeverity: 16}
	tests := []struct {
		name        string
		script      string
		exitOnError bool
		results     map[string]batchResult
		wantBatches []string
		wantCode    int
		wantOut     string
	}{
		{name: "trailing batch without GO", script: "select 1", wantBatches: []string{"select 1\n"}},
		{name: "GO splits", script: "select 1\nGO\nselect 2\ngo\n", wantBatches: []string{"select 1\n", "select 2\n"}},
		{name: "GO n repeats", script: "insert t values (1)\nGO 3\n", wantBatches: []string{"insert t values (1)\n", "insert t values (1)\n", "insert t values (1)\n"}},
		{name: "GO with comment and blanks", script: "select 1\n  Go -- end\n\nGO\n", wantBatches: []string{"select 1\n"}},
		{name: "GO inside a string is text", script: "select 'a\nGO\nb'\nGO\n", wantBatches: []string{"select 'a\nGO\nb'\n"}},
		{name: "GO inside a block comment is text", script: "/* x\nGO\n*/ select 1\nGO\n", wantBatches: []string{"/* x\nGO\n*/ select 1\n"}},
		{name: "GO after a line comment quote", script: "select 1 -- it's\nGO\n", wantBatches: []string{"select 1 -- it's\n"}},
		{name: "go as an identifier prefix is text", script: "select * from gotable\ngoto_label:\nGO\n", wantBatches: []string{"select * from gotable\ngoto_label:\n"}},
		{name: "setvar and substitution", script: ":setvar db master\n:setvar Greeting \"hello there\"\nuse $(DB)\nselect '$(greeting)'\nGO\n",
			wantBatches: []string{"use master\nselect 'hello there'\n"}},
		{name: "GO count from variable", script: ":setvar n 2\nselect 1\nGO $(n)\n", wantBatches: []string{"select 1\n", "select 1\n"}},
		{name: "environment variable", script: "select '$(HOMEVAR)'\n", wantBatches: []string{"select 'fromenv'\n"}},
		{name: "setvar without value removes", script: ":setvar x 1\n:setvar x\nselect '$(x)'\nGO\nselect 2\n",
			wantBatches: []string{"select 2\n"}, wantOut: "Sqlcmd: Error: 'x' scripting variable not defined.\n"},
		{name: "undefined variable under -b stops", script: "select $(nope)\nGO\nselect 2\n", exitOnError: true,
			wantCode: 1, wantOut: "Sqlcmd: Error: 'nope' scripting variable not defined.\n"},
		{name: "dollar without name is text", script: "select '$(', '$( x)', '$'\n", wantBatches: []string{"select '$(', '$( x)', '$'\n"}},
		{name: "setvar syntax error", script: ":setvar a b c\n", wantOut: "Sqlcmd: Error: Syntax error at line 1 near command ':SETVAR'.\n"},
		{name: "include continues the batch", script: "select 0\n:r " + inc + "\nselect '$(fromInc)'\nGO\n",
			wantBatches: []string{"select 0\nselect 'included'\nselect 'yes'\n"}},
		{name: "include quoted name", script: ":r \"" + inc + "\"\nGO\n", wantBatches: []string{"select 'included'\n"}},
		{name: "include missing file", script: ":r " + filepath.Join(dir, "missing.sql") + "\nselect 1\n", exitOnError: true, wantCode: 1,
			wantOut: "Sqlcmd: Error: Error occurred while opening or operating on file "},
		{name: "include recursion is bounded", script: ":r " + filepath.Join(dir, "self.sql") + "\n", wantOut: ":r nesting deeper than 32"},
		{name: "error without -b continues", script: "select * from nope\nGO\nselect 2\n", results: map[string]batchResult{"nope": sev16},
			wantBatches: []string{"select * from nope\n", "select 2\n"}},
		{name: "error with -b exits 1", script: "select * from nope\nGO\nselect 2\n", exitOnError: true, results: map[string]batchResult{"nope": sev16},
			wantBatches: []string{"select * from nope\n"}, wantCode: 1},
		{name: "severity 10 is not an error", script: "raiserror('i',10,1)\nGO\nselect 2\n", exitOnError: true, results: map[string]batchResult{"raiserror": {MaxSeverity: 10}},
			wantBatches: []string{"raiserror('i',10,1)\n", "select 2\n"}},
		{name: "on error exit", script: ":on error exit\nselect * from nope\nGO\nselect 2\n", results: map[string]batchResult{"nope": sev16},
			wantBatches: []string{"select * from nope\n"}, wantCode: 1},
		{name: "on error ignore", script: ":ON ERROR ignore\nselect * from nope\nGO\nselect 2\n", exitOnError: true, results: map[string]batchResult{"nope": sev16},
			wantBatches: []string{"select * from nope\n", "select 2\n"}},
		{name: "state 127 exit code", script: "raiserror('x',16,127)\nGO\nselect 2\n", results: map[string]batchResult{"raiserror": {MaxSeverity: 16, ExitCode: 50000}},
			wantBatches: []string{"raiserror('x',16,127)\n"}, wantCode: 50000},
		{name: "fatal error stops", script: "select 1\nGO\nselect 2\n", results: map[string]batchResult{"select 1": {Fatal: errors.New("connection reset")}},
			wantBatches: []string{"select 1\n"}, wantCode: 1, wantOut: "Sqlcmd: Error: connection reset.\n"},
		{name: "quit drops the buffer", script: "select 1\n:quit\nselect 2\n"},
		{name: "bare exit drops the buffer", script: "select 1\nexit\nselect 2\n"},
		{name: "exit() runs the buffer", script: "select 1\n:exit()\nselect 2\n", wantBatches: []string{"select 1\n"}},
		{name: "exit(query) sets the code", script: "select 1\nEXIT(select 42)\n", results: map[string]batchResult{"42": {First: "42", HasFirst: true}},
			wantBatches: []string{"select 1\n", "select 42"}, wantCode: 42},
		{name: "reset clears the buffer", script: "select 1\n:reset\nselect 2\nGO\n", wantBatches: []string{"select 2\n"}},
		{name: "command inside a string is text", script: "select '\n:quit\n'\nGO\n", wantBatches: []string{"select '\n:quit\n'\n"}},
		{name: "unknown command", script: ":bogus\n", wantOut: "Sqlcmd: Error: Syntax error at line 1 near command ':BOGUS'.\n"},
		{name: "CRLF and BOM", script: "\ufeffselect 1\r\nGO\r\n", wantBatches: []string{"select 1\n"}},
		{name: "blank batches are not sent", script: "\nGO\n  \nGO\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &fakeRunner{results: tt.results}
			var out bytes.Buffer
			p := newProcessor(r, &out, func(k string) string { return env[k] })
			p.exitOnError = tt.exitOnError
			p.runText(context.Background(), "test", tt.script)
			if !reflect.DeepEqual(r.batches, tt.wantBatches) {
				t.Errorf("batches = %q, want %q", r.batches, tt.wantBatches)
			}
			if p.exitCode != tt.wantCode {
				t.Errorf("exit code = %d, want %d", p.exitCode, tt.wantCode)
			}
			if !strings.Contains(out.String(), tt.wantOut) || (tt.wantOut == "" && out.Len() > 0) {
				t.Errorf("output = %q, want %q", out.String(), tt.wantOut)
			}
		})
	}
}

func TestProcessorEchoAndFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.sql"), filepath.Join(dir, "b.sql")
	mustWrite(t, a, "select 'a'\nGO\nselect 'a2'")
	mustWrite(t, b, "select 'b'\n")
	r := &fakeRunner{}
	var out bytes.Buffer
	p := newProcessor(r, &out, noEnv)
	p.echo = true
	for _, f := range []string{a, b} {
		if p.runFile(context.Background(), f) {
			t.Fatalf("runFile(%s) stopped", f)
		}
	}
	want := []string{"select 'a'\n", "select 'a2'\n", "select 'b'\n"}
	if !reflect.DeepEqual(r.batches, want) {
		t.Errorf("batches = %q, want %q", r.batches, want)
	}
	if got := out.String(); got != strings.Join(want, "") {
		t.Errorf("echo = %q", got)
	}
	if !p.runFile(context.Background(), filepath.Join(dir, "none.sql")) || p.exitCode != 1 {
		t.Errorf("missing input file: exit code %d, want stop with 1", p.exitCode)
	}
}

func TestSubstitute(t *testing.T) {
	v := newSqlcmdVars(func(k string) string { return map[string]string{"PATH_X": "/p"}[k] })
	v.set("a", "1")
	v.set("Name", "$(a)")
	tests := []struct{ in, want, err string }{
		{"plain", "plain", ""},
		{"$(a)$(A)", "11", ""},
		{"x $(name) y", "x $(a) y", ""}, // values are not substituted again
		{"$(path_x)", "/p", ""},         // names are case-insensitive; the environment is tried upper-cased
		{"$(PATH_X)", "/p", ""},
		{"$(a", "$(a", ""},
		{"$(1x)", "$(1x)", ""},
		{"$(missing)", "", "'missing' scripting variable not defined."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := v.substitute(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("substitute(%q) error = %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("substitute(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestGoCount(t *testing.T) {
	tests := []struct {
		line string
		n    int
		ok   bool
	}{
		{"GO", 1, true}, {"go", 1, true}, {"GO 5", 5, true}, {"  GO\t-- c", 1, true},
		{"GO 0", 0, false}, {"GOTO x", 0, false}, {"GO x", 0, false}, {"select 1", 0, false},
	}
	for _, tt := range tests {
		if n, ok := goCount(tt.line); n != tt.n || ok != tt.ok {
			t.Errorf("goCount(%q) = %d, %v; want %d, %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

func mustWrite(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// FuzzProcessor feeds arbitrary scripts to the processor: it must not panic,
// must never send a blank batch, and must be deterministic. :r is disabled.
func FuzzProcessor(f *testing.F) {
	for _, s := range []string{
		"select 1\nGO 2\n", ":setvar a 1\nselect $(a)\n", "select '\nGO\n'\nGO", "/* /* */ GO\n*/\nGO",
		":on error exit\n:exit(select 1)\n", ":r x.sql\n", "select [a]]b]\n:quit\n", "$($(a))\n:setvar \"x\n",
		"select 1 -- '\n:reset\nexit\n", "\ufeffGO\r\n:listvar\n:setvar b \"q\"\"q\"\nselect '$(b)'",
	} {
		f.Add(s)
	}
	run := func(script string) ([]string, int, string) {
		r := &fakeRunner{results: map[string]batchResult{"1": {MaxSeverity: 16}, "exit": {First: "7", HasFirst: true}}}
		var out bytes.Buffer
		p := newProcessor(r, &out, noEnv)
		p.open = func(string) (io.ReadCloser, error) { return nil, os.ErrNotExist }
		p.runText(context.Background(), "fuzz", script)
		return r.batches, p.exitCode, out.String()
	}
	f.Fuzz(func(t *testing.T, script string) {
		b1, c1, o1 := run(script)
		for _, b := range b1 {
			if strings.TrimSpace(b) == "" {
				t.Fatalf("blank batch sent for %q", script)
			}
		}
		b2, c2, o2 := run(script)
		if !reflect.DeepEqual(b1, b2) || c1 != c2 || o1 != o2 {
			t.Fatalf("non-deterministic result for %q", script)
		}
	})
}
