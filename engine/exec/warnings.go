package exec

import (
	"errors"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// warnNullEliminated is SQL Server's 8153, sent as an informational
// message (severity 10) when SET ANSI_WARNINGS is ON.
var warnNullEliminated = &Error{Number: 8153, Severity: 10, State: 1, Message: "Warning: Null value is eliminated by an aggregate or other SET operation."}

// Bits of Opts.Flags (@@OPTIONS, optionBit in session.go) read on every
// statement or commit, as constants so those paths do no map lookup.
const (
	cursorCloseOnCommitFlag = 4
	ansiWarningsFlag        = 8
	arithAbortFlag          = 64
	arithIgnoreFlag         = 128
)

// flushWarnings sends the warnings the current statement raised, once,
// before its DONE: 8153 when an aggregate skipped a NULL, and the
// arithmetic warnings (arithabort.go), 3604 when an INSERT left out
// duplicates (ignore_dup_key.go).
func (s *Session) flushWarnings(out Output, cmd Cmd) error {
	if err := s.flushArithWarnings(out, cmd); err != nil {
		return err
	}
	if err := s.flushDupKeyWarning(out); err != nil { // ignore_dup_key.go
		return err
	}
	if !s.nullEliminated {
		return nil
	}
	s.nullEliminated = false
	if s.Opts.Flags&ansiWarningsFlag == 0 {
		return nil
	}
	return out.Message(warnNullEliminated)
}

// withinGroup is STRING_AGG's WITHIN GROUP (ORDER BY …): the strings are
// joined in this order rather than in input order.
type withinGroup struct {
	keys []*expr
	desc []bool
}

func (c *compiler) compileWithinGroup(items []*ast.OrderItem) (*withinGroup, error) {
	if len(items) == 0 {
		return nil, nil
	}
	w := &withinGroup{}
	for _, o := range items {
		x, err := c.expr(o.Expr)
		if err != nil {
			return nil, err
		}
		w.keys = append(w.keys, x)
		w.desc = append(w.desc, o.Desc)
	}
	return w, nil
}

// add records the sort keys of the string just appended to st.strs.
func (w *withinGroup) add(ec *evalCtx, st *aggState, row Row) error {
	if w == nil {
		return nil
	}
	k := make(Row, len(w.keys))
	for i, x := range w.keys {
		v, err := x.eval(ec, row)
		if err != nil {
			return err
		}
		k[i] = v
	}
	st.sortKeys = append(st.sortKeys, k)
	return nil
}

// sort orders st.strs by their keys (stable: ties keep input order; NULLs
// first ascending, as SQL Server sorts them).
func (w *withinGroup) sort(st *aggState) error {
	if w == nil || len(st.strs) < 2 {
		return nil
	}
	idx := make([]int, len(st.strs))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := st.sortKeys[idx[a]], st.sortKeys[idx[b]]
		for i := range w.keys {
			c, err := compareNullsFirst(ka[i], kb[i], w.keys[i].typ)
			if err != nil {
				cmpErr = err
				return false
			}
			if c != 0 {
				if w.desc[i] {
					return c > 0
				}
				return c < 0
			}
		}
		return false
	})
	if cmpErr != nil {
		return cmpErr
	}
	strs := make([]string, len(idx))
	for i, j := range idx {
		strs[i] = st.strs[j]
	}
	st.strs = strs
	return nil
}

func compareNullsFirst(a, b types.Value, t types.Type) (int, error) {
	switch {
	case a.IsNull() && b.IsNull():
		return 0, nil
	case a.IsNull():
		return -1, nil
	case b.IsNull():
		return 1, nil
	}
	return types.Compare(a, b, t.Collation)
}

// isRunTimeError reports errors raised while rows are computed, which SQL
// Server sends after the result's COLMETADATA: conversion, arithmetic and
// the like, as opposed to name resolution and other compile errors.
func isRunTimeError(err error) bool {
	num, _, _ := errorIdentity(err)
	switch num {
	case 208, 207, 209, 4104, 8118, 8119, 8120, 8121, 8126, 8127, 102, 156, 137, 195, 40508:
		return false
	}
	return !errors.Is(err, errBatchAborted) && !errors.Is(err, errCaught)
}

// note queues an informational message the running statement raised, to
// be sent before its DONE (flushNotes).
func (s *Session) note(e *Error) {
	if s.batch != nil {
		s.batch.notes = append(s.batch.notes, e)
	}
}

// flushNotes sends the informational messages the statement raised
// (batchState.notes) before anything else it reports at its end.
func (s *Session) flushNotes(out Output) error {
	if s.batch == nil || len(s.batch.notes) == 0 {
		return nil
	}
	notes := s.batch.notes
	s.batch.notes = nil
	for _, n := range notes {
		if err := out.Message(n); err != nil {
			return err
		}
	}
	return nil
}
