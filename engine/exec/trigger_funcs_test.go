package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestTriggerFuncs: TRIGGER_NESTLEVEL and COLUMNS_UPDATED (both 195 before
// trigger_funcs.go) and the RECURSIVE_TRIGGERS option (ignored before: a
// trigger's write to its own table never fired it again).
func TestTriggerFuncs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "trgfuncs"))
	for _, q := range []string{
		"CREATE DATABASE trgfuncs",
		"USE trgfuncs",
		"CREATE TABLE dbo.t (c1 int, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int, c8 int, c9 int)",
		"CREATE TABLE dbo.log (lvl int, cols varbinary(10))",
		"CREATE TABLE dbo.inner_t (a int)",
		"CREATE TRIGGER dbo.trt ON dbo.t AFTER INSERT, UPDATE AS INSERT dbo.log VALUES (TRIGGER_NESTLEVEL(), COLUMNS_UPDATED()); INSERT dbo.inner_t VALUES (1)",
		"CREATE TRIGGER dbo.tri ON dbo.inner_t AFTER INSERT AS INSERT dbo.log VALUES (TRIGGER_NESTLEVEL() * 10 + TRIGGER_NESTLEVEL(OBJECT_ID('dbo.trt')), NULL)",
		"INSERT dbo.t (c1) VALUES (1)",
		"UPDATE dbo.t SET c9 = 9, c2 = 2",
		"CREATE TABLE dbo.rec (n int)",
		"CREATE TRIGGER dbo.trrec ON dbo.rec AFTER INSERT AS IF TRIGGER_NESTLEVEL(OBJECT_ID('dbo.trrec'), 'AFTER', 'DML') < 4 INSERT dbo.rec SELECT n + 1 FROM inserted",
		"INSERT dbo.rec VALUES (1)",
		"ALTER DATABASE trgfuncs SET RECURSIVE_TRIGGERS ON",
		"INSERT dbo.rec VALUES (10)",
	} {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, l := range out.lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("%s: %s", q, l)
			}
		}
	}
	for _, c := range []struct{ q, want string }{
		{"SELECT STRING_AGG(CONCAT(lvl, ':', CONVERT(varchar(20), cols, 1)), ',') FROM dbo.log", "1:0xFF01,21:,1:0x0201,21:"},
		{"SELECT TRIGGER_NESTLEVEL()", "0"},
		// OFF: 1 and its trigger's 2; ON: 10 recursing to 13 (level 4 stops).
		{"SELECT STRING_AGG(n, ',') WITHIN GROUP (ORDER BY n) FROM dbo.rec", "1,2,10,11,12,13"},
	} {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, c.q, out); err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		if len(out.lines) != 2 || out.lines[1] != c.want {
			t.Errorf("%s: got %q, want %q", c.q, out.lines, c.want)
		}
	}
}
