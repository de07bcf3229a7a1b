package funcs

import (
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// The *FROMPARTS constructors beside DATEFROMPARTS (more.go). A NULL part
// gives NULL; parts that make no valid value are 289. fractions count
// units of 10^-precision seconds, so they must be below 10^precision.

func init() {
	register(
		&Func{Name: "TIMEFROMPARTS", MinArgs: 5, MaxArgs: 5, Deterministic: true,
			ReturnType: fixed(types.Type{ID: types.Time, Scale: 7}), Eval: timeFromParts},
		&Func{Name: "DATETIMEFROMPARTS", MinArgs: 7, MaxArgs: 7, Deterministic: true,
			ReturnType: fixed(types.TypeDateTime), Eval: dateTimeFromParts},
		&Func{Name: "SMALLDATETIMEFROMPARTS", MinArgs: 5, MaxArgs: 5, Deterministic: true,
			ReturnType: fixed(types.Type{ID: types.SmallDateTime}), Eval: smallDateTimeFromParts},
		&Func{Name: "DATETIME2FROMPARTS", MinArgs: 8, MaxArgs: 8, Deterministic: true,
			ReturnType: fixed(types.Type{ID: types.DateTime2, Scale: 7}), Eval: dateTime2FromParts},
		&Func{Name: "DATETIMEOFFSETFROMPARTS", MinArgs: 10, MaxArgs: 10, Deterministic: true,
			ReturnType: fixed(types.Type{ID: types.DateTimeOffset, Scale: 7}), Eval: dateTimeOffsetFromParts},
	)
}

// FromPartsPrecision reports the precision argument's position of the
// *FROMPARTS functions whose result scale it sets (the call site reads the
// literal there to type the result), or -1.
func FromPartsPrecision(name string) int {
	switch name {
	case "TIMEFROMPARTS":
		return 4
	case "DATETIME2FROMPARTS":
		return 7
	case "DATETIMEOFFSETFROMPARTS":
		return 9
	}
	return -1
}

func errCannotConstruct(t types.TypeID) error {
	return &types.Error{Number: 289, Severity: 16, State: 1,
		Msg: "Cannot construct data type " + t.Name() + ", some of the arguments have values which are not valid."}
}

// intParts converts the arguments to integers; null reports a NULL among
// them.
func intParts(args []types.Value) (p []int64, null bool, err error) {
	p = make([]int64, len(args))
	for i, a := range args {
		if a.IsNull() {
			null = true
			continue
		}
		if p[i], err = argInt(a); err != nil {
			return nil, false, err
		}
	}
	return p, null, nil
}

// wallClock builds y-m-d h:mi:s plus nanos, or false when a part is out of
// its range (no normalization: 24:00 or February 30 are invalid).
func wallClock(y, m, d, h, mi, s, nanos int64, loc *time.Location) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || y < 1 || y > 9999 {
		return time.Time{}, false
	}
	t := time.Date(int(y), time.Month(m), int(d), int(h), int(mi), int(s), int(nanos), loc)
	if t.Day() != int(d) || t.Month() != time.Month(m) {
		return time.Time{}, false
	}
	return t, true
}

// fractionNanos turns fractions at precision into nanoseconds.
func fractionNanos(frac, precision int64) (int64, bool) {
	if precision < 0 || precision > 7 {
		return 0, false
	}
	limit := int64(1)
	for range precision {
		limit *= 10
	}
	if frac < 0 || frac >= limit {
		return 0, false
	}
	return frac * (1_000_000_000 / limit), true
}

func timeFromParts(_ *Context, a []types.Value) (types.Value, error) {
	p, null, err := intParts(a)
	if err != nil || null {
		return types.Null(types.Time), err
	}
	ns, ok := fractionNanos(p[3], p[4])
	t, ok2 := wallClock(1900, 1, 1, p[0], p[1], p[2], ns, time.UTC)
	if !ok || !ok2 {
		return types.Value{}, errCannotConstruct(types.Time)
	}
	return types.FromTime(t, types.Type{ID: types.Time, Scale: uint8(p[4])})
}

func dateTimeFromParts(_ *Context, a []types.Value) (types.Value, error) {
	p, null, err := intParts(a)
	if err != nil || null {
		return types.Null(types.DateTime), err
	}
	t, ok := wallClock(p[0], p[1], p[2], p[3], p[4], p[5], p[6]*1_000_000, time.UTC)
	if !ok || p[6] < 0 || p[6] > 999 || p[0] < 1753 {
		return types.Value{}, errCannotConstruct(types.DateTime)
	}
	return types.FromTime(t, types.TypeDateTime)
}

func smallDateTimeFromParts(_ *Context, a []types.Value) (types.Value, error) {
	p, null, err := intParts(a)
	if err != nil || null {
		return types.Null(types.SmallDateTime), err
	}
	t, ok := wallClock(p[0], p[1], p[2], p[3], p[4], 0, 0, time.UTC)
	if !ok || p[0] < 1900 || p[0] > 2079 || p[0] == 2079 && (p[1] > 6 || p[1] == 6 && p[2] > 6) {
		return types.Value{}, errCannotConstruct(types.SmallDateTime)
	}
	return types.FromTime(t, types.Type{ID: types.SmallDateTime})
}

func dateTime2FromParts(_ *Context, a []types.Value) (types.Value, error) {
	p, null, err := intParts(a)
	if err != nil || null {
		return types.Null(types.DateTime2), err
	}
	ns, ok := fractionNanos(p[6], p[7])
	t, ok2 := wallClock(p[0], p[1], p[2], p[3], p[4], p[5], ns, time.UTC)
	if !ok || !ok2 {
		return types.Value{}, errCannotConstruct(types.DateTime2)
	}
	return types.FromTime(t, types.Type{ID: types.DateTime2, Scale: uint8(p[7])})
}

func dateTimeOffsetFromParts(_ *Context, a []types.Value) (types.Value, error) {
	p, null, err := intParts(a)
	if err != nil || null {
		return types.Null(types.DateTimeOffset), err
	}
	oh, om := p[7], p[8]
	ns, ok := fractionNanos(p[6], p[9])
	// The offset's hours and minutes carry one sign; at most ±14:00.
	okOff := oh >= -14 && oh <= 14 && om > -60 && om < 60 && (oh >= 0 && om >= 0 || oh <= 0 && om <= 0) &&
		(oh*60+om) >= -840 && (oh*60+om) <= 840
	loc := time.FixedZone("", int(oh*3600+om*60))
	t, ok2 := wallClock(p[0], p[1], p[2], p[3], p[4], p[5], ns, loc)
	if !ok || !ok2 || !okOff {
		return types.Value{}, errCannotConstruct(types.DateTimeOffset)
	}
	return types.FromTime(t, types.Type{ID: types.DateTimeOffset, Scale: uint8(p[9])})
}
