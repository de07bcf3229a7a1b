package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
)

// Filtered statistics (issue #5): CREATE STATISTICS … WHERE, and a
// filtered index's own statistics, describe only the rows the filter is
// TRUE for, as SQL Server's do: their rows, density and histogram are
// those rows' (buildStatistics skips the others), and SHOW_STATISTICS
// shows the filter. An estimate uses them only for a query whose
// predicate implies the filter (stats_choose.go).

// statsFilter is the filter (T-SQL text) of statistics id of t: a
// filtered index's or a CREATE STATISTICS … WHERE one's; "" for none.
func statsFilter(t *catalog.Table, id int32) string {
	for _, ix := range t.Indexes {
		if !ix.IsHeap() && ix.IndexID == id {
			return ix.Filter
		}
	}
	for _, us := range t.Statistics {
		if us.ID == id {
			return us.Filter
		}
	}
	return ""
}

// statsRowFilter compiles filter over t's rows: nil for no filter.
func (s *Session) statsRowFilter(db Database, t *catalog.Table, filter string) (pred, error) {
	if filter == "" {
		return nil, nil
	}
	e, err := tsql.ParseExpr(filter)
	if err != nil {
		return nil, err
	}
	c := &compiler{s: s, sc: tableScope(&tableRef{db: db, t: t}, "", nil)}
	return c.pred(e)
}

// keepRow reports whether row passes p (nil: every row does).
func keepRow(ctx context.Context, s *Session, p pred, row Row) (bool, error) {
	if p == nil {
		return true, nil
	}
	b, err := p(newEvalCtx(ctx, s), row)
	return b == types.True, err
}
