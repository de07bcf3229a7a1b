package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The FROM entry of an UPDATE or DELETE that is its target (issues #4, #5).
// `UPDATE o SET … FROM dbo.Orders AS o JOIN …` and `DELETE o FROM dbo.Orders
// o WHERE o.id = @id` read the target through that entry, so it is that
// read which must be in update mode, as the target of an UPDATE or DELETE
// without FROM is (readlock.go: U on the rows, RangeS-U on the keys of a
// SERIALIZABLE range). Read in S mode, two such statements under
// REPEATABLE READ, SERIALIZABLE or HOLDLOCK both held S on the row and
// deadlocked at their X locks (1205), where SQL Server's U locks queue the
// second behind the first. The entry is found by its AST node, so a
// subquery or a second reference of the same table (a self-join) is read
// as any other table.

// targetDecl is the FROM entry that is the target: the table a one-part
// target names as its alias, else the entry over the target's table that
// is exposed under the target's name, else the one entry over that table
// (aliasedTargetQual). It is nil when FROM does not name the target, or
// names it through something other than a table (a table variable, a
// derived table), whose reads take no locks.
func (s *Session) targetDecl(target ast.TableExpr, from []ast.TableExpr, tr *tableRef, alias string) *ast.TableName {
	if tn, ok := target.(*ast.TableName); ok && tn.Alias == nil && len(tn.Name.Parts) == 1 {
		if decl := fromAliasDecl(from, tn.Name.Last()); decl != nil {
			d, _ := decl.(*ast.TableName)
			return d
		}
	}
	if tr == nil || tr.t == nil {
		return nil
	}
	var only *ast.TableName
	n := 0
	for _, te := range flattenFrom(from) {
		tn, ok := te.(*ast.TableName)
		if !ok {
			continue
		}
		other, _, err := s.resolveTable(tn.Name)
		if err != nil || other == nil || other.t != tr.t {
			continue
		}
		if tn.Alias == nil && strings.EqualFold(tn.Name.Last(), alias) {
			return tn
		}
		n++
		only = tn
	}
	if n == 1 {
		return only
	}
	return nil
}

// buildTargetFrom is buildFrom for an UPDATE's or DELETE's FROM, marking
// the read of decl as the target's (dmlTarget) and setting the source's
// wholeTarget.
func (s *Session) buildTargetFrom(from []ast.TableExpr, where ast.Expr, decl *ast.TableName) (*source, error) {
	if decl == nil && (s.cursors == nil || s.cursors.targetDecl == nil) {
		return s.buildFrom(from, where, nil)
	}
	ps := s.cursorState()
	prev, prevWhole := ps.targetDecl, ps.wholeTarget
	ps.targetDecl, ps.wholeTarget = decl, nil
	defer func() { ps.targetDecl, ps.wholeTarget = prev, prevWhole }()
	src, err := s.buildFrom(from, where, nil)
	if err == nil {
		src.wholeTarget = ps.wholeTarget
	}
	return src, err
}

// markTarget marks tr, read for FROM entry tn, as the DML target's read
// when tn is the entry buildTargetFrom is building for; whole says the
// read has no key bound.
func (s *Session) markTarget(tn *ast.TableName, tr *tableRef, whole bool) {
	if tr != nil && tn != nil && s.cursors != nil && tn == s.cursors.targetDecl {
		tr.dmlTarget, tr.viaFrom = true, true
		if whole {
			s.cursors.wholeTarget = tr
		}
	}
}

// The table lock of a target read whole under SERIALIZABLE (issue #4).
// Such a read locks the table instead of key ranges (readlock.go): U, in
// update mode, held to the transaction's end — on a heap, which has no
// keys to lock ranges of, and on any table read without a key bound.
// Taken after the statement's IX, that lock is a conversion (IX and U
// combine to UIX), which waits for every other writer's IX; two
// such UPDATEs or DELETEs each held IX and waited for the other's, a
// deadlock (1205) on nearly every concurrent pair. SQL Server takes the
// read's U lock before the IX of the writes, so the second statement
// queues behind the first. Here the statement takes IX and the read's
// lock together, at once (runUpdate, runDelete), as MERGE does
// (mergeTableLock).

// wholeReadLock is the table lock, combined with IX, that a read of DML
// target tr with no key bound takes besides the statement's IX: UIX (U
// and IX) or X (XLOCK) under SERIALIZABLE or HOLDLOCK, else ModeNone.
// TABLOCK and TABLOCKX make the statement's lock X already
// (targetTableMode).
func (s *Session) wholeReadLock(tr *tableRef) txn.Mode {
	h := tr.hints
	if h == nil {
		h = &lockHints{}
	}
	if h.tableLock || h.tableX || h.isolation(s.Opts.Isolation) != txn.Serializable {
		return txn.ModeNone
	}
	mode := h.mode
	if mode == txn.ModeNone {
		mode = txn.ModeU
	}
	return txn.Combine(txn.ModeIX, mode)
}

// targetLockMode is the table lock an UPDATE or DELETE takes on its target
// before its first row: mode (targetTableMode), raised to the lock its
// read of the target with no key bound needs (src.wholeTarget), under the
// isolation level the statement runs at (a kept plan may run under
// another than it was built under).
func (s *Session) targetLockMode(mode txn.Mode, src *source) txn.Mode {
	if src == nil || src.wholeTarget == nil {
		return mode
	}
	if m := s.wholeReadLock(src.wholeTarget); m != txn.ModeNone {
		return txn.Combine(mode, m)
	}
	return mode
}
