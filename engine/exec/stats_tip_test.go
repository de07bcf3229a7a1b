package exec_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestSeekTippingPoint: a nonclustered seek that would look up more rows
// than the table has pages is read as a scan, from the index's stored
// statistics (seektip.go, stats_estimate.go); a selective one keeps its
// seek, a covering one always does, and every query returns what the same
// query over an index-less heap returns. dbo.tip has 5,000 rows: 4,990
// whose cat is id % 100 and ten rare values 1001..1010.
func TestSeekTippingPoint(t *testing.T) {
	p := newPlanProbe(t, "seektip")
	p.run("CREATE TABLE dbo.tip (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL); CREATE INDEX ix_cat ON dbo.tip (cat)")
	p.run("CREATE TABLE dbo.tiph (id int NOT NULL, cat int NOT NULL, pad varchar(40) NOT NULL)")
	p.run("INSERT dbo.tip SELECT value, CASE WHEN value > 4990 THEN value - 3990 ELSE value % 100 END, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 5000)")
	p.run("INSERT dbo.tiph SELECT * FROM dbo.tip")
	_, scanReads := p.readsAndRows("SELECT * FROM dbo.tip WITH (INDEX (0))", "tip", true)
	if scanReads < 20 {
		t.Fatalf("a scan of dbo.tip reads %d pages; the test needs more", scanReads)
	}
	for _, tc := range []struct {
		q    string
		scan bool // read as a scan: the scan's reads
		max  int  // else at most this many reads
	}{
		{"SELECT * FROM dbo.tip WHERE cat > 50", true, 0},
		{"SELECT * FROM dbo.tip WHERE cat BETWEEN 10 AND 60", true, 0},
		{"SELECT * FROM dbo.tip WHERE cat IN (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)", true, 0},
		{"SELECT * FROM dbo.tip WHERE cat = 7 OR cat >= 60", true, 0},
		// 1 % and 3 % of the rows: more lookups than the table has pages,
		// but cheaper than decoding every row (seektip.go lookupRows).
		{"SELECT * FROM dbo.tip WHERE cat = 7", false, 51},
		{"SELECT * FROM dbo.tip WHERE cat IN (3, 4, 5)", false, 153},
		{"SELECT id, pad FROM dbo.tip WHERE cat > 1000", false, 12},
		{"SELECT * FROM dbo.tip WHERE cat = 1005", false, 3},
		{"SELECT * FROM dbo.tip WHERE cat BETWEEN 1002 AND 1004", false, 5},
		{"SELECT * FROM dbo.tip WHERE cat IN (1001, 1009)", false, 5},
		// Beyond the histogram, nothing changed since it was built: no row.
		{"SELECT * FROM dbo.tip WHERE cat = 5000", false, 2},
		// ix_cat covers these: no lookups, the seek is kept however many rows.
		{"SELECT cat FROM dbo.tip WHERE cat > 50", false, scanReads / 2},
		{"SELECT COUNT(*) FROM dbo.tip WHERE cat >= 0", false, scanReads / 2},
		// TOP reads in the index's order: a few lookups.
		{"SELECT TOP 3 id, pad FROM dbo.tip WHERE cat = 7 ORDER BY id", false, 5},
		// A variable's value is known when the statement runs.
		{"DECLARE @c int = 40; SELECT * FROM dbo.tip WHERE cat > @c", true, 0},
		{"DECLARE @c int = 1008; SELECT * FROM dbo.tip WHERE cat > @c", false, 4},
	} {
		got, reads := p.readsAndRows(tc.q, "tip", true)
		want, _ := p.readsAndRows(strings.ReplaceAll(tc.q, "dbo.tip", "dbo.tiph"), "tiph", true)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %d rows, want the heap's %d", tc.q, len(got), len(want))
		}
		switch {
		case tc.scan && reads != scanReads:
			t.Errorf("%s: %d logical reads, want a scan's %d", tc.q, reads, scanReads)
		case !tc.scan && reads > tc.max:
			t.Errorf("%s: %d logical reads, want a seek's %d at most (a scan reads %d)", tc.q, reads, tc.max, scanReads)
		}
	}
	// An ascending key: dbo.asc's statistics are built over 1,000 rows,
	// then 600 rows come past their last step, too few to make them stale
	// (700). A range past the last step counts the rows modified since the
	// build: a scan, not 600 lookups.
	p.run("CREATE TABLE dbo.asc (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL); CREATE INDEX ix_cat ON dbo.asc (cat)")
	p.run("INSERT dbo.asc SELECT value, value, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 1000)")
	p.run("SELECT * FROM dbo.asc WHERE cat = 5") // builds the statistics
	p.run("INSERT dbo.asc SELECT value, value, 'new' FROM GENERATE_SERIES(2001, 2600)")
	_, scanReads = p.readsAndRows("SELECT * FROM dbo.asc WITH (INDEX (0))", "asc", true)
	q := "SELECT * FROM dbo.asc WHERE cat > 2000"
	got, reads := p.readsAndRows(q, "asc", true)
	if len(got) != 600 {
		t.Errorf("%s: %d rows, want 600", q, len(got))
	}
	if reads != scanReads {
		t.Errorf("%s: %d logical reads, want a scan's %d", q, reads, scanReads)
	}
}

