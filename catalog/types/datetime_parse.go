package types

import (
	"strings"
)

// DateFormat is the session's SET DATEFORMAT: the order of month, day and
// year in numeric dates such as '01/02/2024'. The zero value is MDY, the
// default for us_english.
type DateFormat uint8

// DATEFORMAT settings.
const (
	DateFormatMDY DateFormat = iota
	DateFormatDMY
	DateFormatYMD
	DateFormatYDM
	DateFormatMYD
	DateFormatDYM
)

// dateFormatNames are the DATEFORMAT settings' names, in DateFormat order.
var dateFormatNames = []string{"mdy", "dmy", "ymd", "ydm", "myd", "dym"}

// String is the setting's name as SET DATEFORMAT takes it and
// sys.dm_exec_sessions.date_format shows it (mdy …).
func (f DateFormat) String() string {
	if int(f) < len(dateFormatNames) {
		return dateFormatNames[f]
	}
	return "mdy"
}

// ParseDateFormat parses a SET DATEFORMAT argument (mdy, dmy, ...).
func ParseDateFormat(s string) (DateFormat, bool) {
	for i, n := range dateFormatNames {
		if strings.EqualFold(s, n) {
			return DateFormat(i), true
		}
	}
	return 0, false
}

// parsedDateTime is the result of parsing a date/time string.
type parsedDateTime struct {
	days      int64 // day number; days1900 when the string has no date
	ticks     int64 // 100 ns ticks since midnight
	fracDigit int   // digits of fractional seconds written
	hasDate   bool
	hasTime   bool
	hasOff    bool
	off       int16 // offset minutes
	badRange  bool  // well-formed but not a valid calendar date
}

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// russianMonths are sys.syslanguages' months and shortmonths of Russian
// (SET LANGUAGE Russian), in that order per month.
var russianMonths = [...][2]string{{"январь", "янв"}, {"февраль", "фев"}, {"март", "мар"}, {"апрель", "апр"},
	{"май", "май"}, {"июнь", "июн"}, {"июль", "июл"}, {"август", "авг"}, {"сентябрь", "сен"}, {"октябрь", "окт"},
	{"ноябрь", "ноя"}, {"декабрь", "дек"}}

// monthByName accepts full names and three-letter abbreviations, English
// and Russian. SQL Server takes a language's names only under SET LANGUAGE of
// that language; accepting the (Cyrillic, so never ambiguous) Russian names
// in every language is a deliberate leniency.
func monthByName(w string) int {
	w = strings.ToLower(w)
	for i, n := range monthNames {
		if w == n || len(w) == 3 && strings.HasPrefix(n, w) {
			return i + 1
		}
	}
	for i, n := range russianMonths {
		if w == n[0] || w == n[1] {
			return i + 1
		}
	}
	return 0
}

// styleDateFormat is the numeric date order implied by a CONVERT style
// when parsing (style 0 and unknown styles use the session DATEFORMAT).
func styleDateFormat(style int, df DateFormat) DateFormat {
	switch style {
	case 1, 101, 10, 110:
		return DateFormatMDY
	case 3, 103, 4, 104, 5, 105, 13, 113:
		return DateFormatDMY
	case 2, 102, 11, 111:
		return DateFormatYMD
	}
	return df
}

// parseDateTimeString parses the date/time literals SQL Server accepts:
// ISO 8601 ('2024-01-31', '2024-01-31T10:00:00.123', with 'Z' or ±hh:mm),
// unseparated ('20240131', '20240131 10:00'), numeric with / - . in
// DATEFORMAT order ('01/31/2024', '31.01.2024' under dmy, two-digit years
// with the 2049 cutoff), alphabetic ('Jan 31 2024', '31 January 2024',
// 'January 31, 2024'), and a time alone ('10:00', '10:00:00.1234567',
// '10:00AM', '10:00:00:123') which is on 1900-01-01. ok is false for a
// malformed string.
func parseDateTimeString(s string, df DateFormat) (p parsedDateTime, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		// '' converts to 1900-01-01 00:00:00.
		return parsedDateTime{days: days1900}, true
	}
	// ISO 8601 with a UTC designator ('2025-01-01T00:00:00.003Z'), which SQL
	// Server accepts for every date/time type: the Z is dropped.
	if n := len(s); n > 10 && (s[n-1] == 'Z' || s[n-1] == 'z') && strings.ContainsAny(s, "Tt") {
		s = s[:n-1]
	}
	datePart, timePart := splitDateTime(s)
	p.days = days1900
	if datePart != "" {
		y, m, d, ok := parseDatePart(datePart, df)
		if !ok {
			return p, false
		}
		p.hasDate = true
		if !validDate(y, m, d) {
			p.badRange = true
		} else {
			p.days = int64(daysFromCivil(y, m, d))
		}
	}
	if timePart != "" {
		if !parseTimePart(timePart, &p) {
			return p, false
		}
		p.hasTime = true
	}
	return p, true
}

