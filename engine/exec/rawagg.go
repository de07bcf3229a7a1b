package exec

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Aggregation on stored rows (issue #5, performance).
//
// `SELECT grp, COUNT(*), SUM(val) FROM big GROUP BY grp` spent about two
// thirds of its CPU turning stored rows into Values (decoding, a read-ahead
// hand-off per batch) and the rest grouping and adding them. When a query
// groups one base table without WHERE by at most one integer column, and
// every aggregate is COUNT(*) or COUNT, SUM, AVG, MIN or MAX (no DISTINCT) of
// an integer column, rawGroup reads the columns it needs straight from the
// encoded rows (types.RowLayout.Int) into int64 accumulators, on the
// statement's goroutine: no row is decoded, no Value built per row.
//
// The results are groupIter's: groups in order of first appearance, NULL keys
// one group, NULL arguments skipped (warning 8153), each aggregate's result
// computed by the same aggregate.result from the same aggState, and the same
// error at the same row — SUM/AVG overflow (8115) is raised by types.Add on
// the operands the ordinary path would have added. A row Int cannot read is
// decoded the ordinary way (which reports a corrupt row with the ordinary
// error) and accumulated from its Values. As with rawFilter, a row is read
// only as far as the columns used: bytes past them are not checked.

// rawAggregates switches aggregation on stored rows on; tests switch it off
// to compare.
var rawAggregates = true

// rawGroupRuns counts the aggregations run on stored rows, for tests.
var rawGroupRuns atomic.Int64

// rawAggKind is what one aggregate accumulates.
type rawAggKind uint8

const (
	rawCountStar rawAggKind = iota // COUNT(*), COUNT_BIG(*)
	rawCount                       // COUNT(col), COUNT_BIG(col)
	rawSum                         // SUM(col), AVG(col)
	rawMin
	rawMax
)

// rawAgg is one aggregate of a rawGroup.
type rawAgg struct {
	kind rawAggKind
	col  int // table column of the argument; -1 for COUNT(*)
	a    *aggregate
}

// rawAcc accumulates one aggregate over one group.
type rawAcc struct {
	count int64 // rows (COUNT(*)) or non-NULL arguments
	x     int64 // sum, minimum or maximum of the arguments so far
}

// rawGroupState is one group: its key and one accumulator per aggregate.
type rawGroupState struct {
	key  types.Value
	accs []rawAcc
}

// rawGroup is the plan of an aggregation on stored rows.
type rawGroup struct {
	layout *types.RowLayout
	keyCol int // table column grouped by; -1: no GROUP BY (one group)
	keyTyp types.Type
	aggs   []rawAgg
}

// rawDenseKeys is the span of non-negative integer keys held in a slice
// indexed by the key instead of a map (a hash and probe per row).
const rawDenseKeys = 1024

// rawGroupFor returns the rawGroup that computes groupIter(keys, aggs) over
// in, or nil when in is not a table scan that has not started yet, or the
// keys or aggregates are not of the forms rawGroup handles.
func rawGroupFor(in rowIter, keys []*expr, aggs []*aggregate) *rawGroup {
	si, ok := in.(*scanIter)
	if !ok || si.n != 0 || si.ra != nil || si.pre != nil || len(keys) > 1 {
		return nil
	}
	ncol := len(si.typs)
	intCol := func(e *expr) int {
		if e == nil || e.col < 0 || e.col >= ncol || !isInteger(si.typs[e.col]) {
			return -1
		}
		return e.col
	}
	g := &rawGroup{keyCol: -1, aggs: make([]rawAgg, len(aggs))}
	if len(keys) == 1 {
		if g.keyCol = intCol(keys[0]); g.keyCol < 0 {
			return nil
		}
		g.keyTyp = si.typs[g.keyCol]
	}
	for i, a := range aggs {
		if a.distinct || a.within != nil || a.sep != nil {
			return nil
		}
		ra := rawAgg{col: -1, a: a}
		if a.arg != nil {
			if ra.col = intCol(a.arg); ra.col < 0 {
				return nil
			}
		}
		switch {
		case a.arg == nil && (a.fn == "COUNT" || a.fn == "COUNT_BIG"):
			ra.kind = rawCountStar
		case a.fn == "COUNT" || a.fn == "COUNT_BIG":
			ra.kind = rawCount
		case (a.fn == "SUM" || a.fn == "AVG") && a.sumInt:
			ra.kind = rawSum
		case a.fn == "MIN":
			ra.kind = rawMin
		case a.fn == "MAX":
			ra.kind = rawMax
		default:
			return nil
		}
		g.aggs[i] = ra
	}
	g.layout = types.NewRowLayout(si.typs)
	return g
}

// run reads every row of si (closed by the caller) and returns the groups'
// rows as groupIter does.
func (g *rawGroup) run(ec *evalCtx, si *scanIter) (rowIter, error) {
	rawGroupRuns.Add(1)
	var (
		order   []*rawGroupState
		dense   []*rawGroupState
		sparse  map[int64]*rawGroupState
		null    *rawGroupState // the NULL key's group, or the only group
		scratch Row            // a row decoded the ordinary way
	)
	newGroup := func(key types.Value) *rawGroupState {
		s := &rawGroupState{key: key, accs: make([]rawAcc, len(g.aggs))}
		order = append(order, s)
		return s
	}
	it := si.it
	for n := 1; it.Next(); n++ {
		if n%ctxCheckEvery == 0 {
			if err := ec.ctx.Err(); err != nil {
				return nil, err
			}
		}
		val := it.Value()
		var gs *rawGroupState
		if g.keyCol < 0 {
			if null == nil {
				null = newGroup(types.Value{})
			}
			gs = null
		} else {
			k, isNull, ok := g.layout.Int(val, g.keyCol)
			if !ok {
				if err := g.decodedCol(si, val, &scratch, g.keyCol, &k, &isNull); err != nil {
					return nil, err
				}
			}
			switch {
			case isNull:
				if null == nil {
					null = newGroup(types.Null(g.keyTyp.ID))
				}
				gs = null
			case k >= 0 && k < rawDenseKeys:
				if dense == nil {
					dense = make([]*rawGroupState, rawDenseKeys)
				}
				if gs = dense[k]; gs == nil {
					gs = newGroup(intValue(g.keyTyp.ID, k))
					dense[k] = gs
				}
			default:
				if sparse == nil {
					sparse = map[int64]*rawGroupState{}
				}
				if gs = sparse[k]; gs == nil {
					gs = newGroup(intValue(g.keyTyp.ID, k))
					sparse[k] = gs
				}
			}
		}
		for i := range g.aggs {
			if err := g.add(ec, si, &g.aggs[i], &gs.accs[i], val, &scratch); err != nil {
				return nil, err
			}
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	if g.keyCol < 0 && len(order) == 0 {
		newGroup(types.Value{})
	}
	rows := make([]Row, 0, len(order))
	for _, s := range order {
		out := make(Row, 0, 1+len(g.aggs))
		if g.keyCol >= 0 {
			out = append(out, s.key)
		}
		for i := range g.aggs {
			v, err := g.result(&g.aggs[i], &s.accs[i])
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		rows = append(rows, out)
	}
	return &sliceIter{rows: rows}, nil
}

// add accumulates one row's argument of ra.
func (g *rawGroup) add(ec *evalCtx, si *scanIter, ra *rawAgg, acc *rawAcc, val []byte, scratch *Row) error {
	if ra.kind == rawCountStar {
		acc.count++
		return nil
	}
	x, isNull, ok := g.layout.Int(val, ra.col)
	if !ok {
		if err := g.decodedCol(si, val, scratch, ra.col, &x, &isNull); err != nil {
			return err
		}
	}
	if isNull {
		ec.s.nullEliminated = true // warning 8153, as aggregate.add
		return nil
	}
	first := acc.count == 0
	acc.count++
	switch ra.kind {
	case rawSum:
		if first {
			acc.x = x
			return nil
		}
		s := acc.x + x
		fits := (s > acc.x) == (x > 0)
		if ra.a.typ.ID != types.BigInt {
			fits = fits && s >= math.MinInt32 && s <= math.MaxInt32
		}
		if !fits {
			// The ordinary path adds the same two operands in types.Add,
			// which raises the overflow error.
			_, err := types.Add(intValue(ra.a.typ.ID, acc.x), intValue(ra.a.typ.ID, x))
			if err == nil {
				err = fmt.Errorf("sum of %d and %d: overflow not reported", acc.x, x)
			}
			return err
		}
		acc.x = s
	case rawMin:
		if first || x < acc.x {
			acc.x = x
		}
	case rawMax:
		if first || x > acc.x {
			acc.x = x
		}
	}
	return nil
}

// result is aggregate.result of the aggState the ordinary path would hold.
func (g *rawGroup) result(ra *rawAgg, acc *rawAcc) (types.Value, error) {
	st := aggState{fn: ra.a.fn, count: acc.count}
	if acc.count > 0 {
		switch ra.kind {
		case rawSum:
			st.acc, st.has = intValue(ra.a.typ.ID, acc.x), true
		case rawMin, rawMax:
			st.acc, st.has = intValue(ra.a.argType.ID, acc.x), true
		}
	}
	return ra.a.result(&st)
}

// decodedCol is column col of the row val decoded the ordinary way.
func (g *rawGroup) decodedCol(si *scanIter, val []byte, scratch *Row, col int, x *int64, isNull *bool) error {
	ncol := len(si.typs)
	if *scratch == nil {
		*scratch = make(Row, ncol)
	}
	if _, err := types.DecodeRowProjected((*scratch)[:ncol], val, si.typs, nil); err != nil {
		return fmt.Errorf("read %s: %w", si.tr.displayName(), err)
	}
	v := (*scratch)[col]
	*isNull = v.IsNull()
	if !*isNull {
		*x = v.Int64()
	}
	return nil
}

// intValue is x as a Value of the integer type id (x fits it).
func intValue(id types.TypeID, x int64) types.Value {
	switch id {
	case types.TinyInt:
		return types.NewTinyInt(uint8(x))
	case types.SmallInt:
		return types.NewSmallInt(int16(x))
	case types.Int:
		return types.NewInt(int32(x))
	}
	return types.NewBigInt(x)
}
