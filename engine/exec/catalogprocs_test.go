package exec_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// catTrace records result sets as a header line of column names ("# a|b")
// and one line per row, and errors as "error N: message".
type catTrace struct{ lines []string }

func (o *catTrace) Columns(cols []exec.ResultColumn) error {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	o.lines = append(o.lines, "# "+strings.Join(names, "|"))
	return nil
}
func (o *catTrace) Row(r exec.Row) error {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = v.String()
		if v.IsNull() {
			parts[i] = "NULL"
		}
	}
	o.lines = append(o.lines, strings.Join(parts, "|"))
	return nil
}
func (o *catTrace) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (o *catTrace) Message(*exec.Error) error                    { return nil }
func (o *catTrace) Error(err error) error {
	var e *exec.Error
	if errors.As(err, &e) {
		o.lines = append(o.lines, fmt.Sprintf("error %d: %s", e.Number, e.Message))
		return nil
	}
	return err
}
func (o *catTrace) Transaction(exec.TranEvent, uint64) error { return nil }
func (o *catTrace) DatabaseChanged(string, string) error     { return nil }
func (o *catTrace) ReturnStatus(int32) error                 { return nil }

// catalogProcsSetup is the schema the catalog procedure tests describe.
var catalogProcsSetup = []string{
	"CREATE DATABASE cp",
	"USE cp",
	"CREATE SCHEMA sales",
	"CREATE TABLE dbo.parent (id int NOT NULL, code char(3) NOT NULL, name nvarchar(40) NULL, CONSTRAINT pk_parent PRIMARY KEY (id, code))",
	"CREATE TABLE dbo.child (cid int IDENTITY NOT NULL CONSTRAINT pk_child PRIMARY KEY NONCLUSTERED, pid int NULL, pcode char(3) NULL, " +
		"amount decimal(9,2) NULL, at datetime NULL, ver rowversion, " +
		"CONSTRAINT fk_child_parent FOREIGN KEY (pid, pcode) REFERENCES dbo.parent (id, code) ON DELETE CASCADE, " +
		"CONSTRAINT ux_child_amount UNIQUE CLUSTERED (amount DESC, cid))",
	"CREATE INDEX ix_child_pid ON dbo.child (pid)",
	"CREATE TABLE sales.nokey (a int NULL, b int NOT NULL, CONSTRAINT uq_nokey UNIQUE (b))",
	"INSERT dbo.parent VALUES (1, 'abc', N'one'), (2, 'def', NULL)",
	"INSERT dbo.child (pid, pcode, amount) VALUES (1, 'abc', 10.5)",
	"CREATE PROCEDURE dbo.get_child @cid int, @total decimal(9,2) OUTPUT, @since datetime = NULL AS SELECT 1",
	"CREATE FUNCTION sales.twice (@v bigint) RETURNS bigint AS BEGIN RETURN @v * 2 END",
	"CREATE LOGIN cpapp WITH PASSWORD = 'Passw0rd!cp'",
	"CREATE USER cpapp FOR LOGIN cpapp",
	"GRANT SELECT ON dbo.child TO cpapp WITH GRANT OPTION",
	"CREATE DATABASE cp2",
	"CREATE TABLE cp2.dbo.other (k int NOT NULL CONSTRAINT pk_other PRIMARY KEY)",
}

// TestCatalogProcs runs the ODBC catalog procedures in-process against a
// small schema and compares their result sets (column names and rows)
// with SQL Server's shapes.
func TestCatalogProcs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "catprocs")
	sa := newSASession(t, inst)
	for _, q := range catalogProcsSetup {
		out := &catTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || len(out.lines) > 0 {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	app, err := inst.NewSession("cpapp", "cp", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range catalogProcsCases {
		t.Run(c.name, func(t *testing.T) {
			s := sa
			if c.asApp {
				s = app
			}
			out := &catTrace{}
			if err := s.ExecBatch(ctx, c.q, out); err != nil {
				if err := out.Error(err); err != nil {
					t.Fatal(err)
				}
			}
			got := strings.Join(out.lines, "\n")
			if want := strings.TrimSpace(c.want); got != want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.q, got, want)
			}
		})
	}
}
