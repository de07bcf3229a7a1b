package tds

import (
	"encoding/binary"
	"testing"
	"time"
)

// Regression tests for down-level clients: FreeTDS TDSVER=7.1 (86-byte LOGIN7
// fixed part, no ALL_HEADERS, 4-byte DONE row counts) and tedious 7_3_A/7_3_B
// (fExtension with cbExtension 0).

func TestDecodeLogin7Versions(t *testing.T) {
	tests := []struct {
		name    string
		version uint32
		fixed   int
		mutate  func(b []byte)
		wantErr bool
		wantExt bool
	}{
		{name: "TDS 7.1 rev 1, 86-byte fixed part", version: TDS71Rev1, fixed: login7FixedSize71},
		{name: "TDS 7.1 spelled 0x07010000", version: 0x07010000, fixed: login7FixedSize71},
		{name: "TDS 7.2, 94-byte fixed part", version: TDS72, fixed: login7FixedSize},
		{name: "TDS 7.4 with FeatureExt", version: TDS74, fixed: login7FixedSize, wantExt: true},
		{name: "TDS 7.4 cut to the 7.1 fixed part", version: TDS74, fixed: login7FixedSize71, wantErr: true},
		{name: "tedious 7_3_B: fExtension with cbExtension 0", version: TDS73B, fixed: login7FixedSize,
			mutate: func(b []byte) { b[27] |= login7Extension; binary.LittleEndian.PutUint16(b[58:], 0) }},
		{name: "tedious 7_3_A: fExtension with cbExtension 0", version: TDS73A, fixed: login7FixedSize,
			mutate: func(b []byte) { b[27] |= login7Extension; binary.LittleEndian.PutUint16(b[58:], 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := sampleLogin()
			want.TDSVersion = tt.version
			if !tt.wantExt {
				want.Features = nil
			}
			b := buildLogin7Fixed(want, tt.fixed)
			if tt.mutate != nil {
				tt.mutate(b)
			}
			got, err := DecodeLogin7(b)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error for %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.TDSVersion != tt.version || got.UserName != want.UserName || got.Password != want.Password ||
				got.Database != want.Database || got.AttachDBFile != "" || got.ChangePassword != "" {
				t.Fatalf("got %+v", got)
			}
			if got.FeatureExt != tt.wantExt || (len(got.Features) > 0) != tt.wantExt {
				t.Fatalf("FeatureExt %v features %v, want %v", got.FeatureExt, got.Features, tt.wantExt)
			}
		})
	}
}

func TestAckVersion(t *testing.T) {
	for _, tt := range []struct{ client, want uint32 }{
		{TDS71Rev1, TDS71Rev1}, {0x71000000, TDS71Rev1}, {0x07010000, TDS71Rev1}, {0x70000000, TDS71Rev1},
		{TDS72, TDS72}, {TDS73A, TDS73A}, {TDS73B, TDS73B}, {0x73000000, TDS73B},
		{TDS74, TDS74}, {TDS80, TDS74}, {0x75000000, TDS74},
	} {
		if got := ackVersion(tt.client); got != tt.want {
			t.Errorf("ackVersion(%#x) = %#x, want %#x", tt.client, got, tt.want)
		}
	}
}

func TestDoneRowCountWidth(t *testing.T) {
	d := DoneToken{Kind: Done, Status: DoneCount, CurCmd: CmdSelect, Rows: 3}
	tests := []struct {
		name   string
		rows32 bool
		d      DoneToken
		want   string
	}{
		{"TDS 7.2+: ULONGLONG", false, d, "FD 1000 C100 0300000000000000"},
		{"TDS 7.1: LONG", true, d, "FD 1000 C100 03000000"},
		{"TDS 7.1: clamped", true, DoneToken{Kind: DoneProc, Rows: 1 << 40}, "FE 0000 0000 FFFFFF7F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustEqualHex(t, appendDoneRows(nil, tt.d, tt.rows32), tt.want)
		})
	}
}

func TestDecodeWithoutAllHeaders(t *testing.T) {
	b, err := decodeBatch(appendUCS2(nil, "select 1"), 0, false)
	if err != nil || b.Text != "select 1" {
		t.Fatalf("batch %+v %v", b, err)
	}
	if _, err := decodeBatch(appendUCS2(nil, "select 1"), 0, true); err == nil {
		t.Fatal("TDS 7.2+ batch without ALL_HEADERS accepted")
	}
	r, err := decodeRPC(unhex(t, "FFFF 0A00 0000"), 0, false)
	if err != nil || !r.IsProc(ProcExecuteSQL) {
		t.Fatalf("rpc %+v %v", r, err)
	}
}

