package exec_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestMergeHashMatchesNested: a scanned MERGE target found through the hash
// of ON's equalities (merge_hash.go) takes the actions, in the order, that
// comparing every source row with every target row takes — the twin with
// ON written (…) OR 1 = 0, which has no equality conjunct to hash. The
// keys mix what equality must see through: the case-insensitive
// collation, trailing spaces, int against bigint and decimal, NULLs, an
// expression on the target side, a residual condition; 8672 (a target row
// matched twice) must come from both alike.
func TestMergeHashMatchesNested(t *testing.T) {
	p := newPlanProbe(t, "mergehash")
	p.run(`CREATE TABLE dbo.tgt (id int PRIMARY KEY, code varchar(10) NULL, n int NULL, amt decimal(9,2) NULL)`)
	rng := rand.New(rand.NewSource(29))
	codes := []string{"'ab'", "'AB'", "'ab  '", "'Cd'", "'cd'", "'e'", "''", "NULL"}
	val := intOrNull(rng)
	p.insertRows("dbo.tgt", 300, func(i int) string {
		return fmt.Sprintf("(%d, %s, %s, %s)", i, codes[rng.Intn(len(codes))], val(40), val(100))
	})
	ons := []string{
		"t.code = s.code",
		"t.n = s.n",
		"s.d = t.n",
		"t.n = s.b",
		"t.code = s.code AND t.n = s.n",
		"t.n + 1 = s.n",
		"t.code = s.code AND t.amt > 50",
		"t.n = s.n AND s.code = 'e'",
		"t.id = s.n",
	}
	whens := []string{
		" WHEN MATCHED THEN UPDATE SET amt = s.n",
		" WHEN MATCHED AND t.amt < 30 THEN DELETE WHEN MATCHED THEN UPDATE SET n = t.n + 1",
		" WHEN NOT MATCHED THEN INSERT (id, code, n) VALUES (1000 + s.i, s.code, s.n)",
		" WHEN NOT MATCHED BY SOURCE AND t.id % 7 = 0 THEN DELETE",
		" WHEN NOT MATCHED BY SOURCE AND t.amt IS NULL THEN UPDATE SET amt = -1",
	}
	errs, acted := 0, 0
	for i := range 120 {
		var vals []string
		for j := range 1 + rng.Intn(8) {
			vals = append(vals, fmt.Sprintf("(%d, %s, %s, CAST(%s AS decimal(5,1)), CAST(%s AS bigint))",
				j, codes[rng.Intn(len(codes))], val(40), val(40), val(40)))
		}
		var when string
		for _, w := range rng.Perm(len(whens))[:1+rng.Intn(3)] {
			if !strings.Contains(when, "WHEN MATCHED") || !strings.HasPrefix(whens[w], " WHEN MATCHED") {
				when += whens[w]
			}
		}
		on := ons[rng.Intn(len(ons))]
		q := func(on string) string {
			return fmt.Sprintf("BEGIN TRAN; MERGE dbo.tgt AS t USING (VALUES %s) AS s(i, code, n, d, b) ON %s%s"+
				" OUTPUT $action, deleted.id, inserted.id, inserted.n, inserted.amt; SELECT @@ROWCOUNT; ROLLBACK",
				strings.Join(vals, ", "), on, when)
		}
		run := func(q string) string {
			defer p.traced("IF @@TRANCOUNT > 0 ROLLBACK")
			return p.traced(q)
		}
		got, want := run(q(on)), run(q("("+on+") OR 1 = 0"))
		if strings.Contains(got, "8672") {
			errs++
		} else if strings.Count(got, ";") > 4 {
			acted++
		}
		if got != want {
			t.Errorf("statement %d: %s\nhashed: %s\nnested: %s", i, q(on), got, want)
		}
	}
	if errs == 0 || acted < 30 {
		t.Errorf("%d statements were 8672 and %d acted: the data does not exercise the hash", errs, acted)
	}
}
