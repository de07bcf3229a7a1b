package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A table hint INDEX (name) must name an index of the table that can be
// read: SQL Server refuses the query with 308 when the index does not exist
// and 315 when it is disabled (a disabled index has no rows, so a plan
// forced through it could not answer). The hint does not choose the access
// path here — the planner picks one from the query's conditions — but the
// refusals must be SQL Server's, or a script that works here fails there.
var (
	errHintIndexMissing  = errorKind{308, 16, 1, "Index '%s' on table '%s' (specified in the FROM clause) does not exist.", AbortStatement}
	errHintIndexDisabled = errorKind{315, 16, 1, "Index \"%s\" on table \"%s\" (specified in the FROM clause) is disabled or resides in a filegroup which is not online.", AbortStatement}
)

// checkIndexHints checks the INDEX (…) and INDEX = … hints among hs against
// tr's indexes; table is the name as the FROM clause wrote it. Index ids
// (INDEX (0), INDEX = 1) are left alone.
func checkIndexHints(tr *tableRef, table *ast.Name, hs []*ast.Option) error {
	if tr == nil || tr.t == nil {
		return nil
	}
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "INDEX") {
			continue
		}
		name := ""
		switch v := h.Value.(type) {
		case *ast.ColumnRef:
			if v.Name != nil && len(v.Name.Parts) == 1 {
				name = v.Name.Last()
			}
		case nil:
			name = h.Word
		}
		if name == "" {
			continue
		}
		ix := tr.t.Index(name)
		if ix == nil {
			return errHintIndexMissing.New(name, nameText(table))
		}
		if ix.Disabled {
			return errHintIndexDisabled.New(name, nameText(table))
		}
	}
	return nil
}
