package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// collectWindows finds window function calls (f(...) OVER (...)) of this query
// level, in order of appearance, without duplicates.
func collectWindows(lists ...[]ast.Expr) []*ast.FuncCall {
	seen := map[string]bool{}
	var out []*ast.FuncCall
	for _, list := range lists {
		for _, e := range list {
			if e == nil {
				continue
			}
			ast.Inspect(e, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
					return false
				case *ast.NextValueExpr:
					if n.Over != nil { // sequence_over.go
						if f := nextValueCall(n); !seen[f.SQL()] {
							seen[f.SQL()] = true
							out = append(out, f)
						}
						return false
					}
				case *ast.FuncCall:
					if n.Over != nil {
						if k := n.SQL(); !seen[k] {
							seen[k] = true
							out = append(out, n)
						}
						return false
					}
				}
				return true
			})
		}
	}
	return out
}

// window is a compiled window function call.
type window struct {
	fn        string
	args      []*expr
	agg       *aggregate
	partition []*expr
	order     []*expr
	desc      []bool
	typ       types.Type
	// frame is an explicit ROWS frame for aggregates, FIRST_VALUE and
	// LAST_VALUE (nil: SQL Server's default, RANGE UNBOUNDED PRECEDING to
	// CURRENT ROW with ORDER BY).
	frame *rowsFrame
	// rng is an explicit RANGE frame for FIRST_VALUE and LAST_VALUE.
	rng *rangeFrame
	// percentile is PERCENTILE_CONT/PERCENTILE_DISC's argument (window_dist.go).
	percentile float64
	// ignoreNulls is IGNORE NULLS on LAG, LEAD, FIRST_VALUE or LAST_VALUE:
	// they read past NULL values (window_named.go).
	ignoreNulls bool
}

// rangeFrame is RANGE BETWEEN start AND end: each end is either unbounded
// or the current row's peers (T-SQL allows no offsets in RANGE).
type rangeFrame struct{ startUnbounded, endUnbounded bool }

// rowsFrame is ROWS BETWEEN start AND end as offsets from the current row;
// unbounded ends are ±large.
type rowsFrame struct{ start, end int64 }

const unboundedRows = 1 << 40

func frameOffset(ec *evalCtx, c *compiler, b *ast.FrameBound) (int64, error) {
	switch b.Kind {
	case ast.UnboundedPreceding:
		return -unboundedRows, nil
	case ast.UnboundedFollowing:
		return unboundedRows, nil
	case ast.CurrentRow:
		return 0, nil
	}
	x, err := c.noRowExpr(b.Offset)
	if err != nil {
		return 0, err
	}
	v, err := x.eval(ec, nil)
	if err != nil {
		return 0, err
	}
	if b.Kind == ast.Preceding {
		return -v.Int64(), nil
	}
	return v.Int64(), nil
}

// compileFrame sets w's frame from an OVER clause's ROWS or RANGE frame
// (nil leaves the default). A frame without BETWEEN ends at the current row.
func (s *Session) compileFrame(c *compiler, fr *ast.WindowFrame, w *window) error {
	if fr == nil {
		return nil
	}
	if fr.Unit == ast.FrameRange {
		w.rng = &rangeFrame{startUnbounded: fr.Start.Kind == ast.UnboundedPreceding,
			endUnbounded: fr.Until != nil && fr.Until.Kind == ast.UnboundedFollowing}
		return nil
	}
	ec := newEvalCtx(context.Background(), s)
	rf := &rowsFrame{}
	var err error
	if rf.start, err = frameOffset(ec, c, fr.Start); err != nil {
		return err
	}
	if fr.Until != nil {
		if rf.end, err = frameOffset(ec, c, fr.Until); err != nil {
			return err
		}
	}
	w.frame = rf
	return nil
}

