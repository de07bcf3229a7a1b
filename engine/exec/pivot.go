package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// PIVOT and UNPIVOT, the FROM clause operators.
//
// PIVOT is what SQL Server documents it to be: a grouped query. Every
// column of the source other than the aggregated one and the pivot column
// groups; each IN value v becomes the column agg(CASE WHEN pivot = N'v'
// THEN value END). buildPivot writes that query as an AST over the same
// source and compiles it, so grouping, aggregation and NULL handling are
// exactly GROUP BY's (COUNT of a missing combination is 0, SUM is NULL).
//
// UNPIVOT turns each source row into one row per IN column whose value is
// not NULL: the other columns, then the value, then the column's name
// (nvarchar(128)). The IN columns must all have one type (8167).

// pivot errors.
var (
	errPivotDup      = errorKind{8156, 16, 1, "The column '%s' was specified multiple times for '%s'.", AbortStatement}
	errPivotNotAgg   = errorKind{195, 15, 10, "'%s' is not a recognized aggregate function.", AbortBatch}
	errPivotConvert  = errorKind{8114, 16, 1, "Error converting data type nvarchar to %s.", AbortStatement}
	errUnpivotType   = errorKind{8167, 16, 1, "The type of column \"%s\" conflicts with the type of other columns specified in the UNPIVOT list.", AbortStatement}
	errUnpivotInList = errorKind{265, 16, 1, "The column name \"%s\" specified in the UNPIVOT operator conflicts with the existing column name in the UNPIVOT argument.", AbortStatement}
)

// sourceColumn finds a column of a FROM source by name (207 if absent).
func sourceColumn(sc *scope, n *ast.Name) (scopeCol, error) {
	c, ok, err := (&scope{cols: sc.cols}).find(n)
	if err != nil {
		return scopeCol{}, err
	}
	if !ok {
		return scopeCol{}, ErrInvalidColumn.New(n.Last())
	}
	return c, nil
}

// colRef is a reference to c that resolves to c alone in its source.
func colRef(c scopeCol) *ast.ColumnRef {
	n := &ast.Name{Parts: []*ast.Ident{{Name: c.name}}}
	if c.qual != "" {
		n.Parts = []*ast.Ident{{Name: c.qual}, {Name: c.name}}
	}
	return &ast.ColumnRef{Name: n}
}

func (s *Session) buildPivot(t *ast.PivotTable, outer *scope) (*source, error) {
	alias := identName(t.Alias)
	if !isAggregate(t.Agg) {
		return nil, errPivotNotAgg.New(t.Agg.Name.Last())
	}
	// The source is compiled once more inside the grouped query; this first
	// build only names its columns.
	src, err := s.buildTableExpr(t.Source, outer, nil)
	if err != nil {
		return nil, err
	}
	val, err := sourceColumn(src.sc, t.Agg.Args[0].(*ast.ColumnRef).Name)
	if err != nil {
		return nil, err
	}
	piv, err := sourceColumn(src.sc, &ast.Name{Parts: []*ast.Ident{t.Column}})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	core := &ast.SelectCore{From: []ast.TableExpr{t.Source}}
	for _, c := range src.sc.cols {
		if c.hidden || c.idx == val.idx || c.idx == piv.idx {
			continue
		}
		if seen[strings.ToLower(c.name)] {
			return nil, errPivotDup.New(c.name, alias)
		}
		seen[strings.ToLower(c.name)] = true
		core.Items = append(core.Items, &ast.SelectItem{Expr: colRef(c), Alias: &ast.Ident{Name: c.name}})
		core.GroupBy = append(core.GroupBy, colRef(c))
	}
	for _, v := range t.In {
		if seen[strings.ToLower(v.Name)] {
			return nil, errPivotDup.New(v.Name, alias)
		}
		seen[strings.ToLower(v.Name)] = true
		if !piv.typ.ID.IsString() {
			if _, err := convertTo(types.NewNVarChar(v.Name), piv.typ); err != nil {
				return nil, errPivotConvert.New(piv.typ.String())
			}
		}
		lit := &ast.Literal{Kind: ast.LitString, National: true, Text: "N'" + strings.ReplaceAll(v.Name, "'", "''") + "'", Value: v.Name}
		arm := &ast.CaseExpr{Whens: []*ast.When{{Cond: &ast.BinaryExpr{Op: ast.OpEq, X: colRef(piv), Y: lit}, Result: colRef(val)}}}
		call := *t.Agg
		call.Args = []ast.Expr{arm}
		core.Items = append(core.Items, &ast.SelectItem{Expr: &call, Alias: &ast.Ident{Name: v.Name}})
	}
	p, err := s.buildQuery(&ast.Query{Body: core}, outer, nil)
	if err != nil {
		return nil, err
	}
	return derivedSource(p, alias, nil, outer)
}

