package funcs

import (
	"errors"
	"math"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// SQL Server 2022's date and string functions: DATETRUNC, DATE_BUCKET and
// the two-argument LTRIM/RTRIM (TRIM's LEADING/TRAILING forms compile to
// them).

func init() {
	register(
		&Func{Name: "DATETRUNC", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: dateTruncType, Eval: dateTrunc},
		&Func{Name: "DATE_BUCKET", MinArgs: 3, MaxArgs: 4, Deterministic: true, ReturnType: dateBucketType, Eval: dateBucket},
	)
}

// CheckDatePart reports the error SQL Server gives at compile time for
// DATETRUNC, DATE_BUCKET, DATEPART or DATENAME (fn) with datepart part on a date argument of
// type t: 155 for an unknown datepart, 9810 for one the function or the
// type does not support; nil when the call may run.
func CheckDatePart(fn, part string, t types.Type) error {
	p, err := parseDatePart(types.NewVarChar(part), fn)
	if err != nil {
		return err
	}
	id := t.ID
	if fn == "DATETRUNC" && id.IsString() {
		id, t = types.DateTime2, types.Type{ID: types.DateTime2, Scale: 7}
	}
	if !id.IsDateTime() {
		return nil // 8116 from the result type
	}
	if fn == "DATEPART" || fn == "DATENAME" {
		// A typed argument without the part (year of a time) is refused
		// before the statement runs; a string literal takes the defaults.
		if p != dpTZOffset && !supports(p, id) {
			return errDatePartUnsupported(p, strings.ToLower(fn), id)
		}
		return nil
	}
	if fn == "DATE_BUCKET" {
		switch p {
		case dpYear, dpQuarter, dpMonth, dpWeek, dpDay, dpHour, dpMinute, dpSecond, dpMillisecond:
			if supports(p, id) {
				return nil
			}
		}
		return errDatePartUnsupported(p, "date_bucket", id)
	}
	if !truncSupports(p, t) {
		return errDatePartUnsupported(p, "datetrunc", id)
	}
	return nil
}

// truncSupports reports whether DATETRUNC can cut a value of type t to p.
func truncSupports(p datePart, t types.Type) bool {
	id := t.ID
	ok := supports(p, id) && p != dpWeekday && p != dpTZOffset && p != dpNanosecond
	scaled := id == types.DateTime2 || id == types.DateTimeOffset || id == types.Time
	if p == dpMillisecond && scaled && t.Scale < 3 || p == dpMicrosecond && (id == types.DateTime || id == types.SmallDateTime || scaled && t.Scale < 6) {
		ok = false
	}
	return ok
}

// dateTruncType is DATETRUNC's result type: the date argument's type
// (with its fractional scale); a string is read as datetime2(7).
func dateTruncType(args []types.Type) (types.Type, error) {
	switch t := args[1]; {
	case t.ID.IsDateTime():
		return t, nil
	case t.ID.IsString() || t.ID == types.Unknown:
		return types.Type{ID: types.DateTime2, Scale: 7}, nil
	default:
		return types.Type{}, errArgType(t.ID, 2, "datetrunc")
	}
}

// dateTrunc is DATETRUNC(datepart, date): date cut to the start of its
// datepart; week starts on the @@DATEFIRST day, iso_week on Monday.
// weekday, tzoffset and nanosecond, parts the type does not have, and
// millisecond/microsecond on a scale too small to hold them are 9810.
func dateTrunc(ctx *Context, args []types.Value) (types.Value, error) {
	p, err := parseDatePart(args[0], "DATETRUNC")
	if err != nil {
		return types.Value{}, err
	}
	d := args[1]
	if !d.IsNull() && !d.TypeID().IsDateTime() {
		if !d.TypeID().IsString() {
			return types.Value{}, errArgType(d.TypeID(), 2, "datetrunc")
		}
		if d, err = types.ImplicitConvertWith(d, types.Type{ID: types.DateTime2, Scale: 7}, ctx.convOpts()); err != nil {
			return types.Value{}, err
		}
	}
	id := d.TypeID()
	if d.IsNull() {
		if id == types.Unknown {
			id = types.DateTime2
		}
		return types.Null(id), nil
	}
	if !truncSupports(p, valueType(d)) {
		return types.Value{}, errDatePartUnsupported(p, "datetrunc", id)
	}
	t := d.Time()
	y, m, day := t.Date()
	loc := t.Location()
	var r time.Time
	switch p {
	case dpYear:
		r = time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	case dpQuarter:
		r = time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, loc)
	case dpMonth:
		r = time.Date(y, m, 1, 0, 0, 0, 0, loc)
	case dpDay, dpDayOfYear:
		r = time.Date(y, m, day, 0, 0, 0, 0, loc)
	case dpWeek:
		r = time.Date(y, m, day-(sqlWeekday(t.Weekday(), ctx.dateFirst())-1), 0, 0, 0, 0, loc)
		v, err := types.FromTime(r, valueType(d))
		if err != nil {
			// The week began before the type's first day (only week can
			// backtrack that far; every type's first day is a Monday).
			return types.Value{}, &types.Error{Number: 9837, Severity: 16, State: 3,
				Msg: "An invalid date value was encountered: The date value is less than the minimum date value allowed for the data type."}
		}
		return v, nil
	case dpISOWeek:
		r = time.Date(y, m, day-(int(t.Weekday())+6)%7, 0, 0, 0, 0, loc)
	default:
		unit := map[datePart]time.Duration{dpHour: time.Hour, dpMinute: time.Minute, dpSecond: time.Second,
			dpMillisecond: time.Millisecond, dpMicrosecond: time.Microsecond}[p]
		since := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
			time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
		r = time.Date(y, m, day, 0, 0, 0, 0, loc).Add(since / unit * unit)
	}
	return types.FromTime(r, valueType(d))
}

