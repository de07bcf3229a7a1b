package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// CREATE STATISTICS and DROP STATISTICS: user statistics objects are kept
// in the table's catalog entry (catalog.Statistics) and listed by
// sys.stats / sys.stats_columns beside the indexes' own (stats_views.go);
// UPDATE STATISTICS accepts their names (maintenance.go). SSMS scripts
// them with their tables, and tuning scripts create and drop them.

// userStatistics is t's statistics object named name, or nil.
func userStatistics(t *catalog.Table, name string) *catalog.Statistics {
	for _, st := range t.Statistics {
		if strings.EqualFold(st.Name, name) {
			return st
		}
	}
	return nil
}

// newIndexTarget resolves the table a CREATE INDEX or CREATE STATISTICS
// adds name to (1088 when missing, 1913 when an index or statistics has the
// name), takes its schema lock and returns it and its table in the
// statement's mutable catalog.
func (s *Session) newIndexTarget(ctx context.Context, table *ast.Name, name string) (*tableRef, *catalog.Table, error) {
	tr, ok, err := s.resolveTable(table)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, &Error{Number: 1088, Severity: 16, State: 12, Message: "Cannot find the object \"" + nameText(table) + "\" because it does not exist or you do not have permissions."}
	}
	if tr.t.Index(name) != nil || userStatistics(tr.t, name) != nil {
		return nil, nil, &Error{Number: 1913, Severity: 16, State: 1, Message: "The operation failed because an index or statistics with name '" + name + "' already exists on table '" + tr.displayName() + "'."}
	}
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return nil, nil, err
	}
	return &tableRef{db: tr.db, cat: cat, t: t}, t, nil
}

func (s *Session) createStatistics(ctx context.Context, st *ast.CreateStatisticsStmt) error {
	tr, t, err := s.newIndexTarget(ctx, st.Table, st.Name.Name)
	if err != nil {
		return err
	}
	stat := &catalog.Statistics{Name: st.Name.Name}
	for _, c := range st.Columns {
		i, col := t.Column(c.Name)
		if col == nil {
			return ErrInvalidColumn.New(c.Name)
		}
		stat.Columns = append(stat.Columns, i)
	}
	if st.Where != nil {
		if err := checkIndexFilter(t, st.Name.Name, st.Where); err != nil { // filtered.go
			return err
		}
		stat.Filter = st.Where.SQL()
	}
	for _, o := range st.Options {
		switch o.Name {
		case "NORECOMPUTE":
			stat.NoRecompute = true
		case "AUTO_DROP":
			stat.AutoDrop = strings.EqualFold(o.Word, "ON")
		}
	}
	id := int32(1)
	for _, ix := range t.Indexes {
		id = max(id, ix.IndexID)
	}
	for _, us := range t.Statistics {
		id = max(id, us.ID)
	}
	stat.ID = id + 1
	t.Statistics = append(t.Statistics, stat)
	// Made now from the rows there are: its modification counter starts
	// at zero (stats_update.go).
	return s.markStatisticsUpdated(ctx, tr.db, t, []statsTarget{{id: stat.ID, name: stat.Name, user: true}}, st.Options)
}

func (s *Session) dropStatistics(ctx context.Context, st *ast.DropStatisticsStmt) error {
	for _, n := range st.Names {
		text := nameText(n)
		if len(n.Parts) < 2 {
			return &Error{Number: 3701, Severity: 11, State: 7, Message: "Cannot drop the statistics '" + text + "', because it does not exist or you do not have permission."}
		}
		stat := n.Parts[len(n.Parts)-1].Name
		tn := &ast.Name{Span: n.Span, Parts: n.Parts[:len(n.Parts)-1]}
		tr, ok, err := s.resolveTable(tn)
		if err != nil {
			return err
		}
		if ok && tr.t.Index(stat) != nil {
			return &Error{Number: 3739, Severity: 11, State: 1, Message: "Cannot DROP the index '" + text + "' because it is not a statistics collection."}
		}
		if !ok || userStatistics(tr.t, stat) == nil {
			return &Error{Number: 3701, Severity: 11, State: 7, Message: "Cannot drop the statistics '" + text + "', because it does not exist or you do not have permission."}
		}
		_, t, err := s.alteredTable(ctx, tr)
		if err != nil {
			return err
		}
		for i, us := range t.Statistics {
			if strings.EqualFold(us.Name, stat) {
				t.Statistics = append(t.Statistics[:i], t.Statistics[i+1:]...)
				break
			}
		}
	}
	return nil
}
