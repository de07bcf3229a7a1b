package mirroring_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMetrics: the Prometheus endpoint (serve --metrics-addr) of both
// partners of a mirrored pair, scraped over HTTP as Prometheus does. The
// exposition passes promtool's lint; each partner's role and state series
// say what its sys.database_mirroring row says; the counters move with
// inserts on the principal (commits, log flushed, log sent and hardened on
// the mirror, received and redone there); a manual failover flips the
// roles, and the counters then move on the new principal.
func TestMetrics(t *testing.T) {
	c := newCluster(t, setupOptions{metrics: true})
	p, m := c.principal, c.mirror

	t.Run("lint", func(t *testing.T) {
		c := c.in(t)
		for _, s := range []*harness.Server{p, m} {
			body := c.scrapeBody(s)
			problems, err := promlint.New(bytes.NewReader(body)).Lint()
			if err != nil {
				t.Fatalf("%s: parse the exposition: %v", s.Name, err)
			}
			for _, pr := range problems {
				t.Errorf("%s: %s: %s", s.Name, pr.Metric, pr.Text)
			}
		}
	})

	t.Run("roles", func(t *testing.T) {
		c := c.in(t)
		c.metricsMatchRow(p, "PRINCIPAL")
		c.metricsMatchRow(m, "MIRROR")
	})

	t.Run("inserts", func(t *testing.T) {
		c := c.in(t)
		c.countersMove(p, m, 0)
	})

	c.manualFailover(p, m)
	c.metricsMatchRow(m, "PRINCIPAL")
	c.metricsMatchRow(p, "MIRROR")
	c.waitState(m, "SYNCHRONIZED")
	c.countersMove(m, p, 1000)
}

// metricsArgs are the serve flags of a partner with a metrics endpoint.
func metricsArgs(t *testing.T) []string {
	return []string{"--metrics-addr", fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))}
}

// countersMove inserts 40 rows on the principal and waits for the
// counters to show them on both partners: the principal's transactions
// (≥ 40 more), log flushed, log sent and mirrored write transactions, the
// mirror's log received and redone.
func (c *cluster) countersMove(principal, mirror *harness.Server, firstID int) {
	c.t.Helper()
	const n = 40
	pb, mb := c.scrape(principal), c.scrape(mirror)
	c.insertEvents(principal, firstID, firstID+n)
	db := `{database="` + dbName + `"}`
	want := []struct {
		s      *harness.Server
		before map[string]float64
		metric string
		grow   float64
	}{
		{principal, pb, "mirrorsql_database_transactions_total", n},
		{principal, pb, "mirrorsql_database_log_flushed_bytes_total", 1},
		{principal, pb, "mirrorsql_mirroring_log_sent_bytes_total", 1},
		{principal, pb, "mirrorsql_mirroring_write_transactions_total", n},
		{mirror, mb, "mirrorsql_mirroring_log_received_bytes_total", 1},
		{mirror, mb, "mirrorsql_mirroring_log_redone_bytes_total", 1},
	}
	for _, w := range want {
		key := w.metric + db
		var last float64
		c.waitFor(fmt.Sprintf("%s %s to grow by %v from %v", w.s.Name, key, w.grow, w.before[key]), 30*time.Second, func() (bool, error) {
			v, ok := c.scrape(w.s)[key]
			if !ok {
				return false, fmt.Errorf("%s: no %s", w.s.Name, key)
			}
			last = v
			return v-w.before[key] >= w.grow, nil
		})
		c.t.Logf("%s %s: %v → %v", w.s.Name, key, w.before[key], last)
	}
	// A role's counters are exported in that role only (engine/metrics).
	for s, key := range map[*harness.Server]string{principal: "mirrorsql_mirroring_log_received_bytes_total" + db, mirror: "mirrorsql_mirroring_log_sent_bytes_total" + db} {
		if v, ok := c.scrape(s)[key]; ok {
			c.t.Errorf("%s: %s = %v, a counter of the other role", s.Name, key, v)
		}
	}
}

// metricsMatchRow waits until s's role and state series agree with its
// sys.database_mirroring row (read before and after the scrape, unchanged)
// and the role is role.
func (c *cluster) metricsMatchRow(s *harness.Server, role string) {
	c.t.Helper()
	var got string
	c.waitFor(fmt.Sprintf("%s metrics: role %s as sys.database_mirroring", s.Name, role), failoverBound, func() (bool, error) {
		before, err := c.row(s)
		if err != nil {
			return false, nil
		}
		samples := c.scrape(s)
		after, err := c.row(s)
		if err != nil || before != after {
			return false, nil
		}
		mRole, mState := current(samples, "mirrorsql_mirroring_role", "role"), current(samples, "mirrorsql_mirroring_state", "state")
		got = fmt.Sprintf("metrics %s/%s, row %s/%s", mRole, mState, after.Role, after.State)
		return after.Role == role && mRole == after.Role && mState == after.State, nil
	})
	c.t.Logf("%s: %s", s.Name, got)
}

// current is the label value of the series of a state-set gauge that reads
// 1 for dbName ("" when none or several do).
func current(samples map[string]float64, metric, label string) string {
	prefix := metric + `{database="` + dbName + `",` + label + `="`
	found := ""
	for key, v := range samples {
		if v != 1 || !strings.HasPrefix(key, prefix) {
			continue
		}
		if found != "" {
			return ""
		}
		found = strings.TrimSuffix(strings.TrimPrefix(key, prefix), `"}`)
	}
	return found
}

// scrapeBody GETs s's /metrics in the text format.
func (c *cluster) scrapeBody(s *harness.Server) []byte {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.metricsAddr[s]+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s: scrape: %v", s.Name, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s: scrape: status %d, %v", s.Name, resp.StatusCode, err)
	}
	return body
}

// scrape reads s's samples as `name{labels}` → value, as the text format
// writes them.
func (c *cluster) scrape(s *harness.Server) map[string]float64 {
	c.t.Helper()
	out := map[string]float64{}
	for _, line := range strings.Split(string(c.scrapeBody(s)), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if v, err := strconv.ParseFloat(line[i+1:], 64); i > 0 && err == nil {
			out[line[:i]] = v
		}
	}
	return out
}
