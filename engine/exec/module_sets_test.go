package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestModuleSets: modules created under QUOTED_IDENTIFIER OFF or ANSI_NULLS
// OFF read and run under what they captured when a session under the
// defaults (ON) uses them — procedure, scalar and table-valued functions,
// trigger, view — and a statement prepared under OFF is read again when it
// runs under ON (sp_prepare / sp_execute).
func TestModuleSets(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "qi"))
	run := func(batch string) []string {
		t.Helper()
		out := &collectOutput{}
		if err := s.ExecBatch(ctx, batch, out); err != nil {
			t.Fatalf("%s: %v", batch, err)
		}
		return out.rows
	}
	for _, b := range []string{
		"CREATE DATABASE qi",
		"USE qi",
		"CREATE TABLE dbo.t (x varchar(10) NULL)",
		"INSERT dbo.t VALUES ('col'), (NULL)",
		"CREATE TABLE dbo.log (what varchar(20))",
		"SET QUOTED_IDENTIFIER OFF",
		`CREATE PROCEDURE dbo.p AS SELECT "x" AS v`,
		`CREATE FUNCTION dbo.f () RETURNS varchar(10) AS BEGIN RETURN "x" END`,
		`CREATE FUNCTION dbo.tvf () RETURNS TABLE AS RETURN SELECT "x" AS v`,
		`CREATE FUNCTION dbo.mtvf () RETURNS @r TABLE (v varchar(10)) AS BEGIN INSERT @r VALUES ("x") RETURN END`,
		`CREATE VIEW dbo.v AS SELECT "x" AS v FROM dbo.t WHERE x = "col"`,
		`CREATE TRIGGER dbo.tr ON dbo.t AFTER INSERT AS INSERT dbo.log VALUES ("trigger")`,
		"SET QUOTED_IDENTIFIER ON",
		"SET ANSI_NULLS OFF",
		"CREATE PROCEDURE dbo.nulls AS SET ANSI_NULLS ON; SELECT COUNT(*) AS n FROM dbo.t WHERE x = NULL",
		"SET ANSI_NULLS ON",
	} {
		run(b)
	}
	tests := []struct {
		batch string
		want  string // rows joined by ";", result-set headers left out
	}{
		{"EXEC dbo.p", "x"},
		{"SELECT dbo.f()", "x"},
		{"SELECT v FROM dbo.tvf()", "x"},
		{"SELECT v FROM dbo.mtvf()", "x"},
		{"SELECT v FROM dbo.v", "x"},
		{"INSERT dbo.t VALUES ('new'); SELECT what FROM dbo.log", "trigger"},
		{"EXEC dbo.nulls", "1"},
		{"SELECT COUNT(*) FROM dbo.t WHERE x = NULL", "0"},
		{`SELECT "x" FROM dbo.t WHERE x = 'col'`, "col"},
		{"SELECT SESSIONPROPERTY('QUOTED_IDENTIFIER'), SESSIONPROPERTY('ANSI_NULLS')", "1|1"},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range run(tt.batch) {
			if r != "--" {
				got = append(got, r)
			}
		}
		if g := strings.Join(got, ";"); g != tt.want {
			t.Errorf("%s under ON = %q, want %q", tt.batch, g, tt.want)
		}
	}

	run("SET QUOTED_IDENTIFIER OFF")
	h, err := s.Prepare("", `SELECT "x" FROM dbo.t WHERE x = 'col'`)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ set, want string }{{"", "x"}, {"SET QUOTED_IDENTIFIER ON", "col"}, {"SET QUOTED_IDENTIFIER OFF", "x"}} {
		if step.set != "" {
			run(step.set)
		}
		out := &collectOutput{}
		if err := s.ExecutePrepared(ctx, h, []*exec.ProcArg{}, out); err != nil {
			t.Fatal(err)
		}
		if len(out.rows) != 2 || out.rows[1] != step.want {
			t.Errorf("sp_execute after %q = %q, want %q", step.set, out.rows, step.want)
		}
	}
}
