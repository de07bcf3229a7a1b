package exec_test

import (
	"strings"
	"testing"
)

// TestReviewLikeSeekCollations compares LIKE over an indexed column, whose
// 'prefix%' becomes a key range (h3), with the same LIKE over a heap twin
// that can only scan, in collations whose order is not the prefix's bytes:
// accent-insensitive, binary, case-sensitive, and punctuation (Windows
// collations weigh '-' and ”” apart from the letters), with literal
// patterns, parameters through sp_executesql (a cached plan run again with
// another prefix) and ESCAPE.
func TestReviewLikeSeekCollations(t *testing.T) {
	p := newPlanProbe(t, "review_like_seek")
	vals := []string{"co-op", "coop", "co.op", "co'op", "coöp", "Co-Op", "cz", "co", "co-",
		"e", "é", "É", "ea", "éa", "ab", "AB", "a_b", "a%b", "ab ", "b", "", "zz", "ß", "ss", "sa"}
	colls := []string{"Latin1_General_CI_AS", "Latin1_General_CI_AI", "Latin1_General_CS_AS",
		"Latin1_General_BIN2", "SQL_Latin1_General_CP1_CI_AS"}
	for i, c := range colls {
		for _, typ := range []string{"varchar(20)", "nvarchar(20)"} {
			tbl := func(kind string) string { return kind + strings.Repeat("x", i) + typ[:1] }
			ix, heap := tbl("ix"), tbl("hp")
			p.run("CREATE TABLE " + ix + " (id int IDENTITY PRIMARY KEY, s " + typ + " COLLATE " + c + ", INDEX ix_s (s));" +
				"CREATE TABLE " + heap + " (id int IDENTITY, s " + typ + " COLLATE " + c + ")")
			for _, v := range vals {
				p.run("INSERT " + ix + " (s) VALUES (N" + quoteSQL(v) + "); INSERT " + heap + " (s) VALUES (N" + quoteSQL(v) + ")")
			}
			for _, pat := range []string{"co-%", "co%", "co''%", "co.%", "e%", "é%", "E%", "ab%", "a[_]%", "a!%%' ESCAPE '!", "ss%", "ß%", "co-o%", "%"} {
				q := func(tb string) string {
					return "SELECT id, s FROM " + tb + " WITH (INDEX (0)) WHERE s LIKE N'" + pat + "'"
				}
				got, _ := p.readsAndRows(strings.Replace(q(ix), " WITH (INDEX (0))", "", 1), ix, true)
				want, _ := p.readsAndRows(q(heap), heap, true)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s %s LIKE '%s': index %v, heap %v", c, typ, pat, got, want)
				}
			}
			// A cached parameterized plan run with several prefixes.
			for _, v := range []string{"co-%", "é%", "co%", "ab%", "ss%"} {
				q := "EXEC sp_executesql N'SELECT id, s FROM %s WHERE s LIKE @p', N'@p nvarchar(10)', @p = N" + quoteSQL(v)
				got, _ := p.readsAndRows(strings.Replace(q, "%s", ix, 1), ix, true)
				want, _ := p.readsAndRows(strings.Replace(q, "%s", heap, 1), heap, true)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s %s @p = '%s': index %v, heap %v", c, typ, v, got, want)
				}
			}
		}
	}
}