// splitDateTime splits at the start of the time: the digits before the
// first ':' (or before AM/PM following digits).
func splitDateTime(s string) (date, tm string) {
	c := strings.IndexByte(s, ':')
	if c < 0 {
		// "10AM", "2024-01-01 10PM"
		u := strings.ToUpper(s)
		if strings.HasSuffix(u, "AM") || strings.HasSuffix(u, "PM") {
			j := len(s) - 2
			for j > 0 && s[j-1] == ' ' {
				j--
			}
			k := j
			for k > 0 && isDigit(s[k-1]) {
				k--
			}
			if k < j && (k == 0 || s[k-1] == ' ' || s[k-1] == 'T') {
				return strings.TrimRight(strings.TrimSpace(s[:k]), "T"), s[k:]
			}
		}
		return s, ""
	}
	k := c
	for k > 0 && isDigit(s[k-1]) {
		k--
	}
	if k > 0 && s[k-1] != ' ' && s[k-1] != 'T' && s[k-1] != 't' {
		return s, "" // not a time; the date parser will reject it
	}
	date = strings.TrimSpace(s[:k])
	if strings.HasSuffix(date, "T") || strings.HasSuffix(date, "t") {
		date = date[:len(date)-1]
	}
	return date, s[k:]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseDatePart parses the date portion (see parseDateTimeString).
func parseDatePart(s string, df DateFormat) (y, m, d int, ok bool) {
	// Unseparated: yyyymmdd or yymmdd.
	if allDigits(s) {
		switch len(s) {
		case 8:
			return atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]), true
		case 6:
			return year2(atoi(s[:2])), atoi(s[2:4]), atoi(s[4:]), true
		case 4:
			return atoi(s), 1, 1, true // '2024' alone is 2024-01-01
		}
		return 0, 0, 0, false
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	if len(fields) == 1 {
		return parseNumericDate(s, df)
	}
	// Alphabetic month: tokens are a month name and one or two numbers.
	var nums []string
	mon := 0
	for _, f := range fields {
		if allDigits(f) {
			nums = append(nums, f)
			continue
		}
		if mon != 0 {
			return 0, 0, 0, false
		}
		if mon = monthByName(strings.TrimSuffix(f, ".")); mon == 0 {
			return 0, 0, 0, false
		}
	}
	if mon == 0 || len(nums) == 0 || len(nums) > 2 {
		return 0, 0, 0, false
	}
	if len(nums) == 1 { // "Jan 2024": first day of the month
		if len(nums[0]) != 4 {
			return 0, 0, 0, false
		}
		return atoi(nums[0]), mon, 1, true
	}
	a, b := nums[0], nums[1]
	switch {
	case len(a) == 4: // 2024 Jan 31
		return atoi(a), mon, atoi(b), true
	case len(b) == 4 || len(b) <= 2:
		yr := atoi(b)
		if len(b) <= 2 {
			yr = year2(yr)
		}
		return yr, mon, atoi(a), len(a) <= 2
	}
	return 0, 0, 0, false
}

// parseNumericDate parses "a<sep>b<sep>c" with sep one of - / .
func parseNumericDate(s string, df DateFormat) (y, m, d int, ok bool) {
	var sep byte
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			sep = s[i]
			break
		}
	}
	if sep != '-' && sep != '/' && sep != '.' {
		return 0, 0, 0, false
	}
	parts := strings.Split(s, string(sep))
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	for _, p := range parts {
		if p == "" || !allDigits(p) || len(p) > 4 {
			return 0, 0, 0, false
		}
	}
	if len(parts[0]) == 4 { // yyyy-mm-dd (ISO; ydm only matters for datetime, ignored)
		if df == DateFormatYDM {
			return atoi(parts[0]), atoi(parts[2]), atoi(parts[1]), true
		}
		return atoi(parts[0]), atoi(parts[1]), atoi(parts[2]), true
	}
	a, b, c := parts[0], parts[1], parts[2]
	yr := func(t string) int {
		if len(t) <= 2 {
			return year2(atoi(t))
		}
		return atoi(t)
	}
	switch df {
	case DateFormatMDY:
		return yr(c), atoi(a), atoi(b), len(a) <= 2 && len(b) <= 2
	case DateFormatDMY:
		return yr(c), atoi(b), atoi(a), len(a) <= 2 && len(b) <= 2
	case DateFormatYMD:
		return yr(a), atoi(b), atoi(c), true
	case DateFormatYDM:
		return yr(a), atoi(c), atoi(b), true
	case DateFormatMYD:
		return yr(b), atoi(a), atoi(c), true
	case DateFormatDYM:
		return yr(b), atoi(c), atoi(a), true
	}
	return 0, 0, 0, false
}

