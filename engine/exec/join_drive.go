package exec

import (
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The driving table of an inner join. Joins run as written — the left
// table outside, the right one sought per left row — and ORMs write the
// table they select from first: Entity Framework's
//
//	SELECT … FROM [Orders] AS [o] INNER JOIN [Customers] AS [c]
//	  ON [o].[CustomerId] = [c].[Id] WHERE [c].[Email] = @p0
//
// read every order and sought a customer for each, where SQL Server seeks
// the customer by e-mail and then that customer's orders. Without
// cardinality estimates the executor takes the case that needs none: when
// the WHERE seeks the right table but not the left one, and the ON lets the
// left table seek per right row, the right table drives (given the
// condition on uniqueness or on the written plan below). The join's rows
// keep the written column order (left then right), so nothing above it
// sees the swap; only the order rows arrive in changes, which an inner
// join without ORDER BY does not promise.

// drivingJoin builds j with its right table outside when that is the
// cheaper way round; ok is false when j runs as written.
// lw is the width of the left table's columns in the joined row.
func (s *Session) drivingJoin(j *ast.Join, outer *scope, conds []ast.Expr) (src *source, lw int, ok bool, err error) {
	if j.Kind != ast.InnerJoin || j.On == nil || len(conds) == 0 {
		return nil, 0, false, nil
	}
	lt, lok := j.Left.(*ast.TableName)
	rt, rok := j.Right.(*ast.TableName)
	if !lok || !rok || !s.plainTable(lt) || !s.plainTable(rt) {
		return nil, 0, false, nil
	}
	ltr, lfound, lerr := s.resolveTableName(lt.Name)
	rtr, rfound, rerr := s.resolveTableName(rt.Name)
	if lerr != nil || rerr != nil || !lfound || !rfound {
		return nil, 0, false, nil // as written: the usual path raises what is wrong
	}
	lsc := tableScope(ltr, identName(lt.Alias), outer)
	rsc := tableScope(rtr, identName(rt.Alias), outer)
	if chooseAccess(ltr.t, s.nullSafeBounds(lsc, conds)) != nil || chooseAccess(rtr.t, s.nullSafeBounds(rsc, conds)) == nil {
		return nil, 0, false, nil
	}
	on := conjuncts(j.On)
	ap := chooseAccess(ltr.t, s.nullSafeBounds(tableScope(ltr, identName(lt.Alias), rsc), on))
	if ap == nil {
		return nil, 0, false, nil
	}
	// Without estimates, swap only where it cannot cost much more than the
	// written plan: either that plan seeks the right table once per left row
	// anyway (an index serves the ON there), or each right row finds at most
	// one left row (the ON fixes a unique key of the left table). Against a
	// hash join over a left scan, a nonunique left index could mean a lookup
	// for most of its rows.
	uniqueLeft := (ap.ix.Unique || ap.ix.Primary) && len(ap.eq) == len(ap.ix.Columns)
	writtenSeeks := chooseAccess(rtr.t, s.nullSafeBounds(tableScope(rtr, identName(rt.Alias), lsc), on)) != nil
	if !uniqueLeft && !writtenSeeks {
		return nil, 0, false, nil
	}
	right, err := s.buildTableExpr(rt, outer, conds)
	if err != nil {
		return nil, 0, true, err
	}
	left, err := s.buildTableExpr(lt, right.sc, append(append([]ast.Expr(nil), on...), conds...))
	if err != nil {
		return nil, 0, true, err
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	onPred, err := (&compiler{s: s, sc: combined}).pred(j.On)
	if err != nil {
		return nil, 0, true, err
	}
	rw := right.sc.width()
	return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
		ri, err := right.open(ec)
		if err != nil {
			return nil, err
		}
		return rightDrivenRows(ec, ri, left, onPred, rw), nil
	}}, left.sc.width(), true, nil
}

