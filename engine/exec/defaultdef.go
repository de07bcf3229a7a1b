package exec

import (
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// defaultDefinition renders a stored expression — a DEFAULT, a CHECK, a
// computed column or an index filter — as SQL Server keeps it in the catalog
// (sys.default_constraints, sys.check_constraints, sys.computed_columns
// .definition, sys.indexes.filter_definition, INFORMATION_SCHEMA
// COLUMN_DEFAULT and CHECK_CLAUSE, sp_helpconstraint). SQL Server does not
// keep the text as written: it decodes its expression tree back to text, so
// DEFAULT 0 and DEFAULT (0) are both "((0))", CHECK (f BETWEEN 1 AND 5) is
// "([f]>=(1) AND [f]<=(5))" and CHECK (g IN (1,2,3)) is
// "([g]=(3) OR [g]=(2) OR [g]=(1))". Deployment tools (SSMS and sqlpackage
// scripting, EF Core scaffolding, schema compares) compare these strings to
// decide whether an object needs recreating. The rules are in defrender.go;
// an expression they do not cover keeps its text.
func defaultDefinition(text string) string {
	e, err := tsql.ParseExpr(text)
	if err != nil {
		return "(" + text + ")"
	}
	s, _ := defRender(e)
	return "(" + s + ")"
}

func stripParens(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// niladicStored is how SQL Server stores the ANSI niladic functions in a
// definition: DEFAULT CURRENT_TIMESTAMP reads back as (getdate()) in
// sys.default_constraints and INFORMATION_SCHEMA.COLUMNS (SQLAlchemy's
// server_default=func.now() reflects as it).
var niladicStored = map[string]string{
	"CURRENT_TIMESTAMP": "getdate()",
	"CURRENT_USER":      "user_name()",
	"SESSION_USER":      "user_name()",
	"SYSTEM_USER":       "suser_sname()",
	"USER":              "user_name()",
}

// storedDatepart is the full name SQL Server prints for a datepart
// abbreviation in DATEADD, DATEDIFF, DATEPART … (dd → day, dw → weekday).
var storedDatepart = map[string]string{
	"year": "year", "yy": "year", "yyyy": "year",
	"quarter": "quarter", "qq": "quarter", "q": "quarter",
	"month": "month", "mm": "month", "m": "month",
	"dayofyear": "dayofyear", "dy": "dayofyear", "y": "dayofyear",
	"day": "day", "dd": "day", "d": "day",
	"week": "week", "wk": "week", "ww": "week",
	"weekday": "weekday", "dw": "weekday", "w": "weekday",
	"hour": "hour", "hh": "hour",
	"minute": "minute", "mi": "minute", "n": "minute",
	"second": "second", "ss": "second", "s": "second",
	"millisecond": "millisecond", "ms": "millisecond",
	"microsecond": "microsecond", "mcs": "microsecond",
	"nanosecond": "nanosecond", "ns": "nanosecond",
	"tzoffset": "tzoffset", "tz": "tzoffset",
	"iso_week": "iso_week", "isowk": "iso_week", "isoww": "iso_week",
}
