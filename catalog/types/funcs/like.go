package funcs

import (
	"strings"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Like reports whether s matches the LIKE pattern under coll: % matches
// any run of characters, _ one character, [abc] / [a-z] one character of a
// set or range (ranges ordered by the collation), [^...] one character not
// in it; escape (0 for none) makes the next pattern character literal.
// Characters compare under coll (so 'ABC' LIKE 'a%' under a CI
// collation). Trailing blanks of s are ignored but those of the pattern
// are significant, as SQL Server documents for LIKE.
func Like(s, pattern string, escape rune, coll types.Collation) bool {
	s = strings.TrimRight(s, " ")
	return likeMatch([]rune(s), []rune(pattern), escape, coll)
}

// LikeKeepBlanks is Like for Unicode data, where LIKE (Transact-SQL) makes
// the trailing blanks of s significant: an nchar(30) 'Robert King' does
// not match '% King' (its padding follows the King).
func LikeKeepBlanks(s, pattern string, escape rune, coll types.Collation) bool {
	return likeMatch([]rune(s), []rune(pattern), escape, coll)
}

// patElem is one compiled pattern element.
type patElem struct {
	kind    byte // 'c' literal, '_' any, '%' run, '[' set
	r       rune
	set     []setItem
	negated bool
}

type setItem struct{ lo, hi rune }

func compilePattern(p []rune, escape rune) []patElem {
	var out []patElem
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case escape != 0 && c == escape && i+1 < len(p):
			i++
			out = append(out, patElem{kind: 'c', r: p[i]})
		case c == '%':
			if len(out) == 0 || out[len(out)-1].kind != '%' {
				out = append(out, patElem{kind: '%'})
			}
		case c == '_':
			out = append(out, patElem{kind: '_'})
		case c == '[':
			end := -1
			for j := i + 1; j < len(p); j++ {
				if p[j] == ']' && j > i+1 {
					end = j
					break
				}
			}
			if end < 0 {
				out = append(out, patElem{kind: 'c', r: c})
				continue
			}
			e := patElem{kind: '['}
			body := p[i+1 : end]
			if len(body) > 0 && body[0] == '^' && len(body) > 1 {
				e.negated = true
				body = body[1:]
			}
			for k := 0; k < len(body); k++ {
				if k+2 < len(body) && body[k+1] == '-' {
					e.set = append(e.set, setItem{body[k], body[k+2]})
					k += 2
				} else {
					e.set = append(e.set, setItem{body[k], body[k]})
				}
			}
			out = append(out, e)
			i = end
		default:
			out = append(out, patElem{kind: 'c', r: c})
		}
	}
	return out
}

// runeEq compares two characters under a collation.
func runeEq(a, b rune, coll types.Collation) bool {
	if a == b {
		return true
	}
	if coll.IsBinary() {
		return false
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf && !coll.CaseSensitive() {
		la, lb := a|0x20, b|0x20
		if la >= 'a' && la <= 'z' {
			return la == lb
		}
		return false
	}
	return types.CompareStrings(string(a), string(b), coll) == 0
}

func runeCmp(a, b rune, coll types.Collation) int {
	if coll.IsBinary() {
		return int(a) - int(b)
	}
	return types.CompareStrings(string(a), string(b), coll)
}

func (e *patElem) matches(c rune, coll types.Collation) bool {
	switch e.kind {
	case '_':
		return true
	case 'c':
		return runeEq(e.r, c, coll)
	case '[':
		in := false
		for _, it := range e.set {
			if it.lo == it.hi {
				if runeEq(it.lo, c, coll) {
					in = true
					break
				}
			} else if runeCmp(it.lo, c, coll) <= 0 && runeCmp(c, it.hi, coll) <= 0 {
				in = true
				break
			}
		}
		return in != e.negated
	}
	return false
}

// likeMatch is the classic wildcard match with single-star backtracking,
// linear in practice and never exponential.
func likeMatch(s, p []rune, escape rune, coll types.Collation) bool {
	pat := compilePattern(p, escape)
	si, pi := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		switch {
		case pi < len(pat) && pat[pi].kind == '%':
			starP, starS = pi, si
			pi++
		case pi < len(pat) && pat[pi].matches(s[si], coll):
			si++
			pi++
		case starP >= 0:
			starS++
			si, pi = starS, starP+1
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi].kind == '%' {
		pi++
	}
	return pi == len(pat)
}

// patIndex is PATINDEX: the 1-based position of the first match of
// pattern in s, 0 if none. A pattern not starting with % matches only at
// position 1; one not ending with % must match through the end.
func patIndex(s, pattern string, coll types.Collation) int {
	rs := []rune(s)
	p := []rune(pattern)
	if len(p) == 0 || p[0] != '%' {
		if likeMatch(rs, p, 0, coll) {
			return 1
		}
		return 0
	}
	p = p[1:]
	trailing := len(p) > 0 && p[len(p)-1] == '%'
	for i := 0; i <= len(rs); i++ {
		if trailing {
			if likeMatch(rs[i:], p, 0, coll) {
				return i + 1
			}
			continue
		}
		if likeMatch(rs[i:], p, 0, coll) {
			return i + 1
		}
	}
	return 0
}
