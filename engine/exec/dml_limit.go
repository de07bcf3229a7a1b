package exec

import (
	"math"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// rowLimit is how many rows an INSERT, UPDATE, DELETE or MERGE may touch: TOP (n),
// TOP (n) PERCENT of the rows it would touch, and SET ROWCOUNT n, the
// smallest winning, as on SQL Server (scripts delete one of two duplicate
// rows with SET ROWCOUNT 1, purge in batches with DELETE TOP (n), copy a
// sample with INSERT TOP (n) … SELECT).
type rowLimit struct {
	count   int64   // -1: none
	percent float64 // -1: none
	rows    int64   // SET ROWCOUNT; 0: none
}

func (s *Session) dmlLimit(ec *evalCtx, top *ast.Top) (rowLimit, error) {
	lim := rowLimit{count: -1, percent: -1, rows: s.Opts.RowCount}
	if top != nil {
		x, err := (&compiler{s: s, sc: &scope{}}).expr(top.Count)
		if err != nil {
			return lim, err
		}
		v, err := x.eval(ec, nil)
		if err != nil {
			return lim, err
		}
		if v.IsNull() {
			return lim, errTopInvalid // builtin_checks.go
		}
		if top.Percent {
			f, err := types.Convert(v, types.TypeFloat, 0)
			if err != nil {
				return lim, err
			}
			lim.percent = f.Float64()
			if lim.percent < 0 || lim.percent > 100 {
				return lim, errTopPercent
			}
		} else {
			lim.count = v.Int64()
			if lim.count < 0 {
				return lim, errTopInvalid
			}
		}
	}
	if lim.rows > 0 && (lim.count < 0 || lim.rows < lim.count) && lim.percent < 0 {
		lim.count = lim.rows
	}
	return lim, nil
}

// cut is how many of n candidate rows the limit keeps.
func (l rowLimit) cut(n int) int {
	k := int64(n)
	if l.percent >= 0 {
		k = int64(math.Ceil(float64(n) * math.Min(l.percent, 100) / 100))
	}
	if l.count >= 0 && l.count < k {
		k = l.count
	}
	if l.rows > 0 && l.rows < k {
		k = l.rows
	}
	return int(k)
}
