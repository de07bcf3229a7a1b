package tests

import (
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tsql"
)

// update rewrites the expectations of testdata/scripts/*.sql from what the
// in-process engine produced. Use it only to add expectations for new
// batches, then review the diff against SQL Server's documented behaviour.
var update = flag.Bool("update", false, "rewrite testdata/scripts expectations from in-process results")

// Directives of the script format; see testdata/scripts/README.md.
const (
	dirExpect  = "-- expect:"
	dirError   = "-- error:"
	dirMessage = "-- message:"
	dirRow     = "-- "
	dirSkip    = "-- skip:"
)

// scriptBatch is one batch of a corpus script with its expected events.
type scriptBatch struct {
	Line   int      // first line of the batch in the file
	SQL    string   // batch text without directive lines
	Want   []string // expected event lines, in the directive syntax
	Repeat int      // GO n
	Skip   string   // reason from a "-- skip:" directive (a known bug)
}

// parseScript splits a corpus file into batches and their expectations.
func parseScript(text string) []scriptBatch {
	var out []scriptBatch
	for _, b := range tsql.SplitScript(text) {
		sb := scriptBatch{Line: b.Line, Repeat: b.Repeat}
		var sql []string
		inRows := false
		for _, line := range strings.Split(b.Text, "\n") {
			line = strings.TrimRight(line, "\r")
			switch {
			case strings.HasPrefix(line, dirSkip):
				sb.Skip = strings.TrimSpace(strings.TrimPrefix(line, dirSkip))
				sql = append(sql, line)
				inRows = false
			case line == dirExpect || strings.HasPrefix(line, dirExpect+" "):
				sb.Want = append(sb.Want, strings.TrimRight(line, " "))
				inRows = true
			case strings.HasPrefix(line, dirError), strings.HasPrefix(line, dirMessage):
				sb.Want = append(sb.Want, strings.TrimRight(line, " "))
				inRows = false
			case inRows && strings.HasPrefix(line, dirRow):
				sb.Want = append(sb.Want, line)
			default:
				inRows = false
				sql = append(sql, line)
			}
		}
		sb.SQL = strings.TrimRight(strings.Join(sql, "\n"), "\n \t") + "\n"
		if strings.TrimSpace(sb.SQL) == "" && len(sb.Want) == 0 {
			continue
		}
		out = append(out, sb)
	}
	return out
}

// formatScript writes batches back in the corpus format with new expectations.
func formatScript(batches []scriptBatch, got [][]string) string {
	var b strings.Builder
	for i, sb := range batches {
		b.WriteString(sb.SQL)
		for _, l := range got[i] {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		if sb.Repeat > 1 {
			fmt.Fprintf(&b, "GO %d\n", sb.Repeat)
		} else {
			b.WriteString("GO\n")
		}
	}
	return b.String()
}

// matchEvents compares expected and actual event lines. An expected error
// line with only a number matches any message of that number.
func matchEvents(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		// An expected line loses its trailing spaces when it is read, so a
		// message of spaces only (PRINT ' ', which sp_helpconstraint
		// sends) is written "-- message:" and compared without them.
		if want[i] == got[i] || strings.HasPrefix(want[i], dirMessage) && want[i] == strings.TrimRight(got[i], " ") {
			continue
		}
		if strings.HasPrefix(want[i], dirError) && strings.HasPrefix(got[i], dirError) {
			wn := strings.TrimSpace(strings.TrimPrefix(want[i], dirError))
			gn, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(got[i], dirError)), " ")
			if wn == gn {
				continue
			}
		}
		return false
	}
	return true
}

// batchRunner runs one batch and returns its events in the directive syntax.
type batchRunner interface {
	Run(t *testing.T, sql string) []string
}

// scriptFiles lists the corpus.
func scriptFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "scripts", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus scripts: %v", err)
	}
	return files
}

// runScriptFile runs every batch of file through r and reports mismatches.
// With -update (in-process only, update true) the file is rewritten.
func runScriptFile(t *testing.T, file string, r batchRunner, allowUpdate bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	batches := parseScript(string(data))
	got := make([][]string, len(batches))
	for i, sb := range batches {
		for n := 0; n < max(sb.Repeat, 1); n++ {
			got[i] = r.Run(t, sb.SQL)
		}
		if sb.Skip != "" {
			if !matchEvents(sb.Want, got[i]) {
				t.Logf("%s:%d: skipped (%s); got:\n%s", file, sb.Line, sb.Skip, strings.Join(got[i], "\n"))
			} else {
				t.Logf("%s:%d: skipped (%s) but now matches: remove the skip", file, sb.Line, sb.Skip)
			}
			got[i] = sb.Want
			continue
		}
		if !matchEvents(sb.Want, got[i]) && !(*update && allowUpdate) {
			t.Errorf("%s:%d:\n%s\n--- want:\n%s\n--- got:\n%s", file, sb.Line, strings.TrimSpace(sb.SQL),
				strings.Join(sb.Want, "\n"), strings.Join(got[i], "\n"))
		}
	}
	if *update && allowUpdate {
		if err := os.WriteFile(file, []byte(formatScript(batches, got)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// renderHeader renders a result set's start: the expect directive and the
// column names ("-" for an unnamed column).
func renderHeader(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		if n == "" {
			n = "-"
		}
		out[i] = n
	}
	return dirExpect + " " + strings.Join(out, " | ")
}

// renderRow joins rendered values with " | ".
func renderRow(vals []string) string { return dirRow + strings.Join(vals, " | ") }

// renderGo renders a value as go-mssqldb scans it into an any, given the
// column's SQL Server type name (upper case, as DatabaseTypeName reports).
// The rules are the corpus's canonical text form (README.md).
func renderGo(v any, dbType string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if dbType == "REAL" {
			return strconv.FormatFloat(x, 'g', -1, 32)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case string:
		if x == "" {
			return "''"
		}
		return x
	case []byte:
		switch dbType {
		case "DECIMAL", "NUMERIC", "MONEY", "SMALLMONEY":
			return string(x)
		case "UNIQUEIDENTIFIER":
			var u mssql.UniqueIdentifier
			if err := u.Scan(x); err != nil {
				return "bad uniqueidentifier: " + err.Error()
			}
			return u.String()
		}
		return "0x" + strings.ToUpper(hex.EncodeToString(x))
	case time.Time:
		return renderTime(x, dbType)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// renderTime prints dates as YYYY-MM-DD, times as hh:mm:ss[.f], date+time as
// both, datetimeoffset with ±hh:mm; fractional seconds without trailing zeros.
func renderTime(x time.Time, dbType string) string {
	frac := ""
	if ns := x.Nanosecond(); ns != 0 {
		frac = strings.TrimRight(fmt.Sprintf(".%09d", ns), "0")
	}
	switch dbType {
	case "DATETIME":
		return x.Round(time.Millisecond).Format("2006-01-02 15:04:05.000")
	case "SMALLDATETIME":
		return x.Format("2006-01-02 15:04:05")
	case "DATE":
		return x.Format("2006-01-02")
	case "TIME":
		return x.Format("15:04:05") + frac
	case "DATETIMEOFFSET":
		return x.Format("2006-01-02 15:04:05") + frac + x.Format(" -07:00")
	}
	return x.Format("2006-01-02 15:04:05") + frac
}
