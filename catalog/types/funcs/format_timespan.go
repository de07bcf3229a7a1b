package funcs

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// formatTimeSpan formats a time value as .NET formats the TimeSpan that
// FORMAT hands it: standard formats c/t/T, g and G, or custom patterns of
// d, h, m, s, f and F in which every other character must be quoted or
// escaped with '\' — FORMAT(time, 'hh:mm') is NULL, 'hh\:mm' is 07:35.
// hh counts hours 0 to 23; there is no AM/PM.
func formatTimeSpan(v types.Value, f string) (string, bool) {
	t := v.Time()
	h, m, s := t.Clock()
	ticks := t.Nanosecond() / 100
	frac := padN(ticks, 7)
	switch f {
	case "c", "t", "T":
		out := padN(h, 2) + ":" + padN(m, 2) + ":" + padN(s, 2)
		if ticks != 0 {
			out += "." + frac
		}
		return out, true
	case "g":
		out := itoa(h) + ":" + padN(m, 2) + ":" + padN(s, 2)
		if ticks != 0 {
			out += "." + strings.TrimRight(frac, "0")
		}
		return out, true
	case "G":
		return "0:" + padN(h, 2) + ":" + padN(m, 2) + ":" + padN(s, 2) + "." + frac, true
	}
	if len(f) == 1 {
		return "", false // a lone custom specifier needs '%'
	}
	var b strings.Builder
	for i := 0; i < len(f); {
		c := f[i]
		n := runLength(f, i)
		switch c {
		case 'd':
			if n > 8 {
				return "", false
			}
			b.WriteString(padN(0, n))
		case 'h', 'm', 's':
			if n > 2 {
				return "", false
			}
			x := map[byte]int{'h': h, 'm': m, 's': s}[c]
			b.WriteString(padN(x, n))
		case 'f':
			if n > 7 {
				return "", false
			}
			b.WriteString(frac[:n])
		case 'F':
			if n > 7 {
				return "", false
			}
			b.WriteString(strings.TrimRight(frac[:n], "0"))
		case '%':
			n = 1
		case '\\':
			if i+1 >= len(f) {
				return "", false
			}
			b.WriteByte(f[i+1])
			n = 2
		case '\'', '"':
			end := strings.IndexByte(f[i+1:], c)
			if end < 0 {
				return "", false
			}
			b.WriteString(f[i+1 : i+1+end])
			n = end + 2
		default:
			return "", false
		}
		i += n
	}
	return b.String(), true
}
