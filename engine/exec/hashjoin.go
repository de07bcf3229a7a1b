package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// tryHashJoin builds a hash join when the right side is a base table and ON
// has equality conjuncts between right columns and left expressions, unless an
// index range seek fits better. When the equalities cover the right table's
// whole clustered key the join is adaptive (adaptiveJoin): point reads while
// the left side is small, a hash join once it proves large. It returns nil
// when a nested loop fits better. where are conjuncts applied above an
// inner join that name one column (buildJoin's), wherePreserved that no
// outer join NULL-extends its rows below them (Session.push.preserved).
func (s *Session) tryHashJoin(left *source, rightTE ast.TableExpr, conds []ast.Expr, on ast.Expr, leftOuter bool, outer *scope, where []ast.Expr, wherePreserved bool) (*source, error) {
	tn, ok := rightTE.(*ast.TableName)
	if !ok || len(conds) == 0 || accessHinted(tn.Hints) { // index_hint.go
		return nil, nil
	}
	if len(tn.Name.Parts) == 1 && s.lookupCTE(tn.Name.Last()) != nil {
		return nil, nil // a CTE shadows the table
	}
	tr, ok, err := s.resolveTable(tn.Name)
	if err != nil || !ok {
		return nil, err
	}
	// The right table's locking hints hold whichever way it is read: the
	// hash join's scan and the adaptive join's point reads open tr itself,
	// not through buildTableExpr, which sets them for the nested loop.
	if tr.hints, err = parseLockHints(tn.Hints, s.Opts.Isolation); err != nil { // lockhints.go
		return nil, err
	}
	if gate, err := s.checkTableRead(tr); err != nil || gate != nil { // colperm.go
		return nil, err // a column-checked read takes the nested loop, whose opener checks it
	}
	alias := ""
	if tn.Alias != nil {
		alias = tn.Alias.Name
	}
	correlatedScope := tableScope(tr, alias, left.sc)
	ap := chooseAccess(tr.t, s.nullSafeBounds(correlatedScope, conds))
	manyPerSeek := false
	if ap != nil && !ap.pointRead() {
		// A seek that may find many rows per left row: by the left side's
		// size (join_seek_or_hash.go), where the choice can be made; else
		// an index nested loop.
		if !s.seekOrHash(tn, tr, ap) {
			return nil, nil
		}
		manyPerSeek = true
	}
	// The hash table holds the right rows that the conditions on the
	// right table alone keep: ON's own, and those above an inner join
	// (WHERE c.id = 7 on the right of o JOIN c ON c.id = o.cust, or derived
	// from WHERE o.cust = 7: join_implied.go). When they seek it, the build
	// reads that range, not the whole table (issue #5: the right table's
	// one row was read by a point read per left row, then by a scan of its
	// 1,000 rows: 1,058 logical reads); when they fix one row, the join
	// reads it once and hashes it from the start.
	build := s.buildPath(tr, alias, outer, conds, where, wherePreserved)
	if build != nil && build.pointRead() && !pathCorrelated(build) {
		ap, manyPerSeek = nil, false
	}
	if ap == nil {
		s.noteApplyRead(tr, build) // join_apply.go: the build's read
	}
	// UPDATE o … FROM x JOIN t AS o …: o is read in update mode, and
	// without a point read it is scanned whole (dml_target_decl.go).
	s.markTarget(tn, tr, (ap == nil || manyPerSeek) && build == nil)
	rsc, rmask := maskedTableScope(tr, alias, outer)
	hk := s.hashKeysFor(left.sc, rsc, conds)
	if hk == nil {
		return nil, nil
	}
	combined := concatScopes(left.sc, rsc)
	combined.outer = outer
	var onPred pred
	if onPred, err = (&compiler{s: s, sc: combined}).pred(on); err != nil {
		return nil, err
	}
	masks := append(append([]*colMask(nil), left.masks...), rmask)
	j := &adaptiveJoin{s: s, tr: tr, ap: ap, build: build, mask: rmask, keys: hk, on: onPred, onImplied: hk.equalityOnly(len(conds)),
		leftOuter: leftOuter, rw: rsc.width(), manyPerSeek: manyPerSeek}
	return &source{sc: combined, masks: masks, open: func(ec *evalCtx) (rowIter, error) {
		return j.open(ec, left)
	}}, nil
}

