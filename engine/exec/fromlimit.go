package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// maxTableSources bounds the table sources one FROM clause may join. Each
// join concatenates its inputs' scopes, so compiling n joined sources costs
// O(n²) memory: 1,000 sources take about 140 MB and 0.6 s, 3,000 about
// 1.2 GB, and a generated batch of 100,000 JOINs would exhaust the
// machine's memory and kill the whole server (an out-of-memory death is not
// recoverable). Real queries stay far below this; SQL Server itself gives
// up on such statements with 8623.
const maxTableSources = 1024

// errTooManyTableSources is SQL Server's 8623, which it raises when a
// statement references too many tables to produce a plan.
func errTooManyTableSources() *Error {
	return &Error{Number: 8623, Severity: 16, State: 1, Message: "The query processor ran out of internal resources and could not produce a query plan. This is a rare event and only expected for extremely complex queries or queries that reference a very large number of tables or partitions. Please simplify the query. If you believe you have received this message in error, contact Customer Support Services for more information."}
}

// fromCostFree is the size of a FROM clause whose quadratic cost is not
// charged to the statement (see checkTableSources): small FROMs, such as a
// function's compiled once per row, never add up to a false 8623.
const fromCostFree = 32

// checkTableSources returns 8623 when from names more than maxTableSources
// table sources (joins and parenthesised joins included; derived tables
// count as one, their own FROM is checked when they are compiled), or when
// the large FROM clauses compiled for the running statement cost more than
// one FROM of maxTableSources would: a FROM of n > fromCostFree sources is
// charged n² to s.fromCost, which execStatement (and evalCondition, for
// IF and WHILE) gives back when the statement ends. The plans of a
// statement's FROM clauses are alive together, so without the statement's
// budget a UNION ALL of branches (or derived tables, or subqueries) of
// 1,024 sources each took memory in proportion to their number: four
// branches of 600 joins used 690 MB. It walks with an explicit stack so
// that a deep join tree cannot overflow the goroutine stack here, and
// stops counting at the limit.
func (s *Session) checkTableSources(from []ast.TableExpr) error {
	n := 0
	stack := append([]ast.TableExpr(nil), from...)
	for len(stack) > 0 {
		te := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch t := te.(type) {
		case *ast.Join:
			stack = append(stack, t.Left, t.Right)
			continue
		case *ast.ParenTable:
			stack = append(stack, t.Table)
			continue
		}
		if n++; n > maxTableSources {
			return errTooManyTableSources()
		}
	}
	if n <= fromCostFree {
		return nil
	}
	if s.fromCost += n * n; s.fromCost > maxTableSources*maxTableSources {
		return errTooManyTableSources()
	}
	return nil
}

// endFromCost gives back what a statement's FROM clauses were charged:
// cost is s.fromCost when the statement began.
func (s *Session) endFromCost(cost int) { s.fromCost = cost }
