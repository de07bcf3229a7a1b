package tds

import (
	"fmt"
	"strings"
)

// Well-known RPC procedure ids ([MS-TDS] 2.2.6.6 ProcID).
const (
	ProcCursor          = 1
	ProcCursorOpen      = 2
	ProcCursorPrepare   = 3
	ProcCursorExecute   = 4
	ProcCursorPrepExec  = 5
	ProcCursorUnprepare = 6
	ProcCursorFetch     = 7
	ProcCursorOption    = 8
	ProcCursorClose     = 9
	ProcExecuteSQL      = 10
	ProcPrepare         = 11
	ProcExecute         = 12
	ProcPrepExec        = 13
	ProcPrepExecRPC     = 14
	ProcUnprepare       = 15
)

var procNames = [...]string{
	ProcCursor: "sp_cursor", ProcCursorOpen: "sp_cursoropen", ProcCursorPrepare: "sp_cursorprepare",
	ProcCursorExecute: "sp_cursorexecute", ProcCursorPrepExec: "sp_cursorprepexec",
	ProcCursorUnprepare: "sp_cursorunprepare", ProcCursorFetch: "sp_cursorfetch",
	ProcCursorOption: "sp_cursoroption", ProcCursorClose: "sp_cursorclose",
	ProcExecuteSQL: "sp_executesql", ProcPrepare: "sp_prepare", ProcExecute: "sp_execute",
	ProcPrepExec: "sp_prepexec", ProcPrepExecRPC: "sp_prepexecrpc", ProcUnprepare: "sp_unprepare",
}

// RPC parameter status flags ([MS-TDS] 2.2.6.6 StatusFlags).
const (
	ParamByRef     = 0x01 // OUTPUT parameter
	ParamDefault   = 0x02
	paramEncrypted = 0x08
)

// Param is one decoded RPC parameter. Value follows the value model of doc.go;
// NULLTYPE (0x1F) parameters have Type.ID 0x1F and a nil Value. TEXT, NTEXT and
// IMAGE parameters (type ids 0x23, 0x63, 0x22) decode to string, string and
// []byte; their TypeInfo cannot be used for result columns (use Param.ColumnType).
// Table-valued parameters have Type.IsTVP() and a *TVP Value (tvp.go).
type Param struct {
	Name   string // with its '@', or "" for positional parameters
	Status byte
	Type   TypeInfo
	Value  any
}

// ColumnType returns a type to send the parameter's value back with (a result
// column or RETURNVALUE): NULLTYPE becomes nvarchar(1) (go-mssqldb's declaration
// for nil), TEXT/NTEXT/IMAGE become varchar(max)/nvarchar(max)/varbinary(max).
func (p Param) ColumnType() TypeInfo {
	switch p.Type.ID {
	case typeNull:
		return TypeNVarChar(1)
	case typeText:
		t := TypeVarChar(MaxLength)
		t.Collation = p.Type.Collation
		return t
	case typeNText:
		return TypeNVarChar(MaxLength)
	case typeImage:
		return TypeVarBinary(MaxLength)
	}
	return p.Type
}

// Output reports whether the parameter was passed as OUTPUT.
func (p Param) Output() bool { return p.Status&ParamByRef != 0 }

// RPCRequest is a decoded RPC message holding one call ([MS-TDS] 2.2.6.6).
type RPCRequest struct {
	Headers
	Reset, ResetSkipTran bool
	// ProcID is set for calls by id (e.g. ProcExecuteSQL); ProcName otherwise.
	ProcID      uint16
	ProcName    string
	OptionFlags uint16
	Params      []Param
}

// Name returns the procedure name, mapping well-known ids to their names.
func (r *RPCRequest) Name() string {
	if r.ProcName != "" {
		return r.ProcName
	}
	if int(r.ProcID) < len(procNames) && procNames[r.ProcID] != "" {
		return procNames[r.ProcID]
	}
	return ""
}

