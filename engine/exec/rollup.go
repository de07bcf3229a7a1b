package exec

import (
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// GROUP BY ROLLUP, CUBE and GROUPING SETS, GROUPING() and GROUPING_ID().
//
// A GROUP BY list with ROLLUP(…) or CUBE(…) elements stands for several
// grouping sets: ROLLUP(a, b) is (a, b), (a), (); CUBE(a, b) is every
// subset; GROUPING SETS ((a, b), (a), ()) lists them; plain elements are
// in every set, and several elements combine
// as a cross product. The executor groups by the union of the keys and
// runs the grouping once per set over the materialized input, giving the
// keys outside the set NULL. Each output row carries a hidden last column,
// the set's grouping id: bit i is 1 when key i is not grouped (rolled up),
// which GROUPING(k) and GROUPING_ID(k, …) read.

// groupingSets flattens a GROUP BY list: the distinct key expressions, and
// the grouping sets as bitmasks over them (nil for a plain GROUP BY).
func groupingSets(groupBy []ast.Expr) ([]ast.Expr, []uint64, error) {
	var keys []ast.Expr
	index := map[string]int{}
	keyOf := func(e ast.Expr) uint64 {
		k := e.SQL()
		i, ok := index[k]
		if !ok {
			i = len(keys)
			index[k] = i
			keys = append(keys, e)
		}
		return 1 << uint(i)
	}
	// alternatives returns the grouping sets one element stands for: a
	// plain expression is itself, ROLLUP and CUBE their sets.
	alternatives := func(g ast.Expr) ([]uint64, bool, error) {
		f, ok := g.(*ast.FuncCall)
		name := ""
		if ok && len(f.Name.Parts) == 1 && f.Over == nil {
			name = strings.ToUpper(f.Name.Last())
		}
		if name != "ROLLUP" && name != "CUBE" {
			return []uint64{keyOf(g)}, false, nil
		}
		var alts []uint64
		masks := make([]uint64, len(f.Args))
		for i, a := range f.Args {
			masks[i] = keyOf(a)
		}
		if name == "ROLLUP" {
			for n := len(masks); n >= 0; n-- {
				var m uint64
				for _, x := range masks[:n] {
					m |= x
				}
				alts = append(alts, m)
			}
			return alts, true, nil
		}
		if len(masks) > 12 {
			return nil, true, ErrNotSupported.New("CUBE with more than 12 elements")
		}
		for sub := (1 << len(masks)) - 1; sub >= 0; sub-- {
			var m uint64
			for i, x := range masks {
				if sub&(1<<i) != 0 {
					m |= x
				}
			}
			alts = append(alts, m)
		}
		return alts, true, nil
	}
	cross := func(a, b []uint64) []uint64 {
		out := make([]uint64, 0, len(a)*len(b))
		for _, x := range a {
			for _, y := range b {
				out = append(out, x|y)
			}
		}
		return out
	}
	sets := []uint64{0}
	special := false
	for _, g := range groupBy {
		var alts []uint64 // the alternatives this element contributes
		if gs, isSets := g.(*ast.GroupingSets); isSets {
			// A set's items may themselves be ROLLUP or CUBE (the GROUP BY
			// page's GROUPING SETS (ROLLUP (…), CUBE (…))): the set is the
			// cross product of its items' sets, and the element the union
			// (duplicates kept) of its sets.
			special = true
			for _, set := range gs.Sets {
				setAlts := []uint64{0}
				for _, x := range set.Items {
					xa, _, err := alternatives(x)
					if err != nil {
						return nil, nil, err
					}
					setAlts = cross(setAlts, xa)
				}
				alts = append(alts, setAlts...)
			}
		} else {
			xa, rolled, err := alternatives(g)
			if err != nil {
				return nil, nil, err
			}
			special = special || rolled
			alts = xa
		}
		if len(keys) > 64 {
			return nil, nil, ErrNotSupported.New("GROUP BY with more than 64 keys")
		}
		sets = cross(sets, alts)
	}
	if !special {
		return groupBy, nil, nil
	}
	return keys, sets, nil
}

// groupingSetsIter groups the input once per grouping set; each output row
// is every key (NULL when not in the set), the aggregates and the grouping
// id.
func groupingSetsIter(ec *evalCtx, in rowIter, keys []*expr, aggs []*aggregate, keyTypes []types.Type, sets []uint64) (rowIter, error) {
	var rows []Row
	for {
		r, err := in.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			in.Close()
			return nil, err
		}
		rows = append(rows, append(Row(nil), r...)) // the input may reuse its row
	}
	in.Close()
	all := uint64(1)<<uint(len(keys)) - 1
	var out []Row
	for _, set := range sets {
		var sub []*expr
		var subTypes []types.Type
		var idx []int
		for i := range keys {
			if set&(1<<uint(i)) != 0 {
				sub, subTypes, idx = append(sub, keys[i]), append(subTypes, keyTypes[i]), append(idx, i)
			}
		}
		it, err := groupIter(ec, &sliceIter{rows: rows}, sub, aggs, subTypes)
		if err != nil {
			return nil, err
		}
		for {
			r, err := it.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			full := make(Row, len(keys)+len(aggs)+1)
			for i := range keys {
				full[i] = types.Null(keyTypes[i].ID)
			}
			for j, i := range idx {
				full[i] = r[j]
			}
			copy(full[len(keys):], r[len(sub):])
			full[len(full)-1] = types.NewBigInt(int64(all &^ set))
			out = append(out, full)
		}
		it.Close()
	}
	return &sliceIter{rows: out}, nil
}

