package types

import "strconv"

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// validDateStyle reports the CONVERT styles supported for date/time ↔ text.
func validDateStyle(style int) bool {
	switch style {
	case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25,
		100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114,
		120, 121, 126, 127:
		return true
	}
	return false
}

// appendClock12 appends h:mi:ss on the 12-hour clock, the hour padded
// with a space (styles 9, 22, 109, 130, 131).
func appendClock12(dst []byte, h, mi, s int) []byte {
	dst = appendHourMinute12(dst, h, mi)
	dst = append(dst, ':')
	return appendPad(dst, s, 2)
}

// appendHourMinute12 appends h:mi on the 12-hour clock, the hour padded
// with a space (styles 0 and 100 stop there).
func appendHourMinute12(dst []byte, h, mi int) []byte {
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	dst = appendSpacePad(dst, h12, 2)
	dst = append(dst, ':')
	return appendPad(dst, mi, 2)
}

func appendPad(dst []byte, n, width int) []byte {
	var buf [12]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

func appendSpacePad(dst []byte, n, width int) []byte {
	var buf [12]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, ' ')
	}
	return append(dst, s...)
}

// fracDigits is the number of fractional-second digits a value prints
// with: 3 for datetime, 0 for smalldatetime (seconds shown as :00), the
// scale for time, datetime2 and datetimeoffset.
func fracDigits(v Value) int {
	switch v.id {
	case DateTime:
		return 3
	case SmallDateTime:
		return 0
	}
	return int(v.scale)
}

// appendFrac appends "." and the first n digits of the ticks' fraction
// (datetime rounds its 1/300 s to milliseconds).
func appendFrac(dst []byte, v Value, ticks int64, n int) []byte {
	if n == 0 {
		return dst
	}
	frac := ticks % ticksPerSecond
	if v.id == DateTime {
		ms := (v.i%300*10 + 1) / 3 // 1/300 s → ms, .003/.007
		dst = append(dst, '.')
		return appendPad(dst, int(ms), 3)
	}
	dst = append(dst, '.')
	return appendPad(dst, int(frac/pow10Ticks[n]), n)
}

