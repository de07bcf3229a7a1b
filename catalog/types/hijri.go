package types

import "math"

// CONVERT styles 130 and 131 print a date in the Hijri calendar, which SQL
// Server computes with the Kuwaiti algorithm (an arithmetic calendar of
// 30-year cycles of 10631 days).

// hijriMonths are the month names style 130 prints.
var hijriMonths = [...]string{"محرم", "صفر", "ربيع الاول", "ربيع الثاني", "جمادى الاولى", "جمادى الثانية",
	"رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}

// jdn0001 is the Julian day number of 0001-01-01 (proleptic Gregorian), the
// origin of the day counts date values carry.
const jdn0001 = 1721426

// hijriFromDays converts days since 0001-01-01 to a Hijri year, month
// (1-12) and day.
func hijriFromDays(days int) (y, m, d int) {
	const (
		cycle      = 10631.0      // days in 30 Hijri years
		year       = cycle / 30.0 // mean Hijri year
		epoch      = 1948084      // Julian day number of 1 Muharram 1 AH, less one
		shift      = 8.01 / 60.0
		monthMean  = 29.5
		monthFloor = 29.5001
	)
	z := float64(days + jdn0001 - epoch)
	cyc := math.Floor(z / cycle)
	z -= cycle * cyc
	j := math.Floor((z - shift) / year)
	y = int(30*cyc + j)
	z -= math.Floor(j*year + shift)
	m = int(math.Floor((z + 28.5001) / monthMean))
	if m == 13 {
		m = 12
	}
	d = int(z - math.Floor(monthFloor*float64(m)-29))
	return y, m, d
}

// appendHijri appends style 130 (dd month yyyy hh:mi:ss.mmmAM) or 131
// (dd/mm/yyyy hh:mi:ss.mmmAM) for a value whose local day count is days
// and whose time of day is h:mi:s with the milliseconds ms.
func appendHijri(dst []byte, style, days, h, mi, s, ms int) []byte {
	y, m, d := hijriFromDays(days)
	dst = appendPad(dst, d, 2)
	if style == 130 {
		dst = append(dst, ' ')
		dst = append(dst, hijriMonths[m-1]...)
		dst = append(dst, ' ')
	} else {
		dst = append(dst, '/')
		dst = appendPad(dst, m, 2)
		dst = append(dst, '/')
	}
	dst = appendPad(dst, y, 4)
	dst = append(dst, ' ')
	dst = appendClock12(dst, h, mi, s) // datetime_format.go
	dst = append(dst, '.')
	dst = appendPad(dst, ms, 3)
	if h < 12 {
		return append(dst, "AM"...)
	}
	return append(dst, "PM"...)
}
