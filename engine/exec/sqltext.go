package exec

import (
	"encoding/binary"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sql_handle and sys.dm_exec_sql_text: the "what is running" query of every
// DBA (sys.dm_exec_requests CROSS APPLY sys.dm_exec_sql_text(sql_handle)).
// A handle names one request of one session: 0x02000000, the session id
// and the request's number, big-endian, padded to SQL Server's 20 bytes. The
// text can be read while the request runs and until the session's next one.

// SQLHandle returns the sql_handle of request id of session spid.
func SQLHandle(spid int32, id uint64) []byte {
	h := make([]byte, 20)
	h[0] = 2
	binary.BigEndian.PutUint32(h[4:], uint32(spid))
	binary.BigEndian.PutUint64(h[8:], id)
	return h
}

// SQLHandle is the sql_handle of what the request runs now: its own
// text's, or, while it runs a procedure or dynamic batch, that text's (the
// handle sys.dm_exec_query_stats shows for its statements).
func (r Request) SQLHandle(spid int32) []byte {
	if r.InModule() {
		text, _, _ := r.RunningText()
		return textSQLHandle(textHashOf(text))
	}
	return SQLHandle(spid, r.ID)
}

// runningTextByHash finds a procedure or dynamic batch a request runs now
// whose text hashes to h: its first statement has no query statistics yet.
func (s *Session) runningTextByHash(h uint64) (text string, dbID, objectID int32, ok bool) {
	for _, si := range s.srv.SessionList() {
		if !si.Request.Running || !si.Request.InModule() {
			continue
		}
		if text, dbID, objectID = si.Request.RunningText(); textHashOf(text) == h {
			return text, dbID, objectID, true
		}
	}
	return "", 0, 0, false
}

// requestText finds the text of the request a handle names.
func (s *Session) requestText(h []byte) (string, bool) {
	if len(h) < 16 || h[0] != 2 || h[1] != 0 {
		return "", false
	}
	spid, id := int32(binary.BigEndian.Uint32(h[4:])), binary.BigEndian.Uint64(h[8:])
	for _, si := range s.srv.SessionList() {
		if si.SPID == spid && si.Request.ID == id {
			return si.Request.Text, true
		}
	}
	return "", false
}

// buildSQLText compiles sys.dm_exec_sql_text(handle): one row (dbid,
// objectid, number, encrypted, text) for a known handle, none otherwise.
func (s *Session) buildSQLText(t *ast.TableFunc, outer *scope) (*source, error) {
	if len(t.Call.Args) != 1 {
		return nil, ErrWrongArgCount.New("dm_exec_sql_text", 1)
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	args, err := c.args(t.Call)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer, cols: []scopeCol{
		{qual: q, name: "dbid", typ: types.TypeSmallInt, idx: 0},
		{qual: q, name: "objectid", typ: types.TypeInt, idx: 1},
		{qual: q, name: "number", typ: types.TypeSmallInt, idx: 2},
		{qual: q, name: "encrypted", typ: types.TypeBit, idx: 3},
		{qual: q, name: "text", typ: types.NVarCharType(types.MaxLength), idx: 4},
	}}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		if vals[0].IsNull() {
			return &sliceIter{}, nil
		}
		dbid, objid := types.Null(types.SmallInt), types.Null(types.Int)
		text, ok := s.requestText(vals[0].Bytes())
		if h, isText := handleTextHash(vals[0].Bytes()); isText { // a cached batch or module (querystats.go)
			var db, obj int32
			text, db, obj, ok = s.qstats.textByHash(h)
			if !ok {
				text, db, obj, ok = s.runningTextByHash(h)
			}
			if ok && obj != 0 {
				dbid, objid = types.NewSmallInt(int16(db)), types.NewInt(obj)
			}
		}
		if !ok {
			return &sliceIter{}, nil
		}
		return &sliceIter{rows: []Row{{dbid, objid, types.Null(types.SmallInt), types.NewBit(false), types.NewNVarChar(text)}}}, nil
	}}, nil
}
