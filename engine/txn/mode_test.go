package txn

import "testing"

func TestCompatibilityMatrix(t *testing.T) {
	// Rows: held mode; columns in order Sch-S IS S U IX SIX UIX X Sch-M; "y" =
	// compatible. SQL Server's matrix ("Lock compatibility" in the locking
	// guide); UIX, U and IX held together, is compatible with IS only.
	cols := []Mode{ModeSchS, ModeIS, ModeS, ModeU, ModeIX, ModeSIX, ModeUIX, ModeX, ModeSchM}
	rows := []compatRow{
		{ModeSchS, "yyyyyyyyn"},
		{ModeIS, "yyyyyyynn"},
		{ModeS, "yyyynnnnn"},
		{ModeU, "yyynnnnnn"},
		{ModeIX, "yynnynnnn"},
		{ModeSIX, "yynnnnnnn"},
		{ModeUIX, "yynnnnnnn"},
		{ModeX, "ynnnnnnnn"},
		{ModeSchM, "nnnnnnnnn"},
	}
	checkCompatRows(t, cols, rows)
}

// compatRow is one row of a compatibility table: a mode and, for each of the
// table's columns, "y" when the two are compatible and "n" when not.
type compatRow struct {
	mode Mode
	want string
}

// checkCompatRows checks Compatible against a table whose rows are rows and
// columns cols. SQL Server's tables are symmetric, so which of the two is the
// held mode does not matter; both orders are checked.
func checkCompatRows(t *testing.T, cols []Mode, rows []compatRow) {
	t.Helper()
	for _, row := range rows {
		for i, col := range cols {
			t.Run(row.mode.String()+"/"+col.String(), func(t *testing.T) {
				want := row.want[i] == 'y'
				if got := Compatible(col, row.mode); got != want {
					t.Errorf("Compatible(%s, %s) = %v, want %v", col, row.mode, got, want)
				}
				if got := Compatible(row.mode, col); got != want {
					t.Errorf("matrix not symmetric at %s/%s", row.mode, col)
				}
			})
		}
	}
}

func TestCombine(t *testing.T) {
	tests := []struct{ a, b, want Mode }{
		{ModeNone, ModeS, ModeS},
		{ModeS, ModeS, ModeS},
		{ModeIS, ModeS, ModeS},
		{ModeIS, ModeIX, ModeIX},
		{ModeS, ModeIX, ModeSIX},
		{ModeIX, ModeS, ModeSIX},
		{ModeS, ModeU, ModeU},
		{ModeU, ModeX, ModeX},
		{ModeU, ModeIX, ModeUIX},
		{ModeIX, ModeU, ModeUIX},
		{ModeU, ModeSIX, ModeUIX},
		{ModeS, ModeUIX, ModeUIX},
		{ModeIX, ModeUIX, ModeUIX},
		{ModeSIX, ModeUIX, ModeUIX},
		{ModeIS, ModeUIX, ModeUIX},
		{ModeUIX, ModeX, ModeX},
		{ModeSIX, ModeX, ModeX},
		{ModeSchS, ModeIS, ModeIS},
		{ModeSchS, ModeSchM, ModeSchM},
		{ModeX, ModeSchM, ModeSchM},
		{ModeSIX, ModeIS, ModeSIX},
	}
	for _, tc := range tests {
		t.Run(tc.a.String()+"+"+tc.b.String(), func(t *testing.T) {
			checkCombine(t, tc.a, tc.b, tc.want)
			// The combination must conflict with at least everything either part
			// does, and with nothing both parts are compatible with (the
			// key-range modes, which only keys hold, have their own test:
			// TestKeyRangeCombine).
			for m := range ModeRangeSS {
				both := Compatible(tc.a, m) && Compatible(tc.b, m)
				if got := Compatible(tc.want, m); got != both {
					t.Errorf("Combine(%s, %s) = %s: compatible with %s %v, its parts %v", tc.a, tc.b, tc.want, m, got, both)
				}
			}
		})
	}
}

// checkCombine checks that a and b combine to want in either order.
func checkCombine(t *testing.T, a, b, want Mode) {
	t.Helper()
	if got := Combine(a, b); got != want {
		t.Errorf("Combine(%s, %s) = %s, want %s", a, b, got, want)
	}
	if got := Combine(b, a); got != want {
		t.Errorf("Combine(%s, %s) = %s, want %s", b, a, got, want)
	}
}
