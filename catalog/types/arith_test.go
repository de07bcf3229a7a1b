package types

import (
	"testing"
)

func TestArithGolden(t *testing.T) {
	dt := mustDT("2024-01-31 10:00:00")
	cases := []struct {
		name string
		op   ArithOp
		a, b Value
		want string // result text
		typ  string // result type (Precision/Scale for decimals)
		err  int32
		msg  string
	}{
		{"int div", OpDiv, NewInt(10), NewInt(3), "3", "int", 0, ""},
		{"int div negative truncates", OpDiv, NewInt(-7), NewInt(2), "-3", "int", 0, ""},
		{"int mod sign of dividend", OpMod, NewInt(-7), NewInt(2), "-1", "int", 0, ""},
		{"int / decimal", OpDiv, NewInt(10), MustDecimal("3.0"), "3.333333", "numeric(17,6)", 0, ""},
		{"int / decimal 2/3 truncates", OpDiv, NewInt(2), MustDecimal("3.0"), "0.666666", "numeric(17,6)", 0, ""},
		{"int overflow", OpAdd, NewInt(2147483647), NewInt(1), "", "", 8115, "Arithmetic overflow error converting expression to data type int."},
		{"bigint overflow", OpMul, NewBigInt(1 << 62), NewBigInt(4), "", "", 8115, "Arithmetic overflow error converting expression to data type bigint."},
		{"tinyint overflow", OpAdd, NewTinyInt(200), NewTinyInt(100), "", "", 8115, "Arithmetic overflow error converting expression to data type tinyint."},
		{"tinyint + int is int", OpAdd, NewTinyInt(200), NewInt(100), "300", "int", 0, ""},
		{"divide by zero", OpDiv, NewInt(1), NewInt(0), "", "", 8134, "Divide by zero error encountered."},
		{"mod by zero", OpMod, NewInt(1), NewInt(0), "", "", 8134, "Divide by zero error encountered."},
		{"decimal div by zero", OpDiv, MustDecimal("1.5"), MustDecimal("0.0"), "", "", 8134, "Divide by zero error encountered."},
		{"float div by zero", OpDiv, NewFloat(1), NewFloat(0), "", "", 8134, ""},
		{"decimal add", OpAdd, MustDecimal("1.25"), MustDecimal("10.5"), "11.75", "numeric(5,2)", 0, ""},
		{"decimal mul", OpMul, MustDecimal("1.25"), MustDecimal("2.5"), "3.125", "numeric(6,3)", 0, ""},
		{"decimal(38,10) mul", OpMul, mustConvertNT(NewInt(2), DecimalType(38, 10)), mustConvertNT(NewInt(3), DecimalType(38, 10)), "6.000000", "decimal(38,6)", 0, ""},
		{"decimal mod", OpMod, MustDecimal("7.5"), NewInt(2), "1.5", "numeric(2,1)", 0, ""},
		{"decimal overflow", OpMul, mustConvertNT(MustDecimal("99999999999999999999999999999999.5"), DecimalType(38, 1)), NewInt(1000000), "", "", 8115, "Arithmetic overflow error converting expression to data type numeric."},
		{"string + int converts string", OpAdd, vc("1"), NewInt(1), "2", "int", 0, ""},
		{"bad string + int", OpAdd, vc("a"), NewInt(1), "", "", 245, "Conversion failed when converting the varchar value 'a' to data type int."},
		{"concat", OpAdd, vc("ab"), vc("cd"), "abcd", "varchar", 0, ""},
		{"concat n", OpAdd, vc("ab"), NewNVarChar("cd"), "abcd", "nvarchar", 0, ""},
		{"concat null", OpAdd, vc("ab"), Null(VarChar), "NULL", "varchar", 0, ""},
		{"string minus", OpSub, vc("ab"), vc("cd"), "", "", 8117, "Operand data type varchar is invalid for subtract operator."},
		{"null + int", OpAdd, Null(Int), NewInt(1), "NULL", "int", 0, ""},
		{"float", OpMul, NewFloat(1.5), NewInt(2), "3", "float", 0, ""},
		{"real + int is real", OpAdd, NewReal(1.5), NewInt(2), "3.5", "real", 0, ""},
		{"nvarchar + xml", OpAdd, NewNVarChar("<r>"), NewString(XML, "<a/>"), "", "", 402, "The data types nvarchar and xml are incompatible in the add operator."},
		{"xml + varchar", OpAdd, NewString(XML, "<a/>"), vc("b"), "", "", 402, "The data types xml and varchar are incompatible in the add operator."},
		{"xml + xml", OpAdd, NewString(XML, "<a/>"), NewString(XML, "<a/>"), "", "", 8117, "Operand data type xml is invalid for add operator."},
		{"float mod", OpMod, NewFloat(1.5), NewInt(2), "", "", 402, "The data types float and int are incompatible in the modulo operator."},
		{"money + int", OpAdd, NewMoney(15000), NewInt(2), "3.50", "money", 0, ""},
		{"money * money", OpMul, NewMoney(15000), NewMoney(15000), "2.25", "money", 0, ""},
		{"money / int", OpDiv, NewMoney(10000), NewInt(3), "0.33", "money", 0, ""},
		{"money + decimal is decimal", OpAdd, NewMoney(15000), MustDecimal("1.5"), "3.0000", "numeric(20,4)", 0, ""},
		{"datetime + int", OpAdd, dt, NewInt(1), "2024-02-01 10:00:00.000", "datetime", 0, ""},
		{"datetime - float", OpSub, dt, NewFloat(0.5), "2024-01-30 22:00:00.000", "datetime", 0, ""},
		{"datetime - datetime", OpSub, dt, mustDT("2024-01-30 10:00:00"), "1900-01-02 00:00:00.000", "datetime", 0, ""},
		{"date + int", OpAdd, mustConvertNT(vc("2024-01-31"), TypeDate), NewInt(1), "", "", 206, "Operand type clash: int is incompatible with date"},
		{"datetime2 + int", OpAdd, mustConvertNT(vc("2024-01-31"), Type{ID: DateTime2, Scale: 7}), NewInt(1), "", "", 206, "Operand type clash: int is incompatible with datetime2"},
		{"bit and", OpBitAnd, NewInt(12), NewInt(10), "8", "int", 0, ""},
		{"bit or", OpBitOr, NewInt(12), NewInt(10), "14", "int", 0, ""},
		{"bit xor", OpBitXor, NewInt(12), NewInt(10), "6", "int", 0, ""},
		{"bit and bits", OpBitAnd, NewBit(true), NewBit(true), "1", "bit", 0, ""},
		{"bit float", OpBitAnd, NewFloat(1), NewInt(1), "", "", 402, "The data types float and int are incompatible in the '&' operator."},
		{"bit + bit", OpAdd, NewBit(true), NewBit(true), "", "", 8117, "Operand data type bit is invalid for add operator."},
		{"guid + int", OpAdd, NewUUID([16]byte{}), NewInt(1), "", "", 206, "Operand type clash: uniqueidentifier is incompatible with int"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Arith(c.op, c.a, c.b)
			if c.err != 0 {
				wantErr(t, err, c.err, c.msg)
				return
			}
			if err != nil {
				t.Fatalf("Arith: %v", err)
			}
			if s := got.String(); s != c.want {
				t.Errorf("got %q, want %q", s, c.want)
			}
			typ := got.TypeID().Name()
			if got.TypeID().isDecimal() {
				typ = Type{ID: got.TypeID(), Precision: got.Precision(), Scale: got.Scale()}.String()
			}
			if typ != c.typ {
				t.Errorf("type %s, want %s", typ, c.typ)
			}
		})
	}
}

