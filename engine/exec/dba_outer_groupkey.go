package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// outerGroupKey resolves e, written inside a subquery, to a group key of an
// enclosing grouped query when e is written as that key is: in
//
//	SELECT COALESCE(l3.o, '') AS n,
//	       (SELECT … FROM #l AS l4 WHERE COALESCE(l3.o, '') = COALESCE(l4.o, ''))
//	FROM #l AS l3 GROUP BY COALESCE(l3.o, '')
//
// the inner COALESCE is the group's value, as in SQL Server
// (sp_WhoIsActive's @get_locks XML nests three such levels). Keys that are
// plain columns resolve through the aggregated row's named columns
// (select.go); this serves keys that are expressions. ok is false when e is
// no such key, or when one of its columns comes from a nearer scope or not
// from that query's FROM — e then compiles as usual (and a column of the
// grouped query that is not a key stays an error there).
//
// It runs at compile time only; the compiled expression reads the key from
// the enclosing aggregated row, like any outer reference (expr.go column).
func (c *compiler) outerGroupKey(e ast.Expr) (*expr, bool) {
	switch e.(type) {
	case *ast.ColumnRef, *ast.Literal, *ast.NullLit, *ast.Variable, *ast.GlobalVar, *ast.ParenExpr,
		*ast.SubqueryExpr, *ast.ExistsExpr:
		return nil, false
	}
	key := ""
	depth := 1
	for s := c.sc.outer; s != nil; s, depth = s.outer, depth+1 {
		// keys holds every group key and aggregate, byCol the plain-column
		// keys: equal sizes mean there is no expression to match.
		if s.agg == nil || len(s.agg.keys) <= len(s.agg.byCol) {
			continue
		}
		if key == "" {
			key = stripParens(e).SQL() // as select.go keys group expressions
		}
		i, ok := s.agg.keys[key]
		if !ok || i >= len(s.agg.cols) || !c.columnsFrom(e, s.agg.inner, depth) {
			continue
		}
		typ, d := s.agg.cols[i], depth
		if c.s.subqWatch != nil {
			c.s.noteColumnRef(c.sc, d) // subquery_once.go
		}
		return &expr{typ: typ, col: -1, eval: func(ec *evalCtx, _ Row) (types.Value, error) {
			return ec.outer[len(ec.outer)-d][i], nil
		}}, true
	}
	return nil, false
}

// columnsFrom reports whether every column e references resolves in inner
// (the FROM scope of the grouped query depth scopes out) and in none of the
// depth nearer scopes. An expression holding a subquery never matches.
func (c *compiler) columnsFrom(e ast.Expr, inner *scope, depth int) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
			ok = false
		case *ast.InExpr:
			if n.Query != nil {
				ok = false
			}
		case *ast.ColumnRef:
			s := c.sc
			for k := 0; k < depth && s != nil; k, s = k+1, s.outer {
				if _, found, err := s.find(n.Name); found || err != nil {
					ok = false
					return false
				}
			}
			if inner == nil {
				ok = false
			} else if _, found, err := inner.find(n.Name); !found || err != nil {
				ok = false
			}
		}
		return ok
	})
	return ok
}
