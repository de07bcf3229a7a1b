package funcs

import (
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func vc(s string) types.Value { return types.NewVarChar(s) }
func i(n int32) types.Value   { return types.NewInt(n) }

func dt(t *testing.T, s string, ty types.Type) types.Value {
	t.Helper()
	v, err := types.Convert(vc(s), ty, 0)
	if err != nil {
		t.Fatalf("convert %q: %v", s, err)
	}
	return v
}

func TestFunctions(t *testing.T) {
	dtt := types.TypeDateTime
	d := func(s string) types.Value { return dt(t, s, dtt) }
	date := func(s string) types.Value { return dt(t, s, types.TypeDate) }
	ctx := &Context{Now: time.Date(2024, 1, 31, 10, 0, 0, 123456700, time.UTC)}
	cases := []struct {
		name string
		fn   string
		args []types.Value
		want string
		err  int32
	}{
		{"getdate", "GETDATE", nil, "2024-01-31 10:00:00.123", 0},
		{"sysdatetime", "SYSDATETIME", nil, "2024-01-31 10:00:00.1234567", 0},
		{"dateadd day", "DATEADD", []types.Value{vc("day"), i(1), d("2024-01-31")}, "2024-02-01 00:00:00.000", 0},
		{"dateadd month clamps", "DATEADD", []types.Value{vc("month"), i(1), d("2024-01-31")}, "2024-02-29 00:00:00.000", 0},
		{"dateadd year leap", "DATEADD", []types.Value{vc("yy"), i(1), date("2024-02-29")}, "2025-02-28", 0},
		{"dateadd string date is datetime", "DATEADD", []types.Value{vc("hour"), i(-1), vc("2024-01-01")}, "2023-12-31 23:00:00.000", 0},
		{"dateadd ms rounds datetime", "DATEADD", []types.Value{vc("ms"), i(2), d("2024-01-01")}, "2024-01-01 00:00:00.003", 0},
		{"dateadd week", "DATEADD", []types.Value{vc("wk"), i(2), date("2024-01-01")}, "2024-01-15", 0},
		{"dateadd date hour", "DATEADD", []types.Value{vc("hour"), i(1), date("2024-01-01")}, "", 9810},
		{"dateadd overflow", "DATEADD", []types.Value{vc("year"), i(8000), d("2024-01-01")}, "", 517},
		{"dateadd big days", "DATEADD", []types.Value{vc("day"), i(3000000), date("0001-01-01")}, "8214-09-22", 0},
		{"dateadd bad part", "DATEADD", []types.Value{vc("fortnight"), i(1), d("2024-01-01")}, "", 155},
		{"datediff year", "DATEDIFF", []types.Value{vc("year"), d("2023-12-31 23:59"), d("2024-01-01")}, "1", 0},
		{"datediff month", "DATEDIFF", []types.Value{vc("month"), d("2024-01-31"), d("2024-03-01")}, "2", 0},
		{"datediff day", "DATEDIFF", []types.Value{vc("day"), d("2024-01-01 23:00"), d("2024-01-02 01:00")}, "1", 0},
		{"datediff hour", "DATEDIFF", []types.Value{vc("hour"), d("2024-01-01 10:59"), d("2024-01-01 11:00")}, "1", 0},
		{"datediff negative", "DATEDIFF", []types.Value{vc("minute"), d("2024-01-01 10:00"), d("2024-01-01 09:30")}, "-30", 0},
		{"datediff week sunday", "DATEDIFF", []types.Value{vc("week"), date("2024-01-06"), date("2024-01-07")}, "1", 0},
		{"datediff overflow", "DATEDIFF", []types.Value{vc("ns"), d("2000-01-01"), d("2024-01-01")}, "", 535},
		{"datediff_big", "DATEDIFF_BIG", []types.Value{vc("ns"), d("2024-01-01"), d("2024-01-02")}, "86400000000000", 0},
		{"datepart weekday", "DATEPART", []types.Value{vc("dw"), date("2024-01-31")}, "4", 0},
		{"datepart week", "DATEPART", []types.Value{vc("wk"), date("2024-01-07")}, "2", 0},
		{"datepart iso_week", "DATEPART", []types.Value{vc("iso_week"), date("2024-01-01")}, "1", 0},
		{"datepart quarter", "DATEPART", []types.Value{vc("qq"), date("2024-05-01")}, "2", 0},
		{"datepart ms", "DATEPART", []types.Value{vc("ms"), d("2024-01-01 10:00:00.123")}, "123", 0},
		{"datename month", "DATENAME", []types.Value{vc("month"), date("2024-01-31")}, "January", 0},
		{"datename weekday", "DATENAME", []types.Value{vc("weekday"), date("2024-01-31")}, "Wednesday", 0},
		{"year", "YEAR", []types.Value{vc("2024-05-06")}, "2024", 0},
		{"month", "MONTH", []types.Value{date("2024-05-06")}, "5", 0},
		{"day", "DAY", []types.Value{date("2024-05-06")}, "6", 0},
		{"eomonth", "EOMONTH", []types.Value{date("2024-02-10")}, "2024-02-29", 0},
		{"eomonth add", "EOMONTH", []types.Value{date("2024-01-31"), i(-2)}, "2023-11-30", 0},
		{"len trailing spaces", "LEN", []types.Value{vc("abc  ")}, "3", 0},
		{"len leading spaces", "LEN", []types.Value{vc("  abc")}, "5", 0},
		{"len int", "LEN", []types.Value{i(12345)}, "5", 0},
		{"datalength varchar", "DATALENGTH", []types.Value{vc("abc  ")}, "5", 0},
		{"datalength nvarchar", "DATALENGTH", []types.Value{types.NewNVarChar("abc")}, "6", 0},
		{"datalength int", "DATALENGTH", []types.Value{i(1)}, "4", 0},
		{"substring", "SUBSTRING", []types.Value{vc("abcdef"), i(2), i(3)}, "bcd", 0},
		{"substring start 0", "SUBSTRING", []types.Value{vc("abc"), i(0), i(2)}, "a", 0},
		{"substring past end", "SUBSTRING", []types.Value{vc("abc"), i(5), i(2)}, "", 0},
		{"substring negative length", "SUBSTRING", []types.Value{vc("abc"), i(1), i(-1)}, "", 537},
		{"left", "LEFT", []types.Value{vc("abcdef"), i(2)}, "ab", 0},
		{"right", "RIGHT", []types.Value{vc("abcdef"), i(2)}, "ef", 0},
		{"right long", "RIGHT", []types.Value{vc("ab"), i(5)}, "ab", 0},
		{"left negative", "LEFT", []types.Value{vc("ab"), i(-1)}, "", 537},
		{"charindex CI", "CHARINDEX", []types.Value{vc("B"), vc("abcb")}, "2", 0},
		{"charindex start", "CHARINDEX", []types.Value{vc("b"), vc("abcb"), i(3)}, "4", 0},
		{"charindex missing", "CHARINDEX", []types.Value{vc("z"), vc("abc")}, "0", 0},
		{"patindex", "PATINDEX", []types.Value{vc("%[0-9]%"), vc("abc123")}, "4", 0},
		{"patindex anchored", "PATINDEX", []types.Value{vc("b%"), vc("abc")}, "0", 0},
		{"replace CI", "REPLACE", []types.Value{vc("aXbxc"), vc("x"), vc("-")}, "a-b-c", 0},
		{"replicate", "REPLICATE", []types.Value{vc("ab"), i(3)}, "ababab", 0},
		{"replicate negative", "REPLICATE", []types.Value{vc("ab"), i(-1)}, "NULL", 0},
		{"stuff", "STUFF", []types.Value{vc("abcdef"), i(2), i(3), vc("XYZ")}, "aXYZef", 0},
		{"stuff out of range", "STUFF", []types.Value{vc("abc"), i(5), i(1), vc("X")}, "NULL", 0},
		{"concat nulls", "CONCAT", []types.Value{vc("a"), types.Null(types.VarChar), i(1)}, "a1", 0},
		{"concat_ws", "CONCAT_WS", []types.Value{vc(","), vc("a"), types.Null(types.VarChar), vc("b")}, "a,b", 0},
		{"ltrim", "LTRIM", []types.Value{vc("  a  ")}, "a  ", 0},
		{"rtrim", "RTRIM", []types.Value{vc("  a  ")}, "  a", 0},
		{"trim", "TRIM", []types.Value{vc("  a  ")}, "a", 0},
		{"trim chars", "TRIM", []types.Value{vc("xxaxx"), vc("x")}, "a", 0},
		{"upper", "UPPER", []types.Value{vc("abé")}, "ABÉ", 0},
		{"lower", "LOWER", []types.Value{types.NewNVarChar("ABÉ")}, "abé", 0},
		{"str", "STR", []types.Value{types.NewFloat(123.456), i(8), i(2)}, "  123.46", 0},
		{"str default", "STR", []types.Value{types.NewFloat(123.6)}, "       124", 0},
		{"str overflow", "STR", []types.Value{types.NewFloat(123456), i(3)}, "***", 0},
		{"ascii", "ASCII", []types.Value{vc("A")}, "65", 0},
		{"ascii cp1252", "ASCII", []types.Value{vc("€")}, "128", 0},
		{"unicode", "UNICODE", []types.Value{types.NewNVarChar("€")}, "8364", 0},
		{"char", "CHAR", []types.Value{i(65)}, "A", 0},
		{"nchar", "NCHAR", []types.Value{i(8364)}, "€", 0},
		{"abs", "ABS", []types.Value{i(-5)}, "5", 0},
		{"abs overflow", "ABS", []types.Value{i(-2147483648)}, "", 8115},
		{"abs decimal", "ABS", []types.Value{types.MustDecimal("-1.50")}, "1.50", 0},
		{"ceiling decimal", "CEILING", []types.Value{types.MustDecimal("1.20")}, "2", 0},
		{"floor negative", "FLOOR", []types.Value{types.MustDecimal("-1.2")}, "-2", 0},
		{"floor float", "FLOOR", []types.Value{types.NewFloat(-1.5)}, "-2", 0},
		{"round", "ROUND", []types.Value{types.MustDecimal("748.58"), i(1)}, "748.60", 0},
		{"round negative places", "ROUND", []types.Value{types.MustDecimal("748.58"), i(-2)}, "700.00", 0},
		{"round truncate", "ROUND", []types.Value{types.MustDecimal("748.58"), i(1), i(1)}, "748.50", 0},
		{"round overflow", "ROUND", []types.Value{types.MustDecimal("0.7"), i(0)}, "", 8115},
		{"round half away", "ROUND", []types.Value{types.MustDecimal("-2.5"), i(0)}, "-3.0", 0},
		{"round int", "ROUND", []types.Value{i(750), i(-3)}, "1000", 0},
		{"power int", "POWER", []types.Value{i(2), i(10)}, "1024", 0},
		{"power int truncates", "POWER", []types.Value{i(2), types.MustDecimal("0.5")}, "1", 0},
		{"sqrt", "SQRT", []types.Value{i(16)}, "4", 0},
		{"sqrt negative", "SQRT", []types.Value{i(-1)}, "", 3623},
		{"log zero", "LOG", []types.Value{i(0)}, "", 3623},
		{"log base", "LOG", []types.Value{i(100), i(10)}, "2", 0},
		{"log base 8", "LOG", []types.Value{i(8), i(2)}, "3", 0},
		{"log base one", "LOG", []types.Value{i(8), i(1)}, "", 3623},
		{"log base null", "LOG", []types.Value{i(8), types.Null(types.Int)}, "NULL", 0},
		{"sign", "SIGN", []types.Value{i(-7)}, "-1", 0},
		{"isnull", "ISNULL", []types.Value{types.Null(types.Int), i(2)}, "2", 0},
		{"isnull converts", "ISNULL", []types.Value{types.Null(types.Int), vc("x")}, "", 245},
		{"coalesce", "COALESCE", []types.Value{types.Null(types.Int), types.Null(types.Int), i(3)}, "3", 0},
		{"coalesce type", "COALESCE", []types.Value{types.Null(types.Int), types.MustDecimal("1.5")}, "1.5", 0},
		{"nullif equal", "NULLIF", []types.Value{i(1), i(1)}, "NULL", 0},
		{"nullif differ", "NULLIF", []types.Value{i(1), i(2)}, "1", 0},
		{"iif", "IIF", []types.Value{types.NewBit(true), i(1), i(2)}, "1", 0},
		{"iif false", "IIF", []types.Value{types.NewBit(false), i(1), i(2)}, "2", 0},
		{"choose", "CHOOSE", []types.Value{i(2), vc("a"), vc("b")}, "b", 0},
		{"choose out of range", "CHOOSE", []types.Value{i(3), vc("a"), vc("b")}, "NULL", 0},
		{"format date", "FORMAT", []types.Value{d("2024-01-31 13:05:07"), types.NewNVarChar("yyyy-MM-dd HH:mm:ss")}, "2024-01-31 13:05:07", 0},
		{"format date names", "FORMAT", []types.Value{date("2024-01-31"), types.NewNVarChar("dddd, MMMM d, yyyy")}, "Wednesday, January 31, 2024", 0},
		{"format date d", "FORMAT", []types.Value{date("2024-01-31"), types.NewNVarChar("d")}, "1/31/2024", 0},
		{"format N2", "FORMAT", []types.Value{types.MustDecimal("1234567.891"), types.NewNVarChar("N2")}, "1,234,567.89", 0},
		{"format C", "FORMAT", []types.Value{types.MustDecimal("-1234.5"), types.NewNVarChar("C")}, "-$1,234.50", 0},
		{"format P", "FORMAT", []types.Value{types.MustDecimal("0.256"), types.NewNVarChar("P1")}, "25.6%", 0},
		{"format D5", "FORMAT", []types.Value{i(42), types.NewNVarChar("D5")}, "00042", 0},
		{"format X", "FORMAT", []types.Value{i(255), types.NewNVarChar("X")}, "FF", 0},
		{"format custom", "FORMAT", []types.Value{types.NewFloat(1234.5), types.NewNVarChar("#,##0.00")}, "1,234.50", 0},
		{"format unknown culture", "FORMAT", []types.Value{i(1), types.NewNVarChar("N"), types.NewNVarChar("xx-XX")}, "", 9818},
		{"format bad pattern", "FORMAT", []types.Value{i(1), types.NewNVarChar("N;x")}, "NULL", 0},
		{"arity", "LEFT", []types.Value{vc("a")}, "", 174},
		{"arity range", "CONCAT", []types.Value{vc("a")}, "", 189},
		{"unknown", "FROBNICATE", nil, "", 195},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Call(ctx, c.fn, c.args...)
			if c.err != 0 {
				if !types.IsError(err, c.err) {
					t.Fatalf("got %v, %v; want error %d", got, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", c.fn, err)
			}
			if s := got.String(); s != c.want {
				t.Errorf("%s = %q, want %q", c.fn, s, c.want)
			}
		})
	}
}

func TestArityMessages(t *testing.T) {
	f, _ := Lookup("left")
	if err := f.CheckArity(1); err == nil || err.Error() != "The LEFT function requires 2 argument(s)." {
		t.Errorf("got %v", err)
	}
	f, _ = Lookup("concat")
	if err := f.CheckArity(1); err == nil || err.Error() != "The concat function requires 2 to 254 arguments." {
		t.Errorf("got %v", err)
	}
}

func TestLike(t *testing.T) {
	ci, cs, bin := types.DefaultCollation, types.Latin1GeneralCSAS, types.Latin1GeneralBIN2
	cases := []struct {
		s, p   string
		escape rune
		coll   types.Collation
		want   bool
	}{
		{"abc", "abc", 0, ci, true},
		{"ABC", "a%", 0, ci, true},
		{"ABC", "a%", 0, cs, false},
		{"ABC", "a%", 0, bin, false},
		{"abc", "a_c", 0, ci, true},
		{"abc", "a_", 0, ci, false},
		{"abc  ", "abc", 0, ci, true},
		{"abc", "abc ", 0, ci, false},
		{"abc", "%b%", 0, ci, true},
		{"abc", "%%c", 0, ci, true},
		{"b", "[a-c]", 0, ci, true},
		{"B", "[a-c]", 0, ci, true},
		{"d", "[a-c]", 0, ci, false},
		{"d", "[^a-c]", 0, ci, true},
		{"a", "[^a-c]", 0, ci, false},
		{"x", "[xyz]", 0, ci, true},
		{"50%", "50!%", '!', ci, true},
		{"500", "50!%", '!', ci, false},
		{"a_b", "a!_b", '!', ci, true},
		{"axb", "a!_b", '!', ci, false},
		{"[", "[[]", 0, ci, true},
		{"á", "a", 0, ci, false},
		{"", "%", 0, ci, true},
		{"", "_", 0, ci, false},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "%a%a%a%a%a%a%a%a%c", 0, ci, false},
	}
	for _, c := range cases {
		if got := Like(c.s, c.p, c.escape, c.coll); got != c.want {
			t.Errorf("%q LIKE %q ESCAPE %q (%v) = %v, want %v", c.s, c.p, c.escape, c.coll, got, c.want)
		}
	}
}