// TestSeekTippingPointSniffing: sp_executesql's plan is chosen for the
// first values it runs with, as SQL Server's parameter sniffing does, and
// kept for other values — slower then, never wrong — until the table's
// statistics are rebuilt.
func TestSeekTippingPointSniffing(t *testing.T) {
	p := newPlanProbe(t, "seektipsniff")
	p.run("CREATE TABLE dbo.tip (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL); CREATE INDEX ix_cat ON dbo.tip (cat)")
	p.run("CREATE TABLE dbo.tiph (id int NOT NULL, cat int NOT NULL, pad varchar(40) NOT NULL)")
	p.run("INSERT dbo.tip SELECT value, value, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 5000)")
	p.run("INSERT dbo.tiph SELECT * FROM dbo.tip")
	_, scanReads := p.readsAndRows("SELECT * FROM dbo.tip WITH (INDEX (0))", "tip", true)
	exec := func(text string, v int) (int, int) {
		q := "EXEC sp_executesql N'" + text + "', N'@p int', @p = " + strconv.Itoa(v)
		got, reads := p.readsAndRows(q, "tip", true)
		want, _ := p.readsAndRows(strings.ReplaceAll(q, "dbo.tip", "dbo.tiph"), "tiph", true)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s @p = %d: %d rows, want the heap's %d", text, v, len(got), len(want))
		}
		return len(got), reads
	}
	const a = "SELECT * FROM dbo.tip WHERE cat > @p"
	const b = "SELECT id, pad FROM dbo.tip WHERE cat > @p"
	for _, tc := range []struct {
		text      string
		p         int
		wantScan  bool
		rows, max int
	}{
		{a, 4995, false, 5, 7},    // compiled for 5 rows: a seek
		{a, 10, false, 4990, 1e9}, // the cached seek, run for 4,990 rows
		{b, 10, true, 4990, 0},    // compiled for 4,990 rows: a scan
		{b, 4995, true, 5, 0},     // the cached scan, run for 5 rows
	} {
		n, reads := exec(tc.text, tc.p)
		if n != tc.rows {
			t.Errorf("%s @p = %d: %d rows, want %d", tc.text, tc.p, n, tc.rows)
		}
		switch {
		case tc.wantScan && reads != scanReads:
			t.Errorf("%s @p = %d: %d logical reads, want a scan's %d", tc.text, tc.p, reads, scanReads)
		case !tc.wantScan && reads > tc.max:
			t.Errorf("%s @p = %d: %d logical reads, want a seek's %d at most", tc.text, tc.p, reads, tc.max)
		case !tc.wantScan && reads == scanReads:
			t.Errorf("%s @p = %d: a scan's %d logical reads, want the cached seek", tc.text, tc.p, reads)
		}
	}
	// UPDATE STATISTICS rebuilds the statistics: the cached plan is chosen
	// again for the values of its next run.
	p.run("UPDATE STATISTICS dbo.tip")
	if _, reads := exec(b, 4995); reads > 7 {
		t.Errorf("after UPDATE STATISTICS, %s @p = 4995: %d logical reads, want a seek's 7 at most", b, reads)
	}
}

