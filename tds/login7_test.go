package tds

import (
	"encoding/binary"
	"reflect"
	"testing"
)

// buildLogin7 encodes l as a client would ([MS-TDS] 2.2.6.4): the 94-byte fixed
// part, the strings in field order, then (with features) the extension DWORD and
// the FeatureExt block.
func buildLogin7(l *LoginRequest) []byte { return buildLogin7Fixed(l, login7FixedSize) }

// buildLogin7Fixed is buildLogin7 with a fixed part of fixed bytes: 94, or 86 for
// a TDS 7.1 client (no ibChangePassword/cchChangePassword, no cbSSPILong).
func buildLogin7Fixed(l *LoginRequest, fixed int) []byte {
	b := make([]byte, fixed)
	binary.LittleEndian.PutUint32(b[4:], l.TDSVersion)
	binary.LittleEndian.PutUint32(b[8:], uint32(l.PacketSize))
	binary.LittleEndian.PutUint32(b[12:], l.ClientProgVer)
	binary.LittleEndian.PutUint32(b[16:], l.ClientPID)
	b[24], b[25], b[26] = l.OptionFlags1, l.OptionFlags2, l.TypeFlags
	b[27] = l.OptionFlags3
	if len(l.Features) > 0 {
		b[27] |= login7Extension
	}
	binary.LittleEndian.PutUint32(b[32:], l.ClientLCID)
	copy(b[72:], l.ClientID[:])
	put := func(at int, s string, pw bool) {
		u := appendUCS2(nil, s)
		if pw {
			u = mangle(u)
		}
		binary.LittleEndian.PutUint16(b[at:], uint16(len(b)))
		binary.LittleEndian.PutUint16(b[at+2:], uint16(len(u)/2))
		b = append(b, u...)
	}
	put(36, l.HostName, false)
	put(40, l.UserName, false)
	put(44, l.Password, true)
	put(48, l.AppName, false)
	put(52, l.ServerName, false)
	var extAt int
	if len(l.Features) > 0 {
		binary.LittleEndian.PutUint16(b[56:], uint16(len(b)))
		binary.LittleEndian.PutUint16(b[58:], 4)
		extAt = len(b)
		b = append(b, 0, 0, 0, 0)
	}
	put(60, l.LibraryName, false)
	put(64, l.Language, false)
	put(68, l.Database, false)
	put(82, l.AttachDBFile, false)
	if fixed >= login7FixedSize {
		put(86, l.ChangePassword, true)
	}
	if extAt > 0 {
		binary.LittleEndian.PutUint32(b[extAt:], uint32(len(b)))
		b = append(b, featureExtBlock(l.Features)...)
	}
	binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
	return b
}

// featureExtBlock encodes FeatureExt (same layout as FEATUREEXTACK minus the token byte).
func featureExtBlock(f map[byte][]byte) []byte { return appendFeatureExtAck(nil, f)[1:] }

func sampleLogin() *LoginRequest {
	return &LoginRequest{
		UserName: "sa", Password: "Pässwörd!", Database: "master", AppName: "go-mssqldb",
		HostName: "host1", ServerName: "127.0.0.1", Language: "us_english", LibraryName: "go-mssqldb",
		TDSVersion: TDS74, PacketSize: 4096, ClientProgVer: 0x010B0002, ClientPID: 1234,
		OptionFlags1: 0xA0, OptionFlags2: 0x02, ClientLCID: 0x409, ClientID: [6]byte{1, 2, 3, 4, 5, 6},
		Features: map[byte][]byte{FeatureUTF8Support: {1}},
	}
}

func TestDecodeLogin7RoundTrip(t *testing.T) {
	want := sampleLogin()
	got, err := DecodeLogin7(buildLogin7(want))
	if err != nil {
		t.Fatal(err)
	}
	want.OptionFlags3 |= login7Extension
	want.FeatureExt = true
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

func TestPasswordMangling(t *testing.T) {
	// [MS-TDS] 2.2.6.4: swap nibbles, then XOR 0xA5. 'a' (0x61 0x00) → 0xB3 0xA5.
	mustEqualHex(t, mangle([]byte{0x61, 0x00}), "B3 A5")
	if got := string(unmangle(mangle([]byte("any bytes")))); got != "any bytes" {
		t.Fatal(got)
	}
}

func TestDecodeLogin7Malformed(t *testing.T) {
	good := buildLogin7(sampleLogin())
	mutate := func(f func(b []byte) []byte) []byte {
		b := append([]byte(nil), good...)
		return f(b)
	}
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"short", good[:50]},
		{"length field beyond payload", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint32(b, 5000); return b })},
		{"user name offset beyond", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint16(b[40:], 0xFFF0); return b })},
		{"password length beyond", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint16(b[46:], 0x7FFF); return b })},
		{"offset into fixed part", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint16(b[36:], 2); return b })},
		{"extension pointer beyond", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint16(b[56:], 0xFFFF); return b })},
		{"feature block offset beyond", mutate(func(b []byte) []byte {
			at := binary.LittleEndian.Uint16(b[56:])
			binary.LittleEndian.PutUint32(b[at:], 0xFFFFFF)
			return b
		})},
		{"feature length beyond", mutate(func(b []byte) []byte {
			b = b[:len(b)-1] // drop the terminator
			binary.LittleEndian.PutUint32(b[len(b)-5:], 0xFFFFFFF0)
			binary.LittleEndian.PutUint32(b, uint32(len(b)))
			return b
		})},
		{"no feature terminator", mutate(func(b []byte) []byte {
			b = b[:len(b)-1]
			binary.LittleEndian.PutUint32(b, uint32(len(b)))
			return b
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeLogin7(tt.b); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func FuzzLogin7(f *testing.F) {
	f.Add(buildLogin7(sampleLogin()))
	l := sampleLogin()
	l.Features = nil
	f.Add(buildLogin7(l))
	l.TDSVersion = TDS71Rev1
	f.Add(buildLogin7Fixed(l, login7FixedSize71))
	f.Fuzz(func(t *testing.T, b []byte) {
		DecodeLogin7(b)
	})
}
