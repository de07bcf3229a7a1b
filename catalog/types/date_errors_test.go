package types

import "testing"

// TestDateConversionErrorIdentity pins the number, severity, state and text
// SQL Server sends for text that is no date/time or is out of its type's
// range: 241 state 1, 242 state 3, and smalldatetime's own 295 state 3
// (it was 241).
func TestDateConversionErrorIdentity(t *testing.T) {
	cases := []struct {
		name  string
		in    Value
		to    Type
		num   int32
		state uint8
		msg   string
	}{
		{"datetime not a date", vc("x"), TypeDateTime, 241, 1, "Conversion failed when converting date and/or time from character string."},
		{"date not a date", vc("x"), TypeDate, 241, 1, "Conversion failed when converting date and/or time from character string."},
		{"datetime out of range", vc("1600-01-01"), TypeDateTime, 242, 3, "The conversion of a varchar data type to a datetime data type resulted in an out-of-range value."},
		{"datetime no such day", NewNVarChar("2023-02-30"), TypeDateTime, 242, 3, "The conversion of a nvarchar data type to a datetime data type resulted in an out-of-range value."},
		{"smalldatetime not a date", vc("2011 Febraury 01"), Type{ID: SmallDateTime}, 295, 3, "Conversion failed when converting character string to smalldatetime data type."},
		{"smalldatetime four decimals", vc("2024-01-01 10:00:00.1234"), Type{ID: SmallDateTime}, 295, 3, "Conversion failed when converting character string to smalldatetime data type."},
		{"smalldatetime out of range", vc("1800-01-01"), Type{ID: SmallDateTime}, 242, 3, "The conversion of a varchar data type to a smalldatetime data type resulted in an out-of-range value."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Convert(c.in, c.to, 0)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Convert: %v, want error %d", err, c.num)
			}
			num, sev, state := e.SQLServerError()
			if num != c.num || sev != 16 || state != c.state || e.Error() != c.msg {
				t.Errorf("got %d/%d/%d %q, want %d/16/%d %q", num, sev, state, e.Error(), c.num, c.state, c.msg)
			}
		})
	}
}
