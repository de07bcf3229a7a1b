package exec_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestAnsiNullsOffSeek: under SET ANSI_NULLS OFF an UPDATE or DELETE by a
// NOT NULL key compared with a variable (or NULL) seeks instead of reading
// the whole table (ansinulls_seek.go), and finds the rows a scan finds; a
// nullable column still scans (c = @null finds its NULL row), and a
// comparison applied above an outer join (here in a subquery of the
// statement's WHERE) keeps the NULL-extended rows.
func TestAnsiNullsOffSeek(t *testing.T) {
	s := newSASession(t, openExecTestInstance(t, "ansinullsseek"))
	ctx := context.Background()
	for _, q := range []string{
		"CREATE TABLE dbo.ak (id int NOT NULL PRIMARY KEY, k int NULL UNIQUE, v int NOT NULL)",
		"INSERT dbo.ak SELECT value, value, 0 FROM GENERATE_SERIES(1, 3000)",
		"INSERT dbo.ak VALUES (3001, NULL, 0)",
		"CREATE TABLE dbo.o (id int NOT NULL)",
		"INSERT dbo.o VALUES (5), (99999)", // 99999 has no dbo.ak row
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatal(err)
		}
	}
	const seek, scan = "seek", "scan"
	tests := []struct {
		name, ansiNulls, stmt string
		access                string // seek: at most 3 logical reads of dbo.ak; scan: more; "": not checked
		count                 string // @@ROWCOUNT
		changed               []string
	}{
		{"update by key", "OFF", "DECLARE @id int = 7; UPDATE dbo.ak SET v = v + 1 WHERE id = @id", seek, "1", []string{"7"}},
		{"update by NULL key", "OFF", "DECLARE @id int = NULL; UPDATE dbo.ak SET v = v + 1 WHERE id = @id", seek, "0", nil},
		{"key on the right", "OFF", "DECLARE @id int = 8; UPDATE dbo.ak SET v = v + 1 WHERE @id = id", seek, "1", []string{"8"}},
		{"NULL literal", "OFF", "UPDATE dbo.ak SET v = v + 1 WHERE id = NULL", seek, "0", nil},
		{"key and more", "OFF", "DECLARE @id int = 9, @v int = 0; UPDATE dbo.ak SET v = v + 1 WHERE id = @id AND v = @v", seek, "1", []string{"9"}},
		{"delete by key", "OFF", "DECLARE @id int = 10; DELETE dbo.ak WHERE id = @id", seek, "1", []string{"10 deleted"}},
		{"parameter of sp_executesql", "OFF", "EXEC sp_executesql N'UPDATE dbo.ak SET v = v + 1 WHERE id = @p1', N'@p1 int', 11", seek, "1", []string{"11"}},
		{"nullable column, NULL", "OFF", "DECLARE @k int = NULL; UPDATE dbo.ak SET v = v + 1 WHERE k = @k", scan, "1", []string{"3001"}},
		{"nullable column, value", "OFF", "DECLARE @k int = 12; UPDATE dbo.ak SET v = v + 1 WHERE k = @k", scan, "1", []string{"12"}},
		{"ANSI_NULLS ON", "ON", "DECLARE @id int = 13; UPDATE dbo.ak SET v = v + 1 WHERE id = @id", seek, "1", []string{"13"}},
		{"outer join in a subquery", "OFF", `DECLARE @id int = NULL; UPDATE dbo.ak SET v = v + 1 WHERE id = 14
AND EXISTS (SELECT 1 FROM dbo.o LEFT JOIN dbo.ak AS a2 ON a2.id = o.id WHERE a2.id = @id)`, seek, "1", []string{"14"}},
		// The subquery is planned while the target's access path is chosen
		// (semijoin.go): its LEFT JOIN must stay one.
		{"outer join in an IN subquery", "OFF", `DECLARE @id int = NULL; UPDATE dbo.ak SET v = v + 1
WHERE id IN (SELECT o.id FROM dbo.o LEFT JOIN dbo.ak AS a2 ON a2.id = o.id + 100000 WHERE a2.id = @id)`, "", "1", []string{"5"}},
		{"outer join in FROM", "OFF", `DECLARE @id int = NULL; UPDATE o SET id = o.id FROM dbo.o AS o LEFT JOIN dbo.ak AS a ON a.id = o.id WHERE a.id = @id`, "", "1", nil},
	}
	before := akState(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, io := runIO(t, s, fmt.Sprintf("SET ANSI_NULLS %s;\n%s;\nSELECT @@ROWCOUNT;\nSET ANSI_NULLS ON", tc.ansiNulls, tc.stmt))
			if len(rows) != 1 || rows[0] != tc.count {
				t.Errorf("@@ROWCOUNT %v, want %s", rows, tc.count)
			}
			if tc.access != "" {
				reads := 0 // no line: a seek for NULL reads nothing
				for _, l := range io {
					if f := strings.Fields(l); f[0] == "ak" {
						reads, _ = strconv.Atoi(f[2])
					}
				}
				if got := map[bool]string{true: seek, false: scan}[reads <= 3]; got != tc.access {
					t.Errorf("dbo.ak read as a %s (%v), want a %s", got, io, tc.access)
				}
			}
			after := akState(t, s)
			if got := akDiff(before, after); !slices.Equal(got, tc.changed) {
				t.Errorf("rows changed %v, want %v", got, tc.changed)
			}
			before = after
		})
	}
}

// akState is dbo.ak's v by id.
func akState(t *testing.T, s *exec.Session) map[string]string {
	t.Helper()
	out := &aggTrace{}
	if err := s.ExecBatch(context.Background(), "SELECT id, v FROM dbo.ak", out); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range out.lines {
		if id, v, ok := strings.Cut(l, "|"); ok {
			m[id] = v
		}
	}
	return m
}

// akDiff lists the ids whose v changed from before to after, in id order
// ("id deleted" for a row gone).
func akDiff(before, after map[string]string) []string {
	var out []string
	for id, v := range before {
		switch w, ok := after[id]; {
		case !ok:
			out = append(out, id+" deleted")
		case w != v:
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		x, _ := strconv.Atoi(strings.Fields(a)[0])
		y, _ := strconv.Atoi(strings.Fields(b)[0])
		return x - y
	})
	return out
}
