package session

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tds"
)

// TestTDSCollationFlags: a varchar column of a collation with its own LCID
// carries it in TDS COLLATION ([MS-TDS] 2.2.5.1.2) with the flags of how it
// compares — fIgnoreCase 0x10, fIgnoreAccent 0x20, fIgnoreWidth 0x40,
// fIgnoreKana 0x80 in the third byte; fBinary 0x01, fBinary2 0x02 and the
// version in the fourth. Every non-binary collation was sent with all four
// ignore flags, and a BIN one as BIN2.
func TestTDSCollationFlags(t *testing.T) {
	cases := []struct {
		name string
		want tds.Collation
	}{
		{"Latin1_General_100_CI_AS", tds.Collation{0x09, 0x04, 0xD0, 0x20, 0}},
		{"Latin1_General_100_CI_AI", tds.Collation{0x09, 0x04, 0xF0, 0x20, 0}},
		{"Latin1_General_100_CS_AS", tds.Collation{0x09, 0x04, 0xC0, 0x20, 0}},
		{"Latin1_General_100_BIN", tds.Collation{0x09, 0x04, 0x00, 0x21, 0}},
		{"Latin1_General_100_BIN2", tds.Collation{0x09, 0x04, 0x00, 0x22, 0}},
		{"Thai_100_BIN2", tds.Collation{0x1E, 0x04, 0x00, 0x22, 0}},
		{"Polish_CI_AI", tds.Collation{0x15, 0x04, 0xF0, 0x00, 0}},
	}
	for _, c := range cases {
		coll, err := types.LookupCollation(c.name)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := typeInfo(types.Type{ID: types.VarChar, Length: 10, Collation: coll}).Collation; got != c.want {
			t.Errorf("%s: % x, want % x", c.name, got, c.want)
		}
	}
}
