package funcs

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func TestMoreFuncs(t *testing.T) {
	vc := types.NewVarChar
	tests := []struct {
		name string
		fn   string
		args []types.Value
		want string
		err  int32
	}{
		{"quotename", "QUOTENAME", []types.Value{vc("a]b")}, "[a]]b]", 0},
		{"parsename object", "PARSENAME", []types.Value{vc("srv.db.dbo.t"), types.NewInt(1)}, "t", 0},
		{"parsename server", "PARSENAME", []types.Value{vc("srv.db.dbo.t"), types.NewInt(4)}, "srv", 0},
		{"parsename schema of two parts", "PARSENAME", []types.Value{vc("dbo.t"), types.NewInt(2)}, "dbo", 0},
		{"parsename absent part", "PARSENAME", []types.Value{vc("dbo.t"), types.NewInt(3)}, "NULL", 0},
		{"parsename empty part", "PARSENAME", []types.Value{vc("db..t"), types.NewInt(2)}, "NULL", 0},
		{"parsename brackets", "PARSENAME", []types.Value{vc("[my.db].[a]]b].c"), types.NewInt(2)}, "a]b", 0},
		{"parsename quotes", "PARSENAME", []types.Value{vc(`"x y".z`), types.NewInt(2)}, "x y", 0},
		{"parsename five parts", "PARSENAME", []types.Value{vc("a.b.c.d.e"), types.NewInt(1)}, "NULL", 0},
		{"parsename unclosed", "PARSENAME", []types.Value{vc("[a.b"), types.NewInt(1)}, "NULL", 0},
		{"parsename text after bracket", "PARSENAME", []types.Value{vc("[a]x.b"), types.NewInt(2)}, "NULL", 0},
		{"parsename piece 0", "PARSENAME", []types.Value{vc("a.b"), types.NewInt(0)}, "NULL", 0},
		{"parsename null", "PARSENAME", []types.Value{types.Null(types.VarChar), types.NewInt(1)}, "NULL", 0},
		{"quotename quote", "QUOTENAME", []types.Value{vc("it's"), vc("'")}, "'it''s'", 0},
		{"quotename bad quote", "QUOTENAME", []types.Value{vc("x"), vc("x")}, "NULL", 0},
		{"isnumeric yes", "ISNUMERIC", []types.Value{vc("12.5")}, "1", 0},
		{"isnumeric money", "ISNUMERIC", []types.Value{vc("$1,000")}, "1", 0},
		{"isnumeric no", "ISNUMERIC", []types.Value{vc("abc")}, "0", 0},
		{"isdate yes", "ISDATE", []types.Value{vc("2024-02-29")}, "1", 0},
		{"isdate no", "ISDATE", []types.Value{vc("2023-02-29")}, "0", 0},
		{"datefromparts", "DATEFROMPARTS", []types.Value{types.NewInt(2024), types.NewInt(1), types.NewInt(31)}, "2024-01-31", 0},
		{"datefromparts bad", "DATEFROMPARTS", []types.Value{types.NewInt(2024), types.NewInt(2), types.NewInt(30)}, "", 289},
		{"greatest", "GREATEST", []types.Value{types.NewInt(3), types.Null(types.Int), types.NewInt(7)}, "7", 0},
		{"least", "LEAST", []types.Value{types.NewInt(3), types.NewInt(-1)}, "-1", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Call(nil, tc.fn, tc.args...)
			if tc.err != 0 {
				if !types.IsError(err, tc.err) {
					t.Fatalf("got %v, %v; want error %d", v, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
