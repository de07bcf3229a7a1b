package exec

import (
	"context"
	"io"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The result of a constant query (issue #2, `SELECT 1` round trips).
//
// constplan.go keeps the compiled plan of a bare SELECT list of literals and
// operators, per session, for as long as the database and the SET options
// it was compiled under hold. Such a plan has exactly one result: the same
// columns and one row of the same values on every execution, because nothing
// it reads can change while its entry is valid (no tables, variables,
// functions or subqueries; the options that steer constant folding and
// conversions are part of the entry). So the first execution keeps its
// result beside the plan and later ones send it without opening the plan:
// no evaluation context, iterators, projection row or column list per
// request — the objects the executor allocated for every `SELECT 1`.
//
// What is not kept: a query whose evaluation fails (1/0, an overflow) runs
// the normal path every time, so its error is reported exactly as before;
// a SELECT that assigns variables never comes here. What still happens per
// execution is everything around the rows: COLMETADATA, DONE with the count
// (or without under SET NOCOUNT ON), @@ROWCOUNT, pending warnings — through
// the same s.done as any SELECT.

// constResult returns the columns and the one row of the constant query q
// whose plan p selectPlan returned, evaluating them on the first call; ok is
// false when p is not the session's cached constant plan of q, or when
// evaluating it failed (the caller then runs p as usual).
func (s *Session) constResult(ctx context.Context, q *ast.Query, p *plan) (cols []ResultColumn, row, send Row, ok bool) {
	e, seen := s.constPlans[q]
	if !seen || e.p != p {
		return nil, nil, nil, false
	}
	if e.row != nil {
		return e.cols, e.row, e.send, true
	}
	row, err := evalOneRow(ctx, s, p)
	if err != nil {
		return nil, nil, nil, false
	}
	e.cols, e.row, e.send = p.resultColumns(), row, make(Row, len(row))
	s.constPlans[q] = e
	return e.cols, e.row, e.send, true
}

// evalOneRow runs p and returns a copy of its only row; a plan that fails or
// does not yield exactly one row is an error.
func evalOneRow(ctx context.Context, s *Session, p *plan) (Row, error) {
	it, err := p.open(newEvalCtx(ctx, s))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	r, err := it.Next()
	if err != nil {
		return nil, err
	}
	row := append(make(Row, 0, len(r)), r...)
	if _, err := it.Next(); err != io.EOF {
		return nil, errNotOneRow
	}
	return row, nil
}

var errNotOneRow = &Error{Number: 50000, Severity: 16, State: 1, Message: "constant query without exactly one row"}

// sendConstResult answers a constant query from its kept result. Each
// execution hands Output a fresh copy of the row, so that an Output changing
// the values it is given during the call leaves the kept row as it was; the
// copy is made in send, the plan's own, since the values are the Output's
// only during the call (one that keeps them, INSERT … EXEC's captureOutput,
// copies them) — no allocation per execution.
func (s *Session) sendConstResult(out Output, cols []ResultColumn, row, send Row) error {
	if err := out.Columns(cols); err != nil {
		return err
	}
	copy(send, row)
	if err := out.Row(send); err != nil {
		return err
	}
	return s.done(out, CmdSelect, 1, true)
}
