package exec

// The rows an UPDATE or DELETE works on: its target, the FROM clause that
// declares it, and the distinct target rows the source yields.

import (
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// dmlSource compiles the rows an UPDATE or DELETE works on: the target alone
// (with WHERE), or the FROM clause that includes it. It returns the scope, an
// opener, and the position of the target's columns in each row.
func (s *Session) dmlSource(target ast.TableExpr, from []ast.TableExpr, where ast.Expr) (*tableRef, *source, int, error) {
	tr, alias, err := s.target(target)
	if err != nil {
		return nil, nil, 0, err
	}
	if len(from) == 0 {
		if tr == nil {
			return nil, nil, 0, ErrInvalidObject.New(target.SQL())
		}
		// plannedTable is this branch's resolution: keep them alike.
		src, err := s.targetSource(target, where)
		if err != nil {
			return nil, nil, 0, err
		}
		return tr, src, 0, nil
	}
	src, err := s.buildTargetFrom(from, where, s.targetDecl(target, from, tr, alias))
	if err != nil {
		return nil, nil, 0, err
	}
	// A one-part target that FROM declares as an alias names that source,
	// even when a table of the same name exists: UPDATE x … FROM dbo.src
	// AS x (or @t AS x, or (SELECT …) AS x) must not write dbo.x.
	if tn, ok := target.(*ast.TableName); ok && tn.Alias == nil && len(tn.Name.Parts) == 1 {
		if decl := fromAliasDecl(from, tn.Name.Last()); decl != nil {
			alias = strings.ToLower(tn.Name.Last())
			if tr, err = s.aliasDeclTarget(decl, alias); err != nil {
				return nil, nil, 0, err
			}
		}
	}
	// Find the target among the FROM sources by alias or table name.
	for _, c := range src.sc.cols {
		if c.hidden && c.name == rowKeyCol && c.qual == alias {
			if tr == nil {
				if tr, _, err = s.resolveTable(&ast.Name{Parts: []*ast.Ident{{Name: alias}}}); err != nil || tr == nil {
					return nil, nil, 0, ErrInvalidObject.New(alias)
				}
			}
			return tr, src, c.idx - len(tr.t.Columns), nil
		}
	}
	if tr == nil {
		return nil, nil, 0, ErrInvalidObject.New(alias)
	}
	// The target's table appears once in FROM, under an alias: it is that
	// reference (dba_update_target.go).
	if q, ok := s.aliasedTargetQual(tr, from); ok {
		for _, c := range src.sc.cols {
			if c.hidden && c.name == rowKeyCol && c.qual == q {
				return tr, src, c.idx - len(tr.t.Columns), nil
			}
		}
	}
	// The target is not in FROM: SQL Server joins it implicitly (cross join).
	tn, _ := target.(*ast.TableName)
	src, err = s.buildTargetFrom(append([]ast.TableExpr{target}, from...), where, tn)
	if err != nil {
		return nil, nil, 0, err
	}
	return tr, src, 0, nil
}

// fromAliasDecl is the FROM source declaring alias (lower case), or nil.
func fromAliasDecl(from []ast.TableExpr, alias string) ast.TableExpr {
	for _, te := range flattenFrom(from) {
		var a *ast.Ident
		switch t := te.(type) {
		case *ast.TableName:
			a = t.Alias
		case *ast.VariableTable:
			a = t.Alias
		case *ast.DerivedTable:
			a = t.Alias
		case *ast.TableFunc:
			a = t.Alias
		case *ast.ValuesTable:
			a = t.Alias
		}
		if a != nil && strings.EqualFold(a.Name, alias) {
			return te
		}
	}
	return nil
}

// targetSource builds the source that finds the rows of an UPDATE or
// DELETE without FROM, marked as its target's (readlock.go: the rows are
// X-locked, then read again, so a READ COMMITTED check before would only
// wait twice).
func (s *Session) targetSource(target ast.TableExpr, where ast.Expr) (*source, error) {
	s.dml.seekNullFree = s.ansiNullsSeek(target) // ansinulls_seek.go
	src, err := s.buildTableExpr(target, nil, conjuncts(where))
	s.dml.seekNullFree = false
	if err == nil && src.table != nil {
		src.table.dmlTarget = true
		if src.readsWhole {
			src.wholeTarget = src.table // dml_target_decl.go
		}
	}
	return src, err
}

// aliasDeclTarget is the table a DML target naming the alias of decl
// writes: the aliased table or table variable (a READONLY parameter is
// refused, 10700). Other sources (derived tables, functions, VALUES) are
// not writable targets here: 208, as for a name that is nothing.
func (s *Session) aliasDeclTarget(decl ast.TableExpr, alias string) (*tableRef, error) {
	switch t := decl.(type) {
	case *ast.TableName:
		if tr, _, err := s.resolveTable(t.Name); err == nil && tr != nil {
			return tr, nil
		}
	case *ast.VariableTable:
		tr, _, err := s.target(t)
		return tr, err
	}
	return nil, ErrInvalidObject.New(alias)
}

func flattenFrom(from []ast.TableExpr) []ast.TableExpr {
	var out []ast.TableExpr
	for _, te := range from {
		switch t := te.(type) {
		case *ast.Join:
			out = append(out, flattenFrom([]ast.TableExpr{t.Left, t.Right})...)
		case *ast.ParenTable:
			out = append(out, flattenFrom([]ast.TableExpr{t.Table})...)
		default:
			out = append(out, te)
		}
	}
	return out
}

// collectTargets runs the source and returns the distinct target rows with
// the full source rows they came from. p is the compiled WHERE (compileWhere),
// nil without one.
func (s *Session) collectTargets(ec *evalCtx, src *source, p pred, tr *tableRef, off int, top *ast.Top, mode txn.Mode) ([]Row, []Row, error) {
	open := src.open
	lim, err := s.dmlLimit(ec, top)
	if err != nil {
		return nil, nil, err
	}
	limit := lim.count
	if lim.percent >= 0 {
		limit = -1 // a share of all the targets: cut after the scan
	}
	it, err := open(ec)
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	n := len(tr.t.Columns) + 1
	// The keys already taken: a point UPDATE/DELETE meets one row, so the
	// first key is kept in a string and the map is made at the second.
	var firstKey string
	var haveFirst bool
	var seen map[string]bool
	var targets, full []Row
	for {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if p != nil {
			b, err := p(ec, r)
			if err != nil {
				return nil, nil, err
			}
			if !b.IsTrue() {
				continue
			}
		}
		tgt := r[off : off+n]
		if tgt[n-1].IsNull() {
			continue // outer-joined, no target row
		}
		k := tgt[n-1].Str()
		switch {
		case !haveFirst:
			firstKey, haveFirst = k, true
		case k == firstKey || seen[k]:
			continue
		default:
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[k] = true
		}
		// Read-modify-write under a lock: take the row's X lock (mode:
		// targetRowMode), then read the row again (another transaction may
		// have changed it after our scan read it and before it released the
		// lock) and check WHERE again.
		if err := s.lockRowKeyIn(ec.ctx, tr, tr.t.RowStore().StoreID, k, mode); err != nil {
			return nil, nil, err
		}
		// SNAPSHOT: a row changed since the snapshot is a conflict (3960),
		// not a row to re-check (snapshot.go).
		if s.snapshotPoint(tr.db) != nil { // not []byte(k) on every row otherwise
			if err := s.checkUpdateConflict(ec.ctx, tr, []byte(k)); err != nil {
				return nil, nil, err
			}
		}
		fresh, err := s.lookupLockedRow(ec.ctx, tr, []byte(k))
		if err != nil {
			return nil, nil, err
		}
		if fresh == nil {
			continue // deleted meanwhile
		}
		row := append(Row(nil), r...)
		copy(row[off:off+n], fresh)
		if p != nil {
			b, err := p(ec, row)
			if err != nil {
				return nil, nil, err
			}
			if !b.IsTrue() {
				continue
			}
		}
		targets = append(targets, append(Row(nil), row[off:off+n]...))
		full = append(full, row)
		if limit >= 0 && int64(len(targets)) >= limit {
			break
		}
	}
	k := lim.cut(len(targets))
	return targets[:k], full[:k], nil
}