// dateBucketType is DATE_BUCKET's result type, the date argument's type;
// anything but a date/time type (strings included) is 8116.
func dateBucketType(args []types.Type) (types.Type, error) {
	if t := args[2]; t.ID.IsDateTime() || t.ID == types.Unknown {
		return t, nil
	}
	return types.Type{}, errArgType(args[2].ID, 3, "date_bucket")
}

// ticksPerDay counts SQL Server's 100 ns ticks in a day.
const ticksPerDay = 864_000_000_000

// ticksOf is a wall time as 100 ns ticks since 0001-01-01; 9999-12-31
// fits in an int64.
func ticksOf(t time.Time) int64 {
	y, m, d := t.Date()
	clock := int64(t.Hour())*36_000_000_000 + int64(t.Minute())*600_000_000 + int64(t.Second())*10_000_000 + int64(t.Nanosecond()/100)
	return int64(civilDays(y, int(m), d))*ticksPerDay + clock
}

// dateBucket is DATE_BUCKET(datepart, number, date [, origin]): the start
// of the number-datepart wide bucket, counted from origin (default
// 1900-01-01 00:00, a Monday), that holds date. Months, quarters and
// years step by calendar months from origin; the other parts are fixed
// lengths.
func dateBucket(ctx *Context, args []types.Value) (types.Value, error) {
	p, err := parseDatePart(args[0], "DATE_BUCKET")
	if err != nil {
		return types.Value{}, err
	}
	d := args[2]
	if !d.IsNull() && !d.TypeID().IsDateTime() {
		return types.Value{}, errArgType(d.TypeID(), 3, "date_bucket")
	}
	var origin types.Value
	if len(args) > 3 {
		origin = args[3]
		if !origin.IsNull() && !d.IsNull() && origin.TypeID() != d.TypeID() {
			return types.Value{}, errArgType(origin.TypeID(), 4, "date_bucket")
		}
	}
	if d.IsNull() || args[1].IsNull() || len(args) > 3 && origin.IsNull() {
		return types.Null(d.TypeID()), nil
	}
	// number is an int, as DATEADD's: a bigger value is 8115 (the page's
	// 2147483648 example; it was read as a bigint and made a bucket).
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
	if n <= 0 {
		return types.Value{}, &types.Error{Number: 9834, Severity: 16, State: 1,
			Msg: "Invalid bucket width value passed to date_bucket function. Only positive values are allowed."}
	}
	var unit int64
	months := int64(0)
	switch p {
	case dpYear:
		months = 12
	case dpQuarter:
		months = 3
	case dpMonth:
		months = 1
	case dpWeek:
		unit = 7 * ticksPerDay
	case dpDay:
		unit = ticksPerDay
	case dpHour:
		unit = 36_000_000_000
	case dpMinute:
		unit = 600_000_000
	case dpSecond:
		unit = 10_000_000
	case dpMillisecond:
		unit = 10_000
	}
	if unit == 0 && months == 0 || !supports(p, d.TypeID()) {
		return types.Value{}, errDatePartUnsupported(p, "date_bucket", d.TypeID())
	}
	t := d.Time()
	loc := t.Location()
	var o time.Time
	if origin.IsNull() {
		o = time.Date(1900, 1, 1, 0, 0, 0, 0, loc)
	} else {
		o = origin.Time().In(loc)
		if d.TypeID() == types.DateTimeOffset {
			o = time.Date(o.Year(), o.Month(), o.Day(), o.Hour(), o.Minute(), o.Second(), o.Nanosecond(), loc)
		}
	}
	if d.TypeID() == types.Time {
		// A time compares within one day: the origin contributes its time of day.
		o = time.Date(t.Year(), t.Month(), t.Day(), o.Hour(), o.Minute(), o.Second(), o.Nanosecond(), loc)
	}
	var r time.Time
	if months > 0 {
		const calendarMonths = 12 * 10_000
		if n > calendarMonths/months {
			// Wider than the whole calendar: one bucket from origin on.
			if t.Before(o) {
				return types.Value{}, errBucketOverflow(d)
			}
			return types.FromTime(o, valueType(d))
		}
		width := months * n
		span := int64(t.Year()-o.Year())*12 + int64(t.Month()-o.Month())
		k := floorDiv(span, width) * width
		r = addMonthsClamped(o, k)
		if r.After(t) {
			r = addMonthsClamped(o, k-width)
		}
	} else {
		ot := ticksOf(o)
		diff := ticksOf(t) - ot
		var k int64
		if n > math.MaxInt64/unit {
			// Wider than the whole calendar: one bucket from origin on.
			if diff < 0 {
				return types.Value{}, errBucketOverflow(d)
			}
		} else {
			width := unit * n
			k = floorDiv(diff, width) * width
		}
		days, clock := floorDiv(ot+k, ticksPerDay), (ot+k)%ticksPerDay
		if clock < 0 {
			clock += ticksPerDay
		}
		r = time.Date(1, 1, 1, 0, 0, 0, 0, loc).AddDate(0, 0, int(days)).Add(time.Duration(clock) * 100)
	}
	v, err := types.FromTime(r, valueType(d))
	if err != nil {
		return types.Value{}, errBucketOverflow(d)
	}
	return v, nil
}

// errBucketOverflow is DATE_BUCKET's error for a bucket start outside the
// type's range, worded as DATEADD's overflow (517).
func errBucketOverflow(d types.Value) error {
	return &types.Error{Number: types.ErrDatetimeOverflow, Severity: 16, State: 1,
		Msg: "Adding a value to a '" + d.TypeID().Name() + "' column caused an overflow."}
}

// addMonthsClamped adds months to t, keeping its day within the month
// reached (Jan 31 + 1 month = Feb 28/29), as DATEADD does.
func addMonthsClamped(t time.Time, months int64) time.Time {
	y, m, day := t.Date()
	total := int64(y)*12 + int64(m-1) + months
	ny, nm := int(floorDiv(total, 12)), time.Month(total-floorDiv(total, 12)*12+1)
	last := time.Date(ny, nm+1, 0, 0, 0, 0, 0, time.UTC).Day()
	h, mi, s := t.Clock()
	return time.Date(ny, nm, min(day, last), h, mi, s, t.Nanosecond(), t.Location())
}