func TestUnary(t *testing.T) {
	cases := []struct {
		name string
		f    func(Value) (Value, error)
		in   Value
		want string
		typ  TypeID
		err  int32
	}{
		{"neg int", Negate, NewInt(5), "-5", Int, 0},
		{"neg min int", Negate, NewInt(-2147483648), "", 0, 8115},
		{"neg tinyint promotes", Negate, NewTinyInt(1), "-1", SmallInt, 0},
		{"neg decimal", Negate, MustDecimal("1.50"), "-1.50", Numeric, 0},
		{"neg money", Negate, NewMoney(10000), "-1.00", Money, 0},
		{"neg float", Negate, NewFloat(2), "-2", Float, 0},
		{"neg string", Negate, vc("1"), "", 0, 8117},
		{"neg bit", Negate, NewBit(true), "", 0, 8117},
		{"not int", BitNot, NewInt(0), "-1", Int, 0},
		{"not tinyint", BitNot, NewTinyInt(1), "254", TinyInt, 0},
		{"not bit", BitNot, NewBit(true), "0", Bit, 0},
		{"not float", BitNot, NewFloat(1), "", 0, 8117},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.f(c.in)
			if c.err != 0 {
				wantErr(t, err, c.err, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != c.want || got.TypeID() != c.typ {
				t.Errorf("got %v %v, want %s %v", got, got.TypeID(), c.want, c.typ)
			}
		})
	}
}

