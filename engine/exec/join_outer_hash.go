package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// RIGHT and FULL joins on an equality (issue #5). materializedJoin reads
// the right side whole and, for each left row, evaluated ON against every
// right row: 10,000 × 10,000 rows were 10⁸ evaluations. With a usable key
// equality (hashKeysFor: the rules of the inner hash join) the right rows
// are indexed by key once, each left row evaluates ON only against the
// rows of its key, and a flag per right row records whether any left row
// matched it, for the NULL-extended rows at the end. A pair whose keys
// differ fails its key equality, so ON could not be true for it: the rows
// are the ones the nested loop returns, in its order (a key's rows keep
// the right side's order).

// hashedOuterJoin is materializedJoin for a RIGHT or FULL join whose ON
// has key equalities, nil when it has none.
func (s *Session) hashedOuterJoin(left, right *source, combined *scope, on ast.Expr, onPred pred, kind ast.JoinKind) *source {
	if kind != ast.RightJoin && kind != ast.FullJoin {
		return nil
	}
	conds := conjuncts(on)
	hk := s.hashKeysFor(left.sc, right.sc, conds)
	if hk == nil {
		return nil
	}
	check := onPred
	if hk.equalityOnly(len(conds)) {
		check = nil // the keys' equality is the whole ON
	}
	lw, rw := left.sc.width(), right.sc.width()
	return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
		hashJoinBuilds.Add(1)
		rrows, li, err := openMaterialized(ec, left, right) // from.go
		if err != nil {
			return nil, err
		}
		defer li.Close()
		byKey := make(map[string][]int, len(rrows))
		var kb []byte
		for i, r := range rrows {
			var ok bool
			if kb, ok, err = hk.key(ec, kb[:0], hk.rkeys, r); err != nil {
				return nil, err
			} else if ok { // a NULL key matches nothing
				byKey[string(kb)] = append(byKey[string(kb)], i)
			}
		}
		return joinMaterialized(ec, li, rrows, func(lrow Row) ([]int, error) {
			var ok bool
			if kb, ok, err = hk.key(ec, kb[:0], hk.lkeys, lrow); err != nil || !ok {
				return nil, err // a NULL key matches nothing
			}
			return byKey[string(kb)], nil
		}, check, kind, lw, rw)
	}}
}
