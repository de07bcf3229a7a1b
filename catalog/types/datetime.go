package types

import (
	"time"
)

// Date/time constants. Days count from 0001-01-01 (day 0) in the proleptic
// Gregorian calendar, as datetime2 and date store them.
const (
	ticksPerSecond = 10_000_000 // 100 ns ticks
	ticksPerMinute = 60 * ticksPerSecond
	ticksPerDay    = 86400 * ticksPerSecond
	dt300PerDay    = 86400 * 300 // datetime's 1/300 s ticks per day
	maxDays        = 3652058     // 9999-12-31
	days1900       = 693595      // 1900-01-01
	days1753       = 639905      // 1753-01-01, first datetime day
	days2079       = 759185      // 2079-06-06, last smalldatetime day
)

// daysFromCivil returns the day number of y-m-d (proleptic Gregorian).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	// era*146097 + doe counts from 0000-03-01; 0001-01-01 is day 306.
	return era*146097 + doe - 306
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(n int) (y, m, d int) {
	z := n + 306
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether y-m-d is a date SQL Server can hold (0001..9999).
func validDate(y, m, d int) bool {
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

// pow10Ticks[n] is the number of 100 ns ticks in one unit of scale n.
var pow10Ticks = [8]int64{10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1}

// roundTicks rounds 100 ns ticks to fractional-second scale (half up).
func roundTicks(ticks int64, scale uint8) int64 {
	u := pow10Ticks[min(scale, 7)]
	return (ticks + u/2) / u * u
}

// dt300ToTicks converts datetime's 1/300 s units to 100 ns ticks (rounded).
func dt300ToTicks(t300 int64) int64 { return (t300*100_000 + 1) / 3 }

// ticksToDt300 rounds 100 ns ticks to datetime's 1/300 s units
// (.000/.003/.007), half up.
func ticksToDt300(ticks int64) int64 { return (ticks*3 + 50_000) / 100_000 }

// dateTimeValue builds a date/time value of type t from days and 100 ns
// ticks (local time) and an offset in minutes (datetimeoffset only),
// applying the type's rounding and range. from names the source type for
// error 242.
func dateTimeValue(t Type, days int64, ticks int64, offMin int16, from TypeID) (Value, error) {
	switch t.ID {
	case Date:
		if days < 0 || days > maxDays {
			return Value{}, errDateOutOfRange(from, t.ID)
		}
		return Value{id: Date, ok: true, i: days}, nil
	case Time:
		ticks = roundTicks(ticks, t.Scale) % ticksPerDay
		return Value{id: Time, ok: true, scale: t.Scale, i: ticks}, nil
	case DateTime2, DateTimeOffset:
		ticks = roundTicks(ticks, t.Scale)
		if ticks >= ticksPerDay {
			days++
			ticks -= ticksPerDay
		}
		if t.ID == DateTimeOffset {
			// Stored as UTC.
			ticks -= int64(offMin) * ticksPerMinute
			for ticks < 0 {
				ticks += ticksPerDay
				days--
			}
			for ticks >= ticksPerDay {
				ticks -= ticksPerDay
				days++
			}
		}
		if days < 0 || days > maxDays {
			return Value{}, errDateOutOfRange(from, t.ID)
		}
		return Value{id: t.ID, ok: true, scale: t.Scale, hi: uint64(days), i: ticks, off: offMin}, nil
	case DateTime:
		t300 := ticksToDt300(ticks)
		if t300 >= dt300PerDay {
			days++
			t300 -= dt300PerDay
		}
		if days < days1753 || days > maxDays {
			return Value{}, errDateOutOfRange(from, t.ID)
		}
		return Value{id: DateTime, ok: true, hi: uint64(days), i: t300}, nil
	case SmallDateTime:
		mins := (ticks + 300_010_000) / ticksPerMinute
		if mins >= 1440 {
			days++
			mins -= 1440
		}
		if days < days1900 || days > days2079 {
			return Value{}, errDateOutOfRange(from, t.ID)
		}
		return Value{id: SmallDateTime, ok: true, hi: uint64(days), i: mins}, nil
	}
	return Value{}, errExplicit(from, t.ID)
}

// localParts returns a date/time value's local days and 100 ns ticks and
// its offset in minutes. Time values have day 0 (1900-01-01 is applied by
// conversions); date values have ticks 0.
func (v Value) localParts() (days, ticks int64, off int16) {
	switch v.id {
	case Date:
		return v.i, 0, 0
	case Time:
		return 0, v.i, 0
	case DateTime2:
		return int64(v.hi), v.i, 0
	case DateTimeOffset:
		days, ticks = int64(v.hi), v.i+int64(v.off)*ticksPerMinute
		for ticks < 0 {
			ticks += ticksPerDay
			days--
		}
		for ticks >= ticksPerDay {
			ticks -= ticksPerDay
			days++
		}
		return days, ticks, v.off
	case DateTime:
		return int64(v.hi), dt300ToTicks(v.i), 0
	case SmallDateTime:
		return int64(v.hi), v.i * ticksPerMinute, 0
	}
	return 0, 0, 0
}

// utcParts returns days and ticks as an instant (UTC for datetimeoffset,
// local for the others), the order SQL Server compares them in.
func (v Value) utcParts() (days, ticks int64) {
	if v.id == DateTimeOffset {
		return int64(v.hi), v.i
	}
	d, t, _ := v.localParts()
	return d, t
}

// FromTime converts a Go time to a value of date/time type t, with t's
// rounding; the time's wall clock is used (and its offset for
// datetimeoffset). Out-of-range values give error 242.
func FromTime(tm time.Time, t Type) (Value, error) {
	y, m, d := tm.Date()
	if y < 1 || y > 9999 {
		return Value{}, errDateOutOfRange(DateTime2, t.ID)
	}
	days := int64(daysFromCivil(y, int(m), d))
	ticks := int64(tm.Hour())*3600*ticksPerSecond + int64(tm.Minute())*ticksPerMinute +
		int64(tm.Second())*ticksPerSecond + int64(tm.Nanosecond())/100
	_, offSec := tm.Zone()
	if t.ID != DateTimeOffset {
		offSec = 0
	}
	return dateTimeValue(t, days, ticks, int16(offSec/60), DateTime2)
}

// MustTime is FromTime that panics on error, for tests and constants.
func MustTime(tm time.Time, t Type) Value {
	v, err := FromTime(tm, t)
	if err != nil {
		panic(err)
	}
	return v
}

// NewDate returns a date value; ok is false for an invalid date.
func NewDate(y, m, d int) (Value, bool) {
	if !validDate(y, m, d) {
		return Value{}, false
	}
	return Value{id: Date, ok: true, i: int64(daysFromCivil(y, m, d))}, true
}

// Time returns a date/time value as a Go time: UTC wall clock for date,
// time (on 1900-01-01), datetime, smalldatetime and datetime2; the value's
// own offset (a time.FixedZone) for datetimeoffset.
func (v Value) Time() time.Time {
	if !v.id.IsDateTime() || !v.ok {
		return time.Time{}
	}
	days, ticks, off := v.localParts()
	if v.id == Time {
		days = days1900
	}
	y, m, d := civilFromDays(int(days))
	loc := time.UTC
	if v.id == DateTimeOffset {
		loc = time.FixedZone("", int(off)*60)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc).Add(time.Duration(ticks) * 100)
}

// Offset returns a datetimeoffset value's offset in minutes.
func (v Value) Offset() int { return int(v.off) }