func TestDecimalResultType(t *testing.T) {
	cases := []struct {
		op             ArithOp
		p1, s1, p2, s2 uint8
		p, s           uint8
	}{
		{OpAdd, 5, 2, 10, 0, 13, 2},
		{OpMul, 38, 10, 38, 10, 38, 6},
		{OpDiv, 38, 10, 38, 10, 38, 6},
		{OpDiv, 10, 0, 2, 1, 17, 6},
		{OpMul, 10, 2, 5, 3, 16, 5},
		{OpAdd, 38, 10, 38, 10, 38, 10},
		{OpAdd, 38, 0, 38, 38, 38, 0},
		{OpMul, 30, 20, 30, 20, 38, 17},
		{OpMul, 30, 10, 30, 10, 38, 6},
		{OpMul, 38, 2, 38, 3, 38, 5},
		{OpDiv, 38, 0, 10, 0, 38, 6},
		{OpMod, 10, 2, 5, 0, 7, 2},
		{OpMul, 20, 18, 20, 18, 38, 33},
	}
	for _, c := range cases {
		p, s := DecimalResultType(c.op, c.p1, c.s1, c.p2, c.s2)
		if p != c.p || s != c.s {
			t.Errorf("(%d,%d) %v (%d,%d) = (%d,%d), want (%d,%d)", c.p1, c.s1, c.op, c.p2, c.s2, p, s, c.p, c.s)
		}
	}
}

func TestResultType(t *testing.T) {
	cases := []struct {
		op   ArithOp
		a, b Type
		want string
		err  int32
	}{
		{OpAdd, VarCharType(5000), VarCharType(5000), "varchar(8000)", 0},
		{OpAdd, NVarCharType(3000), VarCharType(2000), "nvarchar(4000)", 0},
		{OpAdd, VarCharType(MaxLength), VarCharType(1), "varchar(max)", 0},
		{OpAdd, Type{ID: Char, Length: 3}, VarCharType(4), "varchar(7)", 0},
		{OpAdd, TypeInt, VarCharType(4), "int", 0},
		{OpAdd, TypeTinyInt, TypeTinyInt, "tinyint", 0},
		{OpAdd, TypeBit, TypeInt, "int", 0},
		{OpMul, TypeInt, DecimalType(5, 2), "decimal(16,2)", 0},
		{OpDiv, TypeMoney, TypeInt, "money", 0},
		{OpAdd, TypeReal, TypeBigInt, "real", 0},
		{OpAdd, TypeDateTime, TypeInt, "datetime", 0},
		{OpSub, TypeDateTime, TypeDateTime, "datetime", 0},
		{OpAdd, TypeDate, TypeInt, "", 206},
		{OpMul, TypeDateTime, TypeInt, "", 8117},
		{OpAdd, TypeUUID, TypeUUID, "", 8117},
		{OpBitAnd, TypeInt, TypeBigInt, "bigint", 0},
		{OpMod, TypeFloat, TypeInt, "", 402},
		{OpAdd, Type{}, Type{}, "int", 0},
		{OpAdd, VarCharType(2), Type{}, "varchar(3)", 0},
		{OpAdd, Type{}, NVarCharType(4), "nvarchar(5)", 0},
		{OpAdd, VarCharType(MaxLength), Type{}, "varchar(max)", 0},
		{OpAdd, TypeInt, Type{}, "int", 0},
	}
	for _, c := range cases {
		got, err := ResultType(c.op, c.a, c.b)
		if c.err != 0 {
			wantErr(t, err, c.err, "")
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("%v %v %v = %v, %v, want %s", c.a, c.op, c.b, got, err, c.want)
		}
	}
}
