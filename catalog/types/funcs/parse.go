package funcs

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	sqllang "github.com/mirrorsql/mirrorsql/catalog/types/language"
)

// PARSE and TRY_PARSE read a string as a number or a date/time the way
// .NET does in a culture. A culture's digit grouping, decimal separator
// and currency symbol come from CLDR through golang.org/x/text, so any
// culture x/text knows parses numbers; "" is .NET's invariant culture.
// Dates: ISO 8601 in every culture; English month and day names in
// English cultures; numeric month/day/year in en-US and the invariant
// culture only, since the day/month order of other cultures is not in
// x/text's public data (such text is 9819 rather than read in the wrong
// order).

// Culture is a .NET culture as PARSE uses it.
type Culture struct {
	Name     string // as written in USING
	Group    string // digit grouping separator
	Decimal  string // decimal separator
	Currency string // currency symbol
	english  bool   // English month and day names
	mdy      bool   // numeric dates are month/day/year
}

var cultures sync.Map // lower-case name → *Culture

// LookupCulture finds a culture by its .NET name (en-US, de-DE, fr, "" for
// the invariant culture); an unknown name is 9818.
func LookupCulture(name string) (*Culture, error) {
	key := strings.ToLower(name)
	if c, ok := cultures.Load(key); ok {
		return c.(*Culture), nil
	}
	c := &Culture{Name: name, Group: ",", Decimal: ".", Currency: "¤", english: true, mdy: true}
	if key != "" {
		tag, err := language.Parse(name)
		if err != nil {
			return nil, &types.Error{Number: 9818, Severity: 16, State: 1,
				Msg: "The culture parameter '" + name + "' provided in the function call is not supported."}
		}
		p := message.NewPrinter(tag)
		// 1234.5 shows the grouping separator between 1 and 2 and the
		// decimal separator between 4 and 5.
		sample := []rune(p.Sprint(number.Decimal(1234.5)))
		if i, j := runeIndex(sample, '1'), runeIndex(sample, '2'); i >= 0 && j > i {
			c.Group = string(sample[i+1 : j])
		}
		if i, j := runeIndex(sample, '4'), runeIndex(sample, '5'); i >= 0 && j > i {
			c.Decimal = string(sample[i+1 : j])
		}
		if unit, conf := currency.FromTag(tag); conf != language.No {
			sym := p.Sprint(currency.Symbol(unit.Amount(0)))
			c.Currency = strings.TrimSpace(strings.TrimRight(sym, "0.,\u00a0 "))
		}
		base, _ := tag.Base()
		c.english = base.String() == "en"
		region, _ := tag.Region()
		c.mdy = c.english && region.String() == "US"
	}
	cultures.Store(key, c)
	return c, nil
}

