package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// What a probe compile (pushdown.go) learns of a SELECT: which of its
// output columns are plain columns of its FROM that a filter may judge
// before the SELECT's own work.

// outputShape is what buildSelectOnce knows of a SELECT's work between its
// FROM and its select list.
type outputShape struct {
	// aggregated: GROUP BY, aggregates or HAVING; groupCols is the FROM
	// column of each grouping key (-1 for an expression), sets that the
	// grouping is ROLLUP, CUBE or GROUPING SETS.
	aggregated bool
	groupCols  []int
	sets       bool
	// wins are the window functions, winC the compiler their PARTITION BY
	// compiled with (over the FROM's rows or the groups).
	wins []*ast.FuncCall
	winC *compiler
}

// record notes, when core is a SELECT the probe watches, where each of its
// output columns (exprs, cols) comes from; from is its FROM's scope.
func (p *pushProbe) record(core *ast.SelectCore, q *ast.Query, from *scope, exprs []*expr, cols []scopeCol, shape *outputShape) {
	out := p.cores[core]
	if out == nil {
		return
	}
	*out = coreOutput{recorded: true, from: from, cols: make([]outputOrigin, len(exprs))}
	if core.Top != nil || q != nil && (q.Offset != nil || len(q.OrderBy) > 0) {
		return // a filter below TOP or OFFSET changes which rows they keep
	}
	if shape.aggregated && (shape.sets || len(shape.groupCols) == 0) {
		return // the grand total (or ROLLUP's) is a row of no group's
	}
	partitioned := shape.partitionCols()
	for i, x := range exprs {
		pre := x.col // a column of the rows before the select list: the FROM's, or the groups'
		if pre < 0 || partitioned != nil && !partitioned[pre] {
			continue
		}
		fromCol := pre
		if shape.aggregated {
			if pre >= len(shape.groupCols) {
				continue // an aggregate
			}
			fromCol = shape.groupCols[pre]
		}
		if ref := columnRefTo(from, fromCol); ref != nil {
			out.cols[i] = outputOrigin{ref: ref, typ: cols[i].typ}
		}
	}
}

// partitionCols is the set of pre-window columns every window function
// partitions by (a filter on one removes whole partitions), nil when the
// SELECT has no window function, empty when a window spans all rows.
func (sh *outputShape) partitionCols() map[int]bool {
	if len(sh.wins) == 0 {
		return nil
	}
	var common map[int]bool
	for _, w := range sh.wins {
		f, err := newWindowDefs(nil).resolveCall(w)
		if err != nil || f.Over == nil || f.Over.Window != nil {
			return map[int]bool{} // a named window: not looked into
		}
		mine := map[int]bool{}
		for _, pe := range f.Over.PartitionBy {
			if x, err := sh.winC.expr(pe); err == nil && x.col >= 0 {
				mine[x.col] = true
			}
		}
		if common == nil {
			common = mine
			continue
		}
		for c := range common {
			if !mine[c] {
				delete(common, c)
			}
		}
	}
	return common
}

// columnRefTo is a name that resolves in from (alone) to its column at row
// position col, nil when there is none.
func columnRefTo(from *scope, col int) *ast.ColumnRef {
	for _, c := range from.cols {
		if c.idx != col || c.hidden {
			continue
		}
		parts := []*ast.Ident{{Name: c.name}}
		if c.qual != "" {
			parts = []*ast.Ident{{Name: c.qual}, {Name: c.name}}
		}
		ref := &ast.ColumnRef{Name: &ast.Name{Parts: parts}}
		local := &scope{cols: from.cols}
		if got, found, err := local.find(ref.Name); err != nil || !found || got.idx != col || !strings.EqualFold(got.name, c.name) {
			return nil
		}
		return ref
	}
	return nil
}
