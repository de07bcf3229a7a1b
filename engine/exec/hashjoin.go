package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// tryHashJoin builds a hash join when the right side is a base table that no
// index can seek for this join and ON has equality conjuncts between right
// columns and left expressions. It returns nil when a nested loop fits better.
func (s *Session) tryHashJoin(left *source, rightTE ast.TableExpr, conds []ast.Expr, on ast.Expr, leftOuter bool, outer *scope) (*source, error) {
	tn, ok := rightTE.(*ast.TableName)
	if !ok || len(conds) == 0 {
		return nil, nil
	}
	tr, ok, err := s.resolveTable(tn.Name)
	if err != nil || !ok {
		return nil, err
	}
	alias := ""
	if tn.Alias != nil {
		alias = tn.Alias.Name
	}
	correlatedScope := tableScope(tr, alias, left.sc)
	if chooseAccess(tr.t, s.seekBounds(correlatedScope, conds)) != nil {
		return nil, nil // an index nested loop is better
	}
	rsc, rmask := maskedTableScope(tr, alias, outer)
	lc := &compiler{s: s, sc: left.sc}
	rc := &compiler{s: s, sc: rsc}
	var lkeys, rkeys []*expr
	for _, cnd := range conds {
		b, ok := cnd.(*ast.BinaryExpr)
		if !ok || b.Op != ast.OpEq {
			continue
		}
		l, errL := lc.expr(b.X)
		r, errR := rc.expr(b.Y)
		if errL != nil || errR != nil {
			l, errL = lc.expr(b.Y)
			r, errR = rc.expr(b.X)
		}
		if errL != nil || errR != nil || l.typ.ID.IsString() != r.typ.ID.IsString() {
			continue
		}
		lkeys, rkeys = append(lkeys, l), append(rkeys, r)
	}
	if len(lkeys) == 0 {
		return nil, nil
	}
	keyTypes := make([]types.Type, len(lkeys))
	for i := range lkeys {
		keyTypes[i] = dominantType([]types.Type{lkeys[i].typ, rkeys[i].typ})
	}
	combined := concatScopes(left.sc, rsc)
	combined.outer = outer
	var onPred pred
	if onPred, err = (&compiler{s: s, sc: combined}).pred(on); err != nil {
		return nil, err
	}
	rw := rsc.width()
	keyOf := func(ec *evalCtx, keys []*expr, row Row) (string, bool, error) {
		vals := make([]types.Value, len(keys))
		for i, k := range keys {
			v, err := k.eval(ec, row)
			if err != nil {
				return "", false, err
			}
			if v.IsNull() {
				return "", false, nil
			}
			if vals[i], err = convertTo(v, keyTypes[i]); err != nil {
				return "", false, err
			}
		}
		return rowKey(vals, keyTypes), true, nil
	}
	masks := append(append([]*colMask(nil), left.masks...), rmask)
	return &source{sc: combined, masks: masks, open: func(ec *evalCtx) (rowIter, error) {
		ri, err := s.scanCols(ec, tr, nil, nil, false, rmask)
		if err != nil {
			return nil, err
		}
		rrows, err := drain(ri)
		if err != nil {
			return nil, err
		}
		table := map[string][]Row{}
		for _, r := range rrows {
			k, ok, err := keyOf(ec, rkeys, r)
			if err != nil {
				return nil, err
			}
			if ok {
				table[k] = append(table[k], r)
			}
		}
		li, err := left.open(ec)
		if err != nil {
			return nil, err
		}
		var pending []Row
		return &funcIter{next: func() (Row, error) {
			for len(pending) == 0 {
				lrow, err := li.Next()
				if err != nil {
					return nil, err
				}
				k, ok, err := keyOf(ec, lkeys, lrow)
				if err != nil {
					return nil, err
				}
				var matches []Row
				if ok {
					for _, r := range table[k] {
						row := joinRow(lrow, r, rw)
						b, err := onPred(ec, row)
						if err != nil {
							return nil, err
						}
						if b.IsTrue() {
							matches = append(matches, row)
						}
					}
				}
				if len(matches) == 0 && leftOuter {
					matches = append(matches, joinRow(lrow, nil, rw))
				}
				pending = matches
			}
			r := pending[0]
			pending = pending[1:]
			return r, nil
		}, close: li.Close}, nil
	}}, nil
}
