package exec

import (
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Row estimates from the stored statistics (stats_store.go), and the one
// choice the planner makes with them: a seek of a nonclustered index that
// does not cover the query looks every row it finds up in the row store,
// so when the statistics say it finds many — past SQL Server's "tipping
// point", where the lookups alone read more pages than the whole table
// has — the table is scanned instead (seekTip).
//
// The estimate is the leading key column's histogram: an equality's step
// (EQ_ROWS on a step's upper bound, AVG_RANGE_ROWS inside a step; beyond
// the last one the density's average, but no more than the rows modified
// since the histogram was built — an ascending key's new rows are there,
// nothing else is), a range's steps summed with the
// step it ends in interpolated (numeric types linearly, others half the
// step), an IN list's or OR's alternatives summed; equalities on further
// key columns multiply by the density vector's ratio, a range on one by
// 30 % (SQL Server's guess for an unknown inequality); a range reaching
// past the last step adds the rows modified since. The histogram's
// counts are scaled to the table's rows now (the maintained row count).

// rangeGuess is the share of rows an inequality is assumed to keep when
// no histogram describes it.
const rangeGuess = 0.3

// eqEstimate is the rows of the histogram whose leading column equals v
// (converted to the column's type); newer is the rows modified since it
// was built, which may lie beyond its last step.
func (c *statsContents) eqEstimate(v types.Value, newer float64) float64 {
	if v.IsNull() {
		return 0
	}
	i := c.stepAtOrAbove(v)
	if i == len(c.steps) {
		return min(c.average(), newer)
	}
	h := c.steps[i]
	if cmp, err := compareNullsFirst(h.hi, v, c.typ); err == nil && cmp == 0 {
		return h.eqRows
	}
	if h.distinctRange == 0 {
		return 0
	}
	return h.avgRange
}

// average is the rows of an average value: rows × the leading column's
// density.
func (c *statsContents) average() float64 {
	if len(c.density) == 0 {
		return 0
	}
	return float64(c.rows) * c.density[0]
}

// stepAtOrAbove is the first step whose upper bound is at or above v.
func (c *statsContents) stepAtOrAbove(v types.Value) int {
	return sort.Search(len(c.steps), func(i int) bool {
		cmp, err := compareNullsFirst(c.steps[i].hi, v, c.typ)
		return err != nil || cmp >= 0
	})
}

// rangeEstimate is the rows whose leading column lies between lo and hi
// (nil: unbounded; NULLs never do), each bound inclusive when its incl is
// set; newer (the rows modified since the histogram was built) are
// counted when the range reaches past its last step, where an ascending
// key's new rows are.
func (c *statsContents) rangeEstimate(lo *types.Value, loIncl bool, hi *types.Value, hiIncl bool, newer float64) float64 {
	var total float64
	if n := len(c.steps); n == 0 || hi == nil || tighter(c.typ, *hi, c.steps[n-1].hi, 1) {
		total = newer
	}
	var prev *types.Value
	for i := range c.steps {
		h := &c.steps[i]
		if h.hi.IsNull() {
			continue
		}
		// The step's range rows lie strictly between prev and h.hi.
		if h.rangeRows > 0 && prev != nil {
			total += h.rangeRows * c.coveredShare(*prev, h.hi, lo, hi)
		}
		if inRange(c.typ, h.hi, lo, loIncl, hi, hiIncl) {
			total += h.eqRows
		}
		prev = &h.hi
	}
	return total
}

// inRange reports whether v lies between the bounds.
func inRange(t types.Type, v types.Value, lo *types.Value, loIncl bool, hi *types.Value, hiIncl bool) bool {
	if lo != nil {
		cmp, err := compareNullsFirst(v, *lo, t)
		if err != nil || cmp < 0 || cmp == 0 && !loIncl {
			return false
		}
	}
	if hi != nil {
		cmp, err := compareNullsFirst(v, *hi, t)
		if err != nil || cmp > 0 || cmp == 0 && !hiIncl {
			return false
		}
	}
	return true
}

// coveredShare is the share of the open interval (a, b) inside [lo, hi]:
// linear for numbers, else all, none or half.
func (c *statsContents) coveredShare(a, b types.Value, lo, hi *types.Value) float64 {
	from, to := a, b
	if lo != nil {
		if cmp, err := compareNullsFirst(*lo, from, c.typ); err == nil && cmp > 0 {
			from = *lo
		}
	}
	if hi != nil {
		if cmp, err := compareNullsFirst(*hi, to, c.typ); err == nil && cmp < 0 {
			to = *hi
		}
	}
	if cmp, err := compareNullsFirst(from, to, c.typ); err != nil || cmp >= 0 {
		return 0
	}
	fa, ok1 := asFloat(a)
	fb, ok2 := asFloat(b)
	ff, ok3 := asFloat(from)
	ft, ok4 := asFloat(to)
	if ok1 && ok2 && ok3 && ok4 && fb > fa {
		return min(max((ft-ff)/(fb-fa), 0), 1)
	}
	if from.Equal(a) && to.Equal(b) {
		return 1
	}
	return 0.5
}

// asFloat is a number's value, for interpolation.
func asFloat(v types.Value) (float64, bool) {
	switch v.TypeID() {
	case types.Bit, types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return float64(v.Int64()), true
	case types.Real, types.Float:
		return v.Float64(), true
	case types.Decimal, types.Numeric, types.Money, types.SmallMoney:
		f, err := types.Convert(v, types.TypeFloat, 0)
		if err != nil {
			return 0, false
		}
		return f.Float64(), true
	}
	return 0, false
}

// estimatePath is the rows the histogram c of ap's index says ap reads,
// its values evaluated in ec; ok false when a value cannot be placed in
// the histogram (an error, an inexact conversion), the caller then not
// knowing.
func estimatePath(ec *evalCtx, t *catalog.Table, ap *accessPath, c *statsContents, newer float64) (float64, bool) {
	if ap.alts != nil {
		var sum float64
		for _, alt := range ap.alts {
			n, ok := estimatePath(ec, t, alt, c, newer)
			if !ok {
				return 0, false
			}
			sum += n
		}
		return sum, true
	}
	ct := t.Columns[ap.ix.Columns[0].Column].Type
	value := func(e *expr) (types.Value, bool) {
		v, err := e.eval(ec, nil)
		if err != nil {
			return v, false
		}
		if v.IsNull() {
			return v, true
		}
		return exactConvert(v, ct)
	}
	if len(ap.eq) > 0 {
		v, ok := value(ap.eq[0])
		if !ok {
			return 0, false
		}
		est := c.eqEstimate(v, newer)
		if k := len(ap.eq); k > 1 && k <= len(c.density) && c.density[0] > 0 {
			est *= c.density[k-1] / c.density[0]
		}
		if len(ap.rng) > 0 {
			est *= rangeGuess
		}
		return est, true
	}
	var lo, hi *types.Value
	loIncl, hiIncl := true, true
	for _, b := range ap.rng {
		v, ok := value(b.val)
		if !ok {
			return 0, false
		}
		if v.IsNull() {
			return 0, true
		}
		switch b.op {
		case ast.OpGt, ast.OpGe:
			if lo == nil || tighter(ct, v, *lo, 1) {
				lo, loIncl = &v, b.op == ast.OpGe
			}
		case ast.OpLt, ast.OpLe:
			if hi == nil || tighter(ct, v, *hi, -1) {
				hi, hiIncl = &v, b.op == ast.OpLe
			}
		}
	}
	return c.rangeEstimate(lo, loIncl, hi, hiIncl, newer), true
}

// tighter reports whether v is beyond w in direction dir (1: above).
func tighter(t types.Type, v, w types.Value, dir int) bool {
	cmp, err := compareNullsFirst(v, w, t)
	return err == nil && cmp*dir > 0
}
