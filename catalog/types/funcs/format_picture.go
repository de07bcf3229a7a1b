package funcs

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// A custom numeric format whose pattern mixes digit placeholders with other
// characters, as .NET's custom numeric format strings allow:
// FORMAT(123456789, '###-##-####') is 123-45-6789. Digits fill the integer
// placeholders from the right; digits left over when the leftmost
// placeholder is reached all go there; '#' with no digit left prints
// nothing, '0' prints 0. Characters in quotes or after '\' are literal.

// pictureToken is one piece of a parsed pattern: a placeholder ('0' or
// '#'), the decimal point ('.') or literal text.
type pictureToken struct {
	kind byte // '0', '#', '.', or 0 for literal text
	text string
}

// parsePicture splits a pattern into tokens; ok is false for patterns the
// simple formatter handles (no literal) or that this one does not (';'
// sections, '%', '‰', exponents, ',' grouping or scaling mixed with
// literals), and for an unterminated quote.
func parsePicture(f string) (toks []pictureToken, ok bool) {
	literal := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch c {
		case '0', '#', '.':
			toks = append(toks, pictureToken{kind: c})
		case ';', '%', ',', 'e', 'E':
			return nil, false
		case '\\':
			if i+1 >= len(f) {
				return nil, false
			}
			i++
			toks = append(toks, pictureToken{text: f[i : i+1]})
			literal = true
		case '\'', '"':
			end := strings.IndexByte(f[i+1:], c)
			if end < 0 {
				return nil, false
			}
			toks = append(toks, pictureToken{text: f[i+1 : i+1+end]})
			i += end + 1
			literal = true
		default:
			_, n := utf8.DecodeRuneInString(f[i:])
			toks = append(toks, pictureToken{text: f[i : i+n]})
			i += n - 1
			literal = true
		}
	}
	return toks, literal
}

// formatPicture formats x with a parsed pattern in culture cu.
func formatPicture(x float64, toks []pictureToken, cu *formatCulture) string {
	point := len(toks)
	for i, t := range toks {
		if t.kind == '.' {
			point = i
			break
		}
	}
	// Count the fraction placeholders: every '0' and '#' after the point.
	lastZero := -1
	k := 0
	for _, t := range toks[min(point+1, len(toks)):] {
		if t.kind == '0' || t.kind == '#' {
			if t.kind == '0' {
				lastZero = k
			}
			k++
		}
	}
	maxFrac, minFrac := k, lastZero+1
	s := strconv.FormatFloat(roundHalfAway(math.Abs(x), maxFrac), 'f', maxFrac, 64)
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "0" {
		ip = ""
	}
	for len(fp) > minFrac && strings.HasSuffix(fp, "0") {
		fp = fp[:len(fp)-1]
	}

	// Integer part, right to left.
	var parts []string
	digits := ip
	firstPlaceholder := -1
	for i := 0; i < point; i++ {
		if toks[i].kind == '0' || toks[i].kind == '#' {
			firstPlaceholder = i
			break
		}
	}
	for i := point - 1; i >= 0; i-- {
		t := toks[i]
		switch {
		case t.kind == 0:
			parts = append(parts, t.text)
		case i == firstPlaceholder:
			if digits != "" {
				parts = append(parts, digits)
				digits = ""
			} else if t.kind == '0' {
				parts = append(parts, "0")
			}
		case digits != "":
			parts = append(parts, digits[len(digits)-1:])
			digits = digits[:len(digits)-1]
		case t.kind == '0':
			parts = append(parts, "0")
		}
	}
	var b strings.Builder
	if firstPlaceholder < 0 && digits != "" {
		b.WriteString(digits) // no integer placeholder: the digits lead
	}
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	// The point and the fraction, left to right.
	if point < len(toks) {
		if fp != "" {
			b.WriteString(cu.dec)
		}
		k := 0
		for _, t := range toks[point+1:] {
			switch t.kind {
			case 0:
				b.WriteString(t.text)
			case '0', '#':
				if k < len(fp) {
					b.WriteByte(fp[k])
				}
				k++
			}
		}
	}
	out := b.String()
	if x < 0 && strings.Trim(ip+fp, "0") != "" {
		out = "-" + out
	}
	return out
}

// formatGeneral is the 'G' standard format without a precision: integers
// as digits, decimal and money with all the digits of their scale (money
// 1.55 is 1.5500), float with 15 and real with 7 significant digits.
func formatGeneral(v types.Value, lower bool, cu *formatCulture) (string, bool) {
	id := v.TypeID()
	var s string
	switch {
	case id.IsInteger():
		s = strconv.FormatInt(v.Int64(), 10)
	case id == types.Decimal || id == types.Numeric:
		d := v.Decimal()
		s = d.Text('f')
	case id == types.Money || id == types.SmallMoney:
		dv, err := types.Convert(v, types.DecimalType(19, 4), 0)
		if err != nil {
			return "", false
		}
		d := dv.Decimal()
		s = d.Text('f')
	case id == types.Real || id == types.Float:
		prec := 15
		if id == types.Real {
			prec = 7
		}
		s = strconv.FormatFloat(v.Float64(), 'g', prec, 64)
		if !lower {
			s = strings.ToUpper(s)
		}
	default:
		return "", false
	}
	return cu.localizeNumber(s), true
}
