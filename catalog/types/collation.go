package types

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collation identifies a supported SQL Server collation. The zero value is
// the server default, SQL_Latin1_General_CP1_CI_AS.
//
// Linguistic collations compare with golang.org/x/text/collate (Unicode
// Collation Algorithm, root locale): CI ignores the tertiary level (case,
// and with it width and kana differences, as SQL Server's CI collations
// without _KS/_WS do), AS keeps the secondary level (accents), AI drops it.
// BIN and BIN2 compare code points. Trailing spaces never matter
// (SQL Server pads the shorter string with spaces, ANSI/ISO SQL-92 §8.2).
type Collation uint8

// Supported collations.
const (
	SQLLatin1GeneralCP1CIAS Collation = iota // SQL_Latin1_General_CP1_CI_AS (default)
	SQLLatin1GeneralCP1CSAS                  // SQL_Latin1_General_CP1_CS_AS
	SQLLatin1GeneralCP1CIAI                  // SQL_Latin1_General_CP1_CI_AI
	Latin1GeneralCIAS                        // Latin1_General_CI_AS
	Latin1GeneralCSAS                        // Latin1_General_CS_AS
	Latin1GeneralCIAI                        // Latin1_General_CI_AI
	Latin1GeneralBIN                         // Latin1_General_BIN
	Latin1GeneralBIN2                        // Latin1_General_BIN2
	// Windows collations of other code pages (collation_intl.go); values
	// are appended only, since catalogs store the number.
	ThaiCIAI
	ChinesePRCCIAI
	JapaneseCIAI
	Korean90CIAI
	ChineseHongKongStroke90CIAI
	PolishCIAI
	GreekCIAI
	CyrillicGeneralCIAI
	HebrewCIAI
	ArabicCIAI
	FrenchCIAI
	TurkishCIAI
	LithuanianCIAI
	VietnameseCIAI
	// The BIN2 collations of collation_bin2.go follow.
	numNamedCollations
)

// DefaultCollation is the server and database default collation.
const DefaultCollation = SQLLatin1GeneralCP1CIAS

type collationInfo struct {
	name    string
	lcid    uint32 // Windows locale id; 0 for the SQL_Latin1/Latin1 collations (code page 1252)
	version uint8  // collation version (the _90 collations are 1)
	bin     bool
	ci, ai  bool // case-, accent-insensitive (options says so to x/text)
	options []collate.Option
	pool    sync.Pool // *collator
}

// collator bundles a collate.Collator (not safe for concurrent use) with
// its key buffer; instances are pooled per collation.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

var collations [numCollations]*collationInfo

func init() {
	defs := [numCollations]collationInfo{
		SQLLatin1GeneralCP1CIAS: {name: "SQL_Latin1_General_CP1_CI_AS", ci: true},
		SQLLatin1GeneralCP1CSAS: {name: "SQL_Latin1_General_CP1_CS_AS"},
		SQLLatin1GeneralCP1CIAI: {name: "SQL_Latin1_General_CP1_CI_AI", ci: true, ai: true},
		Latin1GeneralCIAS:       {name: "Latin1_General_CI_AS", ci: true},
		Latin1GeneralCSAS:       {name: "Latin1_General_CS_AS"},
		Latin1GeneralCIAI:       {name: "Latin1_General_CI_AI", ci: true, ai: true},
		Latin1GeneralBIN:        {name: "Latin1_General_BIN", bin: true},
		Latin1GeneralBIN2:       {name: "Latin1_General_BIN2", bin: true},
	}
	for c, d := range intlCollations {
		defs[c] = collationInfo{name: d.name, lcid: d.lcid, version: d.version, ci: true, ai: true}
	}
	for i, d := range bin2Collations {
		defs[firstBIN2+Collation(i)] = collationInfo{name: d.name, lcid: d.lcid, version: d.version, bin: true}
	}
	for i, d := range v100Collations { // collation_v100.go
		defs[firstV100+Collation(i)] = collationInfo{name: d.name, lcid: 0x0409, version: 2, bin: d.bin, ci: d.ci, ai: d.ai}
	}
	for i := range defs {
		d := &defs[i]
		info := &collationInfo{name: d.name, lcid: d.lcid, version: d.version, bin: d.bin, ci: d.ci, ai: d.ai}
		if !d.bin {
			// CI ignores the tertiary level (case, width, kana), AI the
			// secondary (accents).
			if d.ci {
				info.options = append(info.options, collate.IgnoreCase)
			}
			if d.ai {
				info.options = append(info.options, collate.IgnoreDiacritics)
			}
		}
		info.pool.New = func() any { return &collator{c: collate.New(language.Und, info.options...)} }
		collations[i] = info
	}
}

