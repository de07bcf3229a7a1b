package bench

import (
	"runtime"
	"testing"

	"github.com/xwb1989/sqlparser"

	"github.com/mirrorsql/mirrorsql/tsql"
)

// corpus is plain SQL both parsers accept (no T-SQL brackets, TOP, N-prefixed
// strings; no MySQL backquotes or LIMIT).
var corpus = []string{
	"SELECT a, b FROM t WHERE id = 1",
	"SELECT c.name, SUM(o.amount) AS total FROM customers AS c JOIN orders AS o ON o.cid = c.id WHERE o.status IN (1, 2, 3) GROUP BY c.name HAVING SUM(o.amount) > 100 ORDER BY total DESC",
	"SELECT * FROM t WHERE name LIKE 'a%' AND x BETWEEN 1 AND 10 AND y IS NOT NULL",
	"SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.tid = t.id) AND z NOT IN (SELECT z FROM w)",
	"SELECT CASE WHEN a > 1 THEN 'big' WHEN a = 1 THEN 'one' ELSE 'small' END AS size, COUNT(DISTINCT b) FROM t GROUP BY a",
	"SELECT t1.a, t2.b FROM t1 LEFT JOIN t2 ON t1.id = t2.id WHERE t1.x = 'abc' OR t2.y < 3.5",
	"INSERT INTO t (a, b, c) VALUES (1, 'x', 2.5), (2, 'y', 3.5), (3, 'z', 4.5)",
	"INSERT INTO archive (id, name) SELECT id, name FROM t WHERE created < '2020-01-01'",
	"UPDATE t SET a = a + 1, b = 'z', c = NULL WHERE id = 42 AND c IS NOT NULL",
	"UPDATE accounts SET balance = balance - 100 WHERE id = 7",
	"DELETE FROM t WHERE created < '2020-01-01' OR status = 3",
	"DELETE FROM sessions WHERE expires < 1700000000",
}

func corpusBytes() int64 {
	n := 0
	for _, s := range corpus {
		n += len(s)
	}
	return int64(n)
}

// TestCorpus checks that both parsers accept every statement, so the
// benchmark compares like with like.
func TestCorpus(t *testing.T) {
	for _, s := range corpus {
		if _, err := tsql.ParseBatch(s); err != nil {
			t.Errorf("tsql: %q: %v", s, err)
		}
		if _, err := sqlparser.Parse(s); err != nil {
			t.Errorf("sqlparser: %q: %v", s, err)
		}
	}
}

func run(b *testing.B, parse func(string) error) {
	b.SetBytes(corpusBytes())
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range corpus {
			if err := parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	n := float64(b.N * len(corpus))
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/stmt")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/stmt")
}

func BenchmarkTSQL(b *testing.B) {
	run(b, func(s string) error {
		_, err := tsql.ParseBatch(s)
		return err
	})
}

func BenchmarkSQLParser(b *testing.B) {
	run(b, func(s string) error {
		_, err := sqlparser.Parse(s)
		return err
	})
}
