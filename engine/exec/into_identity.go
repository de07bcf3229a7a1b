package exec

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// intoIdentity applies SQL Server's rule for SELECT … INTO and identity
// columns ("SELECT - INTO Clause", Data types): a column selected as itself
// from a table's identity column keeps the IDENTITY property (seed and
// increment) in the new table, unless the SELECT has a join or more than one
// table, GROUP BY or an aggregate function, is part of a UNION (or another
// set operation), or lists the identity column more than once. It returns
// the position of that column among the ncols result columns and the
// source column, or -1 when the rule gives none. Anything it does not
// recognise (a CTE, a derived table, a variable assignment) gives none: the
// column is then created without IDENTITY, as before.
func (s *Session) intoIdentity(q *ast.Query, core *ast.SelectCore, ncols int) (int, *catalog.Column) {
	if q.With != nil || q.Body != ast.QueryExpr(core) || len(core.From) != 1 || len(core.GroupBy) > 0 || core.Having != nil {
		return -1, nil
	}
	tn, ok := core.From[0].(*ast.TableName)
	if !ok {
		return -1, nil
	}
	tr, ok, err := s.resolveTable(tn.Name)
	if err != nil || !ok {
		return -1, nil
	}
	idc := tr.t.IdentityColumn()
	if idc < 0 {
		return -1, nil
	}
	qual := tn.Name.Last()
	if tn.Alias != nil {
		qual = tn.Alias.Name
	}
	pos, seen, out := -1, 0, 0
	for _, it := range core.Items {
		if it.Var != nil {
			return -1, nil
		}
		switch e := it.Expr.(type) {
		case *ast.Star:
			if e.Qualifier != nil && !strings.EqualFold(e.Qualifier.Last(), qual) {
				return -1, nil
			}
			pos, seen = out+idc, seen+1
			out += len(tr.t.Columns)
			continue
		case *ast.ColumnRef:
			name := e.Name
			if strings.EqualFold(name.Last(), tr.t.Columns[idc].Name) &&
				(len(name.Parts) == 1 || strings.EqualFold(name.Part(1), qual)) {
				pos, seen = out, seen+1
			}
		default:
			aggs := map[string]*ast.FuncCall{}
			var order []string
			if collectAggregates([]ast.Expr{it.Expr}, aggs, &order); len(aggs) > 0 {
				return -1, nil
			}
		}
		out++
	}
	if seen != 1 || out != ncols {
		return -1, nil
	}
	return pos, tr.t.Columns[idc]
}

// identityDef is the IDENTITY (seed, increment) clause of c.
func identityDef(c *catalog.Column) *ast.Identity {
	lit := func(v int64) ast.Expr {
		mag := uint64(v)
		if v < 0 {
			mag = uint64(-(v + 1)) + 1 // |v|, also for the smallest int64
		}
		text := strconv.FormatUint(mag, 10)
		l := &ast.Literal{Kind: ast.LitInt, Text: text, Value: text}
		if v < 0 {
			return &ast.UnaryExpr{Op: ast.OpNeg, X: l}
		}
		return l
	}
	return &ast.Identity{Seed: lit(c.Seed), Increment: lit(c.Increment)}
}
