package session

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tds"
)

// output turns the executor's results into TDS tokens.
type output struct {
	w    tds.ResultWriter
	fw   tds.FieldWriter // w's unboxed row path, when it has one
	es   *exec.Session
	rpc  bool
	vals []any
	fs   []tds.Field
	cols []tds.Column // Columns' buffer (the ResultWriter copies what it keeps)
	// variant marks the sql_variant columns of the current result: their
	// values travel with their base type (variantField).
	variant []bool
	// endsWithDone is set while the last token written is a statement's
	// DONE or DONEPROC (not DONEINPROC): it can end the batch itself.
	endsWithDone bool
	// cursorMeta shapes the next result set as an API server cursor's
	// (apicursor.go): its last column, ROWSTAT, is hidden; with noMeta its
	// COLMETADATA is the NoMetaData marker (the RPC's fNoMetaData option).
	cursorMeta, noMeta bool
}

// noMetadataWriter is the tds.ResultWriter that can start a result set
// without sending its metadata (sp_cursorfetch under fNoMetaData).
type noMetadataWriter interface {
	ColumnsNoMetadata(cols []tds.Column) error
}

// newOutput returns the output of one request written to w.
func newOutput(w tds.ResultWriter, es *exec.Session, rpc bool) *output {
	o := &output{}
	o.reset(w, es, rpc)
	return o
}

// reset readies o for a new request written to w, keeping its buffers: a
// session reuses one output for all its requests (tds serializes them), so
// a `SELECT 1` allocates no output, column list or row buffers.
func (o *output) reset(w tds.ResultWriter, es *exec.Session, rpc bool) {
	fw, _ := w.(tds.FieldWriter)
	o.w, o.fw, o.es, o.rpc = w, fw, es, rpc
	o.variant = o.variant[:0]
	o.endsWithDone = false
	o.cursorMeta, o.noMeta = false, false
}

var _ exec.Output = (*output)(nil)

func (o *output) Columns(cols []exec.ResultColumn) error {
	o.endsWithDone = false
	if cap(o.cols) < len(cols) {
		o.cols = make([]tds.Column, len(cols))
	}
	tc := o.cols[:len(cols)]
	o.variant = o.variant[:0]
	for i, c := range cols {
		ti := typeInfo(c.Type)
		if c.NotNull {
			// SQL Server sends a NOT NULL int, bit, float, money or
			// datetime column as its fixed-length type (INT4TYPE …), a
			// nullable one as the N type; go-mssqldb's DatabaseTypeName
			// and FreeTDS's column types read the difference.
			ti = ti.Fixed()
		}
		tc[i] = tds.Column{Name: c.Name, Type: ti, Nullable: !c.NotNull}
		if c.Type.ID == types.SQLVariant {
			if len(o.variant) == 0 {
				o.variant = make([]bool, len(cols))
			}
			o.variant[i] = true
		}
	}
	if o.fw == nil { // Row's boxed path
		o.vals = make([]any, len(cols))
	}
	if o.cursorMeta && len(tc) > 0 {
		tc[len(tc)-1].Flags |= tds.ColHidden
		if nm, ok := o.w.(noMetadataWriter); ok && o.noMeta {
			return nm.ColumnsNoMetadata(tc)
		}
	}
	return o.w.Columns(tc)
}

// Row sends r. Through a FieldWriter, integers, floats, strings and binary
// values go unboxed (no allocation per value); the rest as wireValue makes
// them.
func (o *output) Row(r exec.Row) error {
	o.endsWithDone = false
	if o.fw != nil {
		if cap(o.fs) < len(r) {
			o.fs = make([]tds.Field, len(r))
		}
		fs := o.fs[:len(r)]
		for i := range r {
			if err := fieldOf(&fs[i], &r[i]); err != nil {
				return err
			}
		}
		if len(o.variant) != 0 {
			if err := o.variantFields(fs, r); err != nil {
				return err
			}
		}
		return o.fw.RowFields(fs)
	}
	if len(o.vals) != len(r) {
		o.vals = make([]any, len(r))
	}
	for i, v := range r {
		wv, err := wireValue(v)
		if err != nil {
			return err
		}
		o.vals[i] = wv
	}
	if len(o.variant) != 0 {
		var f tds.Field
		for i, isVar := range o.variant {
			if isVar && i < len(r) {
				if err := variantField(&f, r[i]); err != nil {
					return err
				}
				o.vals[i] = f.Any
			}
		}
	}
	return o.w.Row(o.vals)
}

// variantFields re-encodes the sql_variant columns of r in fs.
func (o *output) variantFields(fs []tds.Field, r exec.Row) error {
	for i, isVar := range o.variant {
		if isVar && i < len(r) {
			if err := variantField(&fs[i], r[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (o *output) Done(cmd exec.Cmd, count int64, hasCount, inProc, failed bool) error {
	status := uint16(0)
	if hasCount {
		status |= tds.DoneCount
	}
	if failed {
		status |= tds.DoneError
	}
	if o.es.TranCount() > 0 {
		status |= tds.DoneInXact
	}
	kind := tds.Done
	switch {
	case inProc || o.rpc:
		kind = tds.DoneInProc
	case cmd == exec.CmdExecute:
		// The end of a procedure EXECuted at the top of a batch.
		kind = tds.DoneProc
	}
	o.endsWithDone = kind != tds.DoneInProc
	return o.w.Done(kind, status, uint16(cmd), uint64(max(count, 0)))
}

func (o *output) Message(m *exec.Error) error {
	o.endsWithDone = false
	return o.w.Info(tds.MessageToken{Number: m.Number, State: m.State, Class: m.Severity, Text: m.Message, ProcName: m.Proc, Line: m.Line})
}

func (o *output) Error(err error) error {
	o.endsWithDone = false
	return o.w.Error(err)
}

func (o *output) Transaction(kind exec.TranEvent, d uint64) error {
	o.endsWithDone = false
	switch kind {
	case exec.TranBegan:
		return o.w.BeginTransaction(d)
	case exec.TranCommitted:
		return o.w.CommitTransaction(d)
	}
	return o.w.RollbackTransaction(d)
}

func (o *output) DatabaseChanged(newDB, oldDB string) error {
	o.endsWithDone = false
	return o.w.DatabaseChanged(newDB, oldDB)
}

// ReturnStatus sends the return status of a procedure EXECuted at the top
// of a batch. In an RPC request the session sends the RPC's own after the
// call, and an EXEC there is inside a procedure (sp_executesql's body), so
// none is sent for it.
func (o *output) ReturnStatus(status int32) error {
	if o.rpc {
		return nil
	}
	o.endsWithDone = false
	return o.w.ReturnStatus(status)
}
