package types

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Windows collations whose char/varchar data is in a code page other than
// 1252. Values are kept as UTF-8 text like every string; what the code page
// decides is which characters survive a conversion from nvarchar (the others
// become '?', as in SQL Server) and the bytes the TDS layer sends (the
// collation's LCID travels in the column's COLLATION, [MS-TDS] 2.2.5.1.2).
// They compare as the other CI_AI collations (root-locale UCA, case and
// accents ignored), not with each locale's tailoring.
var intlCollations = map[Collation]struct {
	name     string
	lcid     uint32
	version  uint8
	codePage int
}{
	ThaiCIAI:                    {"Thai_CI_AI", 0x041E, 0, 874},
	ChinesePRCCIAI:              {"Chinese_PRC_CI_AI", 0x0804, 0, 936},
	JapaneseCIAI:                {"Japanese_CI_AI", 0x0411, 0, 932},
	Korean90CIAI:                {"Korean_90_CI_AI", 0x0412, 1, 949},
	ChineseHongKongStroke90CIAI: {"Chinese_Hong_Kong_Stroke_90_CI_AI", 0x0C04, 1, 950},
	PolishCIAI:                  {"Polish_CI_AI", 0x0415, 0, 1250},
	GreekCIAI:                   {"Greek_CI_AI", 0x0408, 0, 1253},
	CyrillicGeneralCIAI:         {"Cyrillic_General_CI_AI", 0x0419, 0, 1251},
	HebrewCIAI:                  {"Hebrew_CI_AI", 0x040D, 0, 1255},
	ArabicCIAI:                  {"Arabic_CI_AI", 0x0401, 0, 1256},
	FrenchCIAI:                  {"French_CI_AI", 0x040C, 0, 1252},
	TurkishCIAI:                 {"Turkish_CI_AI", 0x041F, 0, 1254},
	LithuanianCIAI:              {"Lithuanian_CI_AI", 0x0427, 0, 1257},
	VietnameseCIAI:              {"Vietnamese_CI_AI", 0x042A, 0, 1258},
}

var codePageEncodings = map[int]encoding.Encoding{
	874: charmap.Windows874, 932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR,
	950: traditionalchinese.Big5, 1250: charmap.Windows1250, 1251: charmap.Windows1251, 1253: charmap.Windows1253,
	1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256, 1257: charmap.Windows1257,
	1258: charmap.Windows1258,
}

// LCID is the collation's Windows locale id, 0 for the default
// SQL_Latin1_General_CP1 and Latin1_General collations (which the TDS layer
// sends as its default collation).
func (c Collation) LCID() uint32 { return c.info().lcid }

// Version is the collation version sent in TDS COLLATION (1 for _90, 2 for
// _100).
func (c Collation) Version() uint8 { return c.info().version }

// CodePage is the Windows code page of the collation's char/varchar data.
func (c Collation) CodePage() int {
	if d, ok := intlCollations[c]; ok {
		return d.codePage
	}
	if c >= firstBIN2 && c < firstV100 {
		return bin2Collations[c-firstBIN2].codePage
	}
	return 1252
}

// toCodePageText replaces the characters the collation's code page cannot
// hold with '?' (converting nvarchar to varchar).
func toCodePageText(s string, c Collation) string {
	enc := codePageEncodings[c.CodePage()]
	if enc == nil {
		return to1252Text(s)
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	e := enc.NewEncoder()
	var out []rune
	for _, r := range s {
		if _, err := e.String(string(r)); err != nil {
			out = append(out, '?')
		} else {
			out = append(out, r)
		}
	}
	return string(out)
}