// TestFreeTDSODBCPrepExec decodes sp_prepexec as FreeTDS ODBC (isql) sends it:
// @params and @stmt as NTEXT (0x63) parameters ([MS-TDS] 2.2.5.4.3).
func TestFreeTDSODBCPrepExec(t *testing.T) {
	p := append(allHeaders(0), unhex(t, "FFFF 0D00 0000")...)
	p = append(p, unhex(t, "00 01 26 04 00")...) // @handle int OUTPUT, NULL
	params := appendUCS2(nil, "@P1 INT")
	stmt := appendUCS2(nil, "select ?")
	for _, v := range [][]byte{params, stmt} {
		p = append(p, unhex(t, "00 00 63 FEFFFF7F 0904D00034")...)
		p = binary.LittleEndian.AppendUint32(p, uint32(len(v)))
		p = append(p, v...)
	}
	p = append(p, unhex(t, "00 00 63 FEFFFF7F 0904D00034 FFFFFFFF")...) // NULL NTEXT
	p = append(p, unhex(t, "00 00 26 04 04 2A000000")...)
	req, err := DecodeRPC(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !req.IsProc(ProcPrepExec) || len(req.Params) != 5 {
		t.Fatalf("%+v", req)
	}
	if d, _ := req.Arg(1, "@params"); d.Value != "@P1 INT" || d.Type.ID != typeNText {
		t.Fatalf("@params %+v", d)
	}
	if s, _ := req.Arg(2, "@stmt"); s.Value != "select ?" || s.ColumnType().ID != typeNVarChar {
		t.Fatalf("@stmt %+v", s)
	}
	if n := req.Params[3]; n.Value != nil || n.Type.ID != typeNText {
		t.Fatalf("NULL NTEXT %+v", n)
	}
}

// TestDownLevelLogin runs a TDS 7.1 login and batch over TCP: LOGINACK reports
// 0x71000001, the batch has no ALL_HEADERS and every DONE is 9 bytes. A 7.1
// client may also send LOGIN7 first, without PRELOGIN (jTDS 1.3 without
// ssl=…), and is logged in unencrypted as SQL Server does.
func TestDownLevelLogin(t *testing.T) {
	for _, prelogin := range []bool{true, false} {
		t.Run(map[bool]string{true: "after PRELOGIN", false: "without PRELOGIN"}[prelogin], func(t *testing.T) {
			_, addr := startRaw(t, 10*time.Second)
			rc := dialRaw(t, addr)
			l := sampleLogin()
			l.TDSVersion, l.Features = TDS71Rev1, nil
			if prelogin {
				rc.prelogin()
			}
			m := rc.login7Raw(buildLogin7Fixed(l, login7FixedSize71))
			done := m.Payload[len(m.Payload)-9:]
			mustEqualHex(t, done, "FD 0000 0000 00000000")
			toks, err := decodeTokens(m.Payload[:len(m.Payload)-9])
			if err != nil {
				t.Fatal(err)
			}
			var ack *loginAckToken
			for _, tk := range toks {
				if tk.LoginAck != nil {
					ack = tk.LoginAck
				}
				if tk.FeatureAck != nil {
					t.Fatal("FEATUREEXTACK without FeatureExt")
				}
			}
			if ack == nil || ack.TDSVersion != TDS71Rev1 {
				t.Fatalf("loginack %+v", ack)
			}
			rc.send(PacketSQLBatch, 0, appendUCS2(nil, "select 1"))
			m, err = rc.mr.ReadMessage()
			if err != nil {
				t.Fatal(err)
			}
			mustEqualHex(t, m.Payload, "FD 0000 0000 00000000")
		})
	}
}

// loginRaw sends PRELOGIN (no encryption) and the LOGIN7 payload, and returns
// the login response undecoded.
func (rc *rawClient) loginRaw(login7 []byte) Message {
	rc.t.Helper()
	rc.prelogin()
	return rc.login7Raw(login7)
}

// prelogin sends PRELOGIN without encryption and reads the answer.
func (rc *rawClient) prelogin() {
	rc.t.Helper()
	rc.send(PacketPrelogin, 0, AppendPrelogin(nil, &Prelogin{Options: map[byte][]byte{
		preloginVersion: make([]byte, 6), preloginEncryption: {EncryptNotSup}}}))
	if _, err := rc.mr.ReadMessage(); err != nil {
		rc.t.Fatal(err)
	}
}

// login7Raw sends the LOGIN7 payload and returns the response undecoded.
func (rc *rawClient) login7Raw(login7 []byte) Message {
	rc.t.Helper()
	rc.send(PacketLogin7, 0, login7)
	m, err := rc.mr.ReadMessage()
	if err != nil {
		rc.t.Fatal(err)
	}
	return m
}

// TestUserTypeWidth checks COLMETADATA and RETURNVALUE UserType: USHORT before
// TDS 7.2, ULONG from 7.2 ([MS-TDS] 2.2.7.4, 2.2.7.18).
func TestUserTypeWidth(t *testing.T) {
	cols := []Column{{Name: "a", Type: TypeInt(), Nullable: true}}
	rv := ReturnValue{Ordinal: 1, Name: "@p", Type: TypeInt()}
	tests := []struct {
		name  string
		pre72 bool
		meta  string
		ret   string
	}{
		{"TDS 7.2+", false, "81 0100 00000000 0100 26 04 01 6100", "AC 0100 02 40007000 00 00000000 0100 26 04"},
		{"TDS 7.1", true, "81 0100 0000 0100 26 04 01 6100", "AC 0100 02 40007000 00 0000 0100 26 04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := appendColMetadata(nil, cols, tt.pre72)
			if err != nil {
				t.Fatal(err)
			}
			mustEqualHex(t, b, tt.meta)
			mustEqualHex(t, appendReturnHead(rv, tt.pre72), tt.ret)
		})
	}
}
