package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// buildHelpCollations compiles sys.fn_helpcollations(): one row (name,
// description) per collation the server supports, in Collation order. SQL
// Server lists about 5,500; clients read it to learn which exist and, with
// COLLATIONPROPERTY, their code pages and LCIDs (go-mssqldb's
// TestLcidsFetching). The descriptions follow SQL Server's wording.
func (s *Session) buildHelpCollations(t *ast.TableFunc, outer *scope) (*source, error) {
	if len(t.Call.Args) != 0 {
		return nil, ErrWrongArgCount.New("fn_helpcollations", 0)
	}
	qual := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer, cols: []scopeCol{
		{qual: qual, name: "name", typ: types.NVarCharType(128), idx: 0},
		{qual: qual, name: "description", typ: types.NVarCharType(1000), idx: 1},
	}}
	return &source{sc: sc, open: func(*evalCtx) (rowIter, error) {
		cs := types.Collations()
		rows := make([]Row, len(cs))
		for i, c := range cs {
			rows[i] = Row{types.NewNVarChar(c.Name()), types.NewNVarChar(collationDescription(c))}
		}
		return &sliceIter{rows: rows}, nil
	}}, nil
}

// collationDescription describes c as fn_helpcollations does: the locale,
// then how it compares.
func collationDescription(c types.Collation) string {
	name := c.Name()
	sqlColl := strings.HasPrefix(name, "SQL_")
	locale := strings.TrimPrefix(name, "SQL_")
	// The version stays: Latin1_General_100_CI_AI is "Latin1-General-100, …",
	// Thai_100_BIN2 "Thai-100, binary code point comparison sort".
	for _, cut := range []string{"_CP1_", "_CI_", "_CS_", "_BIN"} {
		if i := strings.Index(locale, cut); i >= 0 {
			locale = locale[:i]
		}
	}
	locale = strings.ReplaceAll(locale, "_", "-")
	switch {
	case strings.HasSuffix(name, "_BIN2"):
		return locale + ", binary code point comparison sort"
	case strings.HasSuffix(name, "_BIN"):
		return locale + ", binary sort"
	}
	style, _ := c.Property("ComparisonStyle")
	d := locale + ", case-sensitive"
	if style&1 != 0 {
		d = locale + ", case-insensitive"
	}
	if style&2 != 0 {
		d += ", accent-insensitive"
	} else {
		d += ", accent-sensitive"
	}
	d += ", kanatype-insensitive, width-insensitive"
	if sqlColl {
		sortID, _ := c.Property("SortId")
		d += " for Unicode Data, SQL Server Sort Order " + itoa(int(sortID)) + " on Code Page 1252 for non-Unicode Data"
	}
	return d
}
