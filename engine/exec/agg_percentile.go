package exec

import (
	"math"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// APPROX_PERCENTILE_CONT and APPROX_PERCENTILE_DISC (SQL Server 2022):
// aggregates, not window functions, over GROUP BY groups. SQL Server
// estimates them with a KLL sketch within a rank error of 1.33 %; the
// exact percentile is inside that bound, so this computes PERCENTILE_CONT
// and PERCENTILE_DISC's values over the group (the group's values are kept
// until its result is asked for).

// compileApproxPercentile fills a for APPROX_PERCENTILE_CONT(p) or _DISC(p)
// WITHIN GROUP (ORDER BY x [ASC|DESC]), with the checks and errors of the
// exact functions (compileDistribution).
func (c *compiler) compileApproxPercentile(f *ast.FuncCall, a *aggregate) error {
	lower := strings.ToLower(a.fn)
	if len(f.Args) != 1 || f.Star || f.Distinct {
		return ErrWrongArgCount.New(lower, 1)
	}
	if len(f.WithinGroup) == 0 {
		return &Error{Number: 10754, Severity: 15, State: 1, Message: "The function '" + lower + "' must have a WITHIN GROUP clause."}
	}
	if len(f.WithinGroup) > 1 {
		return &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near ','."}
	}
	inner := &compiler{s: c.s, sc: c.sc}
	_, pv, err := percentileArg(inner, f.Args[0], lower) // window_dist.go
	if err != nil {
		return err
	}
	x, err := inner.expr(f.WithinGroup[0].Expr)
	if err != nil {
		return err
	}
	if !x.typ.ID.IsNumeric() {
		return errArgTypeFor(x.typ.ID, 1, lower)
	}
	a.arg, a.argType = x, x.typ
	a.percentile, a.desc = pv.Float64(), f.WithinGroup[0].Desc
	a.typ = types.TypeFloat
	if a.fn == "APPROX_PERCENTILE_DISC" {
		a.typ = x.typ
	}
	return nil
}

// approxPercentile is the group's result: NULL when it had no non-NULL
// value.
func (a *aggregate) approxPercentile(st *aggState) (types.Value, error) {
	var cmpErr error
	sort.SliceStable(st.vals, func(i, j int) bool {
		c, err := types.Compare(st.vals[i], st.vals[j], a.argType.Collation)
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		if a.desc {
			return c > 0
		}
		return c < 0
	})
	if cmpErr != nil {
		return types.Value{}, cmpErr
	}
	return inversePercentile(st.vals, a.percentile, a.fn == "APPROX_PERCENTILE_DISC", a.typ)
}

// inversePercentile is PERCENTILE_DISC (disc) or PERCENTILE_CONT's value at
// p of vals, which are sorted and hold no NULL; typ is the result's type.
func inversePercentile(vals []types.Value, p float64, disc bool, typ types.Type) (types.Value, error) {
	m := len(vals)
	if m == 0 {
		return types.Null(typ.ID), nil
	}
	if disc {
		// The first value whose cumulative distribution reaches p.
		k := int(math.Ceil(p*float64(m))) - 1
		return vals[max(k, 0)], nil
	}
	rn := p * float64(m-1)
	lo, hi := int(math.Floor(rn)), int(math.Ceil(rn))
	a, err := types.Convert(vals[lo], types.TypeFloat, 0)
	if err != nil {
		return a, err
	}
	b, err := types.Convert(vals[hi], types.TypeFloat, 0)
	if err != nil {
		return b, err
	}
	return types.NewFloat(a.Float64() + (rn-float64(lo))*(b.Float64()-a.Float64())), nil
}
