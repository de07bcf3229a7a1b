package exec

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sortTestRows makes n rows (grp int with NULLs, name varchar with case and
// trailing-space variants, amount decimal, day date, seq = input position).
func sortTestRows(t *testing.T, n int) []Row {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"apple", "Apple", "apple ", "banana", "BANANA", "cherry", ""}
	rows := make([]Row, n)
	for i := range rows {
		grp := types.NewInt(int32(r.IntN(20)))
		if r.IntN(10) == 0 {
			grp = types.Null(types.Int)
		}
		amount, err := types.NewDecimalFromParts(types.Decimal, 10, 2, r.IntN(2) == 0, 0, uint64(r.IntN(1000)))
		if err != nil {
			t.Fatal(err)
		}
		day, _ := types.NewDate(2020, 1+r.IntN(12), 1+r.IntN(28))
		rows[i] = Row{grp, types.NewVarChar(names[r.IntN(len(names))]), amount, day, types.NewBigInt(int64(i))}
	}
	return rows
}

func copyRows(rows []Row) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = append(Row(nil), r...)
	}
	return out
}

// TestExternalSortSpills sorts inputs much larger than a tiny budget and
// checks that they spilled and that the result equals the in-memory stable
// sort row for row (so ties keep input order across runs).
func TestExternalSortSpills(t *testing.T) {
	keySets := []struct {
		name string
		keys []sortKey
	}{
		{"int", []sortKey{{col: 0}}},
		{"int desc, name", []sortKey{{col: 0, desc: true}, {col: 1, coll: types.DefaultCollation}}},
		{"name ci", []sortKey{{col: 1, coll: types.DefaultCollation}}},
		{"decimal, date desc", []sortKey{{col: 2}, {col: 3, desc: true}}},
	}
	cases := []struct {
		rows   int
		budget int64
		spills bool
	}{
		{0, 1 << 10, false},
		{1, 1 << 10, false},
		{50, 1 << 20, false},
		{3000, 16 << 10, true},
		{3000, 1, true}, // one row per run
	}
	for _, ks := range keySets {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/rows=%d/budget=%d", ks.name, c.rows, c.budget), func(t *testing.T) {
				in := sortTestRows(t, c.rows)
				want := copyRows(in)
				if err := sortRows(want, ks.keys); err != nil {
					t.Fatal(err)
				}
				it, n, err := externalSort(&sliceIter{rows: copyRows(in)}, ks.keys, c.budget)
				if err != nil {
					t.Fatal(err)
				}
				defer it.Close()
				if n != int64(c.rows) {
					t.Errorf("count %d, want %d", n, c.rows)
				}
				m, spilled := it.(*mergeIter)
				if spilled != c.spills {
					t.Fatalf("spilled = %v, want %v", spilled, c.spills)
				}
				if spilled && len(m.sp.runs) < 2 {
					t.Errorf("%d runs, want several", len(m.sp.runs))
				}
				for i := 0; ; i++ {
					r, err := it.Next()
					if err == io.EOF {
						if i != len(want) {
							t.Fatalf("%d rows, want %d", i, len(want))
						}
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					if i >= len(want) {
						t.Fatalf("more than %d rows", len(want))
					}
					for j := range r {
						if r[j] != want[i][j] {
							t.Fatalf("row %d col %d: got %v, want %v", i, j, r[j], want[i][j])
						}
					}
				}
			})
		}
	}
}

// TestLimitTies checks TOP n WITH TIES over sorted (possibly spilled) rows.
func TestLimitTies(t *testing.T) {
	mk := func(vals ...int32) []Row {
		var rows []Row
		for i, v := range vals {
			rows = append(rows, Row{types.NewInt(v), types.NewInt(int32(i))})
		}
		return rows
	}
	keys := []sortKey{{col: 0}}
	cases := []struct {
		name          string
		in            []Row
		offset, limit int64
		ties          bool
		want          int
	}{
		{"no ties", mk(1, 2, 2, 3), 0, 2, false, 2},
		{"ties extend", mk(1, 2, 2, 2, 3), 0, 2, true, 4},
		{"ties at end", mk(1, 1, 1), 0, 1, true, 3},
		{"zero", mk(1, 1), 0, 0, true, 0},
		{"offset", mk(1, 2, 3, 3, 4), 1, 2, true, 3},
		{"unlimited", mk(1, 2), 0, -1, true, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := &limitIter{in: &sliceIter{rows: c.in}, offset: c.offset, limit: c.limit}
			if c.ties {
				it.ties = keys
			}
			rows, err := drain(it)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != c.want {
				t.Errorf("%d rows, want %d", len(rows), c.want)
			}
		})
	}
}
