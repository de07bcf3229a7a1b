package types

import "testing"

func TestParseTypeName(t *testing.T) {
	cases := []struct {
		name      string
		args      []int
		max       bool
		want      string
		maxLen    int16
		precision uint8
		scale     uint8
		err       int32
	}{
		{"int", nil, false, "int", 4, 10, 0, 0},
		{"INTEGER", nil, false, "int", 4, 10, 0, 0},
		{"varchar", nil, false, "varchar(1)", 1, 0, 0, 0},
		{"varchar", []int{10}, false, "varchar(10)", 10, 0, 0, 0},
		{"VarChar", nil, true, "varchar(max)", -1, 0, 0, 0},
		{"nvarchar", []int{10}, false, "nvarchar(10)", 20, 0, 0, 0},
		{"nvarchar", nil, true, "nvarchar(max)", -1, 0, 0, 0},
		{"nchar", []int{4001}, false, "", 0, 0, 0, 131},
		{"varchar", []int{8001}, false, "", 0, 0, 0, 131},
		{"varchar", []int{0}, false, "", 0, 0, 0, 1001},
		{"char", nil, true, "", 0, 0, 0, 1001},
		{"decimal", nil, false, "decimal(18,0)", 9, 18, 0, 0},
		{"numeric", []int{10}, false, "numeric(10,0)", 9, 10, 0, 0},
		{"decimal", []int{18, 2}, false, "decimal(18,2)", 9, 18, 2, 0},
		{"decimal", []int{38, 38}, false, "decimal(38,38)", 17, 38, 38, 0},
		{"decimal", []int{5, 6}, false, "", 0, 0, 0, 192},
		{"decimal", []int{39}, false, "", 0, 0, 0, 2750},
		{"float", nil, false, "float", 8, 53, 0, 0},
		{"float", []int{24}, false, "real", 4, 24, 0, 0},
		{"float", []int{25}, false, "float", 8, 53, 0, 0},
		{"time", nil, false, "time(7)", 5, 16, 7, 0},
		{"time", []int{0}, false, "time(0)", 3, 8, 0, 0},
		{"datetime2", nil, false, "datetime2(7)", 8, 27, 7, 0},
		{"datetime2", []int{3}, false, "datetime2(3)", 7, 23, 3, 0},
		{"datetimeoffset", nil, false, "datetimeoffset(7)", 10, 34, 7, 0},
		{"time", []int{8}, false, "", 0, 0, 0, 1002},
		{"datetime", nil, false, "datetime", 8, 23, 3, 0},
		{"smalldatetime", nil, false, "smalldatetime", 4, 16, 0, 0},
		{"date", nil, false, "date", 3, 10, 0, 0},
		{"money", nil, false, "money", 8, 19, 4, 0},
		{"uniqueidentifier", nil, false, "uniqueidentifier", 16, 0, 0, 0},
		{"sysname", nil, false, "nvarchar(128)", 256, 0, 0, 0},
		{"int", []int{5}, false, "", 0, 0, 0, 2716},
		{"geography", nil, false, "", 0, 0, 0, 243},
	}
	for _, c := range cases {
		t.Run(c.want+"/"+c.name, func(t *testing.T) {
			ty, err := ParseTypeName(c.name, c.args, c.max)
			if c.err != 0 {
				wantErr(t, err, c.err, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ty.String() != c.want || ty.CatalogMaxLength() != c.maxLen || ty.CatalogPrecision() != c.precision || ty.CatalogScale() != c.scale {
				t.Errorf("got %s max_length %d precision %d scale %d, want %s %d %d %d", ty, ty.CatalogMaxLength(),
					ty.CatalogPrecision(), ty.CatalogScale(), c.want, c.maxLen, c.precision, c.scale)
			}
		})
	}
	if ty, _ := ParseCastTypeName("varchar", nil, false); ty.Length != 30 {
		t.Errorf("CAST varchar length %d, want 30", ty.Length)
	}
}

func TestSysTypes(t *testing.T) {
	want := map[string]uint8{"int": 56, "nvarchar": 231, "datetime2": 42, "uniqueidentifier": 36, "bit": 104, "decimal": 106}
	for _, row := range SysTypes() {
		if id, ok := want[row.Name]; ok && row.SystemTypeID != id {
			t.Errorf("%s system_type_id %d, want %d", row.Name, row.SystemTypeID, id)
		}
		delete(want, row.Name)
	}
	if len(want) != 0 {
		t.Errorf("missing from SysTypes: %v", want)
	}
}

func TestPrecedence(t *testing.T) {
	order := []TypeID{DateTimeOffset, DateTime2, DateTime, SmallDateTime, Date, Time, Float, Real, Decimal,
		Money, SmallMoney, BigInt, Int, SmallInt, TinyInt, Bit, UniqueIdentifier, NVarChar, NChar, VarChar, Char, VarBinary, Binary}
	for i := 1; i < len(order); i++ {
		if order[i-1].Precedence() <= order[i].Precedence() {
			t.Errorf("%v should have higher precedence than %v", order[i-1], order[i])
		}
	}
}

func TestCommonType(t *testing.T) {
	cases := []struct {
		a, b Type
		want string
		err  int32
	}{
		{TypeInt, TypeBigInt, "bigint", 0},
		{DecimalType(5, 2), DecimalType(10, 4), "decimal(10,4)", 0},
		{TypeInt, DecimalType(5, 2), "decimal(12,2)", 0},
		{VarCharType(10), VarCharType(20), "varchar(20)", 0},
		{VarCharType(10), NVarCharType(5), "nvarchar(10)", 0},
		{VarCharType(10), TypeInt, "int", 0},
		{Type{ID: DateTime2, Scale: 3}, Type{ID: DateTime2, Scale: 7}, "datetime2(7)", 0},
		{TypeUUID, TypeInt, "", 206},
		{TypeDate, TypeInt, "", 206},
	}
	for _, c := range cases {
		got, err := CommonType(c.a, c.b)
		if c.err != 0 {
			wantErr(t, err, c.err, "")
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("CommonType(%v, %v) = %v, %v, want %s", c.a, c.b, got, err, c.want)
		}
	}
}

func TestValueType(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{vc("abc"), "varchar(3)"},
		{NewNVarChar(""), "nvarchar(1)"},
		{NewVarBinary([]byte{1, 2}), "varbinary(2)"},
		{MustDecimal("12.50"), "numeric(4,2)"},
		{NewInt(1), "int"},
		{mustConvertNT(vc("10:00"), Type{ID: Time, Scale: 3}), "time(3)"},
	}
	for _, c := range cases {
		if got := c.v.Type().String(); got != c.want {
			t.Errorf("%v.Type() = %s, want %s", c.v, got, c.want)
		}
	}
}
