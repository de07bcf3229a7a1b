package tests

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMirroringColumns: a monitoring script written for SQL Server selects
// mirroring's views, DMVs and monitor procedures by column name and reads
// them by position and type, so each result's columns must be the
// reference's (reference/mirroring.md §3, §4.2): name, type and order, as
// go-mssqldb reports them. testdata/mirroring_columns.txt holds the lists.
func TestMirroringColumns(t *testing.T) {
	text, err := os.ReadFile("testdata/mirroring_columns.txt")
	if err != nil {
		t.Fatal(err)
	}
	srv := harness.Start(t, harness.Options{Name: "mirrorcols"})
	db := srv.DB("master")
	for _, block := range strings.Split(string(text), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if strings.HasPrefix(lines[0], "#") {
			continue
		}
		query, want := lines[0], lines[1:]
		t.Run(query, func(t *testing.T) {
			rows, err := db.Query(query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			cts, err := rows.ColumnTypes()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ct := range cts {
				typ := ct.DatabaseTypeName()
				if p, s, ok := ct.DecimalSize(); ok {
					typ += fmt.Sprintf("(%d,%d)", p, s)
				} else if n, ok := ct.Length(); ok {
					typ += fmt.Sprintf("(%d)", n)
				}
				got = append(got, ct.Name()+" "+typ)
			}
			if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
				t.Errorf("columns:\n%s\nwant (reference):\n%s", g, w)
			}
		})
	}
}
