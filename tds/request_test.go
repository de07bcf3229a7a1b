package tds

import (
	"encoding/binary"
	"encoding/hex"
	"io"
	"strings"
	"testing"
)

// allHeaders is ALL_HEADERS as every client sends it (tds-clients.md §1.5).
func allHeaders(desc uint64) []byte {
	b := unhexNoT("16000000 12000000 0200")
	b = binary.LittleEndian.AppendUint64(b, desc)
	return binary.LittleEndian.AppendUint32(b, 1)
}

// unhexNoT is unhex for seed corpora built outside a test.
func unhexNoT(s string) []byte {
	b, err := hex.DecodeString(strings.NewReplacer(" ", "", "|", "").Replace(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestDecodeBatch(t *testing.T) {
	p := append(allHeaders(0x0102030405060708), appendUCS2(nil, "select 1;")...)
	req, err := DecodeBatch(p, StatusResetConnection)
	if err != nil {
		t.Fatal(err)
	}
	if req.Text != "select 1;" || !req.Reset || req.ResetSkipTran || req.TransactionDescriptor != 0x0102030405060708 || req.OutstandingRequests != 1 {
		t.Fatalf("%+v", req)
	}
	bad := []struct{ name, hex string }{
		{"empty", ""},
		{"total length beyond", "FF000000"},
		{"total length too small", "02000000"},
		{"header length beyond", "0A000000 FF000000 0200"},
		{"no descriptor header", "0A000000 06000000 0300"},
		{"descriptor too short", "0E000000 0A000000 0200 01020304"},
		{"unknown header type", "16000000 12000000 0900 0000000000000000 01000000"},
		{"odd text", "16000000 12000000 0200 0000000000000000 01000000 61"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeBatch(unhex(t, tt.hex), 0); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// rpcParam encodes one RPC parameter.
func rpcParam(t testing.TB, name string, status byte, ti TypeInfo, v any) []byte {
	b := appendBVarchar(nil, name)
	b = append(b, status)
	b = appendTypeInfo(b, ti)
	var err error
	if ti.IsPLP() {
		var w strings.Builder
		_, err = writePLP(&w, ti, v, nil)
		return append(b, w.String()...)
	}
	if b, err = appendValue(b, ti, v); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeRPC(t *testing.T) {
	t.Run("by name, observed go-mssqldb bytes", func(t *testing.T) {
		p := append(allHeaders(0), unhex(t, "0600 6d007900700072006f006300 0000 02 40006100 00 2608 08 2A00000000000000")...)
		req, err := DecodeRPC(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		if req.Name() != "myproc" || len(req.Params) != 1 || req.Params[0].Name != "@a" || req.Params[0].Value != int64(42) {
			t.Fatalf("%+v", req)
		}
	})
	t.Run("sp_executesql go-mssqldb style", func(t *testing.T) {
		p := append(allHeaders(0), unhex(t, "FFFF 0A00 0000")...)
		p = append(p, rpcParam(t, "", 0, TypeNVarChar(18), "select @p1")...)
		p = append(p, rpcParam(t, "", 0, TypeNVarChar(30), "@p1 int,@p2 nvarchar(max)")...)
		p = append(p, rpcParam(t, "@p1", 0, TypeInt(), int64(5))...)
		p = append(p, unhex(t, "03 40007000320000 E7 FFFF 0000000000 feffffffffffffff 00000000")...) // observed empty string
		p = append(p, unhex(t, "03 40007000330000 1F")...)                                           // NULLTYPE
		p = append(p, rpcParam(t, "@o", ParamByRef, TypeBigInt(), nil)...)
		req, err := DecodeRPC(p, StatusResetConnection)
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := req.Arg(2, "@p1"); !ok || p.Value != int64(5) {
			t.Fatalf("Arg: %+v %v", p, ok)
		}
		stmt, decls, args, ok := req.ExecuteSQL()
		if !ok || stmt != "select @p1" || decls != "@p1 int,@p2 nvarchar(max)" || len(args) != 4 || !req.Reset {
			t.Fatalf("%q %q %+v %v", stmt, decls, args, ok)
		}
		if args[0].Value != int64(5) || args[1].Value != "" || args[2].Value != nil || args[2].Type.ID != typeNull || !args[3].Output() || args[3].Value != nil {
			t.Fatalf("args %+v", args)
		}
	})
	t.Run("sp_executesql tedious style without @params", func(t *testing.T) {
		p := append(allHeaders(0), unhex(t, "FFFF 0A00 0000")...)
		p = append(p, rpcParam(t, "@statement", 0, TypeNVarChar(MaxLength), "SELECT 1;")...)
		req, err := DecodeRPC(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		stmt, decls, args, ok := req.ExecuteSQL()
		if !ok || stmt != "SELECT 1;" || decls != "" || len(args) != 0 {
			t.Fatalf("%q %q %v %v", stmt, decls, args, ok)
		}
		if !req.IsProc(ProcExecuteSQL) || req.IsProc(ProcPrepare) {
			t.Fatal("IsProc")
		}
		if p, ok := req.Arg(0, "@statement"); !ok || p.Value != "SELECT 1;" {
			t.Fatalf("Arg by position/name: %+v %v", p, ok)
		}
		if _, ok := req.Arg(1, "@params"); ok {
			t.Fatal("absent @params found")
		}
	})
	t.Run("legacy LOB parameters (tedious TYPES.Text/NText/Image)", func(t *testing.T) {
		p := append(allHeaders(0), unhex(t, "FFFF 0A00 0000")...)
		p = append(p, unhex(t, "00 00 23 FFFFFF7F 0904D00034 02000000 6869")...)
		p = append(p, unhex(t, "00 00 63 FEFFFF7F 0904D00034 04000000 6800 6900")...)
		p = append(p, unhex(t, "00 00 22 FFFFFF7F FFFFFFFF")...)
		req, err := DecodeRPC(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		if req.Params[0].Value != "hi" || req.Params[1].Value != "hi" || req.Params[2].Value != nil {
			t.Fatalf("%+v", req.Params)
		}
		if ct := req.Params[1].ColumnType(); ct.ID != typeNVarChar || !ct.IsPLP() {
			t.Fatalf("ColumnType %+v", ct)
		}
	})
	bad := []struct{ name, hex string }{
		{"no proc", ""},
		{"text value beyond", "FFFF 0A00 0000 00 00 23 FFFFFF7F 0904D00034 FF000000 68"},
		{"name beyond", "FF00 6100"},
		{"empty name", "0000 0000"},
		{"param name beyond", "FFFF 0A00 0000 10 4000"},
		{"param type unknown", "FFFF 0A00 0000 00 00 99"},
		{"param value beyond", "FFFF 0A00 0000 00 00 E7 1000 0000000000 1000 6100"},
		{"plp beyond", "FFFF 0A00 0000 00 00 E7 FFFF 0000000000 FFFFFF7F00000000 00"},
		{"encrypted param", "FFFF 0A00 0000 00 08 2604 00"},
		{"second call", "FFFF 0A00 0000 FF FFFF 0A00 0000"},
		{"bad decimal", "FFFF 0A00 0000 00 00 6A 11 27 00 00"},
		{"bad time scale", "FFFF 0A00 0000 00 00 29 09 00"},
		{"nchar max", "FFFF 0A00 0000 00 00 EF FFFF 0000000000"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeRPC(append(allHeaders(0), unhex(t, tt.hex)...), 0); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestDecodeTM(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want TMRequest
	}{
		{"begin serializable (observed)", "0500 04 00", TMRequest{Type: TMBeginXact, Isolation: IsolationSerializable}},
		{"begin named (tedious: the length counts bytes)", "0500 02 04 74007800", TMRequest{Type: TMBeginXact, Isolation: IsolationReadCommitted, Name: "tx"}},
		{"commit (observed)", "0700 00 00", TMRequest{Type: TMCommitXact}},
		{"rollback (observed)", "0800 00 00", TMRequest{Type: TMRollbackXact}},
		{"commit and begin", "0700 00 01 03 02 6E00", TMRequest{Type: TMCommitXact, BeginNew: true, NewIsolation: 3, NewName: "n"}},
		{"save", "0900 02 7300", TMRequest{Type: TMSaveXact, Name: "s"}},
		{"rollback to a savepoint (tedious)", "0800 06 730070003100 00", TMRequest{Type: TMRollbackXact, Name: "sp1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeTM(append(allHeaders(7), unhex(t, tt.hex)...), StatusResetConnection)
			if err != nil {
				t.Fatal(err)
			}
			if got.TransactionDescriptor != 7 || !got.Reset || got.Type != tt.want.Type || got.Isolation != tt.want.Isolation ||
				got.Name != tt.want.Name || got.BeginNew != tt.want.BeginNew || got.NewIsolation != tt.want.NewIsolation || got.NewName != tt.want.NewName {
				t.Fatalf("got %+v", got)
			}
		})
	}
	for _, bad := range []string{"", "05", "0500 09 00", "0500 02 05 6100", "0900 04 7300", "0700 00 01", "0300"} {
		if _, err := DecodeTM(append(allHeaders(0), unhex(t, bad)...), 0); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func FuzzRPC(f *testing.F) {
	p := append(allHeaders(0), unhexNoT("FFFF 0A00 0000")...)
	p = append(p, rpcParam(f, "", 0, TypeNVarChar(MaxLength), "select @p1")...)
	p = append(p, rpcParam(f, "@p1", 0, TypeDecimal(10, 2), NewDecimal(5, 0))...)
	p = append(p, rpcParam(f, "@p2", 0, TypeDateTimeOffset(7), nil)...)
	p = append(p, rpcParam(f, "@p3", 1, TypeVarBinary(MaxLength), []byte{1, 2})...)
	f.Add(p)
	f.Add(append(allHeaders(0), unhexNoT("0600 6d007900700072006f006300 0000 02 40006100 00 2608 08 2A00000000000000")...))
	f.Add(append(allHeaders(0), unhexNoT("FFFF 0A00 0000 00 00 63 FEFFFF7F 0904D00034 04000000 6800 6900 00 00 22 FFFFFF7F FFFFFFFF")...))
	f.Fuzz(func(t *testing.T, b []byte) { DecodeRPC(b, 0) })
}

func FuzzBatchAndTM(f *testing.F) {
	f.Add(append(allHeaders(0), appendUCS2(nil, "select 1")...))
	f.Add(append(allHeaders(1), unhexNoT("0700 00 01 03 02 6E00")...))
	f.Fuzz(func(t *testing.T, b []byte) {
		DecodeBatch(b, 0)
		DecodeTM(b, 0)
		decodeBatch(b, 0, false) // TDS 7.1: no ALL_HEADERS
		decodeRPC(b, 0, false)
	})
}

// TestRoundTripAllocs pins a request's allocations on the server's side of a
// round trip at zero: the connection reading a repeated batch, starting and
// ending the request and writing its DONE (the session, echoSession, makes
// none; the client writes and reads fixed buffers). issue #2: the decoded
// request's ServerError target escaped to the heap on every request.
func TestRoundTripAllocs(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	req := writeMessage(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...), 4096)
	resp := make([]byte, 4096)
	roundTrip := func() {
		if _, err := rc.c.Write(req); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(rc.c, resp[:HeaderSize]); err != nil {
			t.Fatal(err)
		}
		n := int(binary.BigEndian.Uint16(resp[2:4]))
		if _, err := io.ReadFull(rc.c, resp[HeaderSize:n]); err != nil {
			t.Fatal(err)
		}
	}
	roundTrip()
	if n := testing.AllocsPerRun(200, roundTrip); n != 0 {
		t.Fatalf("%v allocations per round trip, want 0", n)
	}
}
