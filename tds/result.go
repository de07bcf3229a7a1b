package tds

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
)

// ErrAttention is returned by ResultWriter methods once the client has sent an
// Attention for the running request.
var ErrAttention = errors.New("tds: request cancelled by attention")

// resultWriter implements ResultWriter on a MessageWriter for one response.
type resultWriter struct {
	mw         *MessageWriter
	serverName string
	attn       *atomic.Bool
	scratch    []byte
	// ver is the client's acknowledged TDS version (0 = TDS74); older clients
	// get down-level tokens and types (downlevel.go).
	ver uint32

	cols  []Column   // the current result set's columns; nil outside one
	convs []convFunc // down-level value conversions of cols, or nil
	// metaCols and meta are the last result set's columns (after the
	// down-level mapping) and their encoded COLMETADATA token, kept across
	// result sets and requests: a statement run again (SELECT 1, a point
	// lookup) sends the same columns, and re-encoding and re-validating them
	// was ~2 % of the server's CPU per SELECT 1. encs and plp belong to them.
	metaCols    []Column
	meta        []byte
	rowBuf      []any
	boxBuf      []any      // RowFields' values boxed, for the rows writeFieldRow leaves to Row
	plp         bool       // a column of the current result set is PLP
	encs        []colEnc   // RowFields' per-column encodings of cols
	pending     *DoneToken // last done token, not yet sent
	pendingBuf  DoneToken
	errsSince   bool // ERROR tokens since the last done token
	finalKind   DoneKind
	err         error // first transport error
	wroteTokens bool
}

func (w *resultWriter) version() uint32 {
	if w.ver == 0 {
		return TDS74
	}
	return w.ver
}

func (w *resultWriter) pre72() bool { return w.version() < TDS72 }

func (w *resultWriter) reset(kind DoneKind) {
	w.cols, w.pending, w.errsSince, w.finalKind, w.err, w.wroteTokens = nil, nil, false, kind, nil, false
}

// begin is called before every token: it checks for attention and sends the
// held-back done token with DONE_MORE.
func (w *resultWriter) begin() error {
	if w.attn.Load() {
		return ErrAttention
	}
	if w.err != nil {
		return w.err
	}
	if w.pending != nil {
		d := *w.pending
		d.Status |= DoneMore
		w.pending = nil
		w.put(appendDoneRows(w.scratch[:0], d, w.pre72()))
	}
	w.mw.MarkToken()
	w.wroteTokens = true
	return w.err
}

// put writes a whole small token built in w.scratch, whose memory it keeps.
func (w *resultWriter) put(b []byte) {
	w.write(b)
	w.scratch = b[:0]
}

// write writes a whole token.
func (w *resultWriter) write(b []byte) {
	w.mw.MarkToken()
	if _, err := w.mw.Write(b); err != nil && w.err == nil {
		w.err = err
	}
}

// maxKeptMeta bounds the COLMETADATA a connection keeps for its next
// result set (resultWriter.meta); wider results are encoded every time.
const maxKeptMeta = 4 << 10

func (w *resultWriter) Columns(cols []Column) error {
	if err := w.begin(); err != nil {
		return err
	}
	cols, convs := downlevelColumns(cols, w.version())
	if len(cols) == 0 || !slices.Equal(cols, w.metaCols) {
		w.metaCols = w.metaCols[:0]
		b, err := appendColMetadata(w.meta[:0], cols, w.pre72())
		if err != nil {
			w.meta = b[:0]
			return err
		}
		if cap(b) > maxKeptMeta {
			w.meta = nil // sent below, then left to the garbage collector
		} else {
			w.meta = b
		}
		w.metaCols = append(w.metaCols, cols...)
		w.plp = false
		for _, c := range cols {
			w.plp = w.plp || c.Type.IsPLP()
		}
		w.encs = columnEncs(w.encs, cols)
		w.cols, w.convs = w.metaCols, convs
		w.write(b)
		if w.meta == nil {
			w.metaCols = w.metaCols[:0]
		}
		return w.err
	}
	w.cols, w.convs = w.metaCols, convs
	w.write(w.meta)
	return w.err
}

