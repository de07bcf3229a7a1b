package exec_test

import (
	"context"
	"math/rand"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// planProbe runs batches as sa in a fresh instance and reads SET
// STATISTICS IO beside a query's rows: the plan-shape tests (join seeks,
// driving tables, ordered index reads) compare a query's logical reads with
// a twin's, and its rows with the twin's rows.
type planProbe struct {
	t    *testing.T
	ctx  context.Context
	s    *exec.Session
	inst *engine.Instance // for a second session
}

func newPlanProbe(t *testing.T, name string) *planProbe {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	inst := openExecTestInstance(t, name)
	return &planProbe{t: t, ctx: ctx, s: newSASession(t, inst), inst: inst}
}

// run executes a batch and returns its trace lines; an error fails the test.
func (p *planProbe) run(q string) []string {
	p.t.Helper()
	out := &aggTrace{}
	if err := p.s.ExecBatch(p.ctx, q, out); err != nil {
		p.t.Fatalf("%s: %v", q, err)
	}
	return out.lines
}

// insertRows inserts rows 1..n into table, row(i) giving each one's VALUES
// tuple, a thousand to a statement.
func (p *planProbe) insertRows(table string, n int, row func(i int) string) {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if b.Len() == 0 {
			b.WriteString("INSERT " + table + " VALUES ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(row(i))
		if i%1000 == 0 || i == n {
			p.run(b.String())
			b.Reset()
		}
	}
}

// readsAndRows runs q under SET STATISTICS IO: the logical reads summed
// over the tables whose names match tables (a regexp alternation), and the
// rows, sorted when sorted is set (a join's order is not promised).
func (p *planProbe) readsAndRows(q, tables string, sorted bool) (rows []string, reads int) {
	readsOf := regexp.MustCompile(`^msg 3615: Table '(?:` + tables + `)'\. Scan count \d+, logical reads (\d+),`)
	for _, l := range p.run("SET STATISTICS IO ON; " + q + "; SET STATISTICS IO OFF") {
		if m := readsOf.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			reads += n
		} else if l != "--" && !strings.HasPrefix(l, "msg ") {
			rows = append(rows, l)
		}
	}
	if sorted {
		sort.Strings(rows)
	}
	return rows, reads
}

// intOrNull returns a generator of integer literals below n, NULL one
// time in six.
func intOrNull(rng *rand.Rand) func(n int) string {
	return func(n int) string {
		if rng.Intn(6) == 0 {
			return "NULL"
		}
		return strconv.Itoa(rng.Intn(n))
	}
}

// rowsText runs q and returns its rows joined by commas (no result-set
// markers or messages): a compact form for table-driven expectations.
func (p *planProbe) rowsText(q string) string {
	p.t.Helper()
	var rows []string
	for _, l := range p.run(q) {
		if l != "--" && !strings.HasPrefix(l, "msg ") {
			rows = append(rows, l)
		}
	}
	return strings.Join(rows, ",")
}

// traced runs q and returns its trace lines joined by ';', an error the
// batch returns appended as "returned: …" rather than failing the test:
// for expectations that include the error.
func (p *planProbe) traced(q string) string {
	out := &aggTrace{}
	if err := p.s.ExecBatch(p.ctx, q, out); err != nil {
		out.lines = append(out.lines, "returned: "+err.Error())
	}
	return strings.Join(out.lines, ";")
}
