package txn

import "testing"

// TestKeyRangeCompatibility is the key-range table of SQL Server's locking
// guide ("Key-range locking", "Compatibility matrix"), rows the requested
// mode, columns the existing one: S U X RangeS-S RangeS-U RangeI-N RangeX-X.
func TestKeyRangeCompatibility(t *testing.T) {
	cols := []Mode{ModeS, ModeU, ModeX, ModeRangeSS, ModeRangeSU, ModeRangeIN, ModeRangeXX}
	rows := []compatRow{
		{ModeS, "yynyyyn"},
		{ModeU, "ynnynyn"},
		{ModeX, "nnnnnyn"},
		{ModeRangeSS, "yynyynn"},
		{ModeRangeSU, "ynnynnn"},
		{ModeRangeIN, "yyynnyn"},
		{ModeRangeXX, "nnnnnnn"},
	}
	checkCompatRows(t, cols, rows)
}

// TestKeyRangeCombine checks the conversions the guide names ("Conversion
// locks": RangeI-N with S is RangeI-S … RangeI-N with RangeS-S is RangeX-S)
// and that a combination conflicts with whatever either part conflicts with.
func TestKeyRangeCombine(t *testing.T) {
	tests := []struct{ a, b, want Mode }{
		{ModeRangeIN, ModeS, ModeRangeIS},
		{ModeRangeIN, ModeU, ModeRangeIU},
		{ModeRangeIN, ModeX, ModeRangeIX},
		{ModeRangeIN, ModeRangeSS, ModeRangeXS},
		{ModeRangeIN, ModeRangeSU, ModeRangeXU},
		{ModeRangeSS, ModeS, ModeRangeSS},
		{ModeRangeSS, ModeU, ModeRangeSU},
		{ModeRangeSS, ModeRangeSU, ModeRangeSU},
		{ModeRangeSS, ModeX, ModeRangeXX},
		{ModeRangeSU, ModeX, ModeRangeXX},
		{ModeS, ModeRangeXX, ModeRangeXX},
		{ModeNone, ModeRangeIN, ModeRangeIN},
		{ModeRangeXS, ModeU, ModeRangeXU},
		{ModeRangeXU, ModeRangeIX, ModeRangeXX},
	}
	keys := []Mode{ModeNone, ModeS, ModeU, ModeX}
	for m := ModeRangeSS; m < numModes; m++ {
		keys = append(keys, m)
	}
	for _, tc := range tests {
		t.Run(tc.a.String()+"+"+tc.b.String(), func(t *testing.T) { checkCombine(t, tc.a, tc.b, tc.want) })
	}
	for _, a := range keys {
		for _, b := range keys {
			c := Combine(a, b)
			for _, m := range keys {
				if (!Compatible(a, m) || !Compatible(b, m)) && Compatible(c, m) {
					t.Errorf("Combine(%s, %s) = %s is compatible with %s", a, b, c, m)
				}
			}
		}
	}
}
