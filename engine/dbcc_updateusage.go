package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DBCC UPDATEUSAGE ({ 0 | 'db' | db_id } [, { 'table' | object_id }
// [, index]]) [WITH [NO_INFOMSGS] [, COUNT_ROWS]]: SQL Server corrects the
// page and row counts its metadata keeps (rows only WITH COUNT_ROWS). Ours
// are the figures engine/rowcounts.go keeps; this forgets those of the
// database, or of the table's indexes (an index argument counts the whole
// table's again, which includes it), and counts them again from the store
// at once, so a figure that ever went wrong is right afterwards. It ends
// with 2528 unless NO_INFOMSGS.
func (inst *Instance) dbccUpdateUsage(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) error {
	db, err := inst.dbccTarget(ctx, s, st)
	if err != nil {
		return err
	}
	if err := db.CheckAccess(); err != nil {
		return err // a mirror copy (954) or one being restored (927) does not open
	}
	cat := db.Catalog()
	tables := cat.SortedTables()
	if len(st.Args) > 1 {
		text, err := dbccNameArg(ctx, s, st.Args[1])
		if err != nil {
			return err
		}
		t := updateUsageTable(cat, text)
		if t == nil {
			return &exec.Error{Number: 2501, Severity: 16, State: 45, Message: "Cannot find a table or object with the name '" + text + "'. Check the system catalog."}
		}
		tables = []*catalog.Table{t}
	}
	for _, t := range tables {
		for _, ix := range t.Indexes {
			db.ForgetRowCounts(ix.StoreID)
			if _, _, err := db.StoredSize(ctx, ix.StoreID); err != nil {
				return err
			}
		}
	}
	if dbccHasOption(st, "NO_INFOMSGS") {
		return nil
	}
	return out.Message(msgDBCCDone)
}

// dbccNameArg is a DBCC argument naming an object: a bare identifier or an
// expression (a string, an id).
func dbccNameArg(ctx context.Context, s *exec.Session, e ast.Expr) (string, error) {
	if cr, ok := e.(*ast.ColumnRef); ok {
		return cr.Name.Last(), nil
	}
	return s.EvalString(ctx, e)
}

// updateUsageTable resolves DBCC UPDATEUSAGE's table argument in cat: an
// object id, or a [schema.]name (dbo first, then any schema).
func updateUsageTable(cat *catalog.Database, text string) *catalog.Table {
	text = strings.TrimSpace(text)
	if id, err := strconv.Atoi(text); err == nil {
		return cat.TableByID(int32(id))
	}
	parts := strings.Split(text, ".")
	for i, p := range parts {
		parts[i] = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(p), "["), "]")
	}
	if len(parts) >= 2 {
		return cat.Table(parts[len(parts)-2], parts[len(parts)-1])
	}
	if t := cat.Table("dbo", parts[0]); t != nil {
		return t
	}
	for _, t := range cat.SortedTables() {
		if strings.EqualFold(t.Name, parts[0]) {
			return t
		}
	}
	return nil
}