// TestStatisticsStored: the statistics are built once and kept —
// SHOW_STATISTICS and sys.dm_db_stats_properties report the stored ones
// (rows, rows_sampled, modification_counter) — and rebuilt automatically
// when a query needs them after more modifications than SQL Server's
// threshold, unless NORECOMPUTE or the database's AUTO_UPDATE_STATISTICS
// OFF keeps them; UPDATE STATISTICS … WITH SAMPLE reads a sample.
func TestStatisticsStored(t *testing.T) {
	p := newPlanProbe(t, "statsstored")
	p.run("CREATE DATABASE st; USE st")
	p.run("CREATE TABLE dbo.s (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL); CREATE INDEX ix_cat ON dbo.s (cat)")
	p.run("INSERT dbo.s SELECT value, value % 50, 'x' FROM GENERATE_SERIES(1, 5000)")
	props := func() string {
		return p.rowsText("SELECT p.rows, p.rows_sampled, p.modification_counter FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.s'), 2) p")
	}
	header := func() string {
		return p.rowsText("CREATE TABLE #h (name sysname, updated datetime, rows bigint, rows_sampled bigint, steps smallint, density real, avg_key_length real," +
			" string_index char(3), filter_expression nvarchar(max), unfiltered_rows bigint, persisted_sample_percent float);" +
			" INSERT #h EXEC ('DBCC SHOW_STATISTICS (''dbo.s'', ix_cat) WITH STAT_HEADER'); SELECT rows, rows_sampled, steps FROM #h; DROP TABLE #h")
	}
	query := "SELECT * FROM dbo.s WHERE cat = 7"
	steps := []struct{ do, props, header string }{
		// Built at the first need, standing for the index's own statistics:
		// the counter still counts the 5,000 inserted rows.
		{query, "5000|5000|5000", "5000|5000|50"},
		{"UPDATE STATISTICS dbo.s", "5000|5000|0", "5000|5000|50"},
		// 1,000 modifications: under the threshold for 5,000 rows (1,500).
		{"INSERT dbo.s SELECT value, 7, 'y' FROM GENERATE_SERIES(5001, 6000); " + query, "5000|5000|1000", "5000|5000|50"},
		// 2,000: past it, the query's estimate rebuilds them.
		{"INSERT dbo.s SELECT value, 7, 'y' FROM GENERATE_SERIES(6001, 7000); " + query, "7000|7000|0", "7000|7000|50"},
		// NORECOMPUTE keeps them.
		{"UPDATE STATISTICS dbo.s WITH NORECOMPUTE", "7000|7000|0", "7000|7000|50"},
		{"DELETE dbo.s WHERE id > 5000; " + query, "7000|7000|2000", "7000|7000|50"},
		// So does AUTO_UPDATE_STATISTICS OFF.
		{"UPDATE STATISTICS dbo.s; ALTER DATABASE st SET AUTO_UPDATE_STATISTICS OFF", "5000|5000|0", "5000|5000|50"},
		{"UPDATE dbo.s SET cat = 1 WHERE id <= 3000; " + query, "5000|5000|3000", "5000|5000|50"},
		{"ALTER DATABASE st SET AUTO_UPDATE_STATISTICS ON; " + query, "5000|5000|0", "5000|5000|50"},
		// A sample: about a tenth of the rows read.
		{"UPDATE STATISTICS dbo.s WITH SAMPLE 10 PERCENT", "5000|S|0", "5000|S|"}, // a sample may miss a value: steps unchecked
		{"UPDATE STATISTICS dbo.s WITH RESAMPLE", "5000|S|0", "5000|S|"},
		{"UPDATE STATISTICS dbo.s WITH FULLSCAN", "5000|5000|0", "5000|5000|50"},
	}
	// sampled replaces the rows_sampled of a sample (about 500) by S.
	sampled := func(got string) string {
		f := strings.Split(got, "|")
		if n, err := strconv.Atoi(f[min(1, len(f)-1)]); err == nil && n >= 400 && n <= 600 {
			f[1] = "S"
		}
		return strings.Join(f, "|")
	}
	for _, st := range steps {
		p.run(st.do)
		if got := sampled(props()); got != st.props {
			t.Errorf("after %q: dm_db_stats_properties rows|rows_sampled|modification_counter %s, want %s", st.do, got, st.props)
		}
		if got := sampled(header()); got != st.header && !(strings.HasSuffix(st.header, "|") && strings.HasPrefix(got, st.header)) {
			t.Errorf("after %q: SHOW_STATISTICS rows|rows_sampled|steps %s, want %s", st.do, got, st.header)
		}
	}
}
