package tds

import (
	"bytes"
	"testing"
)

func TestServerPreloginGolden(t *testing.T) {
	// tds-clients.md §2.2: the minimal response accepted by all three clients
	// (header SPID 0x33 as observed).
	var out bytes.Buffer
	mw := NewMessageWriter(&out)
	mw.SetSPID(0x33)
	mw.Begin(PacketReply)
	mw.Write(AppendPrelogin(nil, ServerPrelogin([6]byte{0x10, 0, 0x10, 0x7A, 0, 0}, EncryptNotSup)))
	mw.End()
	mustEqualHex(t, out.Bytes(), "04 01 00 2B 00 33 01 00 | 00 001A 0006 | 01 0020 0001 | 02 0021 0001 | 03 0022 0000 | 04 0022 0001 | FF | 10 00 10 7A 00 00 | 02 | 00 | 00")
}

func TestDecodePrelogin(t *testing.T) {
	// go-mssqldb-shaped request: VERSION ENCRYPTION INSTOPT THREADID MARS TRACEID.
	req := &Prelogin{Options: map[byte][]byte{
		preloginVersion: {1, 11, 0, 2, 0, 0}, preloginEncryption: {EncryptOff},
		preloginInstOpt: {0}, preloginThreadID: {0, 0, 0, 0}, preloginMARS: {0},
		preloginTraceID: make([]byte, 36),
	}}
	pl, err := DecodePrelogin(AppendPrelogin(nil, req))
	if err != nil {
		t.Fatal(err)
	}
	if !pl.HasEncrypt || pl.Encryption != EncryptOff || pl.Version != [6]byte{1, 11, 0, 2, 0, 0} || len(pl.Options[preloginTraceID]) != 36 || len(pl.ThreadID) != 4 {
		t.Fatalf("%+v", pl)
	}
}

func TestDecodePreloginMalformed(t *testing.T) {
	tests := []struct{ name, hex string }{
		{"empty", ""},
		{"no terminator", "00 0006 0001 00"},
		{"truncated entry", "00 00"},
		{"offset beyond payload", "01 0100 0001 FF"},
		{"length beyond payload", "01 0006 0010 FF 00"},
		{"encryption two bytes", "01 0006 0002 FF 00 00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodePrelogin(unhex(t, tt.hex)); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestNegotiateEncryption(t *testing.T) {
	tests := []struct {
		client    byte
		policy    EncryptionPolicy
		wantReply byte
		wantMode  string
	}{
		{EncryptNotSup, EncryptionDisabled, EncryptNotSup, ModeOff},
		{EncryptOff, EncryptionDisabled, EncryptNotSup, ModeOff},
		{EncryptOn, EncryptionDisabled, EncryptNotSup, ModeOff},
		{EncryptNotSup, EncryptionOptional, EncryptNotSup, ModeOff},
		{EncryptOff, EncryptionOptional, EncryptOff, ModeLoginOnly},
		{EncryptOn, EncryptionOptional, EncryptOn, ModeOn},
		{EncryptReq, EncryptionOptional, EncryptOn, ModeOn},
		{EncryptNotSup, EncryptionRequired, EncryptReq, ModeOn},
		{EncryptOff, EncryptionRequired, EncryptReq, ModeOn},
		{EncryptOn, EncryptionRequired, EncryptOn, ModeOn},
	}
	for _, tt := range tests {
		reply, mode := NegotiateEncryption(tt.client, tt.policy)
		if reply != tt.wantReply || mode != tt.wantMode {
			t.Errorf("client %d policy %d: got %d %s, want %d %s", tt.client, tt.policy, reply, mode, tt.wantReply, tt.wantMode)
		}
	}
}

func FuzzPrelogin(f *testing.F) {
	f.Add(AppendPrelogin(nil, ServerPrelogin([6]byte{16}, EncryptOff)))
	f.Add(unhex(f, "00 0006 0001 FF 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pl, err := DecodePrelogin(b)
		if err == nil {
			if _, err := DecodePrelogin(AppendPrelogin(nil, pl)); err != nil {
				t.Fatalf("re-encoded prelogin does not decode: %v", err)
			}
		}
	})
}