// innerIfNullRejected returns j, or a copy run as an INNER JOIN when j is a
// LEFT JOIN whose NULL-extended rows the conditions above it reject: a
// comparison of a right table's column with a value (WHERE c.Email = @p)
// is never true for NULL, and the caller applies conds to the join's rows,
// so the unmatched left rows could not survive — SQL Server's optimizer
// makes the same rewrite. The inner join may then seek from the right
// table (drivingJoin).
func (s *Session) innerIfNullRejected(j *ast.Join, outer *scope, conds []ast.Expr) *ast.Join {
	if j.Kind != ast.LeftJoin || j.On == nil || len(conds) == 0 {
		return j
	}
	rt, ok := j.Right.(*ast.TableName)
	if !ok || !s.plainTable(rt) {
		return j
	}
	// Not nullSafeBounds: under ANSI_NULLS OFF c = @v keeps the
	// NULL-extended rows, so it is no reason to drop them.
	rtr, found, err := s.resolveTableName(rt.Name)
	if err != nil || !found || len(s.seekBounds(tableScope(rtr, identName(rt.Alias), outer), conds)) == 0 {
		return j
	}
	inner := *j
	inner.Kind = ast.InnerJoin
	return &inner
}

// plainTable: a base table named without hints, FOR SYSTEM_TIME or a CTE
// of the same name — the only sources drivingJoin reorders.
func (s *Session) plainTable(t *ast.TableName) bool {
	if len(t.Hints) > 0 || t.SystemTime != nil {
		return false
	}
	return len(t.Name.Parts) > 1 || s.lookupCTE(t.Name.Last()) == nil
}

// ownTableConds keeps the conjuncts that name at most one column, the ones a
// single table of a join can seek on by themselves. A table built before its
// siblings (a join's left side, a comma FROM's first table, the right table
// that drives a swapped join) sees only its own columns and the enclosing
// queries' scopes, so a name that belongs to a sibling would bind to an
// enclosing query's column of the same name: in EXISTS (SELECT 1 FROM a JOIN
// c ON … WHERE a.k = c.v) under an outer query aliased c, a.k would be sought
// by the outer row's v, while the WHERE above the join compares it with the
// inner c.v, and rows both disagree on vanish. One column, compared with
// constants, variables and parameters, is that table's or no seek at all.
func ownTableConds(conds []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, c := range conds {
		if semiCandidate(c) { // semijoin.go checks the names itself
			out = append(out, c)
			continue
		}
		var first string
		one := true
		ast.Inspect(c, func(n ast.Node) bool {
			cr, ok := n.(*ast.ColumnRef)
			if !ok || !one {
				return one
			}
			if len(cr.Name.Parts) == 2 && strings.HasPrefix(cr.Name.Part(1), applyPrefix) {
				return true // an apply join's left row (join_apply.go): no sibling's, a value
			}
			var key strings.Builder
			for _, p := range cr.Name.Parts {
				key.WriteString(strings.ToLower(p.Name))
				key.WriteByte('.')
			}
			if first == "" {
				first = key.String()
			} else if key.String() != first {
				one = false
			}
			return true
		})
		if one {
			out = append(out, c)
		}
	}
	return out
}

// rightDrivenRows joins each row of ri (the driving right side, rw columns
// wide) with the rows left opens for it — a seek by the right row's values —
// and returns the joined rows for which on is true. Closing it closes ri.
func rightDrivenRows(ec *evalCtx, ri rowIter, left *source, on pred, rw int) rowIter {
	var li rowIter
	var rrow Row
	return &funcIter{next: func() (Row, error) {
		for {
			if li == nil {
				var err error
				if rrow, err = ri.Next(); err != nil {
					return nil, err
				}
				if li, err = left.open(ec.with(rrow)); err != nil {
					return nil, err
				}
			}
			lrow, err := li.Next()
			if err == io.EOF {
				li.Close()
				li = nil
				continue
			}
			if err != nil {
				return nil, err
			}
			row := joinRow(lrow, rrow, rw)
			b, err := on(ec, row)
			if err != nil {
				return nil, err
			}
			if b.IsTrue() {
				return row, nil
			}
		}
	}, close: func() {
		if li != nil {
			li.Close()
		}
		ri.Close()
	}}
}