func FuzzLike(f *testing.F) {
	f.Add("abc", "a%c")
	f.Add("x[y]", "%[[]%")
	f.Add("", "[")
	f.Fuzz(func(t *testing.T, s, p string) {
		Like(s, p, '!', types.DefaultCollation) // must not panic
		patIndex(s, p, types.DefaultCollation)
	})
}

func TestFunctionsExtremeArguments(t *testing.T) {
	big := types.NewBigInt(1 << 62)
	neg := types.NewBigInt(-1 << 62)
	calls := [][]any{
		{"SUBSTRING", vc("abc"), big, big}, {"SUBSTRING", vc("abc"), neg, big}, {"LEFT", vc("abc"), big},
		{"RIGHT", vc("abc"), big}, {"CHARINDEX", vc("a"), vc("abc"), big}, {"STUFF", vc("abc"), big, big, vc("x")},
		{"REPLICATE", vc("ab"), big}, {"SPACE", big}, {"ROUND", types.MustDecimal("1.5"), big},
		{"ROUND", types.NewFloat(1.5), big}, {"ROUND", types.NewFloat(1.5), neg}, {"ROUND", i(5), neg},
		{"DATEADD", vc("day"), big, vc("2024-01-01")}, {"DATEADD", vc("month"), big, vc("2024-01-01")},
		{"DATEADD", vc("ns"), big, vc("2024-01-01")}, {"POWER", types.NewFloat(10), big}, {"STR", types.NewFloat(1e300), i(8000), i(16)},
		{"EOMONTH", vc("2024-01-01"), big}, {"FORMAT", types.NewFloat(1), types.NewNVarChar("ffffffffff")},
	}
	for _, c := range calls {
		args := make([]types.Value, len(c)-1)
		for j, a := range c[1:] {
			args[j] = a.(types.Value)
		}
		v, err := Call(nil, c[0].(string), args...)
		if err != nil {
			if _, ok := err.(*types.Error); !ok {
				t.Errorf("%s%v: non-SQL error %T %v", c[0], args, err, err)
			}
			continue
		}
		_ = v
	}
}

