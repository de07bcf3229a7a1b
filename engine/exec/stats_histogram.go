package exec

import (
	"context"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Statistics contents: DBCC SHOW_STATISTICS (table, stats) [WITH
// STAT_HEADER | DENSITY_VECTOR | HISTOGRAM] and sys.dm_db_stats_histogram.
// The figures are the stored statistics' (stats_store.go), computed from
// the table's rows: rows, the density of each prefix of the statistics'
// columns, and a histogram of the leading column of at most 200 steps, as
// SQL Server builds (a step per distinct value while there are at most
// 200; otherwise 200 steps whose upper bounds are spread over the distinct
// values, the first and last always among them, NULLs in a step of their
// own first). The planner estimates rows from them (stats_estimate.go).

// maxHistogramSteps is SQL Server's limit.
const maxHistogramSteps = 200

// histStep is one histogram step.
type histStep struct {
	hi                types.Value
	rangeRows, eqRows float64
	distinctRange     int64
	avgRange          float64
}

// statsContents is what SHOW_STATISTICS reports.
type statsContents struct {
	rows    int64
	sampled int64 // rows read (rows when every row was)
	// unfiltered is the table's rows when built: rows, unless the
	// statistics are filtered (stats_filter.go).
	unfiltered int64
	density    []float64 // 1 / distinct values of each column prefix
	avgLen     []float64 // average key bytes of each prefix
	steps      []histStep
	typ        types.Type // the leading column's
}

// statsColumns are the columns of statistics id of t, by position in
// t.Columns; nil when t has no such statistics. A nonunique nonclustered
// index's key ends with the clustered index's key columns it does not
// already have (SQL Server adds them to make each key unique), so its
// density vector has a row for them too ("n", then "n, id") and its
// average key length counts them.
func statsColumns(t *catalog.Table, id int32) []int {
	for _, ix := range t.Indexes {
		if !ix.IsHeap() && ix.IndexID == id {
			out := make([]int, len(ix.Columns))
			for i, kc := range ix.Columns {
				out[i] = kc.Column
			}
			if ix.IndexID > 1 && !ix.Unique {
				out = appendClusteringKey(t, out)
			}
			return out
		}
	}
	for _, us := range t.Statistics {
		if us.ID == id {
			return us.Columns
		}
	}
	return nil
}

// appendClusteringKey appends to cols t's clustered index key columns not
// among them (none for a heap).
func appendClusteringKey(t *catalog.Table, cols []int) []int {
	for _, ix := range t.Indexes {
		if ix.IndexID != 1 {
			continue
		}
		for _, kc := range ix.Columns {
			if !slices.Contains(cols, kc.Column) {
				cols = append(cols, kc.Column)
			}
		}
	}
	return cols
}

// buildStatistics reads t's rows and computes the contents of statistics
// over cols from a sample of one row in every (1: every row, a FULLSCAN): one pass
// over the row store without locks, decoding only cols, not counted in SET
// STATISTICS IO (stats_store.go).
func (s *Session) buildStatistics(ctx context.Context, db Database, t *catalog.Table, cols []int, every int64) (*statsContents, error) {
	return s.buildFilteredStatistics(ctx, db, t, cols, every, "")
}

// buildFilteredStatistics is buildStatistics over the rows filter (T-SQL
// text, "" for every row) is TRUE for (stats_filter.go).
func (s *Session) buildFilteredStatistics(ctx context.Context, db Database, t *catalog.Table, cols []int, every int64, filter string) (*statsContents, error) {
	every = max(every, 1)
	keep, err := s.statsRowFilter(db, t, filter)
	if err != nil {
		return nil, err
	}
	it, err := s.plainReader(db).NewIterator(t.RowStore().StoreID, nil, nil, false, storage.Latest)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	typs := make([]types.Type, len(cols))
	for i, c := range cols {
		typs[i] = t.Columns[c].Type
	}
	all := t.ColumnTypes()
	row := make([]types.Value, len(all))
	need := make([]bool, len(all))
	for _, c := range cols {
		need[c] = true
	}
	if keep != nil {
		for i := range need {
			need[i] = true // the filter's columns too
		}
	}
	st := &statsContents{typ: typs[0], density: make([]float64, len(cols)), avgLen: make([]float64, len(cols))}
	var lead []types.Value
	prefixes := make([]map[string]int32, len(cols))
	for i := range prefixes {
		prefixes[i] = make(map[string]int32)
	}
	lens := make([]int64, len(cols))
	var key []byte
	pick := rand.New(rand.NewPCG(uint64(t.ID), uint64(every))) // the same sample for the same table and rate
	for it.Next() {
		st.unfiltered++
		if keep != nil {
			// A filtered statistics counts only the rows its filter keeps:
			// every row is decoded to know (the sample is of those rows).
			if _, err := types.DecodeRowProjected(row, it.Value(), all, need); err != nil {
				return nil, err
			}
			if ok, err := keepRow(ctx, s, keep, row); err != nil || !ok {
				if err != nil {
					return nil, err
				}
				continue
			}
		}
		st.rows++
		if every > 1 && pick.Uint64N(uint64(every)) != 0 {
			continue // not in the sample: a random one, not every k-th row, which periodic data would bias
		}
		if st.rows%4096 == 1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if keep == nil {
			if _, err := types.DecodeRowProjected(row, it.Value(), all, need); err != nil {
				return nil, err
			}
		}
		st.sampled++
		lead = append(lead, row[cols[0]])
		key = key[:0]
		for i, c := range cols {
			key, err = types.AppendKey(key, []types.Value{row[c]}, typs[i:i+1], nil)
			if err != nil {
				return nil, err
			}
			prefixes[i][string(key)]++
			lens[i] += int64(valueBytes(row[c]))
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	var sum int64
	for i := range cols {
		sum += lens[i]
		if n := len(prefixes[i]); n > 0 {
			st.density[i] = 1 / estimateDistinct(prefixes[i], st.sampled, st.rows)
			st.avgLen[i] = float64(sum) / float64(st.sampled)
		}
	}
	var sortErr error
	sort.SliceStable(lead, func(a, b int) bool {
		c, err := compareNullsFirst(lead[a], lead[b], typs[0])
		if err != nil {
			sortErr = err
		}
		return c < 0
	})
	if sortErr != nil {
		return nil, sortErr
	}
	st.steps = histogramSteps(lead, typs[0])
	if st.sampled > 0 && st.sampled < st.rows {
		scale := float64(st.rows) / float64(st.sampled)
		for i := range st.steps {
			h := &st.steps[i]
			h.rangeRows, h.eqRows = h.rangeRows*scale, h.eqRows*scale
			h.avgRange = 1
			if h.distinctRange > 0 {
				h.avgRange = h.rangeRows / float64(h.distinctRange)
			}
		}
	}
	return st, nil
}

// estimateDistinct is the distinct values among rows rows of which sampled
// were read, counts holding each value's occurrences in the sample: the
// sample's own count when it is every row, else the Haas-Stokes "Duj1"
// estimate n·d / (n − f1 + f1·n/N), f1 the values seen once.
func estimateDistinct(counts map[string]int32, sampled, rows int64) float64 {
	d := float64(len(counts))
	if sampled >= rows || sampled == 0 {
		return d
	}
	var f1 float64
	for _, n := range counts {
		if n == 1 {
			f1++
		}
	}
	n, big := float64(sampled), float64(rows)
	est := n * d / (n - f1 + f1*n/big)
	return min(max(est, d), big)
}

// valueBytes is a value's stored size, for the average key length: a
// string's bytes (two a character for Unicode), a fixed type's size.
func valueBytes(v types.Value) int {
	if v.IsNull() {
		return 0
	}
	id := v.Type().ID
	switch {
	case id.IsUnicode():
		return 2 * len([]rune(v.Str()))
	case id.IsString(), id.IsBinary():
		return len(v.Str())
	}
	if b, err := types.AppendKey(nil, []types.Value{v}, []types.Type{v.Type()}, nil); err == nil {
		return len(b) - 1 // the key's NULL marker
	}
	return 0
}

// histogramSteps builds the histogram of sorted (NULLs first) values.
func histogramSteps(sorted []types.Value, t types.Type) []histStep {
	type group struct {
		v types.Value
		n int64
	}
	var groups []group
	for _, v := range sorted {
		if k := len(groups); k > 0 {
			if c, err := compareNullsFirst(groups[k-1].v, v, t); err == nil && c == 0 {
				groups[k-1].n++
				continue
			}
		}
		groups = append(groups, group{v: v, n: 1})
	}
	if len(groups) == 0 {
		return nil
	}
	// Upper bounds: every group while they fit, else a NULL group (its own
	// step) and bounds spread evenly over the rest, the first and last
	// included.
	var bounds []int
	if len(groups) <= maxHistogramSteps {
		for i := range groups {
			bounds = append(bounds, i)
		}
	} else {
		first := 0
		if groups[0].v.IsNull() {
			bounds, first = append(bounds, 0), 1
		}
		slots := maxHistogramSteps - len(bounds)
		span := len(groups) - 1 - first
		for i := range slots {
			b := first + i*span/(slots-1)
			if len(bounds) == 0 || bounds[len(bounds)-1] != b {
				bounds = append(bounds, b)
			}
		}
	}
	steps := make([]histStep, 0, len(bounds))
	prev := -1
	for _, b := range bounds {
		var rangeRows int64
		for g := prev + 1; g < b; g++ {
			rangeRows += groups[g].n
		}
		distinct := int64(b - prev - 1)
		avg := 1.0
		if distinct > 0 {
			avg = float64(rangeRows) / float64(distinct)
		}
		steps = append(steps, histStep{hi: groups[b].v, rangeRows: float64(rangeRows), eqRows: float64(groups[b].n),
			distinctRange: distinct, avgRange: avg})
		prev = b
	}
	return steps
}

// ShowStatistics runs DBCC SHOW_STATISTICS (table, stats) [WITH STAT_HEADER,
// DENSITY_VECTOR, HISTOGRAM, NO_INFOMSGS] for the engine's DBCC dispatcher:
// the three result sets, or those the options name, in that order.
func (s *Session) ShowStatistics(ctx context.Context, st *ast.DbccStmt, out Output) error {
	if len(st.Args) != 2 {
		return &Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
	}
	name, err := dbccObjectName(st.Args[0])
	if err != nil {
		return err
	}
	statName, err := dbccObjectName(st.Args[1])
	if err != nil {
		return err
	}
	tr, err := s.dbccTable(name) // checkident.go
	if err != nil {
		return err
	}
	var target *statsTarget
	for _, x := range tableStatistics(tr.t) {
		if strings.EqualFold(x.name, statName) {
			target = &x
			break
		}
	}
	if target == nil {
		return &Error{Number: 2767, Severity: 16, State: 1, Message: "Could not locate statistics '" + statName + "' in the system catalogs."}
	}
	cols := statsColumns(tr.t, target.id)
	sc, err := s.shownStatistics(ctx, tr.db, tr.t, *target) // stats_store.go
	if err != nil {
		return err
	}
	header, dens, hist := true, true, true
	if len(st.Options) > 0 {
		header, dens, hist = false, false, false
		for _, o := range st.Options {
			switch o.Name {
			case "STAT_HEADER":
				header = true
			case "DENSITY_VECTOR":
				dens = true
			case "HISTOGRAM":
				hist = true
			}
		}
		if !header && !dens && !hist { // only NO_INFOMSGS
			header, dens, hist = true, true, true
		}
	}
	real := types.Type{ID: types.Real}
	if header {
		when, _, _, _ := statsFacts(tr.db, tr.t, target.id)
		filter := ""
		if ix := tr.t.Index(target.name); ix != nil {
			filter = ix.Filter
		} else if us := userStatistics(tr.t, target.name); us != nil {
			filter = us.Filter
		}
		stringIndex := "NO"
		if sc.typ.ID.IsString() {
			stringIndex = "YES"
		}
		density := 0.0
		if len(sc.steps) > 0 && sc.rows > 0 {
			density = sc.density[0]
		}
		avgLen := 0.0
		if len(sc.avgLen) > 0 {
			avgLen = sc.avgLen[len(sc.avgLen)-1]
		}
		cols := []ResultColumn{{Name: "Name", Type: vName}, {Name: "Updated", Type: vDateTime, Nullable: true},
			{Name: "Rows", Type: vBigInt}, {Name: "Rows Sampled", Type: vBigInt}, {Name: "Steps", Type: vSmallInt},
			{Name: "Density", Type: real}, {Name: "Average key length", Type: real}, {Name: "String Index", Type: types.Type{ID: types.Char, Length: 3}},
			{Name: "Filter Expression", Type: types.NVarCharType(types.MaxLength), Nullable: true}, {Name: "Unfiltered Rows", Type: vBigInt},
			{Name: "Persisted Sample Percent", Type: types.TypeFloat}}
		filterVal := types.Null(types.NVarChar)
		if filter != "" {
			filterVal = types.NewNVarChar(defaultDefinition(filter))
		}
		row := Row{str(target.name), dt(when), types.NewBigInt(sc.rows), types.NewBigInt(sc.sampled), types.NewSmallInt(int16(len(sc.steps))),
			types.NewReal(float32(density)), types.NewReal(float32(avgLen)), types.NewString(types.Char, stringIndex), filterVal, types.NewBigInt(sc.unfiltered), types.NewFloat(0)}
		if err := SendRows(s, out, cols, []Row{row}); err != nil {
			return err
		}
	}
	if dens {
		var rows []Row
		names := make([]string, 0, len(cols))
		for i, c := range cols {
			names = append(names, tr.t.Columns[c].Name)
			rows = append(rows, Row{types.NewReal(float32(sc.density[i])), types.NewReal(float32(sc.avgLen[i])), str(strings.Join(names, ", "))})
		}
		if err := SendRows(s, out, []ResultColumn{{Name: "All density", Type: real}, {Name: "Average Length", Type: real},
			{Name: "Columns", Type: types.NVarCharType(4000)}}, rows); err != nil {
			return err
		}
	}
	if hist {
		rows := make([]Row, len(sc.steps))
		for i, h := range sc.steps {
			rows[i] = Row{h.hi, types.NewReal(float32(h.rangeRows)), types.NewReal(float32(h.eqRows)), types.NewBigInt(h.distinctRange), types.NewReal(float32(h.avgRange))}
		}
		if err := SendRows(s, out, []ResultColumn{{Name: "RANGE_HI_KEY", Type: sc.typ, Nullable: true}, {Name: "RANGE_ROWS", Type: real},
			{Name: "EQ_ROWS", Type: real}, {Name: "DISTINCT_RANGE_ROWS", Type: vBigInt}, {Name: "AVG_RANGE_ROWS", Type: real}}, rows); err != nil {
			return err
		}
	}
	return nil
}

// statsHistogram is sys.dm_db_stats_histogram(object_id, stats_id): the
// steps of SHOW_STATISTICS' histogram, range_high_key as sql_variant.
func statsHistogram(s *Session, args []types.Value) ([]Row, error) {
	oid, ok1 := ArgInt32(args[0])
	sid, ok2 := ArgInt32(args[1])
	if !ok1 || !ok2 {
		return nil, nil
	}
	t := s.catalogFor(s.db).TableByID(oid)
	if t == nil {
		return nil, nil
	}
	x, ok := statsTargetOf(t, sid)
	if !ok {
		return nil, nil
	}
	sc, err := s.shownStatistics(context.Background(), s.db, t, x) // stats_store.go
	if err != nil {
		return nil, err
	}
	out := make([]Row, len(sc.steps))
	for i, h := range sc.steps {
		out[i] = Row{i32(oid), i32(sid), i32(int32(i + 1)), h.hi, types.NewReal(float32(h.rangeRows)),
			types.NewReal(float32(h.eqRows)), types.NewBigInt(h.distinctRange), types.NewReal(float32(h.avgRange))}
	}
	return out, nil
}

func init() {
	real := types.Type{ID: types.Real}
	RegisterTableFunc(TableFunc{Name: "dm_db_stats_histogram", MinArgs: 2, MaxArgs: 2, Rows: statsHistogram,
		Cols: []ViewColumn{{Name: "object_id", Type: vInt}, {Name: "stats_id", Type: vInt}, {Name: "step_number", Type: vInt},
			{Name: "range_high_key", Type: types.Type{ID: types.SQLVariant}}, {Name: "range_rows", Type: real},
			{Name: "equal_rows", Type: real}, {Name: "distinct_range_rows", Type: vBigInt}, {Name: "average_range_rows", Type: real}}})
}
