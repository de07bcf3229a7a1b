package types

import "strings"

// SQL collation sort order ids (COLLATIONPROPERTY SortId; 0 for Windows
// collations).
var sqlSortIDs = map[Collation]int64{
	SQLLatin1GeneralCP1CIAS: 52,
	SQLLatin1GeneralCP1CSAS: 51,
	SQLLatin1GeneralCP1CIAI: 54,
}

// Comparison style bits (COLLATIONPROPERTY ComparisonStyle).
const (
	styleIgnoreCase   = 1
	styleIgnoreAccent = 2
	styleIgnoreKana   = 65536
	styleIgnoreWidth  = 131072
)

// Property implements COLLATIONPROPERTY(name, property) for CodePage, LCID,
// SortId, ComparisonStyle and Version (property names are case-insensitive);
// ok is false for any other property. The SQL_Latin1 and Latin1_General
// collations report LCID 1033 although the TDS layer sends them as the
// default collation (LCID reports 0 for them).
func (c Collation) Property(property string) (v int64, ok bool) {
	switch strings.ToLower(property) {
	case "codepage":
		return int64(c.CodePage()), true
	case "lcid":
		if l := c.LCID(); l != 0 {
			return int64(l), true
		}
		return 1033, true
	case "sortid":
		return sqlSortIDs[c], true
	case "comparisonstyle":
		info := c.info()
		if info.bin {
			return 0, true
		}
		// Without _KS and _WS, kana type and width are ignored.
		style := int64(styleIgnoreKana | styleIgnoreWidth)
		if info.ci {
			style |= styleIgnoreCase
		}
		if info.ai {
			style |= styleIgnoreAccent
		}
		return style, true
	case "version":
		return int64(c.Version()), true
	}
	return 0, false
}
