package exec_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestStatisticsIO: under SET STATISTICS IO ON each statement is followed by
// one message 3615 per table it read, in first-read order: a range scan
// counts a scan and its rows' pages, a point lookup by the primary key a
// seek (scan count 0, one logical read); a procedure's statements report
// their own reads; OFF stops the messages.
func TestStatisticsIO(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "statsio"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run("CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, pad char(200) NOT NULL)")
	run("CREATE TABLE dbo.small (id int NOT NULL PRIMARY KEY, big_id int NOT NULL)")
	run("INSERT dbo.big SELECT value, 'x' FROM GENERATE_SERIES(1, 500)")
	run("INSERT dbo.small VALUES (1, 10), (2, 20)")
	run("CREATE PROCEDURE dbo.lookup AS SELECT pad FROM dbo.big WHERE id = 7")
	msg := regexp.MustCompile(`^msg 3615: Table '(\w+)'\. Scan count (\d+), logical reads (\d+), physical reads 0, .*lob page server read-ahead reads 0\.$`)
	stats := func(lines []string) []string {
		var got []string
		for _, l := range lines {
			if m := msg.FindStringSubmatch(l); m != nil {
				got = append(got, m[1]+" "+m[2]+" "+m[3])
			} else if strings.HasPrefix(l, "msg 3615") {
				t.Errorf("malformed: %q", l)
			}
		}
		return got
	}
	if got := stats(run("SELECT COUNT(*) FROM dbo.big")); len(got) != 0 {
		t.Fatalf("before ON: %q", got)
	}
	run("SET STATISTICS IO ON")
	// 500 rows of ~210 bytes: ~13 pages of row data, plus the scan itself.
	if got := stats(run("SELECT COUNT(*) FROM dbo.big")); !slices.Equal(got, []string{"big 1 14"}) {
		t.Errorf("full scan: %q, want big scan count 1, 14 logical reads", got)
	}
	if got := stats(run("SELECT pad FROM dbo.big WHERE id = 7")); !slices.Equal(got, []string{"big 0 1"}) {
		t.Errorf("point lookup: %q, want a seek: scan count 0, 1 logical read", got)
	}
	got := stats(run("SELECT s.id, b.id FROM dbo.small s JOIN dbo.big b ON b.id = s.big_id"))
	if len(got) != 2 || !strings.HasPrefix(got[0], "small ") && !strings.HasPrefix(got[1], "small ") {
		t.Errorf("join: %q, want a line for each table", got)
	}
	if got := stats(run("EXEC dbo.lookup")); !slices.Equal(got, []string{"big 0 1"}) {
		t.Errorf("procedure: %q, want its statement's seek once", got)
	}
	run("SET STATISTICS IO OFF")
	if got := stats(run("SELECT COUNT(*) FROM dbo.big")); len(got) != 0 {
		t.Errorf("after OFF: %q", got)
	}
}
