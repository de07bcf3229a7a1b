package types

import (
	"testing"
	"time"
)

func TestConvertSessionDateFormat(t *testing.T) {
	cases := []struct {
		in   string
		df   DateFormat
		want string
		err  int32
	}{
		{"31/01/2024", DateFormatDMY, "2024-01-31 00:00:00.000", 0},
		{"31/01/2024", DateFormatMDY, "", 242},
		{"01/31/24", DateFormatMDY, "2024-01-31 00:00:00.000", 0},
		{"01/31/50", DateFormatMDY, "1950-01-31 00:00:00.000", 0},
		{"2024/31/01", DateFormatYDM, "2024-01-31 00:00:00.000", 0},
		{"2024-01-31", DateFormatDMY, "2024-01-31 00:00:00.000", 0},
	}
	for _, c := range cases {
		t.Run(c.in+"/"+c.want, func(t *testing.T) {
			got, err := ConvertWith(vc(c.in), TypeDateTime, 0, ConvertOptions{DateFormat: c.df})
			if c.err != 0 {
				wantErr(t, err, c.err, "")
				return
			}
			if err != nil || got.String() != c.want {
				t.Errorf("got %v, %v, want %s", got, err, c.want)
			}
		})
	}
	if df, ok := ParseDateFormat("DMY"); !ok || df != DateFormatDMY {
		t.Error("ParseDateFormat")
	}
}

func TestImplicitConvert(t *testing.T) {
	cases := []struct {
		name string
		v    Value
		to   Type
		want string
		err  int32
		msg  string
	}{
		{"int to bigint", NewInt(5), TypeBigInt, "5", 0, ""},
		{"string to int", vc("5"), TypeInt, "5", 0, ""},
		{"datetime to int", mustDT("2024-01-01"), TypeInt, "", 257, "Implicit conversion from data type datetime to int is not allowed. Use the CONVERT function to run this query."},
		{"date to int", mustConvertNT(vc("2024-01-01"), TypeDate), TypeInt, "", 206, "Operand type clash: date is incompatible with int"},
		{"varchar to varbinary", vc("a"), Type{ID: VarBinary, Length: 5}, "", 257, ""},
		{"int to datetime", NewInt(0), TypeDateTime, "1900-01-01 00:00:00.000", 0, ""},
		{"null", Null(Unknown), TypeInt, "NULL", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ImplicitConvert(c.v, c.to)
			if c.err != 0 {
				wantErr(t, err, c.err, c.msg)
				return
			}
			if err != nil || got.String() != c.want {
				t.Errorf("got %v, %v, want %s", got, err, c.want)
			}
		})
	}
}

func TestConvertDateTimeFamilies(t *testing.T) {
	dto := mustConvertNT(vc("2024-01-31 23:30:00.1234567 -05:00"), Type{ID: DateTimeOffset, Scale: 7})
	cases := []struct {
		name string
		v    Value
		to   Type
		want string
	}{
		{"dto to datetime2 keeps local", dto, Type{ID: DateTime2, Scale: 7}, "2024-01-31 23:30:00.1234567"},
		{"dto to date", dto, TypeDate, "2024-01-31"},
		{"dto scale 0 rounds", dto, Type{ID: DateTimeOffset, Scale: 0}, "2024-01-31 23:30:00 -05:00"},
		{"datetime2 to dto", mustConvertNT(vc("2024-01-31 10:00"), Type{ID: DateTime2, Scale: 0}), Type{ID: DateTimeOffset, Scale: 0}, "2024-01-31 10:00:00 +00:00"},
		{"time to datetime", mustConvertNT(vc("10:30:00.5"), Type{ID: Time, Scale: 1}), TypeDateTime, "1900-01-01 10:30:00.500"},
		{"date to datetime2", mustConvertNT(vc("2024-01-31"), TypeDate), Type{ID: DateTime2, Scale: 2}, "2024-01-31 00:00:00.00"},
		{"datetime2 to smalldatetime", mustConvertNT(vc("2024-01-31 23:59:30"), Type{ID: DateTime2, Scale: 0}), Type{ID: SmallDateTime}, "2024-02-01 00:00:00"},
		{"datetime2 max to datetime2(0) stays", mustConvertNT(vc("9999-12-31 23:59:59"), Type{ID: DateTime2, Scale: 0}), Type{ID: DateTime2, Scale: 0}, "9999-12-31 23:59:59"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mustConvert(t, c.v, c.to, 0); got.String() != c.want {
				t.Errorf("got %q, want %q", got.String(), c.want)
			}
		})
	}
	// Go time round trip keeps the offset.
	tm := dto.Time()
	if _, off := tm.Zone(); off != -5*3600 || tm.Hour() != 23 || tm.Nanosecond() != 123456700 {
		t.Errorf("Time() = %v", tm)
	}
	v := MustTime(time.Date(2024, 1, 31, 10, 0, 0, 2_000_000, time.UTC), TypeDateTime)
	if v.String() != "2024-01-31 10:00:00.003" {
		t.Errorf("FromTime datetime = %v", v)
	}
}