// year2 applies the two-digit year cutoff (2049): 0..49 → 20xx, 50..99 → 19xx.
func year2(y int) int {
	if y < 50 {
		return 2000 + y
	}
	return 1900 + y
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi converts a short all-digit string (callers check allDigits).
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// parseTimePart parses hh:mi[:ss[.fffffff|:mmm]][ ][AM|PM][ ][Z|±hh:mm].
func parseTimePart(s string, p *parsedDateTime) bool {
	s = strings.TrimSpace(s)
	// Offset.
	if n := len(s); n > 0 && (s[n-1] == 'Z' || s[n-1] == 'z') {
		p.hasOff = true
		s = strings.TrimSpace(s[:n-1])
	} else if i := strings.LastIndexAny(s, "+-"); i > 0 {
		off := strings.TrimSpace(s[i+1:])
		if len(off) != 5 || off[2] != ':' || !allDigits(off[:2]) || !allDigits(off[3:]) {
			return false
		}
		h, m := atoi(off[:2]), atoi(off[3:])
		if h > 14 || m > 59 || h == 14 && m != 0 {
			return false
		}
		p.off = int16(h*60 + m)
		if s[i] == '-' {
			p.off = -p.off
		}
		p.hasOff = true
		s = strings.TrimSpace(s[:i])
	}
	// AM/PM.
	ampm := 0
	if n := len(s); n >= 2 {
		switch strings.ToUpper(s[n-2:]) {
		case "AM":
			ampm = 1
		case "PM":
			ampm = 2
		}
		if ampm != 0 {
			s = strings.TrimSpace(s[:n-2])
		}
	}
	var h, mi, sec int
	var frac int64
	parts := strings.Split(s, ":")
	if len(parts) > 4 || len(parts) == 1 && ampm == 0 {
		return false
	}
	// Seconds may carry ".fffffff".
	last := parts[len(parts)-1]
	if dot := strings.IndexByte(last, '.'); dot >= 0 {
		if len(parts) < 2 {
			return false
		}
		f := last[dot+1:]
		if len(f) > 7 || f != "" && !allDigits(f) {
			return false
		}
		p.fracDigit = len(f)
		for i := 0; i < 7; i++ {
			frac *= 10
			if i < len(f) {
				frac += int64(f[i] - '0')
			}
		}
		parts[len(parts)-1] = last[:dot]
	}
	for i, part := range parts {
		if !allDigits(part) || len(part) > 2 && i < 3 {
			return false
		}
	}
	h = atoi(parts[0])
	if len(parts) > 1 {
		mi = atoi(parts[1])
	}
	if len(parts) > 2 {
		sec = atoi(parts[2])
	}
	if len(parts) == 4 { // hh:mi:ss:mmm (milliseconds)
		ms := parts[3]
		if len(ms) > 3 || p.fracDigit != 0 {
			return false
		}
		frac = int64(atoi(ms)) * 10_000
		p.fracDigit = len(ms)
	}
	switch ampm {
	case 1:
		if h > 12 {
			return false
		}
		if h == 12 {
			h = 0
		}
	case 2:
		if h > 12 {
			return false
		}
		if h < 12 {
			h += 12
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return false
	}
	p.ticks = int64(h)*3600*ticksPerSecond + int64(mi)*ticksPerMinute + int64(sec)*ticksPerSecond + frac
	return true
}

// notADate is the error for text that is no date/time of type t: 295 for
// smalldatetime, 241 for the others.
func notADate(t TypeID) *Error {
	if t == SmallDateTime {
		return errSmallDateFromString
	}
	return errDateFromString
}

// parseDateTimeFor converts the text s to date/time type t: 241 (295 for
// smalldatetime) when s is not a date/time, 242 when it names a date outside t's range (for
// datetime and smalldatetime).
func parseDateTimeFor(s string, from TypeID, t Type, df DateFormat) (Value, error) {
	p, ok := parseDateTimeString(s, df)
	if !ok {
		return Value{}, notADate(t.ID)
	}
	switch t.ID {
	case DateTime, SmallDateTime:
		if p.fracDigit > 3 || p.hasOff {
			return Value{}, notADate(t.ID)
		}
		if p.badRange {
			return Value{}, errDateOutOfRange(from, t.ID)
		}
	case Date, DateTime2, DateTimeOffset, Time:
		if p.badRange {
			return Value{}, errDateFromString
		}
		if p.hasOff && t.ID != DateTimeOffset && t.ID != DateTime2 && t.ID != Date && t.ID != Time {
			return Value{}, errDateFromString
		}
	}
	if t.ID == Time {
		return dateTimeValue(t, 0, p.ticks, 0, from)
	}
	v, err := dateTimeValue(t, p.days, p.ticks, p.off, from)
	if err != nil && (t.ID == Date || t.ID == DateTime2 || t.ID == DateTimeOffset) {
		return Value{}, errDateFromString
	}
	return v, err
}
