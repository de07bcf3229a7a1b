package exec

import (
	"strings"

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
// the read of decl as the target's (dmlTarget).
func (s *Session) buildTargetFrom(from []ast.TableExpr, where ast.Expr, decl *ast.TableName) (*source, error) {
	if decl == nil && (s.cursors == nil || s.cursors.targetDecl == nil) {
		return s.buildFrom(from, where, nil)
	}
	ps := s.cursorState()
	prev := ps.targetDecl
	ps.targetDecl = decl
	defer func() { ps.targetDecl = prev }()
	return s.buildFrom(from, where, nil)
}

// markTarget marks tr, read for FROM entry tn, as the DML target's read
// when tn is the entry buildTargetFrom is building for.
func (s *Session) markTarget(tn *ast.TableName, tr *tableRef) {
	if tr != nil && tn != nil && s.cursors != nil && tn == s.cursors.targetDecl {
		tr.dmlTarget = true
	}
}
