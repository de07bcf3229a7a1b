package exec

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql"
)

var letters = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}

func TestTextCacheLRU(t *testing.T) {
	tests := []struct {
		name       string
		maxEntries int
		maxBytes   int
		adds       []string // each with size 10
		touch      string   // read after the adds, before the last add
		last       string
		want       []string // cached afterwards
		gone       []string // evicted
	}{
		{"by count evicts least recently used", 3, 1 << 20, []string{"a", "b", "c"}, "a", "d", []string{"a", "c", "d"}, []string{"b"}},
		// Each entry counts 11 bytes (10 + its one-letter text): 16 fit.
		{"by bytes", 100, 16 * 11, letters[:16], "", "z", append(letters[1:16:16], "z"), []string{"a"}},
		{"too large is not cached", 100, 16 * 10, nil, "", "big", nil, []string{"big"}},
		{"re-add keeps one entry", 2, 1 << 20, []string{"a", "b"}, "", "a", []string{"a", "b"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newTextCache[int](tc.maxEntries, tc.maxBytes)
			for i, k := range tc.adds {
				c.add(k, i, 10)
			}
			if tc.touch != "" {
				if _, ok := c.get(tc.touch); !ok {
					t.Fatalf("%q not cached", tc.touch)
				}
			}
			c.add(tc.last, 99, 10)
			for _, k := range tc.want {
				if _, ok := c.get(k); !ok {
					t.Errorf("%q evicted", k)
				}
			}
			for _, k := range tc.gone {
				if _, ok := c.get(k); ok {
					t.Errorf("%q still cached", k)
				}
			}
			if c.len() != len(tc.want) {
				t.Errorf("len %d, want %d", c.len(), len(tc.want))
			}
		})
	}
}

func TestShareableBatch(t *testing.T) {
	tests := []struct {
		sql  string
		want bool
	}{
		{"SELECT 1", true},
		{"SET NOCOUNT ON SELECT v FROM kv WHERE id = @p1", true},
		{"DECLARE @x int = 1 UPDATE t SET v = @x WHERE id = 2 DELETE t WHERE id = 3 INSERT t VALUES (1, 2)", true},
		{"SELECT * FROM (SELECT a FROM t) AS d WHERE EXISTS (SELECT 1 FROM #u)", true},
		{"SELECT a INTO #x FROM t", false},
		{"SELECT 1 SELECT a INTO dbo.x FROM t", false},
		{"DECLARE @t TABLE (a int PRIMARY KEY)", false},
		{"CREATE TABLE t (a int)", false},
		{"IF 1 = 1 SELECT 1", false},
		{"EXEC sp_who", false},
	}
	for _, tc := range tests {
		t.Run(tc.sql, func(t *testing.T) {
			stmts, err := tsql.ParseBatch(tc.sql)
			if err != nil {
				t.Fatal(err)
			}
			if got := shareableBatch(stmts); got != tc.want {
				t.Errorf("shareableBatch = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestParseSharedHits checks that a shareable batch is parsed once for all
// callers and that the others are not stored, and that the same text read
// under QUOTED_IDENTIFIER OFF is a batch of its own.
func TestParseSharedHits(t *testing.T) {
	shared := fmt.Sprintf(`SELECT "%d" AS plancache_test`, 12345)
	private := "CREATE TABLE plancache_test_t (a int)"
	a, err := parseShared(shared, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := parseShared(shared, false)
	if err != nil {
		t.Fatal(err)
	}
	if &a.stmts[0] != &b.stmts[0] {
		t.Error("second parse of a shareable batch was not served from the cache")
	}
	off, err := parseShared(shared, true)
	if err != nil {
		t.Fatal(err)
	}
	offAgain, _ := parseShared(shared, true)
	if &off.stmts[0] == &a.stmts[0] || &off.stmts[0] != &offAgain.stmts[0] || !off.qiOffAt || a.qiOffAt {
		t.Error("the batch read under QUOTED_IDENTIFIER OFF is not cached apart from the one read under ON")
	}
	if on, offSQL := a.stmts[0].SQL(), off.stmts[0].SQL(); on == offSQL {
		t.Errorf("the same text reads the same under ON and OFF: %s", on)
	}
	if _, err := parseShared(private, false); err != nil {
		t.Fatal(err)
	}
	if _, ok := sharedBatches.get(private); ok {
		t.Error("a CREATE TABLE batch was shared")
	}
	p1, err := ParseParamDecls("@p1 int, @p2 nvarchar(10)")
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := ParseParamDecls("@p1 int, @p2 nvarchar(10)")
	if len(p1) != 2 || &p1[0] != &p2[0] {
		t.Errorf("parameter declarations not cached: %d params", len(p1))
	}
	if _, err := parseShared("SELECT FROM WHERE", false); err == nil {
		t.Error("syntax error not returned")
	}
}
