package types

import (
	"math/rand/v2"
	"testing"
)

func TestPartsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, ty := range testTypes {
		for i := 0; i < 200; i++ {
			v := genValue(r, ty)
			if v.IsNull() {
				continue
			}
			switch {
			case ty.ID.IsDateTime():
				days, ticks := v.DateTimeParts()
				got, err := NewDateTimeFromParts(Type{ID: ty.ID, Scale: v.Scale()}, days, ticks, v.Offset())
				if err != nil || got != v {
					t.Fatalf("%v: %v -> %v, %v", ty, v, got, err)
				}
			case ty.ID.isDecimal():
				neg, hi, lo := v.DecimalParts()
				got, err := NewDecimalFromParts(ty.ID, v.Precision(), v.Scale(), neg, hi, lo)
				if err != nil || got != v {
					t.Fatalf("%v: %v -> %v, %v", ty, v, got, err)
				}
			}
		}
	}
	if _, err := NewDateTimeFromParts(TypeDateTime, 0, 0, 0); err == nil {
		t.Error("datetime before 1753 accepted")
	}
	if _, err := NewDecimalFromParts(Decimal, 2, 0, false, 0, 100); !IsError(err, ErrArithOverflow) {
		t.Errorf("100 in decimal(2,0): %v", err)
	}
	v := mustDT("1900-01-01 00:00:01")
	if d, tk := v.DateTimeParts(); d != Days1900 || tk != 300 {
		t.Errorf("datetime parts %d %d", d, tk)
	}
}
