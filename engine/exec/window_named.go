package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The WINDOW clause and IGNORE NULLS / RESPECT NULLS (SQL Server 2022).
//
// A query's WINDOW clause names window specifications; an OVER clause
// refers to one by name (OVER w) or starts from it and adds to it
// (OVER (w ORDER BY x)), and a named window may itself start from another.
// The names are resolved when the window functions are compiled, into a
// specification the rest of the compiler reads as if it had been written
// out; the query's syntax tree is left as written.

// errUnknownWindow reports an OVER clause or window definition naming a
// window the WINDOW clause does not define. SQL Server's own number and
// text for this are not in any public source we could find; the syntax
// error it gives for an unexpected name stands in for it.
func errUnknownWindow(name string) error {
	return &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '" + name + "'."}
}

// errNullTreatment is the stand-in for IGNORE NULLS / RESPECT NULLS on a
// function other than FIRST_VALUE, LAST_VALUE, LAG and LEAD (SQL Server's
// number for it is not public either).
func errNullTreatment(word string) error {
	return &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '" + word + "'."}
}

// windowDefs maps the lower-case names of a query's WINDOW clause to their
// definitions.
type windowDefs map[string]*ast.WindowDef

func newWindowDefs(defs []*ast.WindowDef) windowDefs {
	if len(defs) == 0 {
		return nil
	}
	m := make(windowDefs, len(defs))
	for _, d := range defs {
		m[strings.ToLower(d.Name.Name)] = d
	}
	return m
}

// resolve returns o with the named window it starts from (and that
// window's own base, and so on) filled in: each part the OVER clause
// leaves out — PARTITION BY, ORDER BY, the frame — comes from the nearest
// window that has it. A clause naming no window is returned as is.
func (d windowDefs) resolve(o *ast.OverClause) (*ast.OverClause, error) {
	if o == nil || o.Window == nil {
		return o, nil
	}
	r := *o
	r.Window, r.Bare = nil, false
	seen := map[string]bool{}
	for name := o.Window; name != nil; {
		key := strings.ToLower(name.Name)
		def := d[key]
		if def == nil || seen[key] {
			return nil, errUnknownWindow(name.Name)
		}
		seen[key] = true
		base := def.Spec
		if r.PartitionBy == nil {
			r.PartitionBy = base.PartitionBy
		}
		if r.OrderBy == nil {
			r.OrderBy = base.OrderBy
		}
		if r.Frame == nil {
			r.Frame = base.Frame
		}
		name = base.Window
	}
	return &r, nil
}

// resolveCall is f with its OVER clause resolved against the WINDOW
// clause (f itself when it names no window).
func (d windowDefs) resolveCall(f *ast.FuncCall) (*ast.FuncCall, error) {
	if f.Over == nil || f.Over.Window == nil {
		return f, nil
	}
	o, err := d.resolve(f.Over)
	if err != nil {
		return nil, err
	}
	r := *f
	r.Over = o
	return &r, nil
}

// checkNullTreatment refuses IGNORE/RESPECT NULLS where it has no meaning.
func checkNullTreatment(f *ast.FuncCall, fn string) error {
	if f.Nulls == "" {
		return nil
	}
	switch fn {
	case "FIRST_VALUE", "LAST_VALUE", "LAG", "LEAD":
		if f.Over != nil {
			return nil
		}
	}
	return errNullTreatment(f.Nulls)
}

// nonNullAt returns the position of the k-th (1-based) non-NULL value of
// vals from position i on, stepping by dir (+1 or -1) and staying inside
// [lo, hi]; -1 when there is none. It is how IGNORE NULLS reads LAG, LEAD,
// FIRST_VALUE and LAST_VALUE.
func nonNullAt(vals []types.Value, i, dir, lo, hi int, k int64) int {
	for j := i; j >= lo && j <= hi; j += dir {
		if vals[j].IsNull() {
			continue
		}
		if k--; k <= 0 {
			return j
		}
	}
	return -1
}
