package funcs

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// What the string functions count. SQL Server stores nvarchar as UTF-16
// and, under a collation that is not supplementary-character aware (no
// _SC, not a _140 or UTF8 one — none of ours is), LEN, SUBSTRING, LEFT,
// RIGHT, CHARINDEX, STUFF, REPLACE and REVERSE count UTF-16 code units: a
// character outside the BMP (an emoji) is two, LEN(N'😀') = 2,
// UNICODE(N'😀') its high surrogate (55357) and NCHAR above 0xFFFF NULL.
// Our strings are UTF-8, so a unit list holds each surrogate half as a
// rune of its own. A cut through a pair (SUBSTRING(N'😀', 1, 1)) leaves a
// half that UTF-8 cannot hold: SQL Server returns the lone surrogate, we
// return U+FFFD in its place — same length, DATALENGTH and position; only
// UNICODE() of it differs (65533, not 55357). varchar counts characters.

// unicodeText reports whether string functions count v in UTF-16 units.
func unicodeText(v types.Value) bool { return v.TypeID().IsUnicode() }

// textUnits splits s into what string functions count: UTF-16 code units
// when units, characters otherwise.
func textUnits(s string, units bool) []rune {
	r := []rune(s)
	if !units {
		return r
	}
	n := len(r)
	for _, c := range r {
		if c > 0xFFFF {
			n++
		}
	}
	if n == len(r) {
		return r
	}
	out := make([]rune, 0, n)
	for _, c := range r {
		if c > 0xFFFF {
			hi, lo := utf16.EncodeRune(c)
			out = append(out, hi, lo)
			continue
		}
		out = append(out, c)
	}
	return out
}

// unitsText joins units (or characters) back into a string: a high and a
// low surrogate in a row are one character again, a lone half is U+FFFD.
func unitsText(u []rune) string {
	b := make([]byte, 0, len(u))
	for i := 0; i < len(u); i++ {
		c := u[i]
		if utf16.IsSurrogate(c) {
			if i+1 < len(u) {
				if r := utf16.DecodeRune(c, u[i+1]); r != utf8.RuneError {
					b = utf8.AppendRune(b, r)
					i++
					continue
				}
			}
			c = utf8.RuneError
		}
		b = utf8.AppendRune(b, c)
	}
	return string(b)
}
