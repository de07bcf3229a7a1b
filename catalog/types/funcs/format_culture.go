package funcs

import (
	"strings"
	"sync"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/cs_CZ"
	"github.com/go-playground/locales/da_DK"
	"github.com/go-playground/locales/de_AT"
	"github.com/go-playground/locales/de_CH"
	"github.com/go-playground/locales/de_DE"
	"github.com/go-playground/locales/en_AU"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/es_ES"
	"github.com/go-playground/locales/fr_FR"
	"github.com/go-playground/locales/it_IT"
	"github.com/go-playground/locales/ja_JP"
	"github.com/go-playground/locales/ko_KR"
	"github.com/go-playground/locales/nb_NO"
	"github.com/go-playground/locales/nl_NL"
	"github.com/go-playground/locales/pl_PL"
	"github.com/go-playground/locales/pt_BR"
	"github.com/go-playground/locales/pt_PT"
	"github.com/go-playground/locales/ru_RU"
	"github.com/go-playground/locales/sv_SE"
	"github.com/go-playground/locales/tr_TR"
	"github.com/go-playground/locales/zh_Hans_CN"
	"github.com/go-playground/locales/zh_Hant_TW"
)

// FORMAT's cultures. A culture's month and day names and its number
// symbols come from CLDR (go-playground/locales, golang.org/x/text);
// its standard date patterns (d, D, t, T, M, Y) are .NET's, which CLDR
// does not carry in the same form (.NET's short dates have four-digit
// years, CLDR's often two), so they are listed here for the cultures
// SQL Server users ask for most. A culture .NET knows but this table
// does not formats numbers with its own symbols and dates with its CLDR
// names and the invariant culture's patterns.

// formatCulture is what FORMAT needs of a .NET culture.
type formatCulture struct {
	name        string
	tr          locales.Translator // nil: English names
	group, dec  string             // number symbols
	shortDate   string             // d
	longDate    string             // D
	shortTime   string             // t
	longTime    string             // T
	monthDay    string             // M, m
	yearMonth   string             // Y, y
	currencyDig int                // C's default decimals
	periods     [2]string          // tt; "" for AM/PM
	currency    string             // C's pattern, n the number; "" is en-US's
	percent     string             // P's pattern
}

// datePatterns are .NET's date, currency and percent patterns for one
// culture.
type datePatterns struct {
	tr                            func() locales.Translator
	short, long, st, lt, mday, ym string
	currencyDig                   int
	currency, percent             string // C and P: n is the number
}