func (c Collation) info() *collationInfo {
	if c >= numCollations {
		return collations[DefaultCollation]
	}
	return collations[c]
}

// Name is the collation's SQL Server name.
func (c Collation) Name() string { return c.info().name }

// String returns Name.
func (c Collation) String() string { return c.Name() }

// IsBinary reports BIN and BIN2 collations.
func (c Collation) IsBinary() bool { return c.info().bin }

// CaseSensitive reports whether the collation distinguishes 'a' and 'A'.
func (c Collation) CaseSensitive() bool { return !c.info().ci }

// LookupCollation finds a collation by name (case-insensitive), as written
// in a COLLATE clause; unknown names give error 448.
func LookupCollation(name string) (Collation, error) {
	for i, info := range collations {
		if strings.EqualFold(info.name, name) {
			return Collation(i), nil
		}
	}
	return 0, newErr(ErrInvalidCollation, 16, "Invalid collation '%s'.", name)
}

// trimTrailingSpaces drops trailing U+0020, which SQL Server ignores when
// comparing strings.
func trimTrailingSpaces(s string) string {
	i := len(s)
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return s[:i]
}

// CompareStrings compares two strings under coll, ignoring trailing spaces.
func CompareStrings(a, b string, coll Collation) int {
	a, b = trimTrailingSpaces(a), trimTrailingSpaces(b)
	if a == b {
		return 0
	}
	info := coll.info()
	if info.bin {
		return strings.Compare(a, b) // UTF-8 byte order is code point order
	}
	if r, ok := compareASCIIFast(a, b, info); ok {
		return r
	}
	c := info.pool.Get().(*collator)
	r := c.c.CompareString(a, b)
	info.pool.Put(c)
	return r
}

// asciiRank[c] is the primary collation rank of printable ASCII byte c
// (0x20..0x7E) under the root collation ignoring case, derived at init from
// golang.org/x/text/collate itself: each of these characters has a single
// collation element with a non-zero primary weight and no accent, so a
// case-insensitive comparison of printable-ASCII strings is a
// lexicographic comparison of ranks. TestASCIIFastPath checks the
// equivalence against the collator on random strings.
var asciiRank = func() (r [128]uint8) {
	c := collate.New(language.Und, collate.IgnoreCase)
	chars := make([]byte, 0, 95)
	for b := byte(0x20); b < 0x7f; b++ {
		chars = append(chars, b)
	}
	slices.SortStableFunc(chars, func(x, y byte) int {
		return c.CompareString(string(x), string(y))
	})
	rank := uint8(1)
	for i, b := range chars {
		if i > 0 && c.CompareString(string(chars[i-1]), string(b)) != 0 {
			rank++
		}
		r[b] = rank
	}
	return r
}()

// asciiKey[c] is the 2-byte primary weight of printable ASCII byte c in
// x/text's sort key under the root collation with IgnoreCase, whose key
// for such a string is its primaries, 0x0000, then one 0x0020 secondary per
// character (checked at init for every byte; asciiKeyOK is false if x/text
// ever disagrees, which disables the shortcut). TestASCIIKeyFastPath
// compares the shortcut with x/text on random strings.
var asciiKey, asciiKeyOK = func() (k [128][2]byte, ok bool) {
	c := collate.New(language.Und, collate.IgnoreCase)
	var buf collate.Buffer
	for b := byte(0x20); b < 0x7f; b++ {
		buf.Reset()
		key := c.KeyFromString(&buf, string(b))
		if len(key) != 6 || key[2] != 0 || key[3] != 0 || key[4] != 0 || key[5] != 0x20 {
			return k, false
		}
		k[b] = [2]byte{key[0], key[1]}
	}
	return k, true
}()

