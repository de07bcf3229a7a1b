package types

import "unicode/utf8"

// TextLength is the length SQL Server gives string s: for nvarchar/nchar
// (unicode) the UTF-16 code units, so a character outside the BMP (an
// emoji) counts two — nvarchar(n) holds n units and N'😀' is nvarchar(2)
// under every collation here (none is supplementary-character aware, _SC);
// for varchar its characters.
func TextLength(s string, unicode bool) int {
	n := 0
	for _, c := range s {
		n++
		if unicode && c > 0xFFFF {
			n++
		}
	}
	return n
}

// cutText keeps the first n units (characters) of s, as TextLength counts
// them. A character outside the BMP that straddles the cut leaves its high
// surrogate in SQL Server; UTF-8 cannot hold a lone half, so it is U+FFFD
// here (same length).
func cutText(s string, n int, unicode bool) string {
	used := 0
	for i, c := range s {
		w := 1
		if unicode && c > 0xFFFF {
			w = 2
		}
		if used+w > n {
			if used < n {
				return s[:i] + string(utf8.RuneError)
			}
			return s[:i]
		}
		used += w
	}
	return s
}
