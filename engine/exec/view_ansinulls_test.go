package exec_test

import "testing"

// TestViewAnsiNullsCaptured: a view compiles under the ANSI_NULLS it was
// created under (sys.sql_modules.uses_ansi_nulls), whatever the caller's,
// as SQL Server expands it (issue #5): WHERE c = NULL in a view made under
// OFF finds the NULL rows for a caller under ON, and the same view made
// under ON finds none for a caller under OFF. A filter the caller writes
// keeps the caller's setting: = @v with @v NULL under OFF still finds the
// NULL rows of a view made under ON (it may not go into the view, which
// would judge it under ON).
func TestViewAnsiNullsCaptured(t *testing.T) {
	p := newPlanProbe(t, "viewansinulls")
	p.run(`CREATE TABLE dbo.an (id int NOT NULL PRIMARY KEY, c varchar(10) NULL)`)
	p.run(`INSERT dbo.an VALUES (1, 'a'), (2, NULL), (3, 'b'), (4, NULL)`)
	p.run("SET ANSI_NULLS OFF")
	p.run(`CREATE VIEW dbo.vOff AS SELECT id FROM dbo.an WHERE c = NULL`)
	p.run(`CREATE VIEW dbo.vOffNe AS SELECT id FROM dbo.an WHERE c <> NULL`)
	p.run("SET ANSI_NULLS ON")
	p.run(`CREATE VIEW dbo.vOn AS SELECT id FROM dbo.an WHERE c = NULL`)
	p.run(`CREATE VIEW dbo.vAll AS SELECT id, c FROM dbo.an`)
	for _, tc := range []struct{ name, q, want string }{
		{"OFF view, ON caller", `SET ANSI_NULLS ON; SELECT id FROM dbo.vOff ORDER BY id`, "2,4"},
		{"OFF view <>, ON caller", `SET ANSI_NULLS ON; SELECT id FROM dbo.vOffNe ORDER BY id`, "1,3"},
		{"ON view, OFF caller", `SET ANSI_NULLS OFF; SELECT COUNT(*) FROM dbo.vOn; SET ANSI_NULLS ON`, "0"},
		{"OFF view joined, ON caller", `SET ANSI_NULLS ON; SELECT a.id FROM dbo.an a JOIN dbo.vOff v ON v.id = a.id ORDER BY a.id`, "2,4"},
		{"OFF view in a subquery", `SET ANSI_NULLS ON; SELECT COUNT(*) FROM dbo.an WHERE id IN (SELECT id FROM dbo.vOff)`, "2"},
		{"the caller's filter under OFF on an ON view", `SET ANSI_NULLS OFF; DECLARE @v varchar(10) = NULL; SELECT id FROM dbo.vAll WHERE c = @v ORDER BY id; SET ANSI_NULLS ON`, "2,4"},
		{"the caller's IN under OFF on an ON view", `SET ANSI_NULLS OFF; DECLARE @v varchar(10) = NULL; SELECT id FROM dbo.vAll WHERE c IN (@v, 'b') ORDER BY id; SET ANSI_NULLS ON`, "2,3,4"},
		{"uses_ansi_nulls", `SELECT OBJECT_NAME(object_id), uses_ansi_nulls FROM sys.sql_modules WHERE object_id IN (OBJECT_ID('dbo.vOff'), OBJECT_ID('dbo.vOn')) ORDER BY 1`, "vOff|0,vOn|1"},
	} {
		if got := p.rowsText(tc.q); got != tc.want {
			t.Errorf("%s: %s\n got %q, want %q", tc.name, tc.q, got, tc.want)
		}
	}
}
