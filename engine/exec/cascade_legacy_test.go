package exec_test

import (
	"context"
	"testing"
)

// TestLegacyCascadeCycle: a foreign key CREATE TABLE now refuses with 1785
// (a self-referencing or cyclic cascading action) that a catalog made
// before the check still holds fails the statement that would fire its
// action with 1785, before any row changes — where it recursed once per
// row of a hierarchy, and forever (a stack overflow ends the process) for
// a row that references itself.
func TestLegacyCascadeCycle(t *testing.T) {
	const nodeTable = "CREATE TABLE dbo.node (id int NOT NULL PRIMARY KEY, parent int NULL CONSTRAINT fk_parent REFERENCES dbo.node (id))"
	const selfRef = "Introducing FOREIGN KEY constraint 'fk_parent' on table 'node' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints."
	cases := []struct {
		name      string
		setup     []string
		table, fk string
		onDelete  string
		onUpdate  string
		stmt      string
		wantErr   string
		check     string // a query whose one value must be want
		want      string
	}{
		{
			name: "self delete cascade, hierarchy",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL), (2, 1), (3, 2), (4, 3)"},
			table: "node", fk: "fk_parent", onDelete: "CASCADE",
			stmt: "DELETE FROM dbo.node WHERE id = 1", wantErr: "error 1785/16/0: " + selfRef,
			check: "SELECT COUNT(*) FROM dbo.node", want: "4",
		},
		{
			name: "self delete cascade, a row that references itself",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL)", "UPDATE dbo.node SET parent = 1"},
			table: "node", fk: "fk_parent", onDelete: "CASCADE",
			stmt: "DELETE FROM dbo.node", wantErr: "error 1785/16/0: " + selfRef,
			check: "SELECT COUNT(*) FROM dbo.node", want: "1",
		},
		{
			name: "self delete cascade, a leaf row",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL), (2, 1)"},
			table: "node", fk: "fk_parent", onDelete: "CASCADE",
			stmt: "DELETE FROM dbo.node WHERE id = 2", wantErr: "error 1785/16/0: " + selfRef,
			check: "SELECT COUNT(*) FROM dbo.node", want: "2",
		},
		{
			name: "self update cascade",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL), (2, 1)", "UPDATE dbo.node SET parent = 1"},
			table: "node", fk: "fk_parent", onUpdate: "CASCADE",
			stmt: "UPDATE dbo.node SET id = 10 WHERE id = 1", wantErr: "error 1785/16/0: " + selfRef,
			check: "SELECT SUM(id) FROM dbo.node", want: "3",
		},
		{
			name: "self delete set null",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL), (2, 1)"},
			table: "node", fk: "fk_parent", onDelete: "SET_NULL",
			stmt: "DELETE FROM dbo.node WHERE id = 1", wantErr: "error 1785/16/0: " + selfRef,
			check: "SELECT COUNT(parent) FROM dbo.node", want: "1",
		},
		{
			name: "cycle of two tables",
			setup: []string{"CREATE TABLE dbo.a (id int NOT NULL PRIMARY KEY, b_id int NULL)",
				"CREATE TABLE dbo.b (id int NOT NULL PRIMARY KEY, a_id int NULL CONSTRAINT fk_b_a REFERENCES dbo.a (id) ON DELETE CASCADE)",
				"ALTER TABLE dbo.a ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES dbo.b (id)",
				"INSERT dbo.a VALUES (1, NULL) INSERT dbo.b VALUES (1, 1) UPDATE dbo.a SET b_id = 1"},
			table: "a", fk: "fk_a_b", onDelete: "CASCADE",
			stmt: "DELETE FROM dbo.a", wantErr: "error 1785/16/0: Introducing FOREIGN KEY constraint 'fk_a_b' on table 'a' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.",
			check: "SELECT (SELECT COUNT(*) FROM dbo.a) + (SELECT COUNT(*) FROM dbo.b)", want: "2",
		},
		{
			name: "no action is untouched",
			setup: []string{nodeTable,
				"INSERT dbo.node VALUES (1, NULL), (2, 1)"},
			table: "node", fk: "fk_parent", onDelete: "NO_ACTION",
			stmt:  "DELETE FROM dbo.node WHERE id = 2",
			check: "SELECT COUNT(*) FROM dbo.node", want: "1",
		},
	}
	ctx := context.Background()
	inst := openExecTestInstance(t, "legacycascade")
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSASession(t, inst)
			db := "legacy" + string(rune('a'+i))
			mustTrace(ctx, t, s, "CREATE DATABASE "+db)
			mustTrace(ctx, t, s, "USE "+db)
			for _, q := range tc.setup {
				mustTrace(ctx, t, s, q)
			}
			if !s.SetForeignKeyActions(tc.table, tc.fk, tc.onDelete, tc.onUpdate) {
				t.Fatalf("no foreign key %s on %s", tc.fk, tc.table)
			}
			gotErr, lines := lastError(ctx, t, s, tc.stmt) // fk_statement_end_test.go
			if gotErr != tc.wantErr {
				t.Errorf("%s:\n got %q\nwant %q\n(%v)", tc.stmt, gotErr, tc.wantErr, lines)
			}
			lines = mustTrace(ctx, t, s, tc.check)
			if len(lines) < 2 || lines[1] != tc.want {
				t.Errorf("%s: %v, want %s", tc.check, lines, tc.want)
			}
		})
	}
}
