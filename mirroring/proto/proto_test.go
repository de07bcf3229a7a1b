package proto

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

var (
	testInstance = uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	testSession  = uuid.MustParse("f47ac10b-58cc-4372-a567-0e02b2c3d479")
)

// sampleMessages holds one fully populated value of every message type (and some
// zero-valued ones); the round-trip test and the fuzz seed corpus both use it.
func sampleMessages() []Message {
	st := DBState{
		MirroringID: testSession, RoleSeq: 7, Role: RolePrincipal, State: StateSynchronized,
		Safety: SafetyFull, SafetySeq: 3, Suspended: true, SuspendSeq: 2, Witness: "TCP://w:7022", EndOfLog: txlog.MakeLSN(4096, 3),
		Hardened: txlog.MakeLSN(4096, 2), FailoverLSN: txlog.MakeLSN(3584, 1),
		SeesPartner: true, SeesWitness: true, TimeoutSec: 10, Clock: 1 << 40, Echo: 99,
		Database: "sales", Partner: `HOST2`,
	}
	return []Message{
		&Hello{InstanceName: `HOST1\INST`, InstanceID: testInstance, Role: EndpointAll, MinVersion: 1, MaxVersion: 3, AuthProof: []byte{1, 2, 3}},
		&Hello{},
		&HelloAck{InstanceName: "HOST2", InstanceID: testInstance, Role: EndpointWitness, Version: 1},
		&HelloReject{ErrorBody{Number: 1418, Severity: 16, State: 1, Message: `The server network address "TCP://x:7022" can not be reached or does not exist. Check the network address name and that the ports for the local and remote endpoints are operational.`}},
		&HelloReject{ErrorBody{Number: -5}},
		&Ping{Seq: 42, Databases: []DBState{st, {}}},
		&Ping{},
		&Pong{Seq: 42, Databases: []DBState{st}},
		&SessionStart{Database: "sales", MirroringID: testSession, RoleSeq: 3, SafetySeq: 2, SuspendSeq: 5, Role: RoleMirror, Suspended: true,
			EndOfLog: 1 << 50, Hardened: 1 << 49, FailoverLSN: 1 << 48, ForkLSN: 1 << 47, Safety: SafetyOff, TimeoutSec: 32767, Witness: "TCP://w:7022", CutAfter: 1 << 46},
		&SessionAccept{MirroringID: testSession, RoleSeq: 3, Role: RolePrincipal, Hardened: 77, Redone: 66},
		&SessionAccept{MirroringID: testSession, RoleSeq: 3, Role: RoleMirror, Hardened: 77, Redone: 66,
			TailBlocks: []txlog.BlockSum{{Offset: 0, Size: 512, Count: 3, CRC: 0xdeadbeef}, {Offset: 512, Size: 61440, Count: 0, CRC: 1}}},
		&SessionReject{MirroringID: testSession, ErrorBody: ErrorBody{Number: 1416, Severity: 16, State: 2, Message: `Database "sales" is not configured for database mirroring.`}},
		&LogBlocks{MirroringID: testSession, RoleSeq: 2, FirstLSN: txlog.MakeLSN(512, 0), EndLSN: txlog.MakeLSN(1024, 4), Blocks: bytes.Repeat([]byte{0xAB}, 700)},
		&LogBlocks{},
		&Ack{MirroringID: testSession, RoleSeq: 2, Hardened: 900, Redone: 800, SendQueue: 1 << 33, RedoQueue: 12},
		&FailoverRequest{MirroringID: testSession, RoleSeq: 4, EndOfLog: 1234},
		&FailoverPrepared{MirroringID: testSession, NewRoleSeq: 5, FailoverLSN: 1234},
		&FailoverCommit{MirroringID: testSession, NewRoleSeq: 5},
		&Suspend{MirroringID: testSession, RoleSeq: 3, Role: RoleMirror, SuspendSeq: 9},
		&Resume{MirroringID: testSession, RoleSeq: 3, Role: RolePrincipal, SuspendSeq: 10, ForkLSN: 4321},
		&PartnerOff{MirroringID: testSession},
		&WitnessState{MirroringID: testSession, RoleSeq: 6, Principal: "HOST1", SeesPrincipal: true, SeesMirror: false, TimeoutSec: 10, Clock: 10, Echo: 9},
		&QuorumQuery{MirroringID: testSession, RoleSeq: 6, Forced: true},
		&WitnessVote{MirroringID: testSession, NewRoleSeq: 7, Granted: true},
		&Negotiate{Encryption: EncryptionRequired, Auth: []AuthMethod{AuthCertificate, AuthWindows}},
		&Negotiate{},
		&NegotiateAck{Encrypt: true, Auth: AuthCertificate},
		&SessionFamily{MirroringID: testSession, FamilyGUID: uuid.MustParse("6f9619ff-8b86-d011-b42d-00c04fc964ff")},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, m := range sampleMessages() {
		t.Run(m.Type().String(), func(t *testing.T) {
			frame := Marshal(m)
			got, n, err := DecodeFrame(frame, DefaultMaxFrame)
			if err != nil {
				t.Fatalf("DecodeFrame: %v", err)
			}
			if n != len(frame) {
				t.Errorf("used %d of %d bytes", n, len(frame))
			}
			if !reflect.DeepEqual(got, m) {
				t.Errorf("round trip:\n got %#v\nwant %#v", got, m)
			}
			// Re-encoding the decoded value gives the same bytes.
			if again := Marshal(got); !bytes.Equal(again, frame) {
				t.Errorf("re-encoding differs")
			}
		})
	}
}

func TestEveryTypeHasSample(t *testing.T) {
	seen := map[MsgType]bool{}
	for _, m := range sampleMessages() {
		seen[m.Type()] = true
	}
	for typ := MsgType(1); typ < typeLimit; typ++ {
		if !seen[typ] {
			t.Errorf("no sample for %s", typ)
		}
		if newMessage(typ) == nil || newMessage(typ).Type() != typ {
			t.Errorf("newMessage(%s) wrong", typ)
		}
	}
}

// TestGoldenFrame pins the header layout and the payload encoding of one message,
// at version 2: the bytes the previous release (2e399cb) reads.
func TestGoldenFrame(t *testing.T) {
	m := &FailoverCommit{MirroringID: testSession, NewRoleSeq: 300}
	got := hex.EncodeToString(AppendFrameVersion(nil, 2, m))
	const want = "4d53444d" + "02" + "0d" + "0000" + "00000012" + "6bfb6a85" +
		"f47ac10b58cc4372a5670e02b2c3d479" + "ac02"
	if got != want {
		t.Errorf("frame\n got %s\nwant %s", got, want)
	}
}

func TestDecodeFrameErrors(t *testing.T) {
	good := Marshal(&Suspend{MirroringID: testSession, SuspendSeq: 1})
	mutate := func(f func(b []byte) []byte) []byte {
		return f(append([]byte(nil), good...))
	}
	withPayload := func(typ MsgType, payload []byte) []byte {
		b := Marshal(&PartnerOff{})[:HeaderSize]
		b[5] = byte(typ)
		b = append(b, payload...)
		fixLengthAndCRC(b)
		return b
	}
	cases := []struct {
		name  string
		frame []byte
		check func(error) bool
	}{
		{"short header", good[:10], isFrameError},
		{"bad magic", mutate(func(b []byte) []byte { b[0] = 'X'; return b }), isFrameError},
		{"version", mutate(func(b []byte) []byte { b[4] = 1; return b }), func(err error) bool {
			var v *VersionError
			return errors.As(err, &v) && v.Got == 1
		}},
		{"flags", mutate(func(b []byte) []byte { b[7] = 1; return b }), isFrameError},
		{"too large", mutate(func(b []byte) []byte { b[8] = 0x7f; return b }), func(err error) bool {
			return errors.Is(err, ErrFrameTooLarge)
		}},
		{"truncated payload", good[:len(good)-1], isFrameError},
		{"checksum", mutate(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), isFrameError},
		{"unknown type", withPayload(99, nil), func(err error) bool {
			var u *UnknownTypeError
			return errors.As(err, &u) && u.Type == 99
		}},
		{"type zero", withPayload(0, nil), isUnknownType},
		{"trailing bytes", withPayload(TypePartnerOff, append(testSession[:], 0)), isDecodeError},
		{"truncated guid", withPayload(TypePartnerOff, testSession[:15]), isDecodeError},
		{"bad bool", withPayload(TypeWitnessVote, append(append(testSession[:], 1), 2)), isDecodeError},
		{"bad enum", withPayload(TypeHelloAck, append(append([]byte{0}, testSession[:]...), 9, 1)), isDecodeError},
		{"huge string", withPayload(TypeHelloAck, []byte{0xff, 0xff, 0x03}), isDecodeError},
		{"huge count", withPayload(TypePing, []byte{1, 0xff, 0xff, 0xff, 0x0f}), isDecodeError},
		{"overlong varint", withPayload(TypeFailoverCommit, append(testSession[:], 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)), isDecodeError},
		{"u32 overflow", withPayload(TypeFailoverCommit, append(testSession[:], 0x80, 0x80, 0x80, 0x80, 0x10)), isDecodeError},
		{"end before first", withPayload(TypeLogBlocks, append(testSession[:], 1, 5, 4, 0)), isDecodeError},
		{"truncated tail crc", withPayload(TypeSessionAccept, append(testSession[:], 3, 1, 5, 5, 1, 0, 1, 1, 0xde, 0xad)), isDecodeError},
		{"min above max", withPayload(TypeHello, append(append([]byte{0}, testSession[:]...), 1, 3, 2, 0)), isDecodeError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, _, err := DecodeFrame(tc.frame, 1024)
			if err == nil {
				t.Fatalf("decoded %#v, want error", m)
			}
			if !tc.check(err) {
				t.Errorf("wrong error %T: %v", err, err)
			}
		})
	}
}

