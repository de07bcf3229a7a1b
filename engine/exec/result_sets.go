package exec

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// resultSetsOutput applies EXECUTE … WITH RESULT SETS (the EXECUTE page's
// examples O and P) to what the called procedure sends: each result set's
// columns take the names, types and nullability the clause gives and its
// rows are converted to those types; a result set beyond the clause's
// (11535) or with another number of columns (11537) is refused, and
// finish reports fewer result sets than the clause lists (11536).
type resultSetsOutput struct {
	Output
	defs [][]ResultColumn
	sent int            // result sets started
	cur  []ResultColumn // the running result set's definition
}

// withResultSets wraps out for rs, resolving the clause's types; UNDEFINED
// changes nothing.
func (s *Session) withResultSets(rs *ast.ResultSets, out Output) (*resultSetsOutput, error) {
	if rs == nil || rs.Undefined {
		return nil, nil
	}
	w := &resultSetsOutput{Output: out}
	for _, d := range rs.Sets {
		cols := make([]ResultColumn, len(d.Columns))
		for i, c := range d.Columns {
			t, _, err := s.declTypeOf(c.Type) // usertype.go: alias types too
			if err != nil {
				return nil, err
			}
			cols[i] = ResultColumn{Name: c.Name.Name, Type: t, Nullable: c.Nullable != ast.NotNull, NotNull: c.Nullable == ast.NotNull}
		}
		w.defs = append(w.defs, cols)
	}
	return w, nil
}

func (w *resultSetsOutput) Columns(cols []ResultColumn) error {
	w.sent++
	if w.sent > len(w.defs) {
		return &Error{Number: 11535, Severity: 16, State: 1, Message: fmt.Sprintf("EXECUTE statement failed because its WITH RESULT SETS clause specified %d result set(s), and the statement tried to send more result sets than this.", len(w.defs))}
	}
	def := w.defs[w.sent-1]
	if len(cols) != len(def) {
		return &Error{Number: 11537, Severity: 16, State: 1, Message: fmt.Sprintf("EXECUTE statement failed because its WITH RESULT SETS clause specified %d column(s) for result set number %d, but the statement sent %d column(s) at run time.", len(def), w.sent, len(cols))}
	}
	w.cur = def
	return w.Output.Columns(def)
}

func (w *resultSetsOutput) Row(r Row) error {
	conv := make(Row, len(r))
	for i, v := range r {
		if i >= len(w.cur) {
			break
		}
		c, err := types.Convert(v, w.cur[i].Type, 0)
		if err != nil {
			return err
		}
		conv[i] = c
	}
	return w.Output.Row(conv)
}

// finish reports a call that sent fewer result sets than the clause lists.
func (w *resultSetsOutput) finish() error {
	if w.sent < len(w.defs) {
		return &Error{Number: 11536, Severity: 16, State: 1, Message: fmt.Sprintf("EXECUTE statement failed because its WITH RESULT SETS clause specified %d result set(s), but the statement only sent %d result set(s) at run time.", len(w.defs), w.sent)}
	}
	return nil
}