func (s *Session) buildUnpivot(t *ast.UnpivotTable, outer *scope) (*source, error) {
	alias := identName(t.Alias)
	src, err := s.buildTableExpr(t.Source, outer, nil)
	if err != nil {
		return nil, err
	}
	in := make([]int, len(t.In))
	inSet := map[int]bool{}
	inNames := map[string]bool{}
	var valTyp types.Type
	for i, id := range t.In {
		c, err := sourceColumn(src.sc, &ast.Name{Parts: []*ast.Ident{id}})
		if err != nil {
			return nil, err
		}
		if inSet[c.idx] {
			return nil, errPivotDup.New(id.Name, alias)
		}
		if i == 0 {
			valTyp = c.typ
		} else if c.typ.ID != valTyp.ID || c.typ.Length != valTyp.Length || c.typ.Precision != valTyp.Precision || c.typ.Scale != valTyp.Scale {
			return nil, errUnpivotType.New(id.Name)
		}
		in[i], inSet[c.idx] = c.idx, true
		inNames[strings.ToLower(c.name)] = true
	}
	for _, n := range []string{t.Value.Name, t.Column.Name} {
		if inNames[strings.ToLower(n)] {
			return nil, errUnpivotInList.New(n)
		}
	}
	if strings.EqualFold(t.Value.Name, t.Column.Name) {
		return nil, errPivotDup.New(t.Column.Name, alias)
	}
	q := strings.ToLower(alias)
	sc := &scope{outer: outer}
	var keep []int
	seen := map[string]bool{strings.ToLower(t.Value.Name): true, strings.ToLower(t.Column.Name): true}
	for _, c := range src.sc.cols {
		if c.mask != nil {
			c.mask.mark(c.tcol) // every column is read
		}
		if c.hidden || inSet[c.idx] {
			continue
		}
		if seen[strings.ToLower(c.name)] {
			return nil, errPivotDup.New(c.name, alias)
		}
		seen[strings.ToLower(c.name)] = true
		sc.cols = append(sc.cols, scopeCol{qual: q, name: c.name, typ: c.typ, notNull: c.notNull, idx: len(keep)})
		keep = append(keep, c.idx)
	}
	width := len(keep) + 2
	sc.cols = append(sc.cols,
		scopeCol{qual: q, name: t.Value.Name, typ: valTyp, notNull: true, idx: len(keep)},
		scopeCol{qual: q, name: t.Column.Name, typ: types.NVarCharType(128), notNull: true, idx: len(keep) + 1})
	names := make([]types.Value, len(t.In))
	for i, id := range t.In {
		names[i] = types.NewNVarChar(id.Name)
	}
	return &source{sc: sc, masks: src.masks, open: func(ec *evalCtx) (rowIter, error) {
		it, err := src.open(ec)
		if err != nil {
			return nil, err
		}
		var cur Row
		next := len(in) // index into in of the next column of cur to emit
		return &funcIter{next: func() (Row, error) {
			for {
				for next < len(in) {
					i := next
					next++
					if v := cur[in[i]]; !v.IsNull() {
						out := make(Row, width)
						for j, k := range keep {
							out[j] = cur[k]
						}
						out[len(keep)], out[len(keep)+1] = v, names[i]
						return out, nil
					}
				}
				r, err := it.Next()
				if err != nil {
					return nil, err // io.EOF included
				}
				cur, next = r, 0
			}
		}, close: it.Close}, nil
	}}, nil
}
