package txn

import "testing"

func TestCompatibilityMatrix(t *testing.T) {
	// Rows: held mode; columns in order Sch-S IS S U IX SIX X Sch-M; "y" = compatible.
	// SQL Server's matrix ("Lock compatibility" in the locking guide).
	cols := []Mode{ModeSchS, ModeIS, ModeS, ModeU, ModeIX, ModeSIX, ModeX, ModeSchM}
	rows := []struct {
		held Mode
		want string
	}{
		{ModeSchS, "yyyyyyyn"},
		{ModeIS, "yyyyyynn"},
		{ModeS, "yyyynnnn"},
		{ModeU, "yyynnnnn"},
		{ModeIX, "yynnynnn"},
		{ModeSIX, "yynnnnnn"},
		{ModeX, "ynnnnnnn"},
		{ModeSchM, "nnnnnnnn"},
	}
	for _, row := range rows {
		for i, req := range cols {
			t.Run(row.held.String()+"/"+req.String(), func(t *testing.T) {
				want := row.want[i] == 'y'
				if got := Compatible(row.held, req); got != want {
					t.Errorf("Compatible(held %s, requested %s) = %v, want %v", row.held, req, got, want)
				}
				if got := Compatible(req, row.held); got != want {
					t.Errorf("matrix not symmetric at %s/%s", req, row.held)
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
		{ModeU, ModeIX, ModeSIX},
		{ModeSIX, ModeX, ModeX},
		{ModeSchS, ModeIS, ModeIS},
		{ModeSchS, ModeSchM, ModeSchM},
		{ModeX, ModeSchM, ModeSchM},
		{ModeSIX, ModeIS, ModeSIX},
	}
	for _, tc := range tests {
		t.Run(tc.a.String()+"+"+tc.b.String(), func(t *testing.T) {
			if got := Combine(tc.a, tc.b); got != tc.want {
				t.Errorf("Combine(%s, %s) = %s, want %s", tc.a, tc.b, got, tc.want)
			}
			if got := Combine(tc.b, tc.a); got != tc.want {
				t.Errorf("Combine(%s, %s) = %s, want %s", tc.b, tc.a, got, tc.want)
			}
			// The combination must conflict with at least everything either part
			// does (the key-range modes, which only keys hold, have their own
			// test: TestKeyRangeCombine).
			for m := range ModeRangeSS {
				if (!Compatible(tc.a, m) || !Compatible(tc.b, m)) && Compatible(tc.want, m) {
					t.Errorf("Combine(%s, %s) = %s is compatible with %s", tc.a, tc.b, tc.want, m)
				}
			}
		})
	}
}