func TestReturnTypes(t *testing.T) {
	cases := []struct {
		fn   string
		args []types.Type
		want string
	}{
		{"LEN", []types.Type{types.VarCharType(10)}, "int"},
		{"LEN", []types.Type{types.VarCharType(types.MaxLength)}, "bigint"},
		{"SUBSTRING", []types.Type{types.NVarCharType(10), types.TypeInt, types.TypeInt}, "nvarchar(10)"},
		{"SUBSTRING", []types.Type{{ID: types.Char, Length: 5}, types.TypeInt, types.TypeInt}, "varchar(5)"},
		{"REPLACE", []types.Type{types.VarCharType(10), types.VarCharType(1), types.VarCharType(1)}, "varchar(8000)"},
		{"CONCAT", []types.Type{types.VarCharType(10), types.NVarCharType(5)}, "nvarchar(15)"},
		{"CONCAT", []types.Type{types.VarCharType(10), types.TypeInt}, "varchar(40)"},
		{"DATEADD", []types.Type{types.VarCharType(3), types.TypeInt, types.TypeDate}, "date"},
		{"DATEADD", []types.Type{types.VarCharType(3), types.TypeInt, types.VarCharType(10)}, "datetime"},
		{"DATEDIFF", nil, "int"},
		{"ABS", []types.Type{types.TypeTinyInt}, "int"},
		{"ABS", []types.Type{types.DecimalType(5, 2)}, "decimal(5,2)"},
		{"CEILING", []types.Type{types.DecimalType(5, 2)}, "decimal(4,0)"},
		{"POWER", []types.Type{types.DecimalType(5, 2), types.TypeInt}, "decimal(38,2)"},
		{"ROUND", []types.Type{types.TypeMoney, types.TypeInt}, "money"},
		{"ROUND", []types.Type{{ID: types.SmallMoney}, types.TypeInt}, "money"},
		{"ROUND", []types.Type{types.TypeReal, types.TypeInt}, "float"},
		{"ROUND", []types.Type{types.TypeTinyInt, types.TypeInt}, "int"},
		{"ISNULL", []types.Type{types.VarCharType(3), types.VarCharType(10)}, "varchar(3)"},
		{"COALESCE", []types.Type{types.TypeInt, types.DecimalType(5, 2)}, "decimal(12,2)"},
		{"IIF", []types.Type{types.TypeBit, types.TypeInt, types.TypeBigInt}, "bigint"},
		{"FORMAT", nil, "nvarchar(4000)"},
		{"NEWID", nil, "uniqueidentifier"},
		{"SYSDATETIME", nil, "datetime2(7)"},
	}
	for _, c := range cases {
		f, ok := Lookup(c.fn)
		if !ok {
			t.Fatalf("%s not registered", c.fn)
		}
		got, err := f.ReturnType(c.args)
		if err != nil || got.String() != c.want {
			t.Errorf("%s%v = %v, %v, want %s", c.fn, c.args, got, err, c.want)
		}
	}
}
