package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The analytic distribution functions: PERCENT_RANK and CUME_DIST (OVER
// with ORDER BY), and the inverse distributions PERCENTILE_CONT and
// PERCENTILE_DISC (a numeric literal, WITHIN GROUP (ORDER BY x), and OVER
// with at most PARTITION BY). All four are window functions only.

var distributionFuncs = map[string]bool{"PERCENT_RANK": true, "CUME_DIST": true, "PERCENTILE_CONT": true, "PERCENTILE_DISC": true}

// errNeedsOver is 10753: a window-only function called without OVER.
func errNeedsOver(fn string) error {
	return &Error{Number: 10753, Severity: 15, State: 3, Message: "The function '" + strings.ToLower(fn) + "' must have an OVER clause."}
}

// compileDistribution fills w for one of distributionFuncs.
func (c *compiler) compileDistribution(f *ast.FuncCall, w *window) error {
	lower := strings.ToLower(w.fn)
	switch w.fn {
	case "PERCENT_RANK", "CUME_DIST":
		if len(f.Args) != 0 {
			return ErrWrongArgCount.New(lower, 0)
		}
		if len(f.WithinGroup) > 0 {
			return &Error{Number: 10757, Severity: 15, State: 1, Message: "The function '" + lower + "' may not have a WITHIN GROUP clause."}
		}
		if len(w.order) == 0 {
			return &Error{Number: 4112, Severity: 15, State: 1, Message: "The function '" + lower + "' must have an OVER clause with ORDER BY."}
		}
		w.typ = types.TypeFloat
		return nil
	}
	// PERCENTILE_CONT / PERCENTILE_DISC.
	if len(f.Args) != 1 {
		return ErrWrongArgCount.New(lower, 1)
	}
	if len(f.WithinGroup) == 0 {
		return &Error{Number: 10754, Severity: 15, State: 1, Message: "The function '" + lower + "' must have a WITHIN GROUP clause."}
	}
	if len(f.WithinGroup) > 1 {
		return &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near ','."}
	}
	if len(w.order) > 0 || f.Over.Frame != nil {
		return &Error{Number: 10756, Severity: 15, State: 1, Message: "The function '" + lower + "' may not have ORDER BY or window frame in its OVER clause."}
	}
	p, pv, err := percentileArg(c, f.Args[0], lower)
	if err != nil {
		return err
	}
	w.args = []*expr{p}
	x, err := c.expr(f.WithinGroup[0].Expr)
	if err != nil {
		return err
	}
	w.order, w.desc = []*expr{x}, []bool{f.WithinGroup[0].Desc}
	w.percentile = pv.Float64()
	if w.fn == "PERCENTILE_CONT" {
		if !x.typ.ID.IsNumeric() {
			return errArgTypeFor(x.typ.ID, 1, lower)
		}
		w.typ = types.TypeFloat
	} else {
		w.typ = x.typ
	}
	return nil
}

// errArgTypeFor is 8116 for a window function's argument.
func errArgTypeFor(t types.TypeID, n int, fn string) error {
	return &Error{Number: 8116, Severity: 16, State: 1, Message: "Argument data type " + t.Name() + " is invalid for argument " + itoa(n) + " of " + fn + " function."}
}

// fillDistribution computes a distribution function over one partition of
// n rows in window order (see window.fill).
func (w *window) fillDistribution(ec *evalCtx, rows []Row, n, col int, peers func(a, b int) bool, rowOf func(int) int) error {
	switch w.fn {
	case "PERCENT_RANK":
		rank := 0
		for i := 0; i < n; i++ {
			if i == 0 || !peers(i-1, i) {
				rank = i
			}
			v := 0.0
			if n > 1 {
				v = float64(rank) / float64(n-1)
			}
			rows[rowOf(i)][col] = types.NewFloat(v)
		}
		return nil
	case "CUME_DIST":
		for i := 0; i < n; {
			j := i + 1
			for j < n && peers(i, j) {
				j++
			}
			v := types.NewFloat(float64(j) / float64(n))
			for k := i; k < j; k++ {
				rows[rowOf(k)][col] = v
			}
			i = j
		}
		return nil
	}
	// The inverse distributions: NULLs take no part; the same value for
	// every row of the partition.
	vals := make([]types.Value, 0, n)
	for i := 0; i < n; i++ {
		v, err := w.order[0].eval(ec, rows[rowOf(i)])
		if err != nil {
			return err
		}
		if !v.IsNull() {
			vals = append(vals, v)
		}
	}
	result, err := inversePercentile(vals, w.percentile, w.fn == "PERCENTILE_DISC", w.typ) // agg_percentile.go
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		rows[rowOf(i)][col] = result
	}
	return nil
}

// percentileArg compiles the percentile of PERCENTILE_CONT/DISC and
// APPROX_PERCENTILE_CONT/DISC: a numeric constant in [0, 1] (10755).
func percentileArg(c *compiler, arg ast.Expr, lower string) (*expr, types.Value, error) {
	p, err := c.expr(arg)
	if err != nil {
		return nil, types.Value{}, err
	}
	if p.konst == nil || !p.typ.ID.IsNumeric() {
		return nil, types.Value{}, &Error{Number: 10755, Severity: 15, State: 1, Message: "The percentile argument of the function '" + lower + "' must be a numeric constant."}
	}
	pv, err := types.Convert(*p.konst, types.TypeFloat, 0)
	if err != nil {
		return nil, types.Value{}, err
	}
	if pv.IsNull() || pv.Float64() < 0 || pv.Float64() > 1 {
		return nil, types.Value{}, &Error{Number: 10755, Severity: 15, State: 1, Message: "The percentile argument of the function '" + lower + "' must be between 0.0 and 1.0."}
	}
	return p, pv, nil
}
