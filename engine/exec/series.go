package exec

import (
	"io"
	"math"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// buildGenerateSeries compiles GENERATE_SERIES(start, stop [, step])
// (SQL Server 2022): one column, value, of start's type, from start
// towards stop by step (default 1, or -1 when start > stop), ending before
// the first value past stop; a step pointing away from stop gives no rows,
// as does a NULL argument. The arguments must share one of tinyint,
// smallint, int, bigint, decimal/numeric (5373); a zero step is 4199.
// Rows are produced one at a time, never materialized.
func (s *Session) buildGenerateSeries(t *ast.TableFunc, outer *scope) (*source, error) {
	if n := len(t.Call.Args); n < 2 || n > 3 {
		return nil, &Error{Number: 189, Severity: 15, State: 1, Message: "The generate_series function requires 2 to 3 arguments."}
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	args, err := c.args(t.Call)
	if err != nil {
		return nil, err
	}
	vt := args[0].typ
	for _, a := range args {
		id := a.typ.ID
		if id == types.Unknown {
			continue // NULL: no rows
		}
		if vt.ID == types.Unknown {
			vt = a.typ
		}
		switch id {
		case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Decimal, types.Numeric:
		default:
			return nil, errSeriesTypes()
		}
		if id != vt.ID {
			return nil, errSeriesTypes()
		}
		if id == types.Decimal || id == types.Numeric {
			// Room for the most integer digits and the largest scale of
			// the arguments, as a UNION of them would type it.
			scale := max(vt.Scale, a.typ.Scale)
			vt.Precision = min(max(vt.Precision-vt.Scale, a.typ.Precision-a.typ.Scale)+scale, 38)
			vt.Scale = scale
		}
	}
	if vt.ID == types.Unknown {
		vt = types.TypeInt
	}
	alias := identName(t.Alias)
	sc := &scope{outer: outer, cols: []scopeCol{{qual: strings.ToLower(alias), name: "value", typ: vt, idx: 0}}}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			if v.IsNull() {
				return &sliceIter{}, nil
			}
		}
		start, stop := vals[0], vals[1]
		cmp, err := types.Compare(start, stop, types.DefaultCollation)
		if err != nil {
			return nil, err
		}
		var step types.Value
		if len(vals) > 2 {
			step = vals[2]
			if z, err := types.Compare(step, types.NewInt(0), types.DefaultCollation); err != nil {
				return nil, err
			} else if z == 0 {
				return nil, &Error{Number: 4199, Severity: 16, State: 1, Message: "Argument value 0 is invalid for argument 3 of generate_series function."}
			}
		} else if cmp <= 0 {
			step = types.NewInt(1)
		} else {
			step = types.NewInt(-1)
		}
		up, err := types.Compare(step, types.NewInt(0), types.DefaultCollation)
		if err != nil {
			return nil, err
		}
		if cmp < 0 && up < 0 || cmp > 0 && up > 0 {
			return &sliceIter{}, nil
		}
		if isIntegerID(vt.ID) {
			lo, hi := intRange(vt.ID)
			return &intSeries{id: vt.ID, cur: start.Int64(), stop: stop.Int64(), step: step.Int64(), lo: lo, hi: hi}, nil
		}
		return &decimalSeries{typ: vt, cur: start, stop: stop, step: step, up: up > 0}, nil
	}}, nil
}

func errSeriesTypes() error {
	return &Error{Number: 5373, Severity: 16, State: 2, Message: "All the input parameters should be of the same type. Supported types are tinyint, smallint, int, bigint, decimal and numeric."}
}

func intRange(id types.TypeID) (lo, hi int64) {
	switch id {
	case types.TinyInt:
		return 0, math.MaxUint8
	case types.SmallInt:
		return math.MinInt16, math.MaxInt16
	case types.Int:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// intSeries yields an integer series; it ends at stop or where the next
// value would leave the type's range.
type intSeries struct {
	id              types.TypeID
	cur, stop, step int64
	lo, hi          int64
	done            bool
}

func (it *intSeries) Next() (Row, error) {
	if it.done || it.step > 0 && it.cur > it.stop || it.step < 0 && it.cur < it.stop {
		return nil, io.EOF
	}
	v := it.cur
	if it.step > 0 && v > it.hi-it.step || it.step < 0 && v < it.lo-it.step {
		it.done = true
	} else {
		it.cur += it.step
	}
	var r types.Value
	switch it.id {
	case types.TinyInt:
		r = types.NewTinyInt(uint8(v))
	case types.SmallInt:
		r = types.NewSmallInt(int16(v))
	case types.Int:
		r = types.NewInt(int32(v))
	default:
		r = types.NewBigInt(v)
	}
	return Row{r}, nil
}

func (it *intSeries) Close() {}

// decimalSeries yields a decimal series with decimal arithmetic.
type decimalSeries struct {
	typ             types.Type
	cur, stop, step types.Value
	up, done        bool
}

func (it *decimalSeries) Next() (Row, error) {
	if it.done {
		return nil, io.EOF
	}
	c, err := types.Compare(it.cur, it.stop, types.DefaultCollation)
	if err != nil {
		return nil, err
	}
	if it.up && c > 0 || !it.up && c < 0 {
		return nil, io.EOF
	}
	v, err := types.Convert(it.cur, it.typ, 0)
	if err != nil {
		return nil, err
	}
	next, err := types.Add(it.cur, it.step)
	if err != nil {
		it.done = true // the next value does not fit: the series ends here
	}
	it.cur = next
	return Row{v}, nil
}

func (it *decimalSeries) Close() {}

func isIntegerID(id types.TypeID) bool {
	return id == types.TinyInt || id == types.SmallInt || id == types.Int || id == types.BigInt
}