// frameBounds returns the first and last partition positions of row i's
// frame (lo > hi: empty). Without an explicit frame it is SQL Server's
// default: the whole partition without ORDER BY, else RANGE UNBOUNDED
// PRECEDING to the current row's last peer.
func (w *window) frameBounds(i, n int, peers func(a, b int) bool) (lo, hi int) {
	firstPeer := func() int {
		j := i
		for j > 0 && peers(j-1, j) {
			j--
		}
		return j
	}
	lastPeer := func() int {
		j := i
		for j+1 < n && peers(j, j+1) {
			j++
		}
		return j
	}
	switch {
	case w.frame != nil:
		l, h := int64(i)+w.frame.start, int64(i)+w.frame.end
		return int(max(l, 0)), int(min(h, int64(n-1)))
	case w.rng != nil:
		lo, hi = 0, n-1
		if !w.rng.startUnbounded {
			lo = firstPeer()
		}
		if !w.rng.endUnbounded {
			hi = lastPeer()
		}
		return lo, hi
	case len(w.order) == 0:
		return 0, n - 1
	}
	return 0, lastPeer()
}

// buildWindows materializes the rows produced by in, computes every window
// function over them and appends the results as columns.
func (s *Session) buildWindows(c *compiler, in func(*evalCtx) (rowIter, error), sc *scope, calls []*ast.FuncCall, defs windowDefs) (func(*evalCtx) (rowIter, error), *scope, error) {
	wins := make([]*window, len(calls))
	for i, call := range calls {
		// f is the call with its OVER clause resolved against the WINDOW
		// clause; call, as written, keys the result column.
		f, err := defs.resolveCall(call) // window_named.go
		if err != nil {
			return nil, nil, err
		}
		w := &window{fn: strings.ToUpper(f.Name.Last()), ignoreNulls: f.Nulls == "IGNORE"}
		if err := checkNullTreatment(f, w.fn); err != nil {
			return nil, nil, err
		}
		for _, p := range f.Over.PartitionBy {
			x, err := c.expr(p)
			if err != nil {
				return nil, nil, err
			}
			w.partition = append(w.partition, x)
		}
		for _, o := range f.Over.OrderBy {
			x, err := c.expr(o.Expr)
			if err != nil {
				return nil, nil, err
			}
			w.order = append(w.order, x)
			w.desc = append(w.desc, o.Desc)
		}
		switch w.fn {
		case "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE":
			w.typ = types.TypeBigInt
			if w.fn == "NTILE" {
				if len(f.Args) != 1 {
					return nil, nil, ErrWrongArgCount.New("ntile", 1)
				}
				x, err := c.expr(f.Args[0])
				if err != nil {
					return nil, nil, err
				}
				w.args = []*expr{x}
			}
			if len(w.order) == 0 {
				return nil, nil, &Error{Number: 4112, Severity: 15, State: 1, Message: "The function '" + strings.ToLower(w.fn) + "' must have an OVER clause with ORDER BY."}
			}
		case "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE":
			if w.fn == "FIRST_VALUE" || w.fn == "LAST_VALUE" {
				if err := s.compileFrame(c, f.Over.Frame, w); err != nil {
					return nil, nil, err
				}
			}
			for _, a := range f.Args {
				x, err := c.expr(a)
				if err != nil {
					return nil, nil, err
				}
				w.args = append(w.args, x)
			}
			if len(w.args) == 0 {
				return nil, nil, ErrWrongArgCount.New(strings.ToLower(w.fn), 1)
			}
			w.typ = w.args[0].typ
		case nextValueFn:
			if err := c.compileNextValueWindow(f, w); err != nil { // sequence_over.go
				return nil, nil, err
			}
		case "PERCENT_RANK", "CUME_DIST", "PERCENTILE_CONT", "PERCENTILE_DISC":
			if err := c.compileDistribution(f, w); err != nil { // window_dist.go
				return nil, nil, err
			}
		default:
			plain := *f
			plain.Over = nil
			if !isAggregate(&plain) {
				return nil, nil, &Error{Number: 4109, Severity: 15, State: 1, Message: "The function '" + strings.ToLower(w.fn) + "' is not a valid windowing function, and cannot be used with the OVER clause."}
			}
			a, err := c.compileAggregate(&plain)
			if err != nil {
				return nil, nil, err
			}
			w.agg, w.typ = a, a.typ
			if fr := f.Over.Frame; fr != nil && fr.Unit == ast.FrameRows {
				if err := s.compileFrame(c, fr, w); err != nil {
					return nil, nil, err
				}
			}
		}
		wins[i] = w
	}

	base := len(sc.cols)
	if sc.agg != nil {
		base = len(sc.agg.cols)
	}
	nsc := &scope{outer: sc.outer, agg: sc.agg, computed: map[string]int{}}
	if sc.agg == nil || len(sc.cols) == len(sc.agg.cols) { // an aggregated row's columns (select.go)
		nsc.cols = append(nsc.cols, sc.cols...)
	} else {
		for i, t := range sc.agg.cols {
			nsc.cols = append(nsc.cols, scopeCol{typ: t, idx: i, hidden: true})
		}
	}
	for i, f := range calls {
		nsc.computed[f.SQL()] = base + i
		nsc.cols = append(nsc.cols, scopeCol{typ: wins[i].typ, idx: base + i, hidden: true})
	}

	open := func(ec *evalCtx) (rowIter, error) {
		it, err := in(ec)
		if err != nil {
			return nil, err
		}
		rows, err := drain(it)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			r := make(Row, base+len(wins))
			copy(r, rows[i])
			rows[i] = r
		}
		for i, w := range wins {
			if err := w.compute(ec, rows, base+i); err != nil {
				return nil, err
			}
		}
		return &sliceIter{rows: rows}, nil
	}
	return open, nsc, nil
}