func TestConvertNumericEdges(t *testing.T) {
	cases := []struct {
		name string
		v    Value
		to   Type
		want string
		err  int32
	}{
		{"smallmoney overflow", NewInt(300000), Type{ID: SmallMoney}, "", 8115},
		{"money from float rounds", NewFloat(1.23456), TypeMoney, "1.23", 0},
		{"real overflow", NewFloat(1e300), TypeReal, "", 8115},
		{"decimal(38,38)", vc("0.12345678901234567890123456789012345678"), DecimalType(38, 38), "0.12345678901234567890123456789012345678", 0},
		{"decimal 38 digits", vc("-99999999999999999999999999999999999999"), DecimalType(38, 0), "-99999999999999999999999999999999999999", 0},
		{"decimal 39 digits", vc("999999999999999999999999999999999999999"), DecimalType(38, 0), "", 8115},
		{"bigint max to decimal", NewBigInt(9223372036854775807), DecimalType(19, 0), "9223372036854775807", 0},
		{"decimal to bigint overflow", MustDecimal("9223372036854775808"), TypeBigInt, "", 8115},
		{"float to bigint overflow", NewFloat(1e19), TypeBigInt, "", 8115},
		{"decimal to float", MustDecimal("0.1"), TypeFloat, "0.1", 0},
		{"bit from decimal", MustDecimal("0.5"), TypeBit, "1", 0},
		{"decimal rounding to int scale", MustDecimal("2.5"), DecimalType(5, 0), "3", 0},
		{"negative rounding", MustDecimal("-2.5"), DecimalType(5, 0), "-3", 0},
		{"uuid to varchar(10)", mustConvertNT(vc("6F9619FF-8B86-D011-B42D-00C04FC964FF"), TypeUUID), VarCharType(10), "", 8170},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Convert(c.v, c.to, 0)
			if c.err != 0 {
				wantErr(t, err, c.err, "")
				return
			}
			if err != nil || got.String() != c.want {
				t.Errorf("got %v, %v, want %s", got, err, c.want)
			}
		})
	}
}

func TestGUIDStorageBytes(t *testing.T) {
	v := mustConvertNT(vc("6F9619FF-8B86-D011-B42D-00C04FC964FF"), TypeUUID)
	b := v.StorageBytes()
	want := [16]byte{0xFF, 0x19, 0x96, 0x6F, 0x86, 0x8B, 0x11, 0xD0, 0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF}
	if b != want {
		t.Errorf("storage bytes %x, want %x", b, want)
	}
	if GUIDFromStorageBytes(b) != v {
		t.Error("GUIDFromStorageBytes does not invert StorageBytes")
	}
	bin := mustConvertNT(v, Type{ID: VarBinary, Length: 16})
	if bin.Str() != string(want[:]) {
		t.Errorf("CAST to varbinary = %x", bin.Str())
	}
}
