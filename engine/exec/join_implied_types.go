package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sourceColumnTypes finds the declared types of columns named through the
// table sources of a join (join_implied.go), compiling a source only when
// one of its columns is asked for, once.
type sourceColumnTypes struct {
	s     *Session
	srcs  []ast.TableExpr
	outer *scope
	built map[string]*scope // by exposed name, lower case; nil: not found
}

// comparedExactly reports whether x = y compares the two columns without
// rounding either: both exact numbers, or both character strings.
func (st *sourceColumnTypes) comparedExactly(x, y *ast.ColumnRef) bool {
	tx, okX := st.typeOf(x)
	ty, okY := st.typeOf(y)
	return okX && okY && (exactNumber(tx) && exactNumber(ty) || charString(tx) && charString(ty))
}

// typeOf is the type of c, qualified by the exposed name of one of the
// sources.
func (st *sourceColumnTypes) typeOf(c *ast.ColumnRef) (types.Type, bool) {
	q := strings.ToLower(c.Name.Part(1))
	if q == "" {
		return types.Type{}, false
	}
	sc, seen := st.built[q]
	if !seen {
		if st.built == nil {
			st.built = map[string]*scope{}
		}
		if te := exposedSource(st.srcs, q); te != nil {
			// Compiled again below: what its FROM clauses cost is charged
			// there (fromlimit.go), not twice.
			cost := st.s.fromCost
			if src, err := st.s.buildTableExpr(te, st.outer, nil); err == nil {
				sc = src.sc
			}
			st.s.endFromCost(cost)
		}
		st.built[q] = sc
	}
	if sc == nil {
		return types.Type{}, false
	}
	col, found, err := sc.find(&ast.Name{Parts: c.Name.Parts[len(c.Name.Parts)-2:]})
	if err != nil || !found {
		return types.Type{}, false
	}
	return col.typ, true
}

// exposedSource is the table source among tes (and the joins in them)
// whose exposed name is q (lower case), nil when there is none.
func exposedSource(tes []ast.TableExpr, q string) ast.TableExpr {
	for _, te := range tes {
		switch t := te.(type) {
		case *ast.Join:
			if found := exposedSource([]ast.TableExpr{t.Left, t.Right}, q); found != nil {
				return found
			}
		case *ast.ParenTable:
			if found := exposedSource([]ast.TableExpr{t.Table}, q); found != nil {
				return found
			}
		case *ast.VariableTable:
			name := t.Var.Name
			if t.Alias != nil {
				name = t.Alias.Name
			}
			if strings.EqualFold(name, q) {
				return te
			}
		default:
			names := map[string]string{}
			exposedNames(te, names) // forxml.go
			if _, ok := names[q]; ok {
				return te
			}
		}
	}
	return nil
}

// charString: char, varchar, nchar, nvarchar.
func charString(t types.Type) bool {
	switch t.ID {
	case types.Char, types.VarChar, types.NChar, types.NVarChar:
		return true
	}
	return false
}
