package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// UPDATE STATISTICS, sp_updatestats and sp_autostats. An update counts the
// table's rows (every row: FULLSCAN, SAMPLE n PERCENT | ROWS and RESAMPLE
// all read the whole table, so rows_sampled is rows), records when, and
// starts the statistics' modification counter again from zero
// (stats_usage.go). NORECOMPUTE and INCREMENTAL are accepted; the planner
// reads no statistics, so nothing else depends on them.

// statsTarget is one statistics object of a table: its stats_id and name.
type statsTarget struct {
	id   int32
	name string
	user bool // CREATE STATISTICS (a column statistics), not an index's
}

// tableStatistics lists t's statistics objects: its indexes' (not a heap's),
// then its CREATE STATISTICS ones.
func tableStatistics(t *catalog.Table) []statsTarget {
	var out []statsTarget
	for _, ix := range t.Indexes {
		if !ix.IsHeap() {
			out = append(out, statsTarget{id: ix.IndexID, name: ix.Name})
		}
	}
	for _, us := range t.Statistics {
		out = append(out, statsTarget{id: us.ID, name: us.Name, user: true})
	}
	return out
}

// updateStatistics runs UPDATE STATISTICS table [stats | (stats, …)]
// [WITH …]: 1088 for a table or statistics name that does not exist, as
// SQL Server. WITH INDEX and WITH COLUMNS limit an update of every
// statistics object to the indexes' or the column statistics.
func (s *Session) updateStatistics(ctx context.Context, st *ast.UpdateStatisticsStmt) error {
	tr, err := s.maintainedTable(st.Table)
	if err != nil {
		return err
	}
	all := tableStatistics(tr.t)
	var chosen []statsTarget
	for _, name := range st.Statistics {
		found := false
		for _, x := range all {
			if strings.EqualFold(x.name, name.Name) {
				chosen, found = append(chosen, x), true
				break
			}
		}
		if !found {
			return errCannotFindObject(name.Name)
		}
	}
	if st.Statistics == nil {
		indexes, columns := true, true
		for _, o := range st.Options {
			switch o.Name {
			case "INDEX":
				columns = false
			case "COLUMNS":
				indexes = false
			}
		}
		for _, x := range all {
			if (x.user && columns) || (!x.user && indexes) {
				chosen = append(chosen, x)
			}
		}
	}
	if len(chosen) == 0 {
		return nil
	}
	return s.markStatisticsUpdated(ctx, tr.db, tr.t, chosen)
}

// markStatisticsUpdated records an update of stats of t now: each is
// computed from the rows (stats_histogram.go) for its row and step counts.
func (s *Session) markStatisticsUpdated(ctx context.Context, db Database, t *catalog.Table, stats []statsTarget) error {
	tu := tableUsageMade(db, t.ID)
	if tu == nil {
		return nil
	}
	now := time.Now()
	for _, x := range stats {
		cols := statsColumns(t, x.id)
		if cols == nil {
			continue
		}
		sc, err := s.computeStatistics(ctx, db, t, cols)
		if err != nil {
			return err
		}
		tu.markUpdated(x.id, now, sc.rows, len(sc.steps))
	}
	return nil
}

// spUpdateStats is sp_updatestats: it updates the statistics of every table
// of the current database that were modified since their last update and
// reports each table as SQL Server does.
func (s *Session) spUpdateStats(ctx context.Context, out Output) error {
	info := func(text string) error {
		return out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: text})
	}
	for _, t := range s.catalogFor(s.db).SortedTables() {
		if err := info("Updating [" + t.Schema + "].[" + strings.ReplaceAll(t.Name, "]", "]]") + "]"); err != nil {
			return err
		}
		var stale []statsTarget
		updated, skipped := 0, 0
		tu := tableUsageOf(s.db, t.ID)
		for _, x := range tableStatistics(t) {
			if tu != nil && tu.modifications(x.id) > 0 {
				stale = append(stale, x)
				updated++
				if err := info("    [" + x.name + "] has been updated..."); err != nil {
					return err
				}
				continue
			}
			skipped++
			if err := info("    [" + x.name + "], update is not necessary..."); err != nil {
				return err
			}
		}
		if err := s.markStatisticsUpdated(ctx, s.db, t, stale); err != nil {
			return err
		}
		if err := info("    " + itoa(updated) + " index(es)/statistic(s) have been updated, " + itoa(skipped) + " did not require update."); err != nil {
			return err
		}
	}
	return info("Statistics for all tables have been updated.")
}

// spAutoStats is sp_autostats @tblname [, @flagc [, @indname]]: without a
// flag, the table's statistics with their AUTOSTATS setting (ON unless
// created WITH NORECOMPUTE) and last update; with one, SQL Server changes
// the setting — accepted here and reported, as the planner reads no
// statistics.
func spAutoStats(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@tblname")
	n, err := parseObjectName(name)
	if err != nil || n == nil {
		return 1, errCannotFindObject(name)
	}
	tr, err := s.maintainedTable(n)
	if err != nil {
		return 1, err
	}
	flag := strings.ToUpper(strings.TrimSpace(ArgString(args, 1, "@flagc")))
	only := ArgString(args, 2, "@indname")
	var rows []Row
	count := 0
	for _, x := range tableStatistics(tr.t) {
		if only != "" && !strings.EqualFold(only, x.name) {
			continue
		}
		count++
		on := "ON"
		if us := userStatistics(tr.t, x.name); x.user && us != nil && us.NoRecompute {
			on = "OFF"
		}
		when, _, _, _ := statsFacts(tr.db, tr.t, x.id)
		rows = append(rows, Row{str(x.name), str(on), dt(when)})
	}
	if flag == "ON" || flag == "OFF" {
		return 0, out.Message(&Error{Number: 0, Severity: 0, State: 1,
			Message: "Automatic statistics maintenance turned " + flag + " for " + itoa(count) + " indices."})
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: "Global statistics settings for [" + s.db.Name() + "]:"}); err != nil {
		return 1, err
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: "  Automatic update statistics: ON"}); err != nil {
		return 1, err
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: "  Automatic create statistics: ON"}); err != nil {
		return 1, err
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: "settings for table [" + tr.displayName() + "]"}); err != nil {
		return 1, err
	}
	cols := []ResultColumn{{Name: "Index Name", Type: vName}, {Name: "AUTOSTATS", Type: vName}, {Name: "Last Updated", Type: vDateTime, Nullable: true}}
	return 0, SendRows(s, out, cols, rows)
}

func init() { RegisterProc("sp_autostats", spAutoStats) }
