package exec

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// XQuery aggregates XPath 1.0 lacks: min(), max(), avg() and
// count(distinct-values()) around a whole query — sp_BlitzCache reads its
// plans so (max(//p:RelOp/@Parallel), min(//p:StmtSimple/@Cardinality…),
// count(distinct-values(//p:UserDefinedFunction…))). The path inside is
// evaluated as usual and the aggregate is applied to its items' values
// here. Values are compared as numbers (xs:untypedAtomic is cast to
// xs:double, as SQL Server does); an empty input gives the empty sequence
// (value() returns NULL). An aggregate inside a larger expression is
// still XPath's problem: it fails to compile (2209).

var xqAggregateCall = regexp.MustCompile(`^\s*(min|max|avg|count\s*\(\s*distinct-values)\s*\(`)

// splitXQueryAggregate returns the aggregate a query is wrapped in and the
// query inside it, or "" and the query unchanged.
func splitXQueryAggregate(q string) (string, string) {
	m := xqAggregateCall.FindStringSubmatchIndex(q)
	if m == nil {
		return "", q
	}
	name := strings.Join(strings.Fields(q[m[2]:m[3]]), "")
	closers := 1
	if strings.HasPrefix(name, "count") {
		name, closers = "count-distinct", 2
	}
	inner, rest, ok := cutBalanced(q[m[1]:])
	if !ok {
		return "", q
	}
	for range closers - 1 {
		r := strings.TrimSpace(rest)
		if !strings.HasPrefix(r, ")") {
			return "", q
		}
		rest = r[1:]
	}
	if strings.TrimSpace(rest) != "" {
		return "", q
	}
	return name, inner
}

// cutBalanced splits s at the parenthesis closing an already open one,
// skipping string literals.
func cutBalanced(s string) (inner, rest string, ok bool) {
	depth := 1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\'':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return "", "", false
			}
			i += j + 1
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return s[:i], s[i+1:], true
			}
		}
	}
	return "", "", false
}

// aggregateItems applies agg to items' string values.
func aggregateItems(agg string, items []xmlItem) []xmlItem {
	if agg == "count-distinct" {
		seen := map[string]bool{}
		for _, it := range items {
			seen[it.str()] = true
		}
		return []xmlItem{{atom: strconv.Itoa(len(seen))}}
	}
	var nums []float64
	for _, it := range items {
		f, err := strconv.ParseFloat(strings.TrimSpace(it.str()), 64)
		if err != nil {
			continue
		}
		nums = append(nums, f)
	}
	if len(nums) == 0 {
		return nil
	}
	r := nums[0]
	switch agg {
	case "min":
		for _, f := range nums {
			r = math.Min(r, f)
		}
	case "max":
		for _, f := range nums {
			r = math.Max(r, f)
		}
	case "avg":
		r = 0
		for _, f := range nums {
			r += f
		}
		r /= float64(len(nums))
	}
	return []xmlItem{{atom: formatXQueryNumber(r)}}
}
