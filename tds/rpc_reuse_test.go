package tds

import (
	"reflect"
	"testing"
	"unsafe"
)

// execSQL builds an sp_executesql RPC payload (by id, as go-mssqldb sends it)
// with the statement, the declarations and named parameters.
func execSQL(t testing.TB, stmt, decl string, params ...Param) []byte {
	p := append(allHeaders(0), unhexNoT("FFFF 0A00 0000")...)
	p = append(p, rpcParam(t, "", 0, TypeNVarChar(max(len(stmt), 1)), stmt)...)
	p = append(p, rpcParam(t, "", 0, TypeNVarChar(max(len(decl), 1)), decl)...)
	for _, prm := range params {
		p = append(p, rpcParam(t, prm.Name, prm.Status, prm.Type, prm.Value)...)
	}
	return p
}

// TestRPCReuseSameAsDecode: a connection's sequence of RPC requests decodes
// to exactly what decoding each alone gives, whatever changes between them
// (text, same-length text, NULL, type, name, parameter count); a repeated
// text is the previous request's string (no new decode). Fails if a kept text
// is handed out for different bytes or another type, or never reused.
func TestRPCReuseSameAsDecode(t *testing.T) {
	const stmt = "INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)"
	const decl = "@p1 bigint,@p2 nvarchar(9)"
	nv := func(name, v string) Param {
		return Param{Name: name, Type: TypeNVarChar(max(len(v), 1)), Value: v}
	}
	big := func(name string, v int64) Param { return Param{Name: name, Type: TypeBigInt(), Value: v} }
	steps := []struct {
		name  string
		p     []byte
		reuse bool // the statement text is the previous request's string
	}{
		{"first", execSQL(t, stmt, decl, big("@p1", 1), nv("@p2", "bench row")), false},
		{"repeat", execSQL(t, stmt, decl, big("@p1", 2), nv("@p2", "bench row")), true},
		{"same-length value", execSQL(t, stmt, decl, big("@p1", 3), nv("@p2", "bench rox")), true},
		{"NULL value", execSQL(t, stmt, decl, big("@p1", 4), Param{Name: "@p2", Type: TypeNVarChar(9), Value: nil}), true},
		{"value back", execSQL(t, stmt, decl, big("@p1", 5), nv("@p2", "bench row")), true},
		{"nchar type", execSQL(t, stmt, decl, big("@p1", 6), Param{Name: "@p2", Type: TypeNChar(9), Value: "bench row"}), true},
		{"renamed", execSQL(t, stmt, decl, big("@x1", 7), nv("@x2", "bench row")), true},
		{"other statement", execSQL(t, "UPDATE dbo.kv SET v = v + 1 WHERE id = @p1", "@p1 int", big("@p1", 8)), false},
		{"fewer parameters", execSQL(t, "SELECT 1", ""), false},
		{"more again", execSQL(t, stmt, decl, big("@p1", 9), nv("@p2", "bench row")), false},
		{"repeat again", execSQL(t, stmt, decl, big("@p1", 10), nv("@p2", "bench row")), true},
	}
	var keep rpcReuse
	var prev *RPCRequest
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			want, err := DecodeRPC(st.p, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := decodeRPCReusing(st.p, 0, true, &keep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("with reuse %+v\nwithout   %+v", got.Params, want.Params)
			}
			if prev != nil {
				same := unsafe.StringData(got.Params[0].Value.(string)) == unsafe.StringData(prev.Params[0].Value.(string))
				if same != st.reuse {
					t.Fatalf("statement text reused = %v, want %v", same, st.reuse)
				}
			}
			prev = got
		})
	}
}

// FuzzRPCReuse: decoding any two payloads in a row with a kept state gives
// what decoding each alone gives (or the same error), and never panics.
func FuzzRPCReuse(f *testing.F) {
	a := execSQL(f, "SELECT @p1", "@p1 nvarchar(2)", Param{Name: "@p1", Type: TypeNVarChar(2), Value: "ab"})
	f.Add(a, a)
	f.Add(a, execSQL(f, "SELECT @p1", "@p1 nvarchar(2)", Param{Name: "@p1", Type: TypeNVarChar(2), Value: "ac"}))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		var keep rpcReuse
		for _, p := range [][]byte{x, y, x} {
			want, werr := DecodeRPC(p, 0)
			got, _, gerr := decodeRPCReusing(p, 0, true, &keep)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("error with reuse %v, without %v", gerr, werr)
			}
			if werr == nil && !reflect.DeepEqual(got, want) {
				t.Fatalf("with reuse %+v\nwithout   %+v", got.Params, want.Params)
			}
		}
	})
}

// TestRPCRepeatedCallAllocations: a connection's repeated sp_executesql
// INSERT decodes with two allocations — the request with room for its first
// four parameters (rpcAlloc), and the boxed bigint value; the texts are the
// kept strings. Fails when Params grows by appends again (five).
func TestRPCRepeatedCallAllocations(t *testing.T) {
	p := execSQL(t, "INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)", "@p1 bigint,@p2 nvarchar(9)",
		Param{Name: "@p1", Type: TypeBigInt(), Value: int64(1 << 40)},
		Param{Name: "@p2", Type: TypeNVarChar(9), Value: "bench row"})
	var keep rpcReuse
	if _, _, err := decodeRPCReusing(p, 0, true, &keep); err != nil {
		t.Fatal(err)
	}
	n := testing.AllocsPerRun(100, func() {
		req, _, err := decodeRPCReusing(p, 0, true, &keep)
		if err != nil || len(req.Params) != 4 {
			t.Fatalf("decoded %v parameters, err %v", len(req.Params), err)
		}
	})
	if n > 2 {
		t.Fatalf("%v allocations per repeated call, want 2", n)
	}
}
