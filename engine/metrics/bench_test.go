package metrics

import (
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkScrape is one GET /metrics over the fixture: the instance's
// collector alone, and the registry the endpoint serves (with the Go runtime
// and process collectors), to tell what a scrape costs and where
// (docs/benchmarks-mirroring.md).
func BenchmarkScrape(b *testing.B) {
	only := prometheus.NewRegistry()
	only.MustRegister(NewCollector(fakeSource{fixture()}))
	for _, bc := range []struct {
		name string
		reg  *prometheus.Registry
	}{
		{"collector", only},
		{"endpoint", NewRegistry(fakeSource{fixture()})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h := Handler(bc.reg, slog.New(slog.DiscardHandler))
			req := httptest.NewRequest("GET", "/metrics", nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
