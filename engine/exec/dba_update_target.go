package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// aliasedTargetQual finds the FROM reference of a DML target written by
// table name when FROM names that table once, under an alias:
//
//	UPDATE #r SET Details = Details + N'…' FROM #r AS abr WHERE abr.CheckID = 1
//
// SQL Server's rule (UPDATE, "FROM table_source"): if the object updated is
// the same as the one in FROM and FROM references it once, the alias may or
// may not be given — the target is that reference, not a second instance
// cross-joined to it (which made every unqualified column ambiguous, 209;
// sp_BlitzFirst's backup check). qual is the reference's qualifier (its
// alias, lower case); ok is false when FROM has the table not exactly once.
func (s *Session) aliasedTargetQual(tr *tableRef, from []ast.TableExpr) (qual string, ok bool) {
	if tr == nil || tr.t == nil {
		return "", false
	}
	n := 0
	for _, te := range flattenFrom(from) {
		tn, isName := te.(*ast.TableName)
		if !isName {
			continue
		}
		other, _, err := s.resolveTable(tn.Name)
		if err != nil || other == nil || other.t != tr.t {
			continue
		}
		n++
		qual = strings.ToLower(tn.Name.Last())
		if tn.Alias != nil {
			qual = strings.ToLower(tn.Alias.Name)
		}
	}
	return qual, n == 1
}