// compute fills column col of every row with the window function's value.
func (w *window) compute(ec *evalCtx, rows []Row, col int) error {
	type keyed struct {
		idx  int
		part Row
		ord  Row
	}
	ks := make([]keyed, len(rows))
	for i, r := range rows {
		k := keyed{idx: i, part: make(Row, len(w.partition)), ord: make(Row, len(w.order))}
		var err error
		for j, p := range w.partition {
			if k.part[j], err = p.eval(ec, r); err != nil {
				return err
			}
		}
		for j, o := range w.order {
			if k.ord[j], err = o.eval(ec, r); err != nil {
				return err
			}
		}
		ks[i] = k
	}
	cmp := func(a, b Row, desc []bool) int {
		for j := range a {
			c, _ := types.Compare(a[j], b[j], types.DefaultCollation)
			if c != 0 {
				if desc != nil && desc[j] {
					return -c
				}
				return c
			}
		}
		return 0
	}
	sort.SliceStable(ks, func(i, j int) bool {
		if c := cmp(ks[i].part, ks[j].part, nil); c != 0 {
			return c < 0
		}
		return cmp(ks[i].ord, ks[j].ord, w.desc) < 0
	})
	for start := 0; start < len(ks); {
		end := start + 1
		for end < len(ks) && cmp(ks[start].part, ks[end].part, nil) == 0 {
			end++
		}
		if err := w.fill(ec, rows, end-start, col, func(a, b int) bool {
			return cmp(ks[start+a].ord, ks[start+b].ord, w.desc) == 0
		}, func(i int) int { return ks[start+i].idx }); err != nil {
			return err
		}
		start = end
	}
	return nil
}

