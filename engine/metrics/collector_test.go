package metrics

import (
	"bytes"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/mirrorsql/mirrorsql/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeSource serves fixed counters: a principal, a mirror that is
// synchronizing, an unmirrored database and a state this package does not
// know yet.
type fakeSource struct{ c engine.Counters }

func (f fakeSource) Counters() engine.Counters { return f.c }

func fixture() engine.Counters {
	return engine.Counters{
		Databases: []engine.DatabaseCounters{
			{Name: "master", Transactions: 12, LogFlushes: 10, LogFlushedBytes: 40960, LogSizeBytes: 1 << 20, LogUsedBytes: 8192},
			{Name: "shop", Transactions: 1500, LogFlushes: 700, LogFlushedBytes: 2867200, LogSizeBytes: 4 << 20, LogUsedBytes: 3 << 20,
				Mirroring: &engine.MirroringCounters{Role: 1, RoleDesc: "PRINCIPAL", State: 4, StateDesc: "SYNCHRONIZED",
					SentBytes: 2863104, SendQueueBytes: 4096, MirroredTransactions: 1490, TransactionDelay: 2980 * time.Millisecond,
					AverageHardenTime: 2 * time.Millisecond}},
			{Name: "stock", Transactions: 0, LogFlushes: 30, LogFlushedBytes: 122880, LogSizeBytes: 1 << 20, LogUsedBytes: 1 << 20,
				Mirroring: &engine.MirroringCounters{Role: 2, RoleDesc: "MIRROR", State: 2, StateDesc: "SYNCHRONIZING",
					ReceivedBytes: 122880, RedoneBytes: 65536, RedoQueueBytes: 57344}},
			{Name: "later", Mirroring: &engine.MirroringCounters{Role: 2, RoleDesc: "MIRROR", State: 9, StateDesc: "State(9)"}},
		},
		LockWaits: 7, LockWaitTime: 1500 * time.Millisecond, Deadlocks: 2, UserConnections: 5,
	}
}

// TestCollectorGolden compares the exposition of the fixture with
// testdata/fixture.prom (-update rewrites it).
func TestCollectorGolden(t *testing.T) {
	c := NewCollector(fakeSource{fixture()})
	golden := filepath.Join("testdata", "fixture.prom")
	if *update {
		reg := prometheus.NewPedanticRegistry()
		reg.MustRegister(c)
		rec := httptest.NewRecorder()
		Handler(reg, testLogger(t)).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		if err := os.WriteFile(golden, rec.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if err := testutil.CollectAndCompare(c, bytes.NewReader(want)); err != nil {
		t.Error(err)
	}
}

// TestCollectorValues checks, metric by metric, the conversions: bytes,
// seconds from durations, the role and state sets with exactly one 1, the
// counters of the database's role only, and no mirroring series for a
// database that is not mirrored.
func TestCollectorValues(t *testing.T) {
	c := NewCollector(fakeSource{fixture()})
	tests := []struct {
		name, metric, labels string
		want                 float64
	}{
		{"transactions", "mirrorsql_database_transactions_total", `database="shop"`, 1500},
		{"flushed bytes", "mirrorsql_database_log_flushed_bytes_total", `database="shop"`, 2867200},
		{"send queue in bytes", "mirrorsql_mirroring_log_send_queue_bytes", `database="shop"`, 4096},
		{"delay in seconds", "mirrorsql_mirroring_transaction_delay_seconds_total", `database="shop"`, 2.98},
		{"harden time in seconds", "mirrorsql_mirroring_log_harden_seconds", `database="shop"`, 0.002},
		{"principal role", "mirrorsql_mirroring_role", `database="shop",role="PRINCIPAL"`, 1},
		{"not mirror", "mirrorsql_mirroring_role", `database="shop",role="MIRROR"`, 0},
		{"mirror synchronizing", "mirrorsql_mirroring_state", `database="stock",state="SYNCHRONIZING"`, 1},
		{"mirror not synchronized", "mirrorsql_mirroring_state", `database="stock",state="SYNCHRONIZED"`, 0},
		{"unknown state kept", "mirrorsql_mirroring_state", `database="later",state="State(9)"`, 1},
		{"redone bytes", "mirrorsql_mirroring_log_redone_bytes_total", `database="stock"`, 65536},
		{"lock wait seconds", "mirrorsql_lock_wait_seconds_total", ``, 1.5},
		{"deadlocks", "mirrorsql_deadlocks_total", ``, 2},
		{"user connections", "mirrorsql_user_connections", ``, 5},
	}
	samples := scrape(t, c)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.metric
			if tc.labels != "" {
				key += "{" + tc.labels + "}"
			}
			got, ok := samples[key]
			if !ok {
				t.Fatalf("%s: no such sample", key)
			}
			if got != tc.want {
				t.Errorf("%s = %v, want %v", key, got, tc.want)
			}
		})
	}
	absent := []string{
		`mirrorsql_mirroring_log_received_bytes_total{database="shop"}`, // a principal's
		`mirrorsql_mirroring_log_sent_bytes_total{database="stock"}`,    // a mirror's
		`mirrorsql_mirroring_write_transactions_total{database="stock"}`,
	}
	for _, key := range absent {
		if _, ok := samples[key]; ok {
			t.Errorf("%s: a counter of the other role is exported", key)
		}
	}
	for key := range samples {
		if strings.HasPrefix(key, "mirrorsql_mirroring_") && strings.Contains(key, `database="master"`) {
			t.Errorf("%s: an unmirrored database has mirroring series", key)
		}
	}
}

// TestLint runs promtool's checks (client_golang's promlint) over the
// collector and over the whole registry the endpoint serves.
func TestLint(t *testing.T) {
	problems, err := testutil.CollectAndLint(NewCollector(fakeSource{fixture()}))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
	reg := NewRegistry(fakeSource{fixture()})
	if _, err := reg.Gather(); err != nil {
		t.Fatalf("gather the registry: %v", err)
	}
	if n, err := testutil.GatherAndCount(reg, "go_goroutines", "process_cpu_seconds_total"); err != nil || n < 1 {
		t.Errorf("Go and process collectors: %d series (%v), want them registered", n, err)
	}
}

// TestInvalidLabelDoesNotPanic: a database name that is not UTF-8 fails its
// series, not the process.
func TestInvalidLabelDoesNotPanic(t *testing.T) {
	c := fixture()
	c.Databases = append(c.Databases, engine.DatabaseCounters{Name: "bad\xff"})
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(fakeSource{c}))
	if _, err := reg.Gather(); err == nil {
		t.Error("gather succeeded with an invalid label value")
	}
	rec := httptest.NewRecorder()
	Handler(reg, testLogger(t)).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `mirrorsql_database_transactions_total{database="shop"} 1500`) {
		t.Errorf("status %d, body without the valid series:\n%s", rec.Code, rec.Body.String())
	}
}

// scrape collects c into "name{labels}" → value.
func scrape(t *testing.T, c prometheus.Collector) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+`="`+l.GetValue()+`"`)
			}
			key := mf.GetName()
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[key] = m.GetGauge().GetValue()
			}
		}
	}
	return out
}
