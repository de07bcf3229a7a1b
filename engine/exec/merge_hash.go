package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MERGE's scanned target hashed on the ON's equalities (issue #5). When
// the target is read whole — WHEN NOT MATCHED BY SOURCE, an ON on columns
// no unique key covers, a view, an INDEX or FORCESCAN hint — runMerge
// compared every source row with every target row: 10,000 × 10,000 rows
// evaluated ON a hundred million times. The target rows are now hashed
// once on the target side of ON's equality conjuncts (t.code = s.code,
// t.a + 1 = s.b), and each source row probes the hash for the rows whose
// keys equal its own; ON still judges each of them. The target, not the
// source, is hashed: the target is read whole anyway, and probing in the
// source's order keeps what the nested comparison gave — the candidates
// of a source row in the target's order, actions and OUTPUT rows in the
// source's order, identities of inserted rows assigned in that order.
//
// An equality joins the hash only when its keys compare as the hash
// compares them: both string or both not (as the hash join,
// hashjoin.go), and not under SET ANSI_NULLS OFF when a side may be NULL
// by way of a variable or literal (NULL = NULL is then true, a NULL key
// never hashes). Without such an equality the comparison stays nested.

// mergeHash is the target rows keyed by the target side of ON's equalities.
type mergeHash struct {
	keys *hashKeys // lkeys: the source side, rkeys: the target side
	rows map[string][]int
	buf  []byte
	// broken: a target key failed to evaluate; every source row is
	// compared with every target row.
	broken bool
}

// newMergeHash compiles ON's equality conjuncts between a target
// expression (tsc) and a source expression (ssc), or returns nil when ON
// has none.
func (s *Session) newMergeHash(on ast.Expr, tsc, ssc *scope) *mergeHash {
	tc, sc := &compiler{s: s, sc: tsc}, &compiler{s: s, sc: ssc}
	hk := &hashKeys{}
	for _, cnd := range conjuncts(on) {
		b, ok := cnd.(*ast.BinaryExpr)
		if !ok || b.Op != ast.OpEq {
			continue
		}
		if !s.Opts.AnsiNulls && (ansiNullsOperand(b.X) || ansiNullsOperand(b.Y)) {
			continue
		}
		for _, ts := range [2][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			// Each side must name only its own columns: compiled alone, a
			// name of the other side would fail, or bind elsewhere.
			if namesOwnColumn(ssc, ts[0]) || namesOwnColumn(tsc, ts[1]) {
				continue
			}
			t, errT := tc.expr(ts[0])
			src, errS := sc.expr(ts[1])
			if errT != nil || errS != nil || t.typ.ID.IsString() != src.typ.ID.IsString() {
				continue
			}
			hk.lkeys, hk.rkeys = append(hk.lkeys, src), append(hk.rkeys, t)
			hk.typs = append(hk.typs, dominantType([]types.Type{src.typ, t.typ}))
			break
		}
	}
	if len(hk.lkeys) == 0 {
		return nil
	}
	return &mergeHash{keys: hk}
}

// candidates returns the indexes of the target rows source row sr may
// match, in the target's order: those whose keys equal sr's. all is true
// when the hash cannot say — its keys failed to evaluate (a conversion,
// a division by zero) where ON, whose other conjuncts may rule the row out
// first, would not have failed — and every target row is a candidate, as
// before. The hash is built at the first probe, so an empty source
// evaluates no key.
func (h *mergeHash) candidates(ec *evalCtx, targets []Row, sr Row) (idx []int, all bool) {
	if h.broken || len(targets) == 0 {
		return nil, h.broken
	}
	if h.rows == nil && !h.build(ec, targets) {
		h.broken = true
		return nil, true
	}
	k, ok, err := h.keys.key(ec, h.buf[:0], h.keys.lkeys, sr)
	h.buf = k
	if err != nil {
		return nil, true
	}
	if !ok {
		return nil, false // a NULL key equals nothing
	}
	return h.rows[string(k)], false
}

// build hashes the target rows; a row with a NULL key matches no source
// row and is left out. It reports false when a key fails to evaluate.
func (h *mergeHash) build(ec *evalCtx, targets []Row) bool {
	h.rows = make(map[string][]int, len(targets))
	for i, r := range targets {
		k, ok, err := h.keys.key(ec, h.buf[:0], h.keys.rkeys, r)
		if err != nil {
			return false
		}
		h.buf = k
		if ok {
			h.rows[string(k)] = append(h.rows[string(k)], i)
		}
	}
	return true
}

// moved notes that target row i was read again under its lock (merge_lock.go)
// and changed from old to fresh: when its keys changed, later source rows
// must find it under its new keys, as the nested comparison, which reads
// targets[i] each time, would.
func (h *mergeHash) moved(ec *evalCtx, i int, old, fresh Row) {
	if h.rows == nil || h.broken {
		return
	}
	ko, okO, errO := h.keys.key(ec, nil, h.keys.rkeys, old)
	kn, okN, errN := h.keys.key(ec, nil, h.keys.rkeys, fresh)
	switch {
	case errO != nil || errN != nil:
		h.broken = true
	case okN && (!okO || string(ko) != string(kn)):
		h.rows[string(kn)] = append(h.rows[string(kn)], i)
	}
}
