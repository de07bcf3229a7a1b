package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// viewRows is one read of a system view, its values found by column name:
// the compatibility views (compat_sys*.go) are built from the catalog views
// SQL Server defines them over, so the two never disagree, and a view that
// hides objects from a principal (sysviews_visible.go) hides them in the
// compatibility view too.
type viewRows struct {
	rows []Row
	at   map[string]int
}

// readView reads system view name ("sys.columns") of db; no rows when the
// view is not registered (the engine registers some, RegisterView).
func readView(s *Session, db Database, name string) (viewRows, error) {
	vt := systemViews[name]
	if vt == nil {
		return viewRows{}, nil
	}
	rows, err := vt.rows(s, db)
	if err != nil {
		return viewRows{}, err
	}
	at := make(map[string]int, len(vt.cols))
	for i, c := range vt.cols {
		at[strings.ToLower(c.name)] = i
	}
	return viewRows{rows: rows, at: at}, nil
}

// get is column col of r converted to t; NULL when the view has no such
// column or the value does not convert.
func (v viewRows) get(r Row, col string, t types.Type) types.Value {
	i, ok := v.at[col]
	if !ok || r[i].IsNull() {
		return types.Null(t.ID)
	}
	if r[i].TypeID() == t.ID {
		return r[i]
	}
	x, err := types.Convert(r[i], t, 0)
	if err != nil {
		return types.Null(t.ID)
	}
	return x
}

// int64Of is column col of r as an integer (0 when NULL or absent).
func (v viewRows) int64Of(r Row, col string) int64 {
	i, ok := v.at[col]
	if !ok || r[i].IsNull() {
		return 0
	}
	return r[i].Int64()
}

// textOf is column col of r as text ("" when NULL or absent).
func (v viewRows) textOf(r Row, col string) string {
	i, ok := v.at[col]
	if !ok || r[i].IsNull() {
		return ""
	}
	t, _ := asText(r[i])
	return t
}
