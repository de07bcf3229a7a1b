package funcs

import (
	"errors"
	"math"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// datePart is a DATEADD/DATEDIFF/DATEPART datepart.
type datePart uint8

const (
	dpYear datePart = iota
	dpQuarter
	dpMonth
	dpDayOfYear
	dpDay
	dpWeek
	dpWeekday
	dpHour
	dpMinute
	dpSecond
	dpMillisecond
	dpMicrosecond
	dpNanosecond
	dpTZOffset
	dpISOWeek
)

var datePartNames = map[string]datePart{
	"year": dpYear, "yy": dpYear, "yyyy": dpYear,
	"quarter": dpQuarter, "qq": dpQuarter, "q": dpQuarter,
	"month": dpMonth, "mm": dpMonth, "m": dpMonth,
	"dayofyear": dpDayOfYear, "dy": dpDayOfYear, "y": dpDayOfYear,
	"day": dpDay, "dd": dpDay, "d": dpDay,
	"week": dpWeek, "wk": dpWeek, "ww": dpWeek,
	"weekday": dpWeekday, "dw": dpWeekday, "w": dpWeekday,
	"hour": dpHour, "hh": dpHour,
	"minute": dpMinute, "mi": dpMinute, "n": dpMinute,
	"second": dpSecond, "ss": dpSecond, "s": dpSecond,
	"millisecond": dpMillisecond, "ms": dpMillisecond,
	"microsecond": dpMicrosecond, "mcs": dpMicrosecond,
	"nanosecond": dpNanosecond, "ns": dpNanosecond,
	"tzoffset": dpTZOffset, "tz": dpTZOffset,
	"iso_week": dpISOWeek, "isowk": dpISOWeek, "isoww": dpISOWeek,
}

var datePartCanon = [...]string{"year", "quarter", "month", "dayofyear", "day", "week", "weekday", "hour",
	"minute", "second", "millisecond", "microsecond", "nanosecond", "tzoffset", "iso_week"}

// parseDatePart reads the datepart argument; unknown names are error 155
// ("'x' is not a recognized datepart option.").
func parseDatePart(v types.Value, fn string) (datePart, error) {
	p, ok := datePartNames[strings.ToLower(strings.TrimSpace(v.Str()))]
	if !ok {
		return 0, &types.Error{Number: 155, Severity: 15, State: 1,
			Msg: "'" + v.Str() + "' is not a recognized " + strings.ToLower(fn) + " option."}
	}
	return p, nil
}

func errDatePartUnsupported(p datePart, fn string, t types.TypeID) error {
	return &types.Error{Number: types.ErrInvalidDatePart, Severity: 16, State: 1,
		Msg: "The datepart " + datePartCanon[p] + " is not supported by date function " + strings.ToLower(fn) + " for data type " + t.Name() + "."}
}

// dateArg converts a date argument: date/time values stay, strings become
// the function's string type (to), numbers become datetime (days since
// 1900-01-01: DATEDIFF(day, 0, d) is the classic idiom; int converts
// implicitly to datetime but not to datetime2 or datetimeoffset).
func dateArg(ctx *Context, v types.Value, to types.Type) (types.Value, error) {
	if v.TypeID().IsDateTime() {
		return v, nil
	}
	if v.TypeID().IsNumeric() || v.TypeID() == types.Bit {
		to = types.TypeDateTime
	}
	return types.ImplicitConvertWith(v, to, ctx.convOpts())
}

// dateArgType is the result type DATEADD gives an argument type.
func dateArgType(args []types.Type) (types.Type, error) {
	if len(args) < 3 {
		return types.TypeDateTime, nil
	}
	if args[2].ID.IsDateTime() {
		return args[2], nil
	}
	return types.TypeDateTime, nil
}

func valueType(v types.Value) types.Type { return types.Type{ID: v.TypeID(), Scale: v.Scale()} }

func supports(p datePart, t types.TypeID) bool {
	switch t {
	case types.Date:
		return p <= dpWeekday || p == dpISOWeek
	case types.Time:
		return p >= dpHour && p != dpTZOffset && p != dpISOWeek
	}
	return p != dpTZOffset || t == types.DateTimeOffset
}

func dateAdd(ctx *Context, args []types.Value) (types.Value, error) {
	p, err := parseDatePart(args[0], "DATEADD")
	if err != nil {
		return types.Value{}, err
	}
	d, err := dateArg(ctx, args[2], types.TypeDateTime)
	if err != nil {
		return types.Value{}, err
	}
	if args[1].IsNull() || d.IsNull() {
		return types.Null(d.TypeID()), nil
	}
	// number is an int: a fraction is cut, a bigger value is 8115.
	nv, err := types.ImplicitConvert(args[1], types.TypeInt)
	var te *types.Error
	if errors.As(err, &te) && te.Number == types.ErrArithOverflow {
		return types.Value{}, &types.Error{Number: types.ErrArithOverflow, Severity: 16, State: 2,
			Msg: "Arithmetic overflow error converting expression to data type int."}
	}
	if err != nil {
		return types.Value{}, err
	}
	n := nv.Int64()
	if !supports(p, d.TypeID()) || p == dpTZOffset || p == dpISOWeek {
		return types.Value{}, errDatePartUnsupported(p, "dateadd", d.TypeID())
	}
	t := d.Time()
	overflow := func() error {
		return &types.Error{Number: types.ErrDatetimeOverflow, Severity: 16, State: 1,
			Msg: "Adding a value to a '" + d.TypeID().Name() + "' column caused an overflow."}
	}
	addMonths := func(months int64) (time.Time, bool) {
		y, m, day := t.Date()
		total := int64(y)*12 + int64(m-1) + months
		ny, nm := total/12, time.Month(total%12+1)
		if ny < 1 || ny > 9999 {
			return t, false
		}
		last := time.Date(int(ny), nm+1, 0, 0, 0, 0, 0, time.UTC).Day()
		day = min(day, last)
		h, mi, s := t.Clock()
		return time.Date(int(ny), nm, day, h, mi, s, t.Nanosecond(), t.Location()), true
	}
	var r time.Time
	ok := true
	var unit time.Duration
	switch p {
	case dpYear:
		r, ok = addMonths(n * 12)
	case dpQuarter:
		r, ok = addMonths(n * 3)
	case dpMonth:
		r, ok = addMonths(n)
	case dpDayOfYear, dpDay, dpWeekday:
		unit = 24 * time.Hour
	case dpWeek:
		n, unit = n*7, 24*time.Hour
	case dpHour:
		unit = time.Hour
	case dpMinute:
		unit = time.Minute
	case dpSecond:
		unit = time.Second
	case dpMillisecond:
		unit = time.Millisecond
	case dpMicrosecond:
		unit = time.Microsecond
	case dpNanosecond:
		// datetime2 counts 100 ns; the nanoseconds round half away from
		// zero to them (49 ns adds nothing, 50 ns adds 100).
		unit = time.Nanosecond
		if n >= 0 {
			n = (n + 50) / 100 * 100
		} else {
			n = (n - 50) / 100 * 100
		}
	}
	if unit != 0 {
		// Split into whole days and a remainder: time.Duration spans only ±292 years.
		perDay := int64(24 * time.Hour / unit)
		days, rem := n/perDay, time.Duration(n%perDay)*unit
		if d.TypeID() == types.Time {
			// time wraps around midnight.
			day := 24 * time.Hour
			off := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
				time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
			nd := ((off+rem)%day + day) % day
			r = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Add(nd)
		} else {
			if days > 4_000_000 || days < -4_000_000 {
				return types.Value{}, overflow()
			}
			r = t.AddDate(0, 0, int(days)).Add(rem)
		}
	}
	if !ok || r.Year() < 1 || r.Year() > 9999 {
		return types.Value{}, overflow()
	}
	v, err := types.FromTime(r, valueType(d))
	if err != nil {
		return types.Value{}, overflow()
	}
	return v, nil
}

// instant returns a date/time value's days since 0001-01-01 and
// nanoseconds since midnight, in UTC for datetimeoffset.
func instant(v types.Value) (days, nanos int64) {
	t := v.Time()
	if v.TypeID() == types.DateTimeOffset {
		t = t.UTC()
	}
	y, m, d := t.Date()
	days = int64(civilDays(y, int(m), d))
	nanos = int64(t.Hour())*int64(time.Hour) + int64(t.Minute())*int64(time.Minute) +
		int64(t.Second())*int64(time.Second) + int64(t.Nanosecond())
	return days, nanos
}

// civilDays counts days from 0001-01-01.
func civilDays(y, m, d int) int {
	return int((time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() - epoch0001) / 86400)
}

var epoch0001 = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

func dateDiff(ctx *Context, args []types.Value, big bool) (types.Value, error) {
	fn := "datediff"
	if big {
		fn = "datediff_big"
	}
	p, err := parseDatePart(args[0], fn)
	if err != nil {
		return types.Value{}, err
	}
	dt2 := types.Type{ID: types.DateTime2, Scale: 7}
	a, err := dateArg(ctx, args[1], dt2)
	if err != nil {
		return types.Value{}, err
	}
	b, err := dateArg(ctx, args[2], dt2)
	if err != nil {
		return types.Value{}, err
	}
	resultID := types.Int
	if big {
		resultID = types.BigInt
	}
	if a.IsNull() || b.IsNull() {
		return types.Null(resultID), nil
	}
	if p == dpTZOffset || p == dpISOWeek {
		return types.Value{}, errDatePartUnsupported(p, fn, a.TypeID())
	}
	da, na := instant(a)
	db, nb := instant(b)
	ta, tb := a.Time(), b.Time()
	if a.TypeID() == types.DateTimeOffset {
		ta = ta.UTC()
	}
	if b.TypeID() == types.DateTimeOffset {
		tb = tb.UTC()
	}
	var r float64 // float to detect int64 overflow of nanoseconds
	switch p {
	case dpYear:
		r = float64(tb.Year() - ta.Year())
	case dpQuarter:
		r = float64((tb.Year()*4 + (int(tb.Month())-1)/3) - (ta.Year()*4 + (int(ta.Month())-1)/3))
	case dpMonth:
		r = float64((tb.Year()*12 + int(tb.Month())) - (ta.Year()*12 + int(ta.Month())))
	case dpDayOfYear, dpDay, dpWeekday:
		r = float64(db - da)
	case dpWeek:
		// Weeks start on Sunday regardless of DATEFIRST; 0001-01-01 is a Monday.
		r = float64(floorDiv(db+1, 7) - floorDiv(da+1, 7))
	default:
		unit := map[datePart]int64{dpHour: int64(time.Hour), dpMinute: int64(time.Minute), dpSecond: int64(time.Second),
			dpMillisecond: int64(time.Millisecond), dpMicrosecond: int64(time.Microsecond), dpNanosecond: 1}[p]
		perDay := int64(24*time.Hour) / unit
		r = float64(db*perDay+nb/unit) - float64(da*perDay+na/unit)
		if math.Abs(r) < 1<<53 {
			r = float64((db*perDay + nb/unit) - (da*perDay + na/unit))
		}
	}
	lim := float64(math.MaxInt32)
	if big {
		lim = math.MaxInt64
	}
	if r > lim || r < -lim-1 {
		return types.Value{}, &types.Error{Number: types.ErrDateDiffOverflow, Severity: 16, State: 1,
			Msg: "The " + fn + " function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use " + fn + " with a less precise datepart."}
	}
	if big {
		return types.NewBigInt(int64(r)), nil
	}
	return types.NewInt(int32(r)), nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// datePartValue computes DATEPART.
// fn names the calling function in error 9810 (datepart or datename).
func datePartValue(ctx *Context, p datePart, v types.Value, fn string) (int64, error) {
	if !supports(p, v.TypeID()) {
		return 0, errDatePartUnsupported(p, fn, v.TypeID())
	}
	t := v.Time()
	switch p {
	case dpYear:
		return int64(t.Year()), nil
	case dpQuarter:
		return int64((t.Month()-1)/3 + 1), nil
	case dpMonth:
		return int64(t.Month()), nil
	case dpDayOfYear:
		return int64(t.YearDay()), nil
	case dpDay:
		return int64(t.Day()), nil
	case dpWeekday:
		return int64(sqlWeekday(t.Weekday(), ctx.dateFirst())), nil
	case dpWeek:
		jan1 := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		first := sqlWeekday(jan1.Weekday(), ctx.dateFirst()) - 1
		return int64((t.YearDay()-1+first)/7 + 1), nil
	case dpISOWeek:
		_, w := t.ISOWeek()
		return int64(w), nil
	case dpHour:
		return int64(t.Hour()), nil
	case dpMinute:
		return int64(t.Minute()), nil
	case dpSecond:
		return int64(t.Second()), nil
	case dpMillisecond:
		return int64(t.Nanosecond() / 1e6), nil
	case dpMicrosecond:
		return int64(t.Nanosecond() / 1e3), nil
	case dpNanosecond:
		return int64(t.Nanosecond()), nil
	case dpTZOffset:
		return int64(v.Offset()), nil
	}
	return 0, nil
}

// sqlWeekday numbers a weekday 1..7 from SET DATEFIRST (7 = Sunday first).
func sqlWeekday(wd time.Weekday, dateFirst int) int {
	return (int(wd)-dateFirst%7+7)%7 + 1
}

func datePartFunc(ctx *Context, args []types.Value) (types.Value, error) {
	p, err := parseDatePart(args[0], "DATEPART")
	if err != nil {
		return types.Value{}, err
	}
	v, err := dateArg(ctx, args[1], types.Type{ID: types.DateTimeOffset, Scale: 7})
	if err != nil {
		return types.Value{}, err
	}
	if v.IsNull() {
		return types.Null(types.Int), nil
	}
	n, err := datePartValue(ctx, p, v, "datepart")
	return types.NewInt(int32(n)), err
}

func dateName(ctx *Context, args []types.Value) (types.Value, error) {
	p, err := parseDatePart(args[0], "DATENAME")
	if err != nil {
		return types.Value{}, err
	}
	v, err := dateArg(ctx, args[1], types.Type{ID: types.DateTimeOffset, Scale: 7})
	if err != nil {
		return types.Value{}, err
	}
	if v.IsNull() {
		return types.Null(types.NVarChar), nil
	}
	switch p {
	case dpMonth:
		if !supports(p, v.TypeID()) {
			return types.Value{}, errDatePartUnsupported(p, "datename", v.TypeID())
		}
		return types.NewNVarChar(v.Time().Month().String()), nil
	case dpWeekday:
		if !supports(p, v.TypeID()) {
			return types.Value{}, errDatePartUnsupported(p, "datename", v.TypeID())
		}
		return types.NewNVarChar(v.Time().Weekday().String()), nil
	case dpTZOffset:
		o := v.Offset()
		sign := "+"
		if o < 0 {
			sign, o = "-", -o
		}
		return types.NewNVarChar(sign + pad2(o/60) + ":" + pad2(o%60)), nil
	}
	n, err := datePartValue(ctx, p, v, "datename")
	if err != nil {
		return types.Value{}, err
	}
	return types.NewNVarChar(itoa(int(n))), nil
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func ymdFunc(part datePart) func(*Context, []types.Value) (types.Value, error) {
	return func(ctx *Context, args []types.Value) (types.Value, error) {
		v, err := dateArg(ctx, args[0], types.TypeDateTime)
		if err != nil {
			return types.Value{}, err
		}
		if v.IsNull() {
			return types.Null(types.Int), nil
		}
		if v.TypeID() == types.Time {
			return types.NewInt(map[datePart]int32{dpYear: 1900, dpMonth: 1, dpDay: 1}[part]), nil
		}
		n, err := datePartValue(ctx, part, v, "datepart")
		return types.NewInt(int32(n)), err
	}
}

func eoMonth(ctx *Context, args []types.Value) (types.Value, error) {
	if args[0].TypeID().IsNumeric() {
		// EOMONTH takes a date: a number does not pass through datetime
		// as it does for DATEADD/DATEDIFF/DATEPART (206).
		return types.ImplicitConvertWith(args[0], types.TypeDate, ctx.convOpts())
	}
	v, err := dateArg(ctx, args[0], types.TypeDate)
	if err != nil {
		return types.Value{}, err
	}
	if v.IsNull() || len(args) > 1 && args[1].IsNull() {
		return types.Null(types.Date), nil
	}
	if v.TypeID() == types.Time {
		return types.Value{}, errArgType(v.TypeID(), 1, "EOMONTH")
	}
	add := int64(0)
	if len(args) > 1 {
		if add, err = argInt(args[1]); err != nil {
			return types.Value{}, err
		}
	}
	t := v.Time()
	total := int64(t.Year())*12 + int64(t.Month()-1) + add
	y, m := total/12, time.Month(total%12+1)
	if y < 1 || y > 9999 {
		return types.Value{}, &types.Error{Number: types.ErrDatetimeOverflow, Severity: 16, State: 1,
			Msg: "Adding a value to a 'date' column caused an overflow."}
	}
	last := time.Date(int(y), m+1, 0, 0, 0, 0, 0, time.UTC)
	return types.FromTime(last, types.TypeDate)
}

func nowFunc(id types.TypeID, scale uint8, utc bool) func(*Context, []types.Value) (types.Value, error) {
	return func(ctx *Context, _ []types.Value) (types.Value, error) {
		t := ctx.now()
		if utc {
			t = t.UTC()
		}
		if id != types.DateTimeOffset {
			// Wall clock without zone.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return types.FromTime(t, types.Type{ID: id, Scale: scale})
	}
}

func init() {
	dt2 := types.Type{ID: types.DateTime2, Scale: 7}
	register(
		&Func{Name: "GETDATE", ReturnType: fixed(types.TypeDateTime), Eval: nowFunc(types.DateTime, 3, false)},
		&Func{Name: "CURRENT_TIMESTAMP", ReturnType: fixed(types.TypeDateTime), Eval: nowFunc(types.DateTime, 3, false)},
		&Func{Name: "GETUTCDATE", ReturnType: fixed(types.TypeDateTime), Eval: nowFunc(types.DateTime, 3, true)},
		&Func{Name: "SYSDATETIME", ReturnType: fixed(dt2), Eval: nowFunc(types.DateTime2, 7, false)},
		&Func{Name: "SYSUTCDATETIME", ReturnType: fixed(dt2), Eval: nowFunc(types.DateTime2, 7, true)},
		&Func{Name: "SYSDATETIMEOFFSET", ReturnType: fixed(types.Type{ID: types.DateTimeOffset, Scale: 7}), Eval: nowFunc(types.DateTimeOffset, 7, false)},
		&Func{Name: "DATEADD", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: dateArgType, Eval: dateAdd},
		&Func{Name: "DATEDIFF", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: fixed(types.TypeInt),
			Eval: func(c *Context, a []types.Value) (types.Value, error) { return dateDiff(c, a, false) }},
		&Func{Name: "DATEDIFF_BIG", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: fixed(types.TypeBigInt),
			Eval: func(c *Context, a []types.Value) (types.Value, error) { return dateDiff(c, a, true) }},
		&Func{Name: "DATEPART", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: datePartFunc},
		&Func{Name: "DATENAME", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.NVarCharType(30)), Eval: dateName},
		&Func{Name: "YEAR", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: ymdFunc(dpYear)},
		&Func{Name: "MONTH", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: ymdFunc(dpMonth)},
		&Func{Name: "DAY", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: ymdFunc(dpDay)},
		&Func{Name: "EOMONTH", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.TypeDate), Eval: eoMonth},
	)
}
