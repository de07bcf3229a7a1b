package exec_test

import (
	"strings"
	"testing"
)

// TestStatisticsNoRecompute: STATISTICS_NORECOMPUTE = ON of CREATE INDEX
// and ALTER INDEX … REBUILD / SET, UPDATE STATISTICS … WITH NORECOMPUTE and
// sp_autostats … 'OFF' are kept — sys.stats.no_recompute is 1 and
// sp_autostats lists the statistics with AUTOSTATS OFF — and an update
// without NORECOMPUTE or sp_autostats … 'ON' turns them back on. The
// option was accepted and dropped: no_recompute stayed 0 and AUTOSTATS ON.
func TestStatisticsNoRecompute(t *testing.T) {
	run := newPlanProbe(t, "norecompute").traced
	for _, q := range []string{
		"CREATE DATABASE nr",
		"USE nr",
		"CREATE TABLE dbo.t (id int CONSTRAINT pk_t PRIMARY KEY, a int, b int)",
		"CREATE INDEX ix_a ON dbo.t (a) WITH (STATISTICS_NORECOMPUTE = ON)",
		"CREATE INDEX ix_b ON dbo.t (b)",
	} {
		if got := run(q); strings.Contains(got, "error") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	const stats = "SELECT name, no_recompute FROM sys.stats WHERE object_id = OBJECT_ID('dbo.t') ORDER BY stats_id"
	// autostats is sp_autostats' result set: name|AUTOSTATS per statistics.
	autostats := func() string {
		var rows []string
		for _, l := range strings.Split(run("EXEC sp_autostats 'dbo.t'"), ";") {
			if f := strings.Split(l, "|"); len(f) == 3 {
				rows = append(rows, f[0]+"|"+f[1])
			}
		}
		return strings.Join(rows, ";")
	}
	for _, tc := range []struct{ q, stats, autostats string }{
		{"", "--;pk_t|0;ix_a|1;ix_b|0", "pk_t|ON;ix_a|OFF;ix_b|ON"},
		{"ALTER INDEX pk_t ON dbo.t REBUILD WITH (STATISTICS_NORECOMPUTE = ON)", "--;pk_t|1;ix_a|1;ix_b|0", "pk_t|OFF;ix_a|OFF;ix_b|ON"},
		{"ALTER INDEX ix_a ON dbo.t SET (STATISTICS_NORECOMPUTE = OFF)", "--;pk_t|1;ix_a|0;ix_b|0", "pk_t|OFF;ix_a|ON;ix_b|ON"},
		{"UPDATE STATISTICS dbo.t ix_b WITH NORECOMPUTE", "--;pk_t|1;ix_a|0;ix_b|1", "pk_t|OFF;ix_a|ON;ix_b|OFF"},
		{"UPDATE STATISTICS dbo.t", "--;pk_t|0;ix_a|0;ix_b|0", "pk_t|ON;ix_a|ON;ix_b|ON"},
		{"EXEC sp_autostats 'dbo.t', 'OFF', 'ix_a'", "--;pk_t|0;ix_a|1;ix_b|0", "pk_t|ON;ix_a|OFF;ix_b|ON"},
		// In a transaction rolled back, the change goes with it.
		{"BEGIN TRAN; EXEC sp_autostats 'dbo.t', 'OFF'; ROLLBACK", "--;pk_t|0;ix_a|1;ix_b|0", "pk_t|ON;ix_a|OFF;ix_b|ON"},
	} {
		if tc.q != "" {
			if got := run(tc.q); strings.Contains(got, "error") {
				t.Fatalf("%s: %s", tc.q, got)
			}
		}
		if got := strings.ReplaceAll(strings.ReplaceAll(run(stats), "true", "1"), "false", "0"); got != tc.stats {
			t.Errorf("after %q: sys.stats %s, want %s", tc.q, got, tc.stats)
		}
		if got := autostats(); got != tc.autostats {
			t.Errorf("after %q: sp_autostats %s, want %s", tc.q, got, tc.autostats)
		}
	}
}