// IsProc reports whether the call is of the well-known procedure id, by id or
// by name (tedious may name them).
func (r *RPCRequest) IsProc(id uint16) bool {
	if r.ProcName == "" {
		return r.ProcID == id
	}
	n := strings.ToLower(r.ProcName)
	n = strings.TrimPrefix(strings.TrimPrefix(n, "sys."), "dbo.")
	return int(id) < len(procNames) && n == procNames[id]
}

// Arg returns the parameter at position pos if it is unnamed or named name
// (case-insensitive, with '@'), otherwise the parameter named name anywhere. It
// serves the system procedures whose leading parameters clients send either
// positionally (go-mssqldb) or by name (tedious):
//
//	sp_executesql  @stmt|@statement, @params, args…
//	sp_prepare     @handle OUTPUT, @params, @stmt, @options
//	sp_execute     @handle, args…
//	sp_prepexec    @handle OUTPUT, @params, @stmt, args…
//	sp_unprepare   @handle
func (r *RPCRequest) Arg(pos int, name string) (Param, bool) {
	if pos >= 0 && pos < len(r.Params) {
		p := r.Params[pos]
		if p.Name == "" || strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	for _, p := range r.Params {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Param{}, false
}

// ExecuteSQL splits an sp_executesql call into its statement, its parameter
// declarations and the remaining arguments. The first two parameters may be
// unnamed (go-mssqldb) or named @statement/@params (tedious); @params may be
// absent. ok is false for other calls or a non-string statement.
func (r *RPCRequest) ExecuteSQL() (stmt, decls string, args []Param, ok bool) {
	if !r.IsProc(ProcExecuteSQL) || len(r.Params) == 0 {
		return "", "", nil, false
	}
	stmt, ok = r.Params[0].Value.(string)
	if !ok {
		return "", "", nil, false
	}
	args = r.Params[1:]
	if len(args) > 0 && (args[0].Name == "" || strings.EqualFold(args[0].Name, "@params")) {
		if s, isStr := args[0].Value.(string); isStr || args[0].Value == nil {
			decls, args = s, args[1:]
		}
	}
	return stmt, decls, args, true
}

// DecodeRPC decodes the RPC payload of a TDS 7.2+ client; status is the first
// packet's status. A message holding several calls (batch separators) is
// rejected: DecodeRPCBatch decodes those.
func DecodeRPC(p []byte, status byte) (*RPCRequest, error) { return decodeRPC(p, status, true) }

// DecodeRPCBatch decodes the RPC payload of a TDS 7.2+ client: one call, or
// several separated by BatchFlag ([MS-TDS] 2.2.6.6 RPCReqBatch), as JDBC's
// executeBatch of a PreparedStatement sends them (jTDS: one sp_execute per
// parameter set). The calls share the message's ALL_HEADERS; only the first
// reports RESETCONNECTION.
func DecodeRPCBatch(p []byte, status byte) ([]*RPCRequest, error) {
	first, rest, err := decodeRPCReusing(p, status, true, nil)
	if err != nil {
		return nil, err
	}
	return append([]*RPCRequest{first}, rest...), nil
}

// decodeRPC decodes a single-call RPC payload; ALL_HEADERS is required when
// withHeaders (TDS 7.2 and later) and absent otherwise ([MS-TDS] 2.2.6.6).
func decodeRPC(p []byte, status byte, withHeaders bool) (*RPCRequest, error) {
	req, rest, err := decodeRPCReusing(p, status, withHeaders, nil)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		return nil, errorf("RPC message with %d calls", len(rest)+1)
	}
	return req, nil
}

// rpcAlloc is a request and room for its first parameters in one
// allocation: an sp_executesql call carries the statement, its declarations
// and a few values, and growing Params one append at a time cost three more
// allocations per call (session 15).
type rpcAlloc struct {
	req    RPCRequest
	params [4]Param
}

// Batch separators between the calls of one RPC message ([MS-TDS] 2.2.6.6):
// BatchFlag is 0x80 before TDS 7.2 and 0xFF from 7.2, where NoExecFlag 0xFE
// also separates. None can start a parameter: a parameter name's B_VARCHAR
// length is at most 128 characters, and SQL Server reads 0x80 as the separator.
const (
	rpcBatchFlag71 = 0x80
	rpcBatchFlag   = 0xFF
	rpcNoExecFlag  = 0xFE
)

func isRPCSeparator(c byte) bool {
	return c == rpcBatchFlag || c == rpcBatchFlag71 || c == rpcNoExecFlag
}

// decodeRPCReusing decodes an RPC payload into its first call and the calls
// that follow it in the same message (nil for all but batching clients);
// keep (rpc_reuse.go; nil: none) serves the first call.
func decodeRPCReusing(p []byte, status byte, withHeaders bool, keep *rpcReuse) (first *RPCRequest, rest []*RPCRequest, err error) {
	r := &rd{b: p}
	var h Headers
	if withHeaders {
		if h, err = readAllHeaders(r); err != nil {
			return nil, nil, err
		}
	}
	if first, err = decodeRPCCall(r, h, status, keep); err != nil {
		return nil, nil, err
	}
	for r.remaining() > 0 {
		r.u8() // the separator decodeRPCCall stopped at
		if r.remaining() == 0 {
			break // a trailing separator ends the batch
		}
		req, err := decodeRPCCall(r, h, 0, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (call %d of the RPC batch)", err, len(rest)+2)
		}
		rest = append(rest, req)
	}
	return first, rest, nil
}

// decodeRPCCall decodes one call (RPCReqBatch) from r, up to the end of the
// payload or a batch separator, which it leaves unread.
func decodeRPCCall(r *rd, h Headers, status byte, keep *rpcReuse) (*RPCRequest, error) {
	a := new(rpcAlloc)
	req := &a.req
	*req = RPCRequest{Headers: h, Params: a.params[:0],
		Reset: status&StatusResetConnection != 0, ResetSkipTran: status&StatusResetConnectionNoTran != 0}
	n := r.u16()
	if n == 0xFFFF {
		req.ProcID = r.u16()
	} else {
		if n == 0 || int(n)*2 > r.remaining() {
			return nil, errorf("RPC procedure name of %d characters", n)
		}
		req.ProcName = ucs2(r.take(int(n) * 2))
	}
	req.OptionFlags = r.u16()
	if r.err != nil {
		return nil, errorf("RPC header: %v", r.err)
	}
	for r.remaining() > 0 && !isRPCSeparator(r.b[r.off]) {
		prm := Param{Name: keep.name(r, len(req.Params)), Status: r.u8()}
		if r.err != nil {
			return nil, errorf("RPC parameter %d: %v", len(req.Params)+1, r.err)
		}
		if prm.Status&paramEncrypted != 0 {
			return nil, errorf("RPC parameter %s: encrypted parameters are not supported", prm.Name)
		}
		if r.remaining() > 0 && r.b[r.off] == typeTVP {
			r.u8()
			v, err := readTVP(r) // tvp.go
			if err != nil {
				return nil, errorf("RPC parameter %d: %v", len(req.Params)+1, err)
			}
			prm.Type, prm.Value = TypeTVP(), v
			req.Params = append(req.Params, prm)
			continue
		}
		t, err := readParamTypeInfo(r)
		if id, ok := err.(unknownTypeError); ok {
			return nil, rpcUnknownType(len(req.Params)+1, prm.Name, byte(id))
		}
		if err != nil {
			return nil, errorf("RPC parameter %d: %v", len(req.Params)+1, err)
		}
		prm.Type = t
		if prm.Value, err = keep.value(r, len(req.Params), t); err != nil {
			return nil, errorf("RPC parameter %d: %v", len(req.Params)+1, err)
		}
		req.Params = append(req.Params, prm)
	}
	return req, nil
}

// rpcUnknownType is SQL Server's error for an RPC parameter of an unknown
// type. go-mssqldb 1.11.2 draws it for a NULL mssql.NullUniqueIdentifier: it
// writes the length 0 and then 16 zero bytes (writeGuidType), which read as a
// parameter named "" of type 0x00.
func rpcUnknownType(n int, name string, id byte) *ServerError {
	return &ServerError{Number: protocolErrorNumber, Class: 16, State: 1, Text: fmt.Sprintf(
		"The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter %d (%q): Data type 0x%02X is unknown.", n, name, id)}
}