func (w *window) fill(ec *evalCtx, rows []Row, n, col int, peers func(a, b int) bool, rowOf func(int) int) error {
	if distributionFuncs[w.fn] {
		return w.fillDistribution(ec, rows, n, col, peers, rowOf) // window_dist.go
	}
	switch w.fn {
	case nextValueFn:
		// The sequence's values in the window's order, one per row.
		for i := 0; i < n; i++ {
			v, err := w.args[0].eval(ec, rows[rowOf(i)])
			if err != nil {
				return err
			}
			rows[rowOf(i)][col] = v
		}
	case "ROW_NUMBER":
		for i := 0; i < n; i++ {
			rows[rowOf(i)][col] = types.NewBigInt(int64(i + 1))
		}
	case "RANK", "DENSE_RANK":
		rank, dense := int64(0), int64(0)
		for i := 0; i < n; i++ {
			if i == 0 || !peers(i-1, i) {
				rank = int64(i + 1)
				dense++
			}
			if w.fn == "RANK" {
				rows[rowOf(i)][col] = types.NewBigInt(rank)
			} else {
				rows[rowOf(i)][col] = types.NewBigInt(dense)
			}
		}
	case "NTILE":
		v, err := w.args[0].eval(ec, rows[rowOf(0)])
		if err != nil {
			return err
		}
		buckets := v.Int64()
		if buckets <= 0 {
			return &Error{Number: 4106, Severity: 16, State: 1, Message: "The parameter for the NTILE function must be a positive integer."}
		}
		size, extra := int64(n)/buckets, int64(n)%buckets
		b, inBucket := int64(1), int64(0)
		for i := 0; i < n; i++ {
			limit := size
			if b <= extra {
				limit++
			}
			if inBucket >= limit {
				b++
				inBucket = 0
			}
			rows[rowOf(i)][col] = types.NewBigInt(b)
			inBucket++
		}
	case "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE":
		vals := make([]types.Value, n)
		for i := 0; i < n; i++ {
			v, err := w.args[0].eval(ec, rows[rowOf(i)])
			if err != nil {
				return err
			}
			vals[i] = v
		}
		for i := 0; i < n; i++ {
			var v types.Value
			j := -1
			// The offset is evaluated for each row, as the LAG and LEAD pages'
			// example C shows with b*(SELECT MIN(b) FROM T).
			off := int64(1)
			if len(w.args) > 1 && (w.fn == "LAG" || w.fn == "LEAD") {
				ov, err := w.args[1].eval(ec, rows[rowOf(i)])
				if err != nil {
					return err
				}
				if off = ov.Int64(); off < 0 {
					return &Error{Number: 8730, Severity: 16, State: 1, Message: "Offset parameter for Lag and Lead functions cannot be a negative value."}
				}
			}
			switch w.fn {
			case "LAG":
				j = i - int(off)
				if w.ignoreNulls && off > 0 {
					j = nonNullAt(vals, i-1, -1, 0, n-1, off)
				}
			case "LEAD":
				j = i + int(off)
				if w.ignoreNulls && off > 0 {
					j = nonNullAt(vals, i+1, 1, 0, n-1, off)
				}
			case "FIRST_VALUE", "LAST_VALUE":
				lo, hi := w.frameBounds(i, n, peers)
				switch {
				case lo > hi:
					j = -1
				case w.fn == "FIRST_VALUE" && w.ignoreNulls:
					j = nonNullAt(vals, lo, 1, lo, hi, 1)
				case w.fn == "FIRST_VALUE":
					j = lo
				case w.ignoreNulls:
					j = nonNullAt(vals, hi, -1, lo, hi, 1)
				default:
					j = hi
				}
			}
			if j >= 0 && j < n {
				v = vals[j]
			} else if len(w.args) > 2 {
				d, err := w.args[2].eval(ec, rows[rowOf(i)])
				if err != nil {
					return err
				}
				// The result has scalar_expression's type: the default is
				// converted to it (-c/2.0 is 1 for c = -3, not 1.500000).
				if v, err = convertTo(d, w.typ); err != nil {
					return err
				}
			} else {
				v = types.Null(w.typ.ID)
			}
			rows[rowOf(i)][col] = v
		}
	default:
		// Aggregate OVER: an explicit ROWS frame; else the whole partition without
		// ORDER BY, or running (through peers) with ORDER BY, SQL Server's
		// default RANGE frame.
		if w.frame != nil {
			for i := 0; i < n; i++ {
				lo, hi := int64(i)+w.frame.start, int64(i)+w.frame.end
				lo, hi = max(lo, 0), min(hi, int64(n-1))
				var st aggState
				for j := lo; j <= hi; j++ {
					if err := w.agg.add(ec, &st, rows[rowOf(int(j))]); err != nil {
						return err
					}
				}
				v, err := w.agg.result(&st)
				if err != nil {
					return err
				}
				rows[rowOf(i)][col] = v
			}
			return nil
		}
		if len(w.order) == 0 {
			var st aggState
			for i := 0; i < n; i++ {
				if err := w.agg.add(ec, &st, rows[rowOf(i)]); err != nil {
					return err
				}
			}
			v, err := w.agg.result(&st)
			if err != nil {
				return err
			}
			for i := 0; i < n; i++ {
				rows[rowOf(i)][col] = v
			}
			return nil
		}
		var st aggState
		for i := 0; i < n; {
			j := i
			for ; j < n && (j == i || peers(i, j)); j++ {
				if err := w.agg.add(ec, &st, rows[rowOf(j)]); err != nil {
					return err
				}
			}
			v, err := w.agg.result(&st)
			if err != nil {
				return err
			}
			for k := i; k < j; k++ {
				rows[rowOf(k)][col] = v
			}
			i = j
		}
	}
	return nil
}
