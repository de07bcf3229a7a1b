package harness

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql"
)

// Execer is what RunScript needs: *sql.DB, *sql.Conn and *sql.Tx all fit.
// Use a *sql.Conn when batches depend on session state (USE, temp tables,
// open transactions), since a *sql.DB may use a different connection for
// each batch.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// RunScript splits script on GO lines (tsql.SplitScript, as sqlcmd does) and
// executes each non-blank batch in order, GO n batches n times. It stops at
// the first error and returns it annotated with the batch's starting line.
func RunScript(ctx context.Context, db Execer, script string) error {
	for _, b := range tsql.SplitScript(script) {
		if strings.TrimSpace(stripComments(b.Text)) == "" {
			continue
		}
		for i := 0; i < max(b.Repeat, 1); i++ {
			if _, err := db.ExecContext(ctx, b.Text); err != nil {
				return fmt.Errorf("batch at line %d: %w", b.Line, err)
			}
		}
	}
	return nil
}

// MustRunScript is RunScript that fails the test on error.
func MustRunScript(tb testing.TB, db Execer, script string) {
	tb.Helper()
	if err := RunScript(context.Background(), db, script); err != nil {
		tb.Fatal(err)
	}
}

// stripComments removes -- line comments so a batch of only comments counts
// as blank. It is approximate (it ignores quotes), which is enough for that.
func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// Trio is the three instances of a mirroring session.
type Trio struct {
	Principal, Mirror, Witness *Server
}

// StartTrio starts three servers named principal, mirror and witness, each on
// its own port and data directory. Mirroring endpoints are created by the
// test with T-SQL (CREATE ENDPOINT … LISTENER_PORT = FreePort(t)).
func StartTrio(tb testing.TB) *Trio {
	tb.Helper()
	return &Trio{
		Principal: Start(tb, Options{Name: "principal"}),
		Mirror:    Start(tb, Options{Name: "mirror"}),
		Witness:   Start(tb, Options{Name: "witness"}),
	}
}

// Each returns the three servers in a fixed order (principal, mirror, witness).
func (t *Trio) Each() []*Server { return []*Server{t.Principal, t.Mirror, t.Witness} }