// appendASCIIKey appends the CI sort key of a printable-ASCII string, or
// returns ok false.
func appendASCIIKey(dst []byte, s string) ([]byte, bool) {
	if !asciiKeyOK {
		return dst, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return dst, false
		}
	}
	for i := 0; i < len(s); i++ {
		w := asciiKey[s[i]]
		dst = append(dst, w[0], w[1])
	}
	dst = append(dst, 0, 0)
	for i := 0; i < len(s); i++ {
		dst = append(dst, 0, 0x20)
	}
	return dst, true
}

// compareASCIIFast compares printable-ASCII strings under a
// case-insensitive linguistic collation without the collator; ok is false
// when a string has other characters.
func compareASCIIFast(a, b string, info *collationInfo) (int, bool) {
	if !info.ci {
		return 0, false
	}
	n := min(len(a), len(b))
	res := 0
	for i := 0; i < n; i++ {
		x, y := a[i], b[i]
		if x < 0x20 || x >= 0x7f || y < 0x20 || y >= 0x7f {
			return 0, false
		}
		if res == 0 && x != y {
			rx, ry := asciiRank[x], asciiRank[y]
			if rx < ry {
				res = -1
			} else if rx > ry {
				res = 1
			}
		}
	}
	for _, s := range [2]string{a[n:], b[n:]} {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] >= 0x7f {
				return 0, false
			}
		}
	}
	if res != 0 {
		return res, true
	}
	return cmpInt(int64(len(a)), int64(len(b))), true
}

// AppendCollationKey appends the sort key of s under coll to dst: for any
// strings a, b, bytes.Compare(key(a), key(b)) == CompareStrings(a, b, coll).
// Trailing spaces are ignored, so 'abc' and 'ABC  ' have the same key under
// a CI collation. The key may contain 0x00 bytes; [EncodeKey] escapes it.
func AppendCollationKey(dst []byte, s string, coll Collation) []byte {
	s = trimTrailingSpaces(s)
	info := coll.info()
	if info.bin {
		return append(dst, s...)
	}
	if info.ci && !info.ai { // the CI_AS collations
		if out, ok := appendASCIIKey(dst, s); ok {
			return out
		}
	}
	c := info.pool.Get().(*collator)
	c.buf.Reset()
	k := c.c.KeyFromString(&c.buf, s)
	dst = append(dst, k...)
	info.pool.Put(c)
	return dst
}

// appendEscapedCollationKey appends the sort key of s under coll to dst in
// the escaped, terminated form [EncodeKey] uses (see appendEscaped),
// without an intermediate buffer.
func appendEscapedCollationKey(dst []byte, s string, coll Collation) []byte {
	s = trimTrailingSpaces(s)
	info := coll.info()
	if info.bin {
		return appendEscaped(dst, s)
	}
	if info.ci && !info.ai && asciiKeyOK {
		ascii := true
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] >= 0x7f {
				ascii = false
				break
			}
		}
		if ascii {
			for i := 0; i < len(s); i++ {
				w := asciiKey[s[i]]
				dst = appendEscapedByte(dst, w[0])
				dst = appendEscapedByte(dst, w[1])
			}
			dst = append(dst, 0, keyEscape, 0, keyEscape)
			for i := 0; i < len(s); i++ {
				dst = append(dst, 0, keyEscape, 0x20)
			}
			return append(dst, 0, keyEnd)
		}
	}
	c := info.pool.Get().(*collator)
	c.buf.Reset()
	dst = appendEscaped(dst, c.c.KeyFromString(&c.buf, s))
	info.pool.Put(c)
	return dst
}