func fixLengthAndCRC(b []byte) {
	payload := b[HeaderSize:]
	putU32(b[8:12], uint32(len(payload)))
	putU32(b[12:16], crc32c(payload))
}

func isFrameError(err error) bool {
	var f *FrameError
	return errors.As(err, &f)
}

func isDecodeError(err error) bool {
	var d *DecodeError
	return errors.As(err, &d)
}

func isUnknownType(err error) bool {
	var u *UnknownTypeError
	return errors.As(err, &u)
}

func TestRemoteErrorContract(t *testing.T) {
	body := ErrorBody{Number: 1418, Severity: 16, State: 1, Message: "text"}
	var err error = body.Err()
	var sqlErr interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if !errors.As(err, &sqlErr) {
		t.Fatal("RemoteError does not implement SQLServerError")
	}
	if n, s, st := sqlErr.SQLServerError(); n != 1418 || s != 16 || st != 1 || err.Error() != "text" {
		t.Errorf("got %d %d %d %q", n, s, st, err.Error())
	}
}

func TestConn(t *testing.T) {
	var buf bytes.Buffer
	c := NewConn(&buf, 0)
	msgs := sampleMessages()
	for _, m := range msgs {
		if err := c.WriteMessage(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	for i, want := range msgs {
		got, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("message %d: got %#v want %#v", i, got, want)
		}
	}
	if _, err := c.ReadMessage(); err != io.EOF {
		t.Errorf("at end: %v, want io.EOF", err)
	}
}

func TestConnErrors(t *testing.T) {
	frame := Marshal(&Ack{MirroringID: testSession, Hardened: 5})
	cases := []struct {
		name    string
		stream  []byte
		max     int
		wantErr func(error) bool
	}{
		{"eof in header", frame[:5], 0, func(err error) bool { return err == io.ErrUnexpectedEOF }},
		{"eof in payload", frame[:HeaderSize+3], 0, func(err error) bool { return err == io.ErrUnexpectedEOF }},
		{"max frame", frame, 4, func(err error) bool { return errors.Is(err, ErrFrameTooLarge) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewConn(&rw{r: bytes.NewReader(tc.stream)}, tc.max)
			_, err := c.ReadMessage()
			if !tc.wantErr(err) {
				t.Errorf("got %v", err)
			}
		})
	}
}

type rw struct {
	r io.Reader
	w bytes.Buffer
}

func (x *rw) Read(p []byte) (int, error)  { return x.r.Read(p) }
func (x *rw) Write(p []byte) (int, error) { return x.w.Write(p) }

func BenchmarkLogBlocksRoundTrip(b *testing.B) {
	m := &LogBlocks{MirroringID: testSession, RoleSeq: 2, FirstLSN: 1 << 20, EndLSN: 1 << 21, Blocks: make([]byte, 60<<10)}
	var buf []byte
	b.SetBytes(int64(len(m.Blocks)))
	for b.Loop() {
		buf = AppendFrame(buf[:0], m)
		if _, _, err := DecodeFrame(buf, DefaultMaxFrame); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSessionAcceptTailLimit checks that a SessionAccept naming more than
// MaxTailBlocks block sums is refused, and exactly MaxTailBlocks is accepted.
func TestSessionAcceptTailLimit(t *testing.T) {
	for _, tc := range []struct {
		n    int
		fail bool
	}{{MaxTailBlocks, false}, {MaxTailBlocks + 1, true}} {
		m := &SessionAccept{MirroringID: testSession, RoleSeq: 1, Role: RoleMirror,
			TailBlocks: make([]txlog.BlockSum, tc.n)}
		got, err := DecodePayload(TypeSessionAccept, m.AppendPayload(nil))
		if tc.fail != (err != nil) {
			t.Fatalf("%d sums: got %v, %v; want failure %v", tc.n, got, err, tc.fail)
		}
		if tc.fail && !isDecodeError(err) {
			t.Errorf("%d sums: wrong error %T: %v", tc.n, err, err)
		}
	}
}