func runeIndex(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

// ParseCulture is PARSE(s AS t USING culture): t must be a number or
// date/time type; text that does not parse or fit is 9819 with SQL
// Server's message.
func ParseCulture(s string, t types.Type, c *Culture) (types.Value, error) {
	if v, ok := parseCultureValue(s, t, c); ok {
		return v, nil
	}
	return types.Value{}, &types.Error{Number: 9819, Severity: 16, State: 1,
		Msg: "Error converting string value '" + s + "' into data type " + t.ID.Name() + " using culture '" + c.Name + "'."}
}

func parseCultureValue(s string, t types.Type, c *Culture) (types.Value, bool) {
	s = strings.TrimSpace(s)
	if t.ID.IsDateTime() {
		tm, ok := parseCultureTime(s, c)
		if !ok {
			return types.Value{}, false
		}
		v, err := types.FromTime(tm, t)
		return v, err == nil
	}
	num, ok := normalizeNumber(s, c, t.ID == types.Money || t.ID == types.SmallMoney, t.ID == types.Float || t.ID == types.Real)
	if !ok {
		return types.Value{}, false
	}
	switch t.ID {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		// .NET accepts a decimal point in an integer only with zeros after it.
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

// normalizeNumber turns .NET's NumberStyles.Number text (white space, a
// leading or trailing sign, grouping separators before the decimal
// separator, one decimal separator) into plain "-123.45"; money also
// takes the currency symbol before or after the amount and parentheses
// for negatives (NumberStyles.Currency), floats an exponent
// (NumberStyles.Float | AllowThousands). A no-break space grouping
// separator also matches a plain space, as .NET allows.
func normalizeNumber(s string, c *Culture, money, float bool) (string, bool) {
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
	if money && c.Currency != "" {
		if strings.HasPrefix(s, c.Currency) {
			s = strings.TrimSpace(s[len(c.Currency):])
			sign()
		} else if strings.HasSuffix(s, c.Currency) {
			s = strings.TrimSpace(s[:len(s)-len(c.Currency)])
			sign()
		}
	}
	groups := []string{c.Group}
	if c.Group == "\u00a0" || c.Group == "\u202f" {
		groups = append(groups, " ", "\u00a0", "\u202f")
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	digits, point, exp := 0, false, false
	for rest := s; rest != ""; {
		ch := rest[0]
		switch {
		case ch >= '0' && ch <= '9':
			digits++
			b.WriteByte(ch)
			rest = rest[1:]
			continue
		case !point && strings.HasPrefix(rest, c.Decimal):
			point = true
			b.WriteByte('.')
			rest = rest[len(c.Decimal):]
			continue
		case float && (ch == 'e' || ch == 'E') && !exp && digits > 0:
			exp = true
			b.WriteByte('E')
			rest = rest[1:]
			if rest != "" && (rest[0] == '-' || rest[0] == '+') {
				b.WriteByte(rest[0])
				rest = rest[1:]
			}
			continue
		}
		matched := false
		if !point && !exp && digits > 0 {
			for _, g := range groups {
				if g != "" && strings.HasPrefix(rest, g) {
					rest, matched = rest[len(g):], true
					break
				}
			}
		}
		if !matched {
			return "", false
		}
	}
	return b.String(), digits > 0
}

// Date patterns: ISO 8601 everywhere; English names in English cultures;
// numeric month/day/year in en-US and the invariant culture.
var (
	isoDateLayouts     = []string{"2006-01-02", "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05.9999999Z07:00"}
	englishDateLayouts = []string{"Monday, 2 January 2006", "Monday, January 2, 2006", "Mon, 2 Jan 2006", "Mon, Jan 2, 2006",
		"2 January 2006", "January 2, 2006", "2 Jan 2006", "Jan 2, 2006", "January 2 2006"}
	mdyDateLayouts    = []string{"1/2/2006", "1-2-2006", "2006/1/2"}
	cultureTimeLayout = []string{"", " 3:04 PM", " 3:04:05 PM", " 3:04:05.9999999 PM", " 15:04", " 15:04:05", " 15:04:05.9999999",
		" 15:04:05 -07:00", " 15:04:05.9999999 -07:00"}
)

// parseCultureTime reads a date with an optional time, or a time alone
// (on 1900-01-01).
func parseCultureTime(s string, c *Culture) (time.Time, bool) {
	layouts := isoDateLayouts
	if c.english {
		layouts = append(append([]string(nil), layouts...), englishDateLayouts...)
	}
	if c.mdy {
		layouts = append(append([]string(nil), layouts...), mdyDateLayouts...)
	}
	for _, d := range layouts {
		for _, tl := range cultureTimeLayout {
			if strings.Contains(d, "T15") && tl != "" {
				continue
			}
			if tm, err := time.Parse(d+tl, s); err == nil {
				return tm, true
			}
		}
	}
	for _, tl := range cultureTimeLayout[1:] {
		if !c.english && strings.Contains(tl, "PM") {
			continue
		}
		if tm, err := time.Parse(strings.TrimPrefix(tl, " "), s); err == nil {
			return time.Date(1900, 1, 1, tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), tm.Location()), true
		}
	}
	return time.Time{}, false
}

// LanguageCulture is the culture of a session language (SET LANGUAGE);
// en-US when the name is not a language of sys.syslanguages.
func LanguageCulture(name string) string {
	if l, ok := sqllang.Lookup(name); ok {
		return l.Culture
	}
	return "en-US"
}
