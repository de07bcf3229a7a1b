// Package tdstest helps test tds.Handler implementations: Recorder is an
// in-memory tds.ResultWriter that records what a Session writes, and StartServer
// runs a real tds.Server on 127.0.0.1:0 for driver-level tests.
package tdstest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/tds"
)

// Event is one recorded ResultWriter call; Kind names the call and the
// matching field holds its argument.
type Event struct {
	Kind    string // columns, row, done, error, info, envchange, returnstatus, returnvalue
	Columns []tds.Column
	Row     []any
	Done    tds.DoneToken
	Err     error
	Message tds.MessageToken
	Env     tds.EnvChange
	Status  int32
	Value   tds.ReturnValue
}

// Recorder implements tds.ResultWriter by recording events in order. It checks
// the same call rules as the real writer (Row after Columns with as many values
// as columns, non-zero transaction descriptors) but does not encode values.
type Recorder struct {
	Events []Event
	cols   []tds.Column
}

var _ tds.ResultWriter = (*Recorder)(nil)

func (r *Recorder) add(e Event) error { r.Events = append(r.Events, e); return nil }

// Columns records a result set start.
func (r *Recorder) Columns(cols []tds.Column) error {
	if len(cols) == 0 {
		return errors.New("tdstest: Columns with no columns")
	}
	r.cols = append([]tds.Column(nil), cols...)
	return r.add(Event{Kind: "columns", Columns: r.cols})
}

// Row records a row of the current result set.
func (r *Recorder) Row(values []any) error {
	if r.cols == nil {
		return errors.New("tdstest: Row before Columns")
	}
	if len(values) != len(r.cols) {
		return fmt.Errorf("tdstest: row with %d values for %d columns", len(values), len(r.cols))
	}
	return r.add(Event{Kind: "row", Row: append([]any(nil), values...)})
}

// Done records a done token (DoneMore is the real writer's business and is cleared).
func (r *Recorder) Done(kind tds.DoneKind, status, curCmd uint16, rows uint64) error {
	r.cols = nil
	return r.add(Event{Kind: "done", Done: tds.DoneToken{Kind: kind, Status: status &^ tds.DoneMore, CurCmd: curCmd, Rows: rows}})
}

// Error records an error with the ERROR token fields it would produce.
func (r *Recorder) Error(err error) error {
	return r.add(Event{Kind: "error", Err: err, Message: tds.ErrorMessage(err, "")})
}

// Info records an INFO message.
func (r *Recorder) Info(m tds.MessageToken) error { return r.add(Event{Kind: "info", Message: m}) }

// EnvChange records an environment change.
func (r *Recorder) EnvChange(e tds.EnvChange) error { return r.add(Event{Kind: "envchange", Env: e}) }

// BeginTransaction records ENVCHANGE 8.
func (r *Recorder) BeginTransaction(d uint64) error {
	if d == 0 {
		return errors.New("tdstest: transaction descriptor 0")
	}
	return r.EnvChange(tds.EnvChangeBeginTran(d))
}

// CommitTransaction records ENVCHANGE 9.
func (r *Recorder) CommitTransaction(d uint64) error { return r.EnvChange(tds.EnvChangeCommitTran(d)) }

// RollbackTransaction records ENVCHANGE 10.
func (r *Recorder) RollbackTransaction(d uint64) error {
	return r.EnvChange(tds.EnvChangeRollbackTran(d))
}

// DatabaseChanged records ENVCHANGE 1 and INFO 5701 like the real writer.
func (r *Recorder) DatabaseChanged(newDB, oldDB string) error {
	r.EnvChange(tds.EnvChangeDatabase(newDB, oldDB))
	return r.Info(tds.MessageToken{Number: 5701, State: 2, Text: "Changed database context to '" + newDB + "'."})
}

// ReturnStatus records RETURNSTATUS.
func (r *Recorder) ReturnStatus(s int32) error { return r.add(Event{Kind: "returnstatus", Status: s}) }

// ReturnValue records RETURNVALUE.
func (r *Recorder) ReturnValue(v tds.ReturnValue) error {
	return r.add(Event{Kind: "returnvalue", Value: v})
}

// Rows returns the rows of the n-th result set (0-based).
func (r *Recorder) Rows(n int) [][]any {
	var rows [][]any
	set := -1
	for _, e := range r.Events {
		switch e.Kind {
		case "columns":
			set++
		case "row":
			if set == n {
				rows = append(rows, e.Row)
			}
		}
	}
	return rows
}

// String dumps the events one per line, for golden comparisons.
func (r *Recorder) String() string {
	var b strings.Builder
	for _, e := range r.Events {
		switch e.Kind {
		case "columns":
			names := make([]string, len(e.Columns))
			for i, c := range e.Columns {
				names[i] = fmt.Sprintf("%s:%#x", c.Name, c.Type.ID)
			}
			fmt.Fprintf(&b, "columns %s\n", strings.Join(names, " "))
		case "row":
			fmt.Fprintf(&b, "row %v\n", e.Row)
		case "done":
			fmt.Fprintf(&b, "done kind=%#x status=%#x cmd=%#x rows=%d\n", byte(e.Done.Kind), e.Done.Status, e.Done.CurCmd, e.Done.Rows)
		case "error", "info":
			fmt.Fprintf(&b, "%s %d/%d/%d %s\n", e.Kind, e.Message.Number, e.Message.Class, e.Message.State, e.Message.Text)
		case "envchange":
			fmt.Fprintf(&b, "envchange %s\n", e.Env)
		case "returnstatus":
			fmt.Fprintf(&b, "returnstatus %d\n", e.Status)
		case "returnvalue":
			fmt.Fprintf(&b, "returnvalue %s=%v\n", e.Value.Name, e.Value.Value)
		}
	}
	return b.String()
}
