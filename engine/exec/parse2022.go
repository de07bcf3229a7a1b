package exec

import (
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// PARSE(s AS type [USING culture]) and TRY_PARSE: a string read as a
// number or a date/time the way .NET reads it in a culture. The cultures
// supported are en-US (also "en", and the default under us_english) and
// the invariant culture (""); any other culture is 9818, since reading it
// correctly needs that culture's separators, month names and patterns.

// parseCultures maps the supported culture names (lower case) to their
// currency symbols.
var parseCultures = map[string]string{"en-us": "$", "en": "$", "": "¤"}

func errParseCulture(c string) error {
	return &Error{Number: 9818, Severity: 16, State: 1, Message: "The culture parameter '" + c + "' provided in the function call is not supported."}
}

func errParseValue(s string, t types.Type, culture string) error {
	return &Error{Number: 9819, Severity: 16, State: 1,
		Message: "Error converting string value '" + s + "' into data type " + t.ID.Name() + " using culture '" + culture + "'."}
}

// parseFunc compiles PARSE/TRY_PARSE: the target must be a number or
// date/time type (10761), the string argument a character string (8116;
// a NULL constant too, as SQL Server refuses to parse it).
func (c *compiler) parseFunc(name string, f *ast.FuncCall) (*expr, error) {
	t, err := castType(f.As)
	if err != nil {
		return nil, err
	}
	lower := strings.ToLower(name)
	if !t.ID.IsNumeric() && !t.ID.IsDateTime() || t.ID == types.Bit {
		return nil, &Error{Number: 10761, Severity: 16, State: 2, Message: "Invalid data type " + t.ID.Name() + " in function " + name + "."}
	}
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	for i, a := range args {
		if id := a.typ.ID; !id.IsString() {
			tn := "NULL"
			if id != types.Unknown {
				tn = id.Name()
			}
			return nil, &Error{Number: 8116, Severity: 16, State: 1, Message: "Argument data type " + tn + " is invalid for argument " + itoa(i+1) + " of " + lower + " function."}
		}
	}
	try := name == "TRY_PARSE"
	return &expr{typ: t, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		culture := "en-US"
		if len(vals) > 1 {
			if vals[1].IsNull() {
				return types.Null(t.ID), nil
			}
			culture = vals[1].Str()
		}
		currency, ok := parseCultures[strings.ToLower(culture)]
		if !ok {
			return types.Value{}, errParseCulture(culture)
		}
		if vals[0].IsNull() {
			return types.Null(t.ID), nil
		}
		s := vals[0].Str()
		v, ok := parseCultureValue(s, t, currency)
		if ok {
			return v, nil
		}
		if try {
			return types.Null(t.ID), nil
		}
		return types.Value{}, errParseValue(s, t, culture)
	}}, nil
}

// parseCultureValue reads s as type t; ok is false when it does not parse
// or does not fit.
func parseCultureValue(s string, t types.Type, currency string) (types.Value, bool) {
	s = strings.TrimSpace(s)
	if t.ID.IsDateTime() {
		tm, ok := parseCultureTime(s, t.ID)
		if !ok {
			return types.Value{}, false
		}
		v, err := types.FromTime(tm, t)
		return v, err == nil
	}
	num, ok := normalizeNumber(s, currency, t.ID == types.Money || t.ID == types.SmallMoney,
		t.ID == types.Float || t.ID == types.Real)
	if !ok {
		return types.Value{}, false
	}
	if isIntegerID(t.ID) {
		// .NET accepts a decimal point in an integer only with zero digits after it.
		if i := strings.IndexByte(num, '.'); i >= 0 {
			if strings.Trim(num[i+1:], "0") != "" {
				return types.Value{}, false
			}
			num = num[:i]
		}
	}
	v, err := types.Convert(types.NewVarChar(num), t, 0)
	return v, err == nil
}

func isIntegerID(id types.TypeID) bool {
	return id == types.TinyInt || id == types.SmallInt || id == types.Int || id == types.BigInt
}

// normalizeNumber turns .NET's NumberStyles.Number text (spaces, a leading
// or trailing sign, thousands separators in the integer part, one decimal
// point) into plain digits; money also takes the culture's currency symbol
// and parentheses for negatives (NumberStyles.Currency), floats an
// exponent (NumberStyles.Float | AllowThousands).
func normalizeNumber(s, currency string, money, float bool) (string, bool) {
	neg := false
	if money && strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	sign := func() {
		switch {
		case strings.HasPrefix(s, "-"):
			neg, s = !neg, strings.TrimSpace(s[1:])
		case strings.HasPrefix(s, "+"):
			s = strings.TrimSpace(s[1:])
		case strings.HasSuffix(s, "-"):
			neg, s = !neg, strings.TrimSpace(s[:len(s)-1])
		case strings.HasSuffix(s, "+"):
			s = strings.TrimSpace(s[:len(s)-1])
		}
	}
	sign()
	if money {
		if strings.HasPrefix(s, currency) {
			s = strings.TrimSpace(s[len(currency):])
			sign()
		} else if strings.HasSuffix(s, currency) {
			s = strings.TrimSpace(s[:len(s)-len(currency)])
		}
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	digits, point, exp := 0, false, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= '0' && ch <= '9':
			digits++
			b.WriteByte(ch)
		case ch == ',' && !point && !exp && digits > 0:
		case ch == '.' && !point && !exp:
			point = true
			b.WriteByte(ch)
		case float && (ch == 'e' || ch == 'E') && !exp && digits > 0:
			exp = true
			b.WriteByte('E')
			if i+1 < len(s) && (s[i+1] == '-' || s[i+1] == '+') {
				i++
				b.WriteByte(s[i])
			}
		default:
			return "", false
		}
	}
	return b.String(), digits > 0
}

// cultureDateLayouts are the en-US and invariant patterns tried in turn:
// the long and short date patterns with and without the day name, ISO
// 8601, each with or without a time.
var cultureDateLayouts = []string{
	"Monday, 2 January 2006", "Monday, January 2, 2006", "Mon, 2 Jan 2006", "Mon, Jan 2, 2006",
	"2 January 2006", "January 2, 2006", "2 Jan 2006", "Jan 2, 2006", "January 2 2006",
	"1/2/2006", "1-2-2006", "2006-01-02", "2006/01/02", "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05.9999999Z07:00",
}

var cultureTimeLayouts = []string{"", " 3:04 PM", " 3:04:05 PM", " 3:04:05.9999999 PM", " 15:04", " 15:04:05", " 15:04:05.9999999",
	" 3:04 PM -07:00", " 15:04:05 -07:00", " 15:04:05.9999999 -07:00"}

// parseCultureTime reads a date and/or time; a time alone is on 1900-01-01
// for time, on today's date elsewhere as .NET does (here 1900-01-01 too).
func parseCultureTime(s string, id types.TypeID) (time.Time, bool) {
	for _, d := range cultureDateLayouts {
		for _, tl := range cultureTimeLayouts {
			if strings.Contains(d, "T15") && tl != "" {
				continue
			}
			if tm, err := time.Parse(d+tl, s); err == nil {
				return tm, true
			}
		}
	}
	for _, tl := range cultureTimeLayouts[1:] {
		if tm, err := time.Parse(strings.TrimPrefix(tl, " "), s); err == nil {
			return time.Date(1900, 1, 1, tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), tm.Location()), true
		}
	}
	return time.Time{}, false
}