// knownCultures maps a lower-case culture name to its .NET patterns.
var knownCultures = map[string]datePatterns{
	"en-gb": {en_GB.New, "dd/MM/yyyy", "dd MMMM yyyy", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "£n", "n%"},
	"en-au": {en_AU.New, "d/MM/yyyy", "dddd, d MMMM yyyy", "h:mm tt", "h:mm:ss tt", "d MMMM", "MMMM yyyy", 2, "$n", "n%"},
	"de-de": {de_DE.New, "dd.MM.yyyy", "dddd, d. MMMM yyyy", "HH:mm", "HH:mm:ss", "d. MMMM", "MMMM yyyy", 2, "n €", "n %"},
	"de-at": {de_AT.New, "dd.MM.yyyy", "dddd, d. MMMM yyyy", "HH:mm", "HH:mm:ss", "d. MMMM", "MMMM yyyy", 2, "€ n", "n %"},
	"de-ch": {de_CH.New, "dd.MM.yyyy", "dddd, d. MMMM yyyy", "HH:mm", "HH:mm:ss", "d. MMMM", "MMMM yyyy", 2, "CHF n", "n%"},
	"fr-fr": {fr_FR.New, "dd/MM/yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "n €", "n %"},
	"es-es": {es_ES.New, "dd/MM/yyyy", "dddd, d' de 'MMMM' de 'yyyy", "H:mm", "H:mm:ss", "d 'de' MMMM", "MMMM' de 'yyyy", 2, "n €", "n %"},
	"it-it": {it_IT.New, "dd/MM/yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "n €", "n%"},
	"pt-br": {pt_BR.New, "dd/MM/yyyy", "dddd, d' de 'MMMM' de 'yyyy", "HH:mm", "HH:mm:ss", "d 'de' MMMM", "MMMM' de 'yyyy", 2, "R$ n", "n%"},
	"pt-pt": {pt_PT.New, "dd/MM/yyyy", "dddd, d' de 'MMMM' de 'yyyy", "HH:mm", "HH:mm:ss", "d 'de' MMMM", "MMMM' de 'yyyy", 2, "n €", "n%"},
	"nl-nl": {nl_NL.New, "d-M-yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "€ n", "n%"},
	"da-dk": {da_DK.New, "dd-MM-yyyy", "d. MMMM yyyy", "HH:mm", "HH:mm:ss", "d. MMMM", "MMMM yyyy", 2, "n kr.", "n %"},
	"nb-no": {nb_NO.New, "dd.MM.yyyy", "d. MMMM yyyy", "HH:mm", "HH:mm:ss", "d. MMMM", "MMMM yyyy", 2, "kr n", "n %"},
	"sv-se": {sv_SE.New, "yyyy-MM-dd", "'den 'd MMMM yyyy", "HH:mm", "HH:mm:ss", "'den 'd MMMM", "MMMM yyyy", 2, "n kr", "n %"},
	"pl-pl": {pl_PL.New, "dd.MM.yyyy", "d MMMM yyyy", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "n zł", "n%"},
	"cs-cz": {cs_CZ.New, "dd.MM.yyyy", "dddd d. MMMM yyyy", "H:mm", "H:mm:ss", "d. MMMM", "MMMM yyyy", 2, "n Kč", "n %"},
	"ru-ru": {ru_RU.New, "dd.MM.yyyy", "d MMMM yyyy 'г.'", "H:mm", "H:mm:ss", "d MMMM", "MMMM yyyy", 2, "n ₽", "n %"},
	"tr-tr": {tr_TR.New, "d.MM.yyyy", "d MMMM yyyy dddd", "HH:mm", "HH:mm:ss", "d MMMM", "MMMM yyyy", 2, "₺n", "%n"},
	"ja-jp": {ja_JP.New, "yyyy/MM/dd", "yyyy'年'M'月'd'日'", "H:mm", "H:mm:ss", "M月d日", "yyyy年M月", 0, "¥n", "n%"},
	"zh-cn": {zh_Hans_CN.New, "yyyy/M/d", "yyyy'年'M'月'd'日'", "H:mm", "H:mm:ss", "M月d日", "yyyy年M月", 2, "¥n", "n%"},
	"zh-tw": {zh_Hant_TW.New, "yyyy/M/d", "yyyy'年'M'月'd'日'", "tt hh:mm", "tt hh:mm:ss", "M月d日", "yyyy年M月", 2, "NT$n", "n%"},
	"ko-kr": {ko_KR.New, "yyyy-MM-dd", "yyyy'년' M'월' d'일' dddd", "tt h:mm", "tt h:mm:ss", "M월 d일", "yyyy년 M월", 0, "₩n", "n%"},
}

// cultureDayPeriods are .NET's AM/PM designators where they are not
// "AM"/"PM".
var cultureDayPeriods = map[string][2]string{
	"ja-jp": {"午前", "午後"}, "zh-cn": {"上午", "下午"}, "zh-tw": {"上午", "下午"},
	"ko-kr": {"오전", "오후"},
}

// neutralCultures are .NET's neutral cultures that format as one
// specific culture.
var neutralCultures = map[string]string{
	"de": "de-de", "fr": "fr-fr", "es": "es-es", "it": "it-it", "pt": "pt-br",
	"nl": "nl-nl", "da": "da-dk", "nb": "nb-no", "no": "nb-no", "sv": "sv-se",
	"pl": "pl-pl", "cs": "cs-cz", "ru": "ru-ru", "tr": "tr-tr", "ja": "ja-jp",
	"zh-hans": "zh-cn", "zh-hant": "zh-tw", "zh": "zh-cn", "ko": "ko-kr",
}

var (
	enUSCulture = &formatCulture{name: "en-US", group: ",", dec: ".",
		shortDate: "M/d/yyyy", longDate: "dddd, MMMM d, yyyy", shortTime: "h:mm tt",
		longTime: "h:mm:ss tt", monthDay: "MMMM d", yearMonth: "MMMM yyyy", currencyDig: 2}
	invariantCulture = &formatCulture{name: "", group: ",", dec: ".",
		shortDate: "MM/dd/yyyy", longDate: "dddd, dd MMMM yyyy", shortTime: "HH:mm",
		longTime: "HH:mm:ss", monthDay: "MMMM dd", yearMonth: "yyyy MMMM", currencyDig: 2,
		currency: "¤n", percent: "n %"}
	formatCultures sync.Map // lower-case name → *formatCulture
)

// lookupFormatCulture finds FORMAT's culture by its .NET name; a name
// .NET would not know is 9818, as LookupCulture reports it.
func lookupFormatCulture(name string) (*formatCulture, error) {
	// en-US, the default, without the lower-casing's allocation per call.
	if strings.EqualFold(name, "en-US") {
		return enUSCulture, nil
	}
	key := strings.ToLower(strings.TrimSpace(name))
	switch key {
	case "en-us", "en":
		return enUSCulture, nil
	case "", "iv", "invariant":
		return invariantCulture, nil
	}
	if c, ok := formatCultures.Load(key); ok {
		return c.(*formatCulture), nil
	}
	base, err := LookupCulture(name) // validates the name, gives the number symbols
	if err != nil {
		return nil, err
	}
	group := base.Group
	if group == "\u202f" {
		// CLDR's narrow no-break space; .NET's cultures (fr-FR, ru-RU,
		// sv-SE, …) group digits with the no-break space.
		group = "\u00a0"
	}
	c := &formatCulture{name: name, group: group, dec: base.Decimal,
		shortDate: invariantCulture.shortDate, longDate: invariantCulture.longDate,
		shortTime: invariantCulture.shortTime, longTime: invariantCulture.longTime,
		monthDay: invariantCulture.monthDay, yearMonth: invariantCulture.yearMonth, currencyDig: 2}
	specific := key
	if n, ok := neutralCultures[key]; ok {
		specific = n
	}
	if p, ok := knownCultures[specific]; ok {
		c.tr = p.tr()
		c.shortDate, c.longDate, c.shortTime, c.longTime = p.short, p.long, p.st, p.lt
		c.monthDay, c.yearMonth, c.currencyDig = p.mday, p.ym, p.currencyDig
		c.periods = cultureDayPeriods[specific]
		c.currency, c.percent = p.currency, p.percent
	} else if base.english {
		c.shortDate, c.longDate = enUSCulture.shortDate, enUSCulture.longDate
		c.shortTime, c.longTime = enUSCulture.shortTime, enUSCulture.longTime
		c.monthDay, c.yearMonth = enUSCulture.monthDay, enUSCulture.yearMonth
	}
	formatCultures.Store(key, c)
	return c, nil
}

func (c *formatCulture) monthName(m time.Month, abbr bool) string {
	if c.tr == nil {
		if abbr {
			return m.String()[:3]
		}
		return m.String()
	}
	if abbr {
		return c.tr.MonthAbbreviated(m)
	}
	return c.tr.MonthWide(m)
}

func (c *formatCulture) dayName(d time.Weekday, abbr bool) string {
	if c.tr == nil {
		if abbr {
			return d.String()[:3]
		}
		return d.String()
	}
	if abbr {
		return c.tr.WeekdayAbbreviated(d)
	}
	return c.tr.WeekdayWide(d)
}

// dayPeriod is tt: AM/PM unless the culture has designators of its own
// (.NET's, for the cultures whose clocks show them).
func (c *formatCulture) dayPeriod(hour int) string {
	i := 0
	if hour >= 12 {
		i = 1
	}
	if c.periods[0] != "" {
		return c.periods[i]
	}
	return [2]string{"AM", "PM"}[i]
}

// localizeNumber rewrites a number formatted with ',' grouping and '.'
// decimals into the culture's symbols.
func (c *formatCulture) localizeNumber(s string) string {
	if c.group == "," && c.dec == "." {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ',':
			b.WriteString(c.group)
		case '.':
			b.WriteString(c.dec)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CalendarNames are a culture's month names, their abbreviations and its
// day names from Monday to Sunday, as sys.syslanguages lists them (its
// months, shortmonths and days), comma-separated. CLDR's abbreviations
// lose their trailing full stop ("Jan." → "Jan"), as SQL Server's do.
func CalendarNames(culture string) (months, shortMonths, days string) {
	c, err := lookupFormatCulture(culture)
	if err != nil {
		c = enUSCulture
	}
	var m, sm, d []string
	for i := time.January; i <= time.December; i++ {
		m = append(m, c.monthName(i, false))
		sm = append(sm, strings.TrimSuffix(c.monthName(i, true), "."))
	}
	for i := 1; i <= 7; i++ {
		d = append(d, c.dayName(time.Weekday(i%7), false))
	}
	return strings.Join(m, ","), strings.Join(sm, ","), strings.Join(d, ",")
}