// buildPath is the seek of right table tr (aliased alias) that the
// conjuncts naming it alone allow — ON's (conds) and where, those applied
// above an inner join — nil for none: the hash join's build reads it.
// Under ANSI_NULLS OFF a NOT NULL column compared with a variable is
// sought (ansinulls_seek.go) where both are applied where no outer join
// NULL-extends the rows: ON always, where when wherePreserved.
func (s *Session) buildPath(tr *tableRef, alias string, outer *scope, conds, where []ast.Expr, wherePreserved bool) *accessPath {
	own := ownTableConds(conds)
	if wherePreserved {
		own = append(own, where...)
	}
	var bounds []bound
	if len(own) > 0 {
		bounds = s.nullSafeBounds(tableScope(tr, alias, outer), own)
	}
	if !wherePreserved && len(where) > 0 {
		// Only bounds no NULL satisfies, for rows that may be NULL-extended.
		bounds = append(bounds, s.seekBounds(tableScope(tr, alias, outer), where)...)
	}
	if len(bounds) == 0 {
		return nil
	}
	return chooseAccess(tr.t, bounds)
}

// hashKeysFor returns the hash keys of a join of lsc (the probe side) and
// rsc (the build side) on conds, nil when no conjunct is a usable equality:
// a comparison of an expression of each side alone, both strings or both
// not (a string converted to a number cannot be hashed as the number it
// spells: seekconv.go's rule), not under ANSI_NULLS OFF with a NULL or a
// variable. Each key pair is hashed in the type the comparison converts
// both to, string keys under the collation the comparison uses
// (collationOf): under another, 'a' and 'A' would hash apart where the ON
// finds them equal.
func (s *Session) hashKeysFor(lsc, rsc *scope, conds []ast.Expr) *hashKeys {
	lc := &compiler{s: s, sc: lsc}
	rc := &compiler{s: s, sc: rsc}
	hk := &hashKeys{}
	for _, cnd := range conds {
		b, ok := cnd.(*ast.BinaryExpr)
		if !ok || b.Op != ast.OpEq {
			continue
		}
		if !s.Opts.AnsiNulls && (ansiNullsOperand(b.X) || ansiNullsOperand(b.Y)) {
			// ON a.k = @v under SET ANSI_NULLS OFF matches a NULL k when @v
			// is NULL (ansinulls.go); a hash key never matches NULL, so the
			// ON predicate must judge it.
			continue
		}
		// Each side compiles under its own scope and the enclosing queries,
		// so a name of the other side that an enclosing query also has
		// (FROM a, c … WHERE c.v = 5 inside FROM o AS c) would bind there:
		// a key naming a column of the other side is no key.
		for i, lr := range [2][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if namesOwnColumn(rsc, lr[0]) || namesOwnColumn(lsc, lr[1]) {
				continue
			}
			l, errL := lc.expr(lr[0])
			r, errR := rc.expr(lr[1])
			if errL != nil || errR != nil || l.typ.ID.IsString() != r.typ.ID.IsString() {
				continue
			}
			typ := dominantType([]types.Type{l.typ, r.typ})
			if typ.ID.IsString() {
				x, y := l, r // the comparison's operands as written
				if i == 1 {
					x, y = r, l
				}
				typ.Collation = collationOf(x, y)
			}
			hk.lkeys, hk.rkeys, hk.typs = append(hk.lkeys, l), append(hk.rkeys, r), append(hk.typs, typ)
			break
		}
	}
	if len(hk.lkeys) == 0 {
		return nil
	}
	return hk
}

// namesOwnColumn reports whether e names a column of sc itself, not of the
// scopes enclosing it (a column of that side of the join).
func namesOwnColumn(sc *scope, e ast.Expr) bool {
	hit := false
	ast.Inspect(e, func(n ast.Node) bool {
		if cr, ok := n.(*ast.ColumnRef); ok && !hit {
			if _, found, err := sc.find(cr.Name); found || err != nil {
				hit = true
			}
		}
		return !hit
	})
	return hit
}