// groupingFunc compiles GROUPING(k) and GROUPING_ID(k, …) over an
// aggregated row; ok is false for other expressions. Without grouping
// sets every key is grouped, so they are 0. Outside a grouped query
// (c.sc.agg nil) every argument is refused with 8161.
func (c *compiler) groupingFunc(e ast.Expr) (*expr, bool, error) {
	f, isCall := e.(*ast.FuncCall)
	if !isCall || f.Over != nil || len(f.Name.Parts) != 1 {
		return nil, false, nil
	}
	name := f.Name.Last()
	switch {
	case strings.EqualFold(name, "GROUPING"):
		name = "GROUPING"
	case strings.EqualFold(name, "GROUPING_ID"):
		name = "GROUPING_ID"
	default:
		return nil, false, nil
	}
	var gi *groupingInfo
	var keys map[string]int
	if c.sc.agg != nil {
		gi, keys = c.sc.agg.grouping, c.sc.agg.keys
	}
	if name == "GROUPING" && len(f.Args) != 1 {
		return nil, true, ErrWrongArgCount.New("grouping", 1)
	}
	if len(f.Args) == 0 {
		return nil, true, ErrWrongArgCount.New("grouping_id", 1)
	}
	bits := make([]int, len(f.Args))
	for i, a := range f.Args {
		k, ok := keys[stripParens(a).SQL()]
		if !ok || gi == nil || k >= gi.nkeys {
			// Severity 15 and the name in capitals, as sys.messages and
			// SQL Server print them; a query without GROUP BY gets the
			// same error (not 8160).
			return nil, true, &Error{Number: 8161, Severity: 15, State: 1, Message: "Argument " + itoa(i+1) + " of the " + name + " function does not match any of the expressions in the GROUP BY clause."}
		}
		bits[i] = k
	}
	typ := types.TypeTinyInt
	if name == "GROUPING_ID" {
		typ = types.TypeInt
	}
	gid := gi.gidCol
	return &expr{typ: typ, col: -1, eval: func(_ *evalCtx, row Row) (types.Value, error) {
		var id uint64
		if gid >= 0 {
			id = uint64(row[gid].Int64())
		}
		var v int64
		for _, b := range bits {
			v = v<<1 | int64(id>>uint(b)&1)
		}
		if name == "GROUPING" {
			return types.NewTinyInt(uint8(v)), nil
		}
		return types.NewInt(int32(v)), nil
	}}, true, nil
}

// groupingInfo is what GROUPING() needs of an aggregated row.
type groupingInfo struct {
	nkeys  int // the group keys are the row's first nkeys columns
	gidCol int // the grouping id column, or -1 without grouping sets
}