// ColumnsNoMetadata starts a result set of columns cols without describing
// them again: COLMETADATA carries the NoMetaData count 0xFFFF ([MS-TDS]
// 2.2.7.4), as SQL Server answers an RPC sent with the fNoMetaData option
// (sp_cursorfetch: the client reads the rows with sp_cursoropen's
// metadata). The rows that follow are encoded as cols says.
func (w *resultWriter) ColumnsNoMetadata(cols []Column) error {
	if err := w.begin(); err != nil {
		return err
	}
	cols, convs := downlevelColumns(cols, w.version())
	// The kept COLMETADATA no longer matches the encoders set below.
	w.metaCols = w.metaCols[:0]
	w.plp = false
	for _, c := range cols {
		w.plp = w.plp || c.Type.IsPLP()
	}
	w.encs = columnEncs(w.encs, cols)
	w.cols, w.convs = slices.Clone(cols), convs
	w.put(append(w.scratch[:0], tokenColMetadata, 0xFF, 0xFF))
	return w.err
}

func (w *resultWriter) Row(values []any) error {
	if w.cols == nil {
		return errors.New("tds: Row before Columns")
	}
	if err := w.begin(); err != nil {
		return err
	}
	if w.convs != nil {
		var err error
		if w.rowBuf, err = convertRow(w.rowBuf, values, w.convs); err != nil {
			return err
		}
		values = w.rowBuf
	}
	b, err := writeRow(w.mw, []byte{tokenRow}, w.version() >= TDS73B, w.cols, values, w.scratch)
	w.scratch = b[:0]
	if err != nil && w.mw.Err() != nil {
		w.err = w.mw.Err()
	}
	return err
}

var _ FieldWriter = (*resultWriter)(nil)

// RowFields implements FieldWriter. Rows with a PLP column or of a
// down-level client (value conversions) go through Row, boxed.
func (w *resultWriter) RowFields(fs []Field) error {
	if w.convs != nil || w.plp {
		w.boxBuf = w.boxBuf[:0]
		for i := range fs {
			w.boxBuf = append(w.boxBuf, fs[i].Value())
		}
		return w.Row(w.boxBuf)
	}
	if w.cols == nil {
		return errors.New("tds: Row before Columns")
	}
	if err := w.begin(); err != nil {
		return err
	}
	b, err := writeFieldRow(w.mw, w.version() >= TDS73B, w.cols, w.encs, fs, w.scratch)
	w.scratch = b[:0]
	if err != nil && w.mw.Err() != nil {
		w.err = w.mw.Err()
	}
	return err
}

func (w *resultWriter) Done(kind DoneKind, status, curCmd uint16, rows uint64) error {
	if kind != Done && kind != DoneProc && kind != DoneInProc {
		return fmt.Errorf("tds: done kind %#x", byte(kind))
	}
	if err := w.begin(); err != nil {
		return err
	}
	if w.errsSince {
		status |= DoneError
		w.errsSince = false
	}
	w.pendingBuf = DoneToken{Kind: kind, Status: status &^ DoneMore, CurCmd: curCmd, Rows: rows}
	w.pending = &w.pendingBuf
	w.cols = nil
	return nil
}

func (w *resultWriter) Error(err error) error {
	if e := w.begin(); e != nil {
		return e
	}
	w.errsSince = true
	w.put(appendMessage(w.scratch[:0], tokenError, ErrorMessage(err, w.serverName)))
	return w.err
}

func (w *resultWriter) Info(m MessageToken) error {
	if err := w.begin(); err != nil {
		return err
	}
	if m.ServerName == "" {
		m.ServerName = w.serverName
	}
	w.put(appendMessage(w.scratch[:0], tokenInfo, m))
	return w.err
}

func (w *resultWriter) EnvChange(e EnvChange) error {
	// begin first: it may flush a held-back DONE through scratch.
	if err := w.begin(); err != nil {
		return err
	}
	b, err := appendEnvChange(w.scratch[:0], e)
	if err != nil {
		return err
	}
	w.put(b)
	return w.err
}

