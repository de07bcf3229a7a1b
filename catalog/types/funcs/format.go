package funcs

import (
	"math"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// formatFunc is FORMAT(value, format [, culture]): .NET's standard and
// custom format strings in a .NET culture (format_culture.go), the
// session language's culture when none is given:
//
//	dates:   custom patterns (yyyy, yy, MMMM, MMM, MM, M, dddd, ddd, dd, d,
//	         HH, H, hh, h, mm, m, ss, s, f…fffffff, F…, tt, t, z, 'literal',
//	         \c) and the standard formats d, D, t, T, f, F, g, G, M, Y, s, u,
//	         o, R
//	numbers: N[n], F[n], D[n], C[n], P[n], X[n], E[n] and custom patterns
//	         with 0, #, thousands ',' and '.'
//
// An unknown culture is 9818; an unsupported pattern returns NULL, as SQL
// Server does for a format .NET rejects.
func formatFunc(ctx *Context, a []types.Value) (types.Value, error) {
	if a[0].IsNull() || a[1].IsNull() {
		return types.Null(types.NVarChar), nil
	}
	name := ctx.culture()
	if len(a) > 2 && !a[2].IsNull() {
		name = a[2].Str()
	}
	c, err := lookupFormatCulture(name)
	if err != nil {
		return types.Value{}, err
	}
	f := a[1].Str()
	v := a[0]
	switch {
	case v.TypeID() == types.Time:
		s, ok := formatTimeSpan(v, f) // format_timespan.go
		if !ok {
			return types.Null(types.NVarChar), nil
		}
		return types.NewNVarChar(s), nil
	case v.TypeID().IsDateTime():
		s, ok := formatDate(v, f, c)
		if !ok {
			return types.Null(types.NVarChar), nil
		}
		return types.NewNVarChar(s), nil
	case v.TypeID().IsNumeric():
		s, ok := formatNumber(v, f, c)
		if !ok {
			return types.Null(types.NVarChar), nil
		}
		return types.NewNVarChar(s), nil
	}
	return types.Value{}, errArgType(v.TypeID(), 1, "format")
}

func formatDate(v types.Value, f string, cu *formatCulture) (string, bool) {
	t := v.Time()
	switch f {
	case "d":
		f = cu.shortDate
	case "D":
		f = cu.longDate
	case "t":
		f = cu.shortTime
	case "T":
		f = cu.longTime
	case "f":
		f = cu.longDate + " " + cu.shortTime
	case "F":
		f = cu.longDate + " " + cu.longTime
	case "g":
		f = cu.shortDate + " " + cu.shortTime
	case "G", "":
		f = cu.shortDate + " " + cu.longTime
	case "M", "m":
		f = cu.monthDay
	case "Y", "y":
		f = cu.yearMonth
	case "R", "r":
		cu, f = invariantCulture, "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
	case "s":
		f = "yyyy-MM-ddTHH:mm:ss"
	case "u":
		f = "yyyy-MM-dd HH:mm:ssZ"
	case "o", "O":
		f = "yyyy-MM-ddTHH:mm:ss.fffffff"
	}
	var b strings.Builder
	for i := 0; i < len(f); {
		c := f[i]
		n := runLength(f, i)
		switch c {
		case 'y':
			y := t.Year()
			if n <= 2 {
				y %= 100
			}
			b.WriteString(padN(y, max(n, 1)))
		case 'M':
			switch n {
			case 1, 2:
				b.WriteString(padN(int(t.Month()), n))
			default:
				b.WriteString(cu.monthName(t.Month(), n == 3))
			}
		case 'd':
			switch n {
			case 1, 2:
				b.WriteString(padN(t.Day(), n))
			default:
				b.WriteString(cu.dayName(t.Weekday(), n == 3))
			}
		case 'H':
			b.WriteString(padN(t.Hour(), min(n, 2)))
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			b.WriteString(padN(h, min(n, 2)))
		case 'm':
			b.WriteString(padN(t.Minute(), min(n, 2)))
		case 's':
			b.WriteString(padN(t.Second(), min(n, 2)))
		case 'f', 'F':
			if n > 7 {
				return "", false
			}
			frac := padN(t.Nanosecond()/100, 7)[:n]
			if c == 'F' {
				frac = strings.TrimRight(frac, "0")
			}
			b.WriteString(frac)
		case 't':
			ampm := cu.dayPeriod(t.Hour())
			if n == 1 {
				// t is the designator's first character.
				for _, r := range ampm {
					ampm = string(r)
					break
				}
			}
			b.WriteString(ampm)
		case 'z':
			_, off := t.Zone()
			sign := "+"
			if off < 0 {
				sign, off = "-", -off
			}
			b.WriteString(sign + padN(off/3600, 2) + ":" + padN(off%3600/60, 2))
			n = min(n, 3)
		case '\'', '"':
			end := strings.IndexByte(f[i+1:], c)
			if end < 0 {
				return "", false
			}
			b.WriteString(f[i+1 : i+1+end])
			n = end + 2
		case '\\':
			if i+1 < len(f) {
				b.WriteByte(f[i+1])
			}
			n = 2
		default:
			b.WriteString(f[i : i+n])
		}
		i += n
	}
	return b.String(), true
}

// runLength counts the copies of f[i] that start at i (a pattern letter
// repeated: yyyy, hh).
func runLength(f string, i int) int {
	n := 1
	for i+n < len(f) && f[i+n] == f[i] {
		n++
	}
	return n
}

func padN(x, n int) string {
	s := strconv.Itoa(x)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

func formatNumber(v types.Value, f string, cu *formatCulture) (string, bool) {
	fv, err := types.Convert(v, types.TypeFloat, 0)
	if err != nil {
		return "", false
	}
	x := fv.Float64()
	if len(f) >= 1 && strings.ContainsRune("NnFfDdCcPpXxEe", rune(f[0])) && (len(f) == 1 || allDigits(f[1:])) {
		prec := -1
		if len(f) > 1 {
			prec, _ = strconv.Atoi(f[1:])
		}
		switch f[0] {
		case 'N', 'n':
			return cu.localizeNumber(groupThousands(strconv.FormatFloat(roundHalfAway(x, def(prec, 2)), 'f', def(prec, 2), 64))), true
		case 'F', 'f':
			return cu.localizeNumber(strconv.FormatFloat(roundHalfAway(x, def(prec, 2)), 'f', def(prec, 2), 64)), true
		case 'C', 'c':
			digits := def(prec, cu.currencyDig)
			s := cu.localizeNumber(groupThousands(strconv.FormatFloat(math.Abs(roundHalfAway(x, digits)), 'f', digits, 64)))
			if cu.currency == "" {
				s = "$" + s
			} else {
				s = strings.Replace(cu.currency, "n", s, 1)
			}
			if x < 0 {
				return "-" + s, true
			}
			return s, true
		case 'P', 'p':
			s := cu.localizeNumber(groupThousands(strconv.FormatFloat(roundHalfAway(x*100, def(prec, 2)), 'f', def(prec, 2), 64)))
			if cu.percent == "" {
				return s + "%", true
			}
			return strings.Replace(cu.percent, "n", s, 1), true
		case 'D', 'd':
			if !v.TypeID().IsInteger() {
				return "", false
			}
			s := strconv.FormatInt(int64(math.Abs(x)), 10)
			s = strings.Repeat("0", max(0, prec-len(s))) + s
			if x < 0 {
				s = "-" + s
			}
			return s, true
		case 'X', 'x':
			if !v.TypeID().IsInteger() {
				return "", false
			}
			s := strconv.FormatUint(uint64(v.Int64()), 16)
			if v.Int64() < 0 && v.TypeID() == types.Int {
				s = strconv.FormatUint(uint64(uint32(v.Int64())), 16)
			}
			if f[0] == 'X' {
				s = strings.ToUpper(s)
			}
			return strings.Repeat("0", max(0, prec-len(s))) + s, true
		case 'E', 'e':
			s := strconv.FormatFloat(x, 'e', def(prec, 6), 64)
			mant, exp, _ := strings.Cut(s, "e")
			sign := exp[0]
			exp = strings.Repeat("0", max(0, 3-len(exp[1:]))) + exp[1:]
			return cu.localizeNumber(mant) + string(f[0]) + string(sign) + exp, true
		}
	}
	if f == "G" || f == "g" {
		return formatGeneral(v, f == "g", cu) // format_picture.go
	}
	if toks, ok := parsePicture(f); ok {
		return formatPicture(x, toks, cu), true
	}
	s, ok := formatCustomNumber(x, f)
	return cu.localizeNumber(s), ok
}

func def(p, d int) int {
	if p < 0 {
		return d
	}
	return p
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func roundHalfAway(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// groupThousands inserts ',' every three integer digits.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	ip, fp, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(ip[i])
	}
	out := b.String()
	if hasFrac {
		out += "." + fp
	}
	if neg {
		out = "-" + out
	}
	return out
}

// formatCustomNumber handles patterns such as "#,##0.00", "0.###", "000".
func formatCustomNumber(x float64, f string) (string, bool) {
	if f == "" || strings.ContainsAny(f, ";%‰eE") {
		return "", false
	}
	intPat, fracPat, _ := strings.Cut(f, ".")
	group := strings.Contains(intPat, ",")
	minInt := strings.Count(intPat, "0")
	minFrac := strings.Count(fracPat, "0")
	maxFrac := minFrac + strings.Count(fracPat, "#")
	for _, c := range intPat + fracPat {
		if c != '0' && c != '#' && c != ',' {
			return "", false
		}
	}
	s := strconv.FormatFloat(roundHalfAway(math.Abs(x), maxFrac), 'f', maxFrac, 64)
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "0" && minInt == 0 {
		ip = ""
	}
	ip = strings.Repeat("0", max(0, minInt-len(ip))) + ip
	for len(fp) > minFrac && strings.HasSuffix(fp, "0") {
		fp = fp[:len(fp)-1]
	}
	if group {
		ip = groupThousands(ip)
	}
	out := ip
	if fp != "" {
		out += "." + fp
	}
	if x < 0 && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out, true
}

func init() {
	register(&Func{Name: "FORMAT", MinArgs: 2, MaxArgs: 3, Deterministic: true,
		ReturnType: fixed(types.NVarCharType(4000)), Eval: formatFunc})
}