// appendDateTimeText formats a date/time value with a CONVERT style. The
// caller has checked validDateStyle. Style 0 (and CAST) is 'Jan 31 2024
// 10:00AM' for datetime and smalldatetime and ISO 8601 (121 with the
// value's scale) for date, time, datetime2 and datetimeoffset.
func appendDateTimeText(dst []byte, v Value, style int) []byte {
	days, ticks, off := v.localParts()
	if v.id == Time {
		days = days1900
	}
	y, mo, d := civilFromDays(int(days))
	sec := ticks / ticksPerSecond
	h, mi, s := int(sec/3600), int(sec/60%60), int(sec%60)
	if style == 0 && v.id != DateTime && v.id != SmallDateTime {
		style = 121
	}
	if v.id == Date && style > 100 && (style == 108 || style == 114) || v.id == Time && style < 100 && style != 8 && style != 14 {
		// Time-only styles on a date and date styles on a time print ISO.
		style = 121
	}
	hasDate, hasTime := v.id != Time, v.id != Date
	century := style >= 100 || style == 0 || style == 20 || style == 21 || style == 23 || style == 25
	yr := func(dst []byte) []byte {
		if century {
			return appendPad(dst, y, 4)
		}
		return appendPad(dst, y%100, 2)
	}
	ampm := func(dst []byte, secs, frac bool) []byte {
		if !secs {
			dst = appendHourMinute12(dst, h, mi)
		} else {
			dst = appendClock12(dst, h, mi, s)
			if frac {
				dst = append(dst, ':')
				dst = appendFracColon(dst, v, ticks)
			}
		}
		if h < 12 {
			return append(dst, "AM"...)
		}
		return append(dst, "PM"...)
	}
	hms := func(dst []byte) []byte {
		dst = appendPad(dst, h, 2)
		dst = append(dst, ':')
		dst = appendPad(dst, mi, 2)
		dst = append(dst, ':')
		return appendPad(dst, s, 2)
	}
	sep := func(dst []byte, a, b, c int, aw, bw int, sp byte, last func([]byte) []byte) []byte {
		dst = appendPad(dst, a, aw)
		dst = append(dst, sp)
		dst = appendPad(dst, b, bw)
		dst = append(dst, sp)
		return last(dst)
	}
	if (style == 130 || style == 131) && hasDate {
		ms, _ := strconv.Atoi(string(appendFracColon(nil, v, ticks)))
		return appendHijri(dst, style, int(days), h, mi, s, ms) // hijri.go
	}
	switch style % 100 {
	case 0:
		dst = append(dst, monthAbbr[mo-1]...)
		dst = append(dst, ' ')
		dst = appendSpacePad(dst, d, 2)
		dst = append(dst, ' ')
		dst = appendPad(dst, y, 4)
		dst = append(dst, ' ')
		return ampm(dst, false, false)
	case 1:
		return sep(dst, mo, d, 0, 2, 2, '/', yr)
	case 2:
		dst = yr(dst)
		dst = append(dst, '.')
		dst = appendPad(dst, mo, 2)
		dst = append(dst, '.')
		return appendPad(dst, d, 2)
	case 3:
		return sep(dst, d, mo, 0, 2, 2, '/', yr)
	case 4:
		return sep(dst, d, mo, 0, 2, 2, '.', yr)
	case 5:
		return sep(dst, d, mo, 0, 2, 2, '-', yr)
	case 6:
		dst = appendPad(dst, d, 2)
		dst = append(dst, ' ')
		dst = append(dst, monthAbbr[mo-1]...)
		dst = append(dst, ' ')
		return yr(dst)
	case 7:
		dst = append(dst, monthAbbr[mo-1]...)
		dst = append(dst, ' ')
		dst = appendPad(dst, d, 2)
		dst = append(dst, ", "...)
		return yr(dst)
	case 8, 24:
		return hms(dst)
	case 9:
		dst = append(dst, monthAbbr[mo-1]...)
		dst = append(dst, ' ')
		dst = appendSpacePad(dst, d, 2)
		dst = append(dst, ' ')
		dst = appendPad(dst, y, 4)
		dst = append(dst, ' ')
		return ampm(dst, true, true)
	case 10:
		return sep(dst, mo, d, 0, 2, 2, '-', yr)
	case 11:
		dst = yr(dst)
		dst = append(dst, '/')
		dst = appendPad(dst, mo, 2)
		dst = append(dst, '/')
		return appendPad(dst, d, 2)
	case 12:
		dst = yr(dst)
		dst = appendPad(dst, mo, 2)
		return appendPad(dst, d, 2)
	case 13:
		dst = appendPad(dst, d, 2)
		dst = append(dst, ' ')
		dst = append(dst, monthAbbr[mo-1]...)
		dst = append(dst, ' ')
		dst = appendPad(dst, y, 4)
		dst = append(dst, ' ')
		dst = hms(dst)
		dst = append(dst, ':')
		return appendFracColon(dst, v, ticks)
	case 14:
		dst = hms(dst)
		dst = append(dst, ':')
		return appendFracColon(dst, v, ticks)
	case 22: // mm/dd/yy hh:mi:ss AM
		dst = sep(dst, mo, d, 0, 2, 2, '/', yr)
		dst = append(dst, ' ')
		dst = appendClock12(dst, h, mi, s)
		if h < 12 {
			return append(dst, " AM"...)
		}
		return append(dst, " PM"...)
	}
	// ISO forms: 20/120 (no fraction), 21/121/25, 126, 127, 23 (date only).
	if hasDate {
		dst = appendPad(dst, y, 4)
		dst = append(dst, '-')
		dst = appendPad(dst, mo, 2)
		dst = append(dst, '-')
		dst = appendPad(dst, d, 2)
		if !hasTime || style%100 == 23 {
			return dst
		}
		if style == 126 || style == 127 {
			dst = append(dst, 'T')
		} else {
			dst = append(dst, ' ')
		}
	}
	dst = hms(dst)
	if style%100 != 20 {
		n := fracDigits(v)
		if (style == 126 || style == 127) && v.id == DateTime && v.i%300 == 0 {
			n = 0 // 126 omits a zero fraction for datetime
		}
		dst = appendFrac(dst, v, ticks, n)
	}
	if v.id == DateTimeOffset {
		if style == 127 && off == 0 {
			return append(dst, 'Z')
		}
		dst = append(dst, ' ')
		if off < 0 {
			dst = append(dst, '-')
			off = -off
		} else {
			dst = append(dst, '+')
		}
		dst = appendPad(dst, int(off/60), 2)
		dst = append(dst, ':')
		dst = appendPad(dst, int(off%60), 2)
	}
	return dst
}

// appendFracColon appends milliseconds (3 digits) for the :mmm styles.
func appendFracColon(dst []byte, v Value, ticks int64) []byte {
	if v.id == DateTime {
		return appendPad(dst, int((v.i%300*10+1)/3), 3)
	}
	return appendPad(dst, int(ticks%ticksPerSecond/10_000), 3)
}
