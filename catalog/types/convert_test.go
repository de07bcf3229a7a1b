package types

import (
	"testing"
)

func TestConvertGolden(t *testing.T) {
	dt := TypeDateTime
	cases := []struct {
		name  string
		in    Value
		to    Type
		style int
		want  string // text of the result (Value.String) if no error
		err   int32
		msg   string
	}{
		{"decimal to int truncates", MustDecimal("1.5"), TypeInt, 0, "1", 0, ""},
		{"negative decimal to int", MustDecimal("-1.5"), TypeInt, 0, "-1", 0, ""},
		{"float to int truncates", NewFloat(2.999), TypeInt, 0, "2", 0, ""},
		{"money to int rounds", NewMoney(15000), TypeInt, 0, "2", 0, ""},
		{"string 1.5 to int", vc("1.5"), TypeInt, 0, "", 245, "Conversion failed when converting the varchar value '1.5' to data type int."},
		{"string abc to int", vc("abc"), TypeInt, 0, "", 245, "Conversion failed when converting the varchar value 'abc' to data type int."},
		{"nvarchar to int", NewNVarChar("x"), TypeInt, 0, "", 245, "Conversion failed when converting the nvarchar value 'x' to data type int."},
		{"string with blanks to int", vc("  42 "), TypeInt, 0, "42", 0, ""},
		{"empty string to int", vc(""), TypeInt, 0, "0", 0, ""},
		{"string int overflow", vc("99999999999"), TypeInt, 0, "", 248, "The conversion of the varchar value '99999999999' overflowed an int column."},
		{"bigint to int overflow", NewBigInt(3000000000), TypeInt, 0, "", 8115, "Arithmetic overflow error converting expression to data type int."},
		{"int to tinyint overflow", NewInt(256), TypeTinyInt, 0, "", 220, "Arithmetic overflow error for data type tinyint, value = 256."},
		{"int to smallint overflow", NewInt(-40000), TypeSmallInt, 0, "", 220, "Arithmetic overflow error for data type smallint, value = -40000."},
		{"bigint to int overflow", NewBigInt(1 << 40), TypeInt, 0, "", 8115, "Arithmetic overflow error converting expression to data type int."},
		{"int to bit", NewInt(5), TypeBit, 0, "1", 0, ""},
		{"string TRUE to bit", vc("TRUE"), TypeBit, 0, "1", 0, ""},
		{"string to decimal", vc("1.255"), DecimalType(5, 2), 0, "1.26", 0, ""},
		{"string to decimal rounds negative", vc("-1.255"), DecimalType(5, 2), 0, "-1.26", 0, ""},
		{"bad string to decimal", vc("1e3"), DecimalType(5, 2), 0, "", 8114, "Error converting data type varchar to numeric."},
		{"decimal overflow", MustDecimal("1234.5"), DecimalType(5, 2), 0, "", 8115, "Arithmetic overflow error converting numeric to data type numeric."},
		{"int to decimal overflow", NewInt(123456), DecimalType(5, 2), 0, "", 8115, "Arithmetic overflow error converting int to data type numeric."},
		{"varchar to decimal overflow", vc("123456"), DecimalType(5, 2), 0, "", 8115, "Arithmetic overflow error converting varchar to data type numeric."},
		{"float to decimal", NewFloat(0.1), DecimalType(10, 5), 0, "0.10000", 0, ""},
		{"bad string to float", vc("abc"), TypeFloat, 0, "", 8114, "Error converting data type varchar to float."},
		{"string to float", vc(" 1.5e3 "), TypeFloat, 0, "1500", 0, ""},
		{"string to money", vc("$1,234.5678"), TypeMoney, 0, "1234.57", 0, ""},
		{"bad string to money", vc("x"), TypeMoney, 0, "", 235, "Cannot convert a char value to money. The char value has incorrect syntax."},
		{"int to varchar", NewInt(123), VarCharType(10), 0, "123", 0, ""},
		{"int to short varchar", NewInt(123), VarCharType(2), 0, "*", 0, ""},
		{"int to short nvarchar", NewInt(123), NVarCharType(2), 0, "", 8115, "Arithmetic overflow error converting expression to data type nvarchar."},
		{"decimal to short varchar", MustDecimal("12.5"), VarCharType(2), 0, "", 8115, "Arithmetic overflow error converting numeric to data type varchar."},
		{"string truncates", vc("abcdef"), VarCharType(3), 0, "abc", 0, ""},
		{"char pads", vc("ab"), Type{ID: Char, Length: 4}, 0, "ab  ", 0, ""},
		{"nvarchar to varchar loses", NewNVarChar("aā"), VarCharType(10), 0, "a?", 0, ""},
		{"decimal to varchar", MustDecimal("-0.50"), VarCharType(10), 0, "-0.50", 0, ""},
		{"money to varchar", NewMoney(12345678), VarCharType(20), 0, "1234.57", 0, ""},
		{"money style 1", NewMoney(12345678), VarCharType(20), 1, "1,234.57", 0, ""},
		{"money style 2", NewMoney(12345678), VarCharType(20), 2, "1234.5678", 0, ""},
		{"float to varchar", NewFloat(123456789), VarCharType(30), 0, "1.23457e+008", 0, ""},
		{"float pi to varchar", NewFloat(3.14159265358979), VarCharType(30), 0, "3.14159", 0, ""},
		{"float small to varchar", NewFloat(0.5), VarCharType(30), 0, "0.5", 0, ""},
		{"float style 2", NewFloat(1), VarCharType(30), 2, "1.000000000000000e+000", 0, ""},
		{"datetime rounds .002", vc("2024-01-01 10:00:00.002"), dt, 0, "2024-01-01 10:00:00.003", 0, ""},
		{"datetime rounds .001", vc("2024-01-01 10:00:00.001"), dt, 0, "2024-01-01 10:00:00.000", 0, ""},
		{"datetime rounds .005", vc("2024-01-01 10:00:00.005"), dt, 0, "2024-01-01 10:00:00.007", 0, ""},
		{"datetime rounds .009", vc("2024-01-01 10:00:00.009"), dt, 0, "2024-01-01 10:00:00.010", 0, ""},
		{"datetime rounds .999 to next day", vc("2024-01-31 23:59:59.999"), dt, 0, "2024-02-01 00:00:00.000", 0, ""},
		{"datetime 4 digits", vc("2024-01-01 10:00:00.1234"), dt, 0, "", 241, "Conversion failed when converting date and/or time from character string."},
		{"datetime out of range", vc("1700-01-01"), dt, 0, "", 242, "The conversion of a varchar data type to a datetime data type resulted in an out-of-range value."},
		{"datetime bad day", vc("2023-02-29"), dt, 0, "", 242, ""},
		{"date bad day", vc("2023-02-29"), TypeDate, 0, "", 241, ""},
		{"date garbage", vc("hello"), TypeDate, 0, "", 241, ""},
		{"unseparated", vc("20240131"), dt, 0, "2024-01-31 00:00:00.000", 0, ""},
		{"iso T", vc("2024-01-31T10:00:00.123"), dt, 0, "2024-01-31 10:00:00.123", 0, ""},
		{"mdy", vc("01/31/2024"), dt, 0, "2024-01-31 00:00:00.000", 0, ""},
		{"style 103", vc("31/01/2024"), dt, 103, "2024-01-31 00:00:00.000", 0, ""},
		{"month name", vc("Jan 31 2024 10:00AM"), dt, 0, "2024-01-31 10:00:00.000", 0, ""},
		{"day month name", vc("31 January 2024"), TypeDate, 0, "2024-01-31", 0, ""},
		{"pm", vc("2024-01-31 1:05PM"), dt, 0, "2024-01-31 13:05:00.000", 0, ""},
		{"time alone", vc("10:30"), dt, 0, "1900-01-01 10:30:00.000", 0, ""},
		{"smalldatetime rounds", vc("2024-01-31 10:00:29.998"), Type{ID: SmallDateTime}, 0, "2024-01-31 10:00:00", 0, ""},
		{"smalldatetime rounds up", vc("2024-01-31 10:00:29.999"), Type{ID: SmallDateTime}, 0, "2024-01-31 10:01:00", 0, ""},
		{"datetime2(3)", vc("2024-01-31 10:00:00.1235"), Type{ID: DateTime2, Scale: 3}, 0, "2024-01-31 10:00:00.124", 0, ""},
		{"datetime2(7)", vc("2024-01-31 10:00:00.1234567"), Type{ID: DateTime2, Scale: 7}, 0, "2024-01-31 10:00:00.1234567", 0, ""},
		{"datetimeoffset", vc("2024-01-31 10:00:00 -05:00"), Type{ID: DateTimeOffset, Scale: 0}, 0, "2024-01-31 10:00:00 -05:00", 0, ""},
		{"time(3)", vc("10:00:00.12345"), Type{ID: Time, Scale: 3}, 0, "10:00:00.123", 0, ""},
		{"datetime to varchar style 0", mustDT("2024-01-01 13:05:00"), VarCharType(30), 0, "Jan  1 2024  1:05PM", 0, ""},
		{"datetime style 101", mustDT("2024-01-31 13:05:00"), VarCharType(30), 101, "01/31/2024", 0, ""},
		{"datetime style 1", mustDT("2024-01-31 13:05:00"), VarCharType(30), 1, "01/31/24", 0, ""},
		{"datetime style 103", mustDT("2024-01-31 13:05:00"), VarCharType(30), 103, "31/01/2024", 0, ""},
		{"datetime style 105", mustDT("2024-01-31 13:05:00"), VarCharType(30), 105, "31-01-2024", 0, ""},
		{"datetime style 108", mustDT("2024-01-31 13:05:07"), VarCharType(30), 108, "13:05:07", 0, ""},
		{"datetime style 110", mustDT("2024-01-31 13:05:00"), VarCharType(30), 110, "01-31-2024", 0, ""},
		{"datetime style 111", mustDT("2024-01-31 13:05:00"), VarCharType(30), 111, "2024/01/31", 0, ""},
		{"datetime style 112", mustDT("2024-01-31 13:05:00"), VarCharType(30), 112, "20240131", 0, ""},
		{"datetime style 120", mustDT("2024-01-31 13:05:00.5"), VarCharType(30), 120, "2024-01-31 13:05:00", 0, ""},
		{"datetime style 121", mustDT("2024-01-31 13:05:00.5"), VarCharType(30), 121, "2024-01-31 13:05:00.500", 0, ""},
		{"datetime style 126", mustDT("2024-01-31 13:05:00"), VarCharType(30), 126, "2024-01-31T13:05:00", 0, ""},
		{"datetime style 126 ms", mustDT("2024-01-31 13:05:00.123"), VarCharType(30), 126, "2024-01-31T13:05:00.123", 0, ""},
		{"datetime style 109", mustDT("2024-01-31 13:05:00.123"), VarCharType(30), 109, "Jan 31 2024  1:05:00:123PM", 0, ""},
		{"datetime style 113", mustDT("2024-01-31 13:05:00.123"), VarCharType(30), 113, "31 Jan 2024 13:05:00:123", 0, ""},
		{"datetime style 22", mustDT("2024-01-31 13:05:07"), VarCharType(30), 22, "01/31/24  1:05:07 PM", 0, ""},
		{"datetime style 23", mustDT("2024-01-31 13:05:07"), VarCharType(30), 23, "2024-01-31", 0, ""},
		{"datetime style 20", mustDT("2024-01-31 13:05:07"), VarCharType(30), 20, "2024-01-31 13:05:07", 0, ""},
		{"datetime style 102", mustDT("2024-01-31 13:05:07"), VarCharType(30), 102, "2024.01.31", 0, ""},
		{"datetime style 104", mustDT("2024-01-31 13:05:07"), VarCharType(30), 104, "31.01.2024", 0, ""},
		{"datetime style 106", mustDT("2024-01-31 13:05:07"), VarCharType(30), 106, "31 Jan 2024", 0, ""},
		{"datetime style 107", mustDT("2024-01-31 13:05:07"), VarCharType(30), 107, "Jan 31, 2024", 0, ""},
		{"datetime style 114", mustDT("2024-01-31 13:05:07.5"), VarCharType(30), 114, "13:05:07:500", 0, ""},
		{"smalldatetime style 120", mustConvertNT(vc("2024-01-31 13:05"), Type{ID: SmallDateTime}), VarCharType(30), 120, "2024-01-31 13:05:00", 0, ""},
		{"datetime2 style 126", mustConvertNT(vc("2024-01-31 13:05:07.1234567"), Type{ID: DateTime2, Scale: 7}), VarCharType(40), 126, "2024-01-31T13:05:07.1234567", 0, ""},
		{"time style 108", mustConvertNT(vc("13:05:07"), Type{ID: Time, Scale: 7}), VarCharType(30), 108, "13:05:07", 0, ""},
		{"bad style", mustDT("2024-01-31"), VarCharType(30), 99, "", 281, "99 is not a valid style number when converting from datetime to a character string."},
		{"style 120 truncated to date", mustDT("2024-01-31 13:05:00"), VarCharType(10), 120, "2024-01-31", 0, ""},
		{"date to varchar", mustConvertNT(vc("2024-01-31"), TypeDate), VarCharType(30), 0, "2024-01-31", 0, ""},
		{"datetime2 to varchar", mustConvertNT(vc("2024-01-31 10:00"), Type{ID: DateTime2, Scale: 7}), VarCharType(30), 0, "2024-01-31 10:00:00.0000000", 0, ""},
		{"datetimeoffset style 127", mustConvertNT(vc("2024-01-31 10:00:00Z"), Type{ID: DateTimeOffset, Scale: 3}), VarCharType(40), 127, "2024-01-31T10:00:00.000Z", 0, ""},
		{"datetime to date", mustDT("2024-01-31 13:05:00"), TypeDate, 0, "2024-01-31", 0, ""},
		{"datetime to time", mustDT("2024-01-31 13:05:00"), Type{ID: Time, Scale: 0}, 0, "13:05:00", 0, ""},
		{"datetime to datetime2", mustDT("2024-01-31 13:05:00.003"), Type{ID: DateTime2, Scale: 7}, 0, "2024-01-31 13:05:00.0033333", 0, ""},
		{"date to time", mustConvertNT(vc("2024-01-31"), TypeDate), Type{ID: Time, Scale: 7}, 0, "", 529, "Explicit conversion from data type date to time is not allowed."},
		{"int to date", NewInt(1), TypeDate, 0, "", 529, "Explicit conversion from data type int to date is not allowed."},
		{"int to datetime", NewInt(1), dt, 0, "1900-01-02 00:00:00.000", 0, ""},
		{"float to datetime", NewFloat(1.5), dt, 0, "1900-01-02 12:00:00.000", 0, ""},
		{"datetime to int rounds", mustDT("1900-01-02 13:00:00"), TypeInt, 0, "2", 0, ""},
		{"datetime to float", mustDT("1900-01-02 12:00:00"), TypeFloat, 0, "1.5", 0, ""},
		{"guid from string", vc("6F9619FF-8B86-D011-B42D-00C04FC964FF"), TypeUUID, 0, "6F9619FF-8B86-D011-B42D-00C04FC964FF", 0, ""},
		{"guid lower braces", vc("{6f9619ff-8b86-d011-b42d-00c04fc964ff}"), TypeUUID, 0, "6F9619FF-8B86-D011-B42D-00C04FC964FF", 0, ""},
		{"guid bad", vc("6F9619FF-8B86-D011-B42D-00C04FC964F"), TypeUUID, 0, "", 8169, "Conversion failed when converting from a character string to uniqueidentifier."},
		{"guid to int", NewUUID([16]byte{}), TypeInt, 0, "", 529, "Explicit conversion from data type uniqueidentifier to int is not allowed."},
		{"varchar to varbinary", vc("AB"), Type{ID: VarBinary, Length: 10}, 0, "0x4142", 0, ""},
		{"nvarchar to varbinary", NewNVarChar("AB"), Type{ID: VarBinary, Length: 10}, 0, "0x41004200", 0, ""},
		{"odd varbinary to nvarchar", NewVarBinary([]byte{0x41}), NVarCharType(10), 0, "A", 0, ""},
		{"varbinary to nvarchar", NewVarBinary([]byte{0x41, 0, 0x42, 0}), NVarCharType(10), 0, "AB", 0, ""},
		{"varbinary to varchar", NewVarBinary([]byte("AB")), VarCharType(10), 0, "AB", 0, ""},
		{"varbinary to binary pads", NewVarBinary([]byte("AB")), Type{ID: Binary, Length: 4}, 0, "0x41420000", 0, ""},
		{"varbinary style 1", NewVarBinary([]byte{0xAB, 1}), VarCharType(10), 1, "0xAB01", 0, ""},
		{"varchar style 1 to varbinary", vc("0xAB01"), Type{ID: VarBinary, Length: 10}, 1, "0xAB01", 0, ""},
		{"int to binary(2)", NewInt(258), Type{ID: Binary, Length: 2}, 0, "0x0102", 0, ""},
		{"int to binary(1) keeps low byte", NewInt(258), Type{ID: Binary, Length: 1}, 0, "0x02", 0, ""},
		{"int to varbinary", NewInt(1), Type{ID: VarBinary, Length: 10}, 0, "0x00000001", 0, ""},
		{"binary to int", NewVarBinary([]byte{1, 2}), TypeInt, 0, "258", 0, ""},
		{"null", Null(Int), VarCharType(3), 0, "NULL", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Convert(c.in, c.to, c.style)
			if c.err != 0 {
				wantErr(t, err, c.err, c.msg)
				return
			}
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			if got.TypeID() != c.to.ID && !got.IsNull() {
				t.Errorf("type %v, want %v", got.TypeID(), c.to.ID)
			}
			if s := got.String(); s != c.want {
				t.Errorf("got %q, want %q", s, c.want)
			}
		})
	}
}

func mustDT(s string) Value { return mustConvertNT(vc(s), TypeDateTime) }

func mustConvertNT(v Value, to Type) Value {
	r, err := Convert(v, to, 0)
	if err != nil {
		panic(err)
	}
	return r
}

func TestConvertISOWithZ(t *testing.T) {
	v, err := Convert(NewVarChar("2025-01-01T00:00:00.003Z"), TypeDateTime, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); got != "2025-01-01 00:00:00.003" {
		t.Fatalf("got %s", got)
	}
	if _, err := Convert(NewVarChar("2025-01-01Z"), TypeDateTime, 0); err == nil {
		t.Fatal("a date without time and a Z should not convert")
	}
}