func (w *resultWriter) BeginTransaction(d uint64) error {
	if d == 0 {
		return errors.New("tds: transaction descriptor 0")
	}
	return w.EnvChange(EnvChangeBeginTran(d))
}

func (w *resultWriter) CommitTransaction(d uint64) error {
	return w.EnvChange(EnvChangeCommitTran(d))
}

func (w *resultWriter) RollbackTransaction(d uint64) error {
	return w.EnvChange(EnvChangeRollbackTran(d))
}

func (w *resultWriter) DatabaseChanged(newDB, oldDB string) error {
	if err := w.EnvChange(EnvChangeDatabase(newDB, oldDB)); err != nil {
		return err
	}
	return w.Info(dbChangedInfo(newDB))
}

func dbChangedInfo(db string) MessageToken {
	return MessageToken{Number: 5701, State: 2, Class: 0, Text: "Changed database context to '" + db + "'."}
}

func (w *resultWriter) ReturnStatus(s int32) error {
	if err := w.begin(); err != nil {
		return err
	}
	w.put(appendReturnStatus(w.scratch[:0], s))
	return w.err
}

func (w *resultWriter) ReturnValue(rv ReturnValue) error {
	t, conv := downlevelType(rv.Type, w.version())
	if conv != nil {
		v, err := conv(rv.Value)
		if err != nil {
			return err
		}
		rv.Value = v
	}
	rv.Type = t
	if err := validColumnType(rv.Type); err != nil {
		return err
	}
	if err := w.begin(); err != nil {
		return err
	}
	b, err := writeReturnValue(w.mw, rv, w.scratch, w.pre72())
	w.scratch = b[:0]
	if w.mw.Err() != nil {
		w.err = w.mw.Err()
	}
	return err
}

// closeCall leaves the request's (or, in an RPC batch, the call's) last
// done token pending: reqErr as ERROR + done(ERROR), a final done token when
// the call wrote none or errors followed its last one.
func (w *resultWriter) closeCall(reqErr error) {
	if reqErr != nil && w.err == nil && !errors.Is(reqErr, ErrAttention) {
		if err := w.Error(reqErr); err == nil {
			st := DoneError
			if m := ErrorMessage(reqErr, ""); m.Class >= 20 {
				st |= DoneSrvError // fatal: clients drop the connection
			}
			w.pendingBuf = DoneToken{Kind: w.finalKind, Status: st}
			w.pending = &w.pendingBuf
			w.errsSince = false
		}
	}
	if w.pending == nil || w.errsSince {
		st := DoneFinal
		if w.errsSince {
			st = DoneError
		}
		if w.pending != nil {
			w.begin()
		}
		w.pendingBuf = DoneToken{Kind: w.finalKind, Status: st}
		w.pending = &w.pendingBuf
	}
}

// endCall ends one call of an RPC batch that another call follows: its
// DONEPROC stays pending and goes out with DONE_MORE before the next call's
// first token. next reports whether the next call may run: not after an
// Attention, a transport error or an error that ends the connection; then
// rest is what finish still has to report.
func (w *resultWriter) endCall(callErr error) (next bool, rest error) {
	if w.attn.Load() || w.err != nil || errors.Is(callErr, ErrAttention) {
		return false, callErr
	}
	w.closeCall(callErr)
	if w.err != nil || w.pending.Status&DoneSrvError != 0 {
		return false, nil
	}
	w.cols = nil
	return true, nil
}

// finish ends the response: on attention it drops unsent whole tokens and ends
// with DONE(ATTN); otherwise it reports reqErr, makes sure a final done token
// exists and sends it without DONE_MORE. It returns the transport error.
func (w *resultWriter) finish(reqErr error) error {
	if w.attn.Load() {
		w.mw.Discard()
		w.pending = nil
		w.put(appendDoneRows(w.scratch[:0], DoneToken{Kind: Done, Status: DoneAttn}, w.pre72()))
		return w.mw.End()
	}
	w.closeCall(reqErr)
	w.put(appendDoneRows(w.scratch[:0], *w.pending, w.pre72()))
	w.pending = nil
	if err := w.mw.End(); err != nil {
		return err
	}
	return w.err
}
