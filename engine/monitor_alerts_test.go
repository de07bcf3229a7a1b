package engine

import (
	"strconv"
	"strings"
	"testing"
)

// TestMonitorAlertsRaised: an enabled threshold raises its event when the
// value is strictly above it, on the role it applies to, with SQL Server's
// number, state and text.
func TestMonitorAlertsRaised(t *testing.T) {
	type row struct {
		role   int
		values [5]int64 // [1] oldest unsent minutes, [2] unsent KB, [3] unrestored KB, [4] average delay ms
	}
	principal := row{1, [5]int64{1: 7, 2: 120}}
	mirror := row{2, [5]int64{3: 64}}
	tests := []struct {
		name    string
		alerts  map[int]alertSetting
		row     row
		delayMS int64
		want    []string
	}{
		{"unsent log above", map[int]alertSetting{2: {100, true}}, principal, 0,
			[]string{"32042/2: The alert for 'unsent log' has been raised. The current value of '120' surpasses the threshold '100'."}},
		{"equal is not above", map[int]alertSetting{2: {120, true}}, principal, 0, nil},
		{"disabled", map[int]alertSetting{2: {1, false}}, principal, 0, nil},
		{"oldest unsent minutes", map[int]alertSetting{1: {5, true}}, principal, 0,
			[]string{"32040/1: The alert for 'oldest unsent transaction' has been raised. The current value of '7' surpasses the threshold '5'."}},
		{"commit overhead", map[int]alertSetting{4: {10, true}}, principal, 25,
			[]string{"32044/4: The alert for 'mirror commit overhead' has been raised. The current value of '25' surpasses the threshold '10'."}},
		{"unrestored log on the mirror", map[int]alertSetting{3: {50, true}, 2: {0, true}}, mirror, 0,
			[]string{"32043/3: The alert for 'unrestored log' has been raised. The current value of '64' surpasses the threshold '50'."}},
		{"mirror threshold not on the principal", map[int]alertSetting{3: {0, true}}, row{1, [5]int64{3: 99}}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			values := tc.row.values
			values[4] = tc.delayMS
			var got []string
			for _, e := range raisedAlerts(tc.row.role, values, tc.alerts) {
				if e.Severity != 10 {
					t.Errorf("%d: severity %d, want 10", e.Number, e.Severity)
				}
				got = append(got, strconv.Itoa(int(e.Number))+"/"+strconv.Itoa(int(e.State))+": "+e.Message)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("raised %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("event %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestMonitorRowCounters: sp_dbmmonitorupdate's row takes transactions_per_sec
// from SQLServer:Databases "Transactions/sec" (every write transaction of the
// database), as the reference's dbm_monitor_data table says, not from the
// mirroring object's "Mirrored Write Transactions/sec".
func TestMonitorRowCounters(t *testing.T) {
	sql := monitorInsertSQL(5)
	for _, want := range []string{"counter_name = N'Transactions/sec' AND instance_name = DB_NAME(5)", "counter_name = N'Transaction Delay'"} {
		if !strings.Contains(sql, want) {
			t.Errorf("monitor row query lacks %q:\n%s", want, sql)
		}
	}
	if strings.Contains(sql, "Mirrored Write Transactions/sec") {
		t.Errorf("transactions_per_sec is read from Mirrored Write Transactions/sec:\n%s", sql)
	}
}
