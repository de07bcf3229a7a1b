package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// UPDATE STATISTICS, sp_updatestats and sp_autostats. An update rebuilds
// the statistics' stored contents (stats_store.go: every row for FULLSCAN,
// a share of them for SAMPLE n PERCENT | ROWS, the last build's share for
// RESAMPLE, the default sample otherwise; rows_sampled shows it), records
// when, and starts the statistics' modification counter again from zero
// (stats_usage.go). NORECOMPUTE keeps the planner's automatic updates off
// them; INCREMENTAL is accepted.

// statsTarget is one statistics object of a table: its stats_id and name.
type statsTarget struct {
	id   int32
	name string
	user bool // CREATE STATISTICS (a column statistics), not an index's
}

// statsTargetOf is t's statistics object with id sid.
func statsTargetOf(t *catalog.Table, sid int32) (statsTarget, bool) {
	for _, x := range tableStatistics(t) {
		if x.id == sid {
			return x, true
		}
	}
	return statsTarget{}, false
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
	// WITH NORECOMPUTE turns automatic updates of these statistics off; an
	// update without it turns them back on (the UPDATE STATISTICS page).
	norecompute := false
	for _, o := range st.Options {
		norecompute = norecompute || o.Name == "NORECOMPUTE"
	}
	if err := s.setNoRecompute(ctx, tr, chosen, norecompute); err != nil {
		return err
	}
	return s.markStatisticsUpdated(ctx, tr.db, tr.t, chosen, st.Options)
}

// noRecompute reports whether statistics x of t are kept from automatic
// updates (sys.stats.no_recompute, sp_autostats' AUTOSTATS OFF).
func noRecompute(t *catalog.Table, x statsTarget) bool {
	if x.user {
		us := userStatistics(t, x.name)
		return us != nil && us.NoRecompute
	}
	ix := t.Index(x.name)
	return ix != nil && ix.NoRecompute
}

// setNoRecompute sets the no-recompute flag of stats of tr's table to on,
// changing the catalog (in the statement's transaction, as DDL) only when
// one of them differs, so routine UPDATE STATISTICS jobs take no schema
// lock.
func (s *Session) setNoRecompute(ctx context.Context, tr *tableRef, stats []statsTarget, on bool) error {
	differs := false
	for _, x := range stats {
		differs = differs || noRecompute(tr.t, x) != on
	}
	if !differs {
		return nil
	}
	_, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return err
	}
	for _, x := range stats {
		if x.user {
			if us := userStatistics(t, x.name); us != nil {
				us.NoRecompute = on
			}
		} else if ix := t.Index(x.name); ix != nil {
			ix.NoRecompute = on
		}
	}
	return nil
}

// markStatisticsUpdated records an update of stats of t now: each is
// rebuilt from the rows and stored (stats_store.go), every row or a sample
// as opts (UPDATE or CREATE STATISTICS' WITH list, nil: the default) ask.
func (s *Session) markStatisticsUpdated(ctx context.Context, db Database, t *catalog.Table, stats []statsTarget, opts []*ast.Option) error {
	word := func(name string) (string, bool) {
		for _, o := range opts {
			if o.Name == name {
				return o.Word, true
			}
		}
		return "", false
	}
	tu := tableUsageMade(db, t.ID)
	if tu == nil {
		return nil
	}
	for _, x := range stats {
		cols := statsColumns(t, x.id)
		if cols == nil {
			continue
		}
		var prev int64
		if h := tu.storedHist(x.id); h != nil {
			prev = h.every
		}
		if _, err := s.rebuildStatistics(ctx, db, t, x.id, cols, s.sampleStep(db, t, word, prev), true); err != nil {
			return err
		}
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
		tu := tableUsageMade(s.db, t.ID)
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
		if err := s.markStatisticsUpdated(ctx, s.db, t, stale, nil); err != nil {
			return err
		}
		if err := info("    " + itoa(updated) + " index(es)/statistic(s) have been updated, " + itoa(skipped) + " did not require update."); err != nil {
			return err
		}
	}
	return info("Statistics for all tables have been updated.")
}

// spAutoStats is sp_autostats @tblname [, @flagc [, @indname]]: without a
// flag, the table's statistics with their AUTOSTATS setting (OFF when
// created or last updated WITH NORECOMPUTE, or STATISTICS_NORECOMPUTE =
// ON) and last update; with one, it turns the setting ON or OFF for them
// (sys.stats.no_recompute follows).
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
	var chosen []statsTarget
	for _, x := range tableStatistics(tr.t) {
		if only != "" && !strings.EqualFold(only, x.name) {
			continue
		}
		chosen = append(chosen, x)
		on := "ON"
		if noRecompute(tr.t, x) {
			on = "OFF"
		}
		when, _, _, _ := statsFacts(tr.db, tr.t, x.id)
		rows = append(rows, Row{str(x.name), str(on), dt(when)})
	}
	if flag == "ON" || flag == "OFF" {
		if err := s.setNoRecompute(ctx, tr, chosen, flag == "OFF"); err != nil {
			return 1, err
		}
		return 0, out.Message(&Error{Number: 0, Severity: 0, State: 1,
			Message: "Automatic statistics maintenance turned " + flag + " for " + itoa(len(chosen)) + " indices."})
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
