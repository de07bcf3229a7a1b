package funcs

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func TestSQL2022Funcs(t *testing.T) {
	vc := types.NewVarChar
	dt2 := func(s string) types.Value {
		tm, err := time.Parse("2006-01-02 15:04:05.9999999", s)
		if err != nil {
			t.Fatal(err)
		}
		return types.MustTime(tm, types.Type{ID: types.DateTime2, Scale: 7})
	}
	d := dt2("2021-12-08 11:30:15.1234567")
	tests := []struct {
		name string
		fn   string
		args []types.Value
		want string
		err  int32
	}{
		{"trunc quarter", "DATETRUNC", []types.Value{vc("qq"), d}, "2021-10-01 00:00:00.0000000", 0},
		{"trunc week sunday", "DATETRUNC", []types.Value{vc("wk"), d}, "2021-12-05 00:00:00.0000000", 0},
		{"trunc iso_week monday", "DATETRUNC", []types.Value{vc("isowk"), d}, "2021-12-06 00:00:00.0000000", 0},
		{"trunc microsecond", "DATETRUNC", []types.Value{vc("mcs"), d}, "2021-12-08 11:30:15.1234560", 0},
		{"trunc string is datetime2", "DATETRUNC", []types.Value{vc("month"), vc("2024-05-17 10:20")}, "2024-05-01 00:00:00.0000000", 0},
		{"trunc nanosecond", "DATETRUNC", []types.Value{vc("ns"), d}, "", 9810},
		{"trunc tzoffset", "DATETRUNC", []types.Value{vc("tz"), d}, "", 9810},
		{"trunc unknown part", "DATETRUNC", []types.Value{vc("fortnight"), d}, "", 155},
		{"trunc int", "DATETRUNC", []types.Value{vc("year"), types.NewInt(1)}, "", 8116},
		{"bucket week default origin", "DATE_BUCKET", []types.Value{vc("week"), types.NewInt(1), dt2("2020-04-15 21:22:11")}, "2020-04-13 00:00:00.0000000", 0},
		{"bucket before origin", "DATE_BUCKET", []types.Value{vc("day"), types.NewInt(7), dt2("1899-12-31 10:00:00")}, "1899-12-25 00:00:00.0000000", 0},
		{"bucket month end origin", "DATE_BUCKET", []types.Value{vc("month"), types.NewInt(1), dt2("2020-03-15 00:00:00"), dt2("2020-01-31 00:00:00")}, "2020-02-29 00:00:00.0000000", 0},
		{"bucket origin after date", "DATE_BUCKET", []types.Value{vc("month"), types.NewInt(2), dt2("2020-03-15 00:00:00"), dt2("2020-06-01 00:00:00")}, "2020-02-01 00:00:00.0000000", 0},
		{"bucket width 0", "DATE_BUCKET", []types.Value{vc("day"), types.NewInt(0), d}, "", 9834},
		{"bucket width negative", "DATE_BUCKET", []types.Value{vc("day"), types.NewInt(-2), d}, "", 9834},
		{"bucket string date", "DATE_BUCKET", []types.Value{vc("day"), types.NewInt(1), vc("2020-01-01")}, "", 8116},
		{"bucket width past the calendar", "DATE_BUCKET", []types.Value{vc("week"), types.NewInt(2147483647), dt2("2020-03-15 00:00:00")}, "1900-01-01 00:00:00.0000000", 0},
		{"bucket width beyond int", "DATE_BUCKET", []types.Value{vc("week"), types.NewBigInt(1 << 40), dt2("2020-03-15 00:00:00")}, "", 8115},
		{"bucket width past the calendar before origin", "DATE_BUCKET", []types.Value{vc("day"), types.NewInt(2147483647), dt2("1800-03-15 00:00:00")}, "", 517},
		{"bucket months before year 1", "DATE_BUCKET", []types.Value{vc("year"), types.NewInt(2147483647), dt2("1800-03-15 00:00:00")}, "", 517},
		{"bucket huge month width", "DATE_BUCKET", []types.Value{vc("quarter"), types.NewInt(2147483647), dt2("2020-03-15 00:00:00")}, "1900-01-01 00:00:00.0000000", 0},
		{"bucket weekday", "DATE_BUCKET", []types.Value{vc("dw"), types.NewInt(1), d}, "", 9810},
		{"ltrim chars", "LTRIM", []types.Value{vc("xyxabc"), vc("yx")}, "abc", 0},
		{"rtrim chars", "RTRIM", []types.Value{vc("abcxyx"), vc("yx")}, "abc", 0},
		{"rtrim spaces only", "RTRIM", []types.Value{vc("a\t ")}, "a\t", 0},
		{"ltrim null chars", "LTRIM", []types.Value{vc("abc"), types.Null(types.VarChar)}, "NULL", 0},
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

func TestCheckDatePart(t *testing.T) {
	tests := []struct {
		fn, part string
		typ      types.Type
		err      int32
	}{
		{"DATETRUNC", "hour", types.Type{ID: types.DateTime2, Scale: 7}, 0},
		{"DATETRUNC", "hour", types.Type{ID: types.Date}, 9810},
		{"DATETRUNC", "year", types.Type{ID: types.Time, Scale: 7}, 9810},
		{"DATETRUNC", "ms", types.Type{ID: types.DateTime2, Scale: 2}, 9810},
		{"DATETRUNC", "ms", types.Type{ID: types.DateTime}, 0},
		{"DATETRUNC", "mcs", types.Type{ID: types.DateTime}, 9810},
		{"DATETRUNC", "month", types.VarCharType(20), 0},
		{"DATETRUNC", "bogus", types.Type{ID: types.Date}, 155},
		{"DATE_BUCKET", "dayofyear", types.Type{ID: types.Date}, 9810},
		{"DATE_BUCKET", "minute", types.Type{ID: types.Time, Scale: 7}, 0},
		{"DATE_BUCKET", "day", types.Type{ID: types.Time, Scale: 7}, 9810},
	}
	for _, tc := range tests {
		t.Run(tc.fn+"/"+tc.part+"/"+tc.typ.ID.Name(), func(t *testing.T) {
			err := CheckDatePart(tc.fn, tc.part, tc.typ)
			if tc.err == 0 && err != nil || tc.err != 0 && !types.IsError(err, tc.err) {
				t.Fatalf("got %v, want error %d", err, tc.err)
			}
		})
	}
}

// FuzzDateBucket: any datepart, width, date and origin give a value or a
// SQL Server error, never a panic (widths near the int64 limits included).
func FuzzDateBucket(f *testing.F) {
	f.Add("week", int64(1), int64(0), int64(0))
	f.Add("day", int64(1<<62), int64(-5_000_000), int64(3))
	f.Add("ms", int64(7), int64(1234567890123), int64(-99))
	f.Add("year", int64(-1), int64(1), int64(1))
	f.Fuzz(func(t *testing.T, part string, n, seconds, originSeconds int64) {
		base := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		mk := func(s int64) types.Value {
			v, err := types.FromTime(base.Add(time.Duration(s%(1<<50))*time.Second/1000), types.Type{ID: types.DateTime2, Scale: 7})
			if err != nil {
				t.Skip()
			}
			return v
		}
		for _, args := range [][]types.Value{
			{types.NewVarChar(part), types.NewBigInt(n), mk(seconds)},
			{types.NewVarChar(part), types.NewBigInt(n), mk(seconds), mk(originSeconds)},
		} {
			if _, err := Call(nil, "DATE_BUCKET", args...); err != nil {
				var e *types.Error
				if !errors.As(err, &e) {
					t.Fatalf("DATE_BUCKET(%q, %d, …): not a SQL Server error: %v", part, n, err)
				}
			}
		}
		if _, err := Call(nil, "DATETRUNC", types.NewVarChar(part), mk(seconds)); err != nil {
			var e *types.Error
			if !errors.As(err, &e) {
				t.Fatalf("DATETRUNC(%q, …): not a SQL Server error: %v", part, err)
			}
		}
	})
}
