package types

import (
	"errors"
	"math"
	"testing"
)

// TestReviewNumericToInt64Bounds: a numeric at bigint's and money's bounds
// converts, one past them overflows (8115). -9223372036854775808 is a
// numeric(19,0) literal whose magnitude is not an int64; it was rejected
// (found by the review of 75be574's int64 GROUP BY: INSERT of bigint's
// minimum failed with 8115, which SQL Server accepts).
func TestReviewNumericToInt64Bounds(t *testing.T) {
	cases := []struct {
		in   string
		to   Type
		want string // "" : error 8115
	}{
		{"-9223372036854775808", TypeBigInt, "-9223372036854775808"},
		{"-9223372036854775808.9", TypeBigInt, "-9223372036854775808"},
		{"9223372036854775807", TypeBigInt, "9223372036854775807"},
		{"-9223372036854775809", TypeBigInt, ""},
		{"9223372036854775808", TypeBigInt, ""},
		{"-9223372036854775808", TypeInt, ""},
		{"-922337203685477.5808", TypeMoney, NewMoney(math.MinInt64).String()},
		{"922337203685477.5807", TypeMoney, NewMoney(math.MaxInt64).String()},
		{"-922337203685477.5809", TypeMoney, ""},
		{"922337203685477.5808", TypeMoney, ""},
	}
	for _, c := range cases {
		t.Run(c.in+" to "+c.to.ID.Name(), func(t *testing.T) {
			got, err := Convert(MustDecimal(c.in), c.to, 0)
			if c.want == "" {
				var se interface{ SQLServerError() (int32, uint8, uint8) }
				if !errors.As(err, &se) {
					t.Fatalf("got %v, %v; want error 8115", got, err)
				}
				if n, _, _ := se.SQLServerError(); n != 8115 {
					t.Fatalf("error %d (%v), want 8115", n, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.to.ID == Money && got.Int64() != moneyUnits(c.in) {
				t.Fatalf("got %d units, want %d", got.Int64(), moneyUnits(c.in))
			}
			if got.String() != c.want {
				t.Fatalf("got %s, want %s", got.String(), c.want)
			}
		})
	}
}

// moneyUnits is the money bound the case names, in ten-thousandths.
func moneyUnits(s string) int64 {
	if s[0] == '-' {
		return math.MinInt64
	}
	return math.MaxInt64
}
