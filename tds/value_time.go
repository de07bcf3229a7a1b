package tds

import (
	"encoding/binary"
	"time"
)

// Date and time encodings ([MS-TDS] 2.2.5.5.1.7 DATETIME/SMALLDATETIME,
// 2.2.5.5.1.8 DATE/TIME/DATETIME2/DATETIMEOFFSET). Encoders use the value's wall
// clock (its own location), except DATETIMEOFFSET, which stores UTC plus the
// value's zone offset. Decoders return UTC times, and DATETIMEOFFSET values in a
// fixed zone with the stored offset.

const (
	unixDay0001 = -62135596800 // Unix seconds of 0001-01-01T00:00:00Z
	unixDay1900 = -2208988800  // Unix seconds of 1900-01-01T00:00:00Z
	secPerDay   = 86400
	nsPerDay    = secPerDay * int64(time.Second)
)

// wallDays returns the days from 0001-01-01 to t's wall-clock date.
func wallDays(t time.Time) int64 {
	y, m, d := t.Date()
	return (time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() - unixDay0001) / secPerDay
}

// wallNanos returns the nanoseconds since t's wall-clock midnight.
func wallNanos(t time.Time) int64 {
	h, m, s := t.Clock()
	return (int64(h)*3600+int64(m)*60+int64(s))*int64(time.Second) + int64(t.Nanosecond())
}

func dayTime(days, nanos int64) time.Time {
	return time.Unix(unixDay0001+days*secPerDay, nanos).UTC()
}

var scalePow = [8]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000}

// timeTicks converts nanoseconds since midnight to 10^-scale units, rounding half up.
func timeTicks(nanos int64, scale uint8) int64 {
	unit := int64(time.Second) / scalePow[scale]
	return (nanos + unit/2) / unit
}

func appendUintN(b []byte, v uint64, n int) []byte {
	for i := 0; i < n; i++ {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

func uintN(p []byte) uint64 {
	var v uint64
	for i := len(p) - 1; i >= 0; i-- {
		v = v<<8 | uint64(p[i])
	}
	return v
}

const maxDays = 3652059 // 9999-12-31

// appendDate appends the 3-byte DATE value.
func appendDate(b []byte, days int64) ([]byte, error) {
	if days < 0 || days > maxDays {
		return b, errorf("date out of range")
	}
	return appendUintN(b, uint64(days), 3), nil
}

// appendTimeDate appends time(scale) and, if withDate, the date; ticks that
// round up to midnight carry into the date (datetime2) or wrap (time).
func appendTimeDate(b []byte, t time.Time, scale uint8, withDate bool) ([]byte, error) {
	days, ticks := wallDays(t), timeTicks(wallNanos(t), scale)
	if perDay := secPerDay * scalePow[scale]; ticks >= perDay {
		ticks -= perDay
		days++
	}
	b = appendUintN(b, uint64(ticks), timeSize(scale))
	if withDate {
		return appendDate(b, days)
	}
	return b, nil
}

func decodeTime(p []byte, scale uint8) int64 {
	ticks := int64(uintN(p))
	return ticks * (int64(time.Second) / scalePow[scale])
}

// appendDateTime appends DATETIME (8 bytes) or SMALLDATETIME (4 bytes).
func appendDateTime(b []byte, t time.Time, size int) ([]byte, error) {
	days := wallDays(t) - (unixDay1900-unixDay0001)/secPerDay
	nanos := wallNanos(t)
	if size == 4 {
		mins := (nanos + 30*int64(time.Second)) / int64(time.Minute)
		if mins >= 1440 {
			mins -= 1440
			days++
		}
		if days < 0 || days > 0xFFFF {
			return b, errorf("smalldatetime out of range")
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(days))
		return binary.LittleEndian.AppendUint16(b, uint16(mins)), nil
	}
	ticks := (nanos*300 + int64(time.Second)/2) / int64(time.Second)
	if ticks >= 300*secPerDay {
		ticks -= 300 * secPerDay
		days++
	}
	if days < -53690 || days > 2958463 { // 1753-01-01 .. 9999-12-31
		return b, errorf("datetime out of range")
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(int32(days)))
	return binary.LittleEndian.AppendUint32(b, uint32(ticks)), nil
}

func decodeDateTime(p []byte) time.Time {
	if len(p) == 4 {
		days := int64(binary.LittleEndian.Uint16(p))
		mins := int64(binary.LittleEndian.Uint16(p[2:]))
		return time.Unix(unixDay1900+days*secPerDay+mins*60, 0).UTC()
	}
	days := int64(int32(binary.LittleEndian.Uint32(p)))
	ticks := int64(binary.LittleEndian.Uint32(p[4:]))
	ns := ticks * int64(time.Second) / 300
	return time.Unix(unixDay1900+days*secPerDay, 0).Add(time.Duration(ns)).UTC()
}

// appendDateTimeOffset appends DATETIMEOFFSET(scale): UTC time, UTC date, offset minutes.
func appendDateTimeOffset(b []byte, t time.Time, scale uint8) ([]byte, error) {
	_, off := t.Zone()
	b, err := appendTimeDate(b, t.UTC(), scale, true)
	if err != nil {
		return b, err
	}
	return binary.LittleEndian.AppendUint16(b, uint16(int16(off/60))), nil
}

func decodeDateTimeOffset(p []byte, scale uint8) time.Time {
	n := timeSize(scale)
	u := dayTime(int64(uintN(p[n:n+3])), decodeTime(p[:n], scale))
	off := int(int16(binary.LittleEndian.Uint16(p[n+3:])))
	return u.In(time.FixedZone("", off*60))
}
