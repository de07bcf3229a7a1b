package tds

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Code pages of char/varchar/text values ([MS-TDS] 2.2.5.1.2: a collation's
// code page follows from its SortId for SQL collations, otherwise from its
// LCID). The facts are SQL Server's documented collation tables; UTF-8
// collations are handled by the callers (Collation.UTF8).

// LCID returns the collation's locale id (the low 20 bits of its first four
// bytes, little-endian).
func (c Collation) LCID() uint32 { return uint32(c[0]) | uint32(c[1])<<8 | uint32(c[2]&0x0F)<<16 }

// SortID returns the SQL collation sort order id (0 for Windows collations).
func (c Collation) SortID() byte { return c[4] }

// CodePage returns the Windows code page of the collation's non-Unicode data:
// 1252 for DefaultCollation and any unknown collation.
func (c Collation) CodePage() int {
	if cp, ok := sortIDCodePage(c.SortID()); ok {
		return cp
	}
	lcid := c.LCID()
	if cp, ok := lcidCodePage[lcid&0xFFFF]; ok {
		return cp
	}
	if cp, ok := langCodePage[lcid&0x3FF]; ok {
		return cp
	}
	return 1252
}

// sortIDCodePage maps SQL collation sort ids to their code page.
func sortIDCodePage(id byte) (int, bool) {
	switch {
	case id == 0:
		return 0, false
	case id >= 30 && id <= 34:
		return 437, true
	case id >= 40 && id <= 49 && id != 43 && id != 45 && id != 46 && id != 47 && id != 48,
		id >= 55 && id <= 61:
		return 850, true
	case id >= 50 && id <= 54, id >= 71 && id <= 75, id >= 183 && id <= 186, id >= 210 && id <= 217:
		return 1252, true
	case id >= 80 && id <= 96:
		return 1250, true
	case id >= 104 && id <= 108:
		return 1251, true
	case id == 112, id == 113, id == 114, id == 121, id == 124:
		return 1253, true
	case id >= 128 && id <= 130:
		return 1254, true
	case id >= 136 && id <= 138:
		return 1255, true
	case id >= 144 && id <= 146:
		return 1256, true
	case id >= 152 && id <= 160:
		return 1257, true
	case id == 192, id == 193, id == 200:
		return 932, true
	case id == 194, id == 195, id == 201:
		return 949, true
	case id == 196, id == 197, id == 202:
		return 950, true
	case id == 198, id == 199, id == 203:
		return 936, true
	case id >= 204 && id <= 206:
		return 874, true
	}
	return 0, false
}

// lcidCodePage holds the locales whose code page differs from their primary
// language's (Chinese, and the Cyrillic variants of Serbian, Bosnian, Azeri
// and Uzbek).
var lcidCodePage = map[uint32]int{
	0x0804: 936, 0x1004: 936, // Chinese (PRC, Singapore)
	0x0404: 950, 0x0C04: 950, 0x1404: 950, 0x7C04: 950, // Chinese (Taiwan, Hong Kong, Macao, traditional)
	0x0C1A: 1251, 0x1C1A: 1251, 0x201A: 1251, 0x301A: 1251, // Serbian and Bosnian Cyrillic
	0x082C: 1251, 0x0843: 1251, // Azeri and Uzbek Cyrillic
	0x042C: 1254, 0x0443: 1254, // Azeri and Uzbek Latin
}

// langCodePage maps primary language ids (LCID & 0x3FF) to code pages; the
// rest use 1252.
var langCodePage = map[uint32]int{
	0x1E: 874,                                                                                                  // Thai
	0x11: 932,                                                                                                  // Japanese
	0x04: 936,                                                                                                  // Chinese (other)
	0x12: 949,                                                                                                  // Korean
	0x05: 1250, 0x0E: 1250, 0x15: 1250, 0x18: 1250, 0x1A: 1250, 0x1B: 1250, 0x1C: 1250, 0x24: 1250, 0x42: 1250, // Czech, Hungarian, Polish, Romanian, Croatian/Serbian Latin, Slovak, Albanian, Slovenian, Turkmen
	0x02: 1251, 0x19: 1251, 0x22: 1251, 0x23: 1251, 0x2F: 1251, 0x3F: 1251, 0x40: 1251, 0x44: 1251, 0x50: 1251, 0x6D: 1251, 0x85: 1251, // Bulgarian, Russian, Ukrainian, Belarusian, Macedonian, Kazakh, Kyrgyz, Tatar, Mongolian, Bashkir, Yakut
	0x08: 1253,                                                             // Greek
	0x1F: 1254,                                                             // Turkish
	0x0D: 1255,                                                             // Hebrew
	0x01: 1256, 0x20: 1256, 0x29: 1256, 0x63: 1256, 0x80: 1256, 0x8C: 1256, // Arabic, Urdu, Persian, Pashto, Uyghur, Dari
	0x25: 1257, 0x26: 1257, 0x27: 1257, // Estonian, Latvian, Lithuanian
	0x2A: 1258, // Vietnamese
}

// codePageEncodings are the x/text encodings of the code pages other than 1252
// (which has its own fast path, appendCP1252/decodeCP1252).
var codePageEncodings = map[int]encoding.Encoding{
	437: charmap.CodePage437, 850: charmap.CodePage850, 874: charmap.Windows874,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1253: charmap.Windows1253,
	1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256,
	1257: charmap.Windows1257, 1258: charmap.Windows1258,
	932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR, 950: traditionalchinese.Big5,
}

// charset returns the encoding of c's non-Unicode data, or nil for code page
// 1252 and UTF-8 collations.
func (c Collation) charset() encoding.Encoding {
	if c.UTF8() || c == DefaultCollation {
		return nil
	}
	return codePageEncodings[c.CodePage()]
}

// encodeCharset appends s in enc; characters enc cannot represent become '?'
// (x/text would substitute 0x1A).
func encodeCharset(b []byte, enc encoding.Encoding, s string) []byte {
	e := enc.NewEncoder()
	if out, err := e.Bytes([]byte(s)); err == nil {
		return append(b, out...)
	}
	var one [utf8.UTFMax]byte
	for _, r := range s { // slow path: some character is not in the code page
		e.Reset()
		out, err := e.Bytes(one[:utf8.EncodeRune(one[:], r)])
		if err != nil {
			b = append(b, '?')
			continue
		}
		b = append(b, out...)
	}
	return b
}

// decodeCharset decodes p from enc; invalid sequences become U+FFFD.
func decodeCharset(enc encoding.Encoding, p []byte) string {
	out, err := enc.NewDecoder().Bytes(p)
	if err != nil {
		return strings.ToValidUTF8(string(p), "\uFFFD") // not reached: x/text decoders replace
	}
	return string(out)
}
