package exec_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// TestBulkInsert loads data files as DBAs do: tab-separated with a header
// row and CRLF lines, RFC 4180 CSV with quoted separators and line breaks,
// empty fields taking the column default (or NULL with KEEPNULLS), identity
// values generated (or kept with KEEPIDENTITY), FIRSTROW/LASTROW, a UTF-16
// widechar file; a bad value fails the whole statement with 4864 and loads
// nothing; a missing file is 4861.
func TestBulkInsert(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "bulkins"))
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run("CREATE TABLE dbo.people (id int IDENTITY PRIMARY KEY, name nvarchar(40) NOT NULL, city varchar(20) NOT NULL DEFAULT 'n/a', born date NULL)")
	tsv := file("people.tsv", "id\tname\tcity\tborn\r\n7\tAnn\tOslo\t1990-05-01\r\n8\tBjørn\t\t\r\n9\tCé\tRome\t2001-12-31\r\n")
	csvFile := file("people.csv", "100,\"Smith, Jo\",\"New\nYork\",\n101,\"Say \"\"hi\"\"\",Paris,1970-01-01\n")
	bad := file("bad.tsv", "1\tDan\tLima\tnot a date\n")
	wide := filepath.Join(dir, "wide.txt")
	units := utf16.Encode([]rune("\uFEFF5\tZoë\tKyiv\t\r\n"))
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		b = append(b, byte(u), byte(u>>8))
	}
	if err := os.WriteFile(wide, b, 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		sql  string
		want []string
	}{
		{"BULK INSERT dbo.people FROM '" + tsv + "' WITH (FIRSTROW = 2)", nil},
		{"SELECT id, name, city, born FROM dbo.people ORDER BY id", []string{"--", "1|Ann|Oslo|1990-05-01", "2|Bjørn|n/a|NULL", "3|Cé|Rome|2001-12-31"}},
		{"BULK INSERT dbo.people FROM '" + csvFile + "' WITH (FORMAT = 'CSV', FIELDTERMINATOR = ',', KEEPIDENTITY, KEEPNULLS)", nil},
		{"SELECT id, name, city, born FROM dbo.people WHERE id >= 100 ORDER BY id", []string{"--", "100|Smith, Jo|New\nYork|NULL", "101|Say \"hi\"|Paris|1970-01-01"}},
		{"BULK INSERT dbo.people FROM '" + bad + "'", []string{"error 4864/16: Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 1, column 4 (born)."}},
		{"BULK INSERT dbo.people FROM '" + tsv + "' WITH (FIRSTROW = 3, LASTROW = 3, ROWTERMINATOR = '0x0a', TABLOCK)", nil},
		{"BULK INSERT dbo.people FROM '" + wide + "' WITH (DATAFILETYPE = 'widechar')", nil},
		{"SELECT id, name, city FROM dbo.people WHERE id > 101 ORDER BY id", []string{"--", "102|Bjørn|n/a", "103|Zoë|Kyiv"}},
		{"BULK INSERT dbo.people FROM '" + filepath.Join(dir, "none.txt") + "'", []string{"error 4861/16: Cannot bulk load because the file \"" + filepath.Join(dir, "none.txt") + "\" could not be opened. Operating system error code 2(The system cannot find the file specified.)."}},
		{"SELECT COUNT(*) FROM dbo.people", []string{"--", "7"}},
	}
	for _, tc := range tests {
		got := run(tc.sql)
		if tc.want == nil {
			for _, l := range got {
				if strings.HasPrefix(l, "error") {
					t.Errorf("%s: %s", tc.sql, l)
				}
			}
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tc.sql, got, tc.want)
		}
	}
}
