package endpoint

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

var (
	aes    = []string{AlgorithmAES}
	rc4    = []string{AlgorithmRC4}
	aesRC4 = []string{AlgorithmAES, AlgorithmRC4}
	rc4AES = []string{AlgorithmRC4, AlgorithmAES}
)

// TestChooseAlgorithm is CREATE ENDPOINT's ALGORITHM rule: the endpoints use
// an algorithm both list, the acceptor's preference winning, and refuse when
// they share none; a side that lists none (DISABLED forced into TLS by a
// certificate, or a dialer of the previous release) takes the other's first.
func TestChooseAlgorithm(t *testing.T) {
	for _, tc := range []struct {
		name              string
		acceptor, offered []string
		want              string // "": refused
	}{
		{"aes-aes", aes, aes, "AES"},
		{"rc4-rc4", rc4, rc4, "RC4"},
		{"aes-rc4", aes, rc4, ""},
		{"rc4-aes", rc4, aes, ""},
		{"aes rc4-rc4", aesRC4, rc4, "RC4"},
		{"rc4-aes rc4", rc4, aesRC4, "RC4"},
		{"aes-rc4 aes", aes, rc4AES, "AES"},
		{"acceptor wins aes rc4", aesRC4, rc4AES, "AES"},
		{"acceptor wins rc4 aes", rc4AES, aesRC4, "RC4"},
		{"previous release dialer", rc4, nil, "RC4"},
		{"disabled acceptor", nil, rc4AES, "RC4"},
		{"neither lists", nil, nil, "AES"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := chooseAlgorithm(tc.acceptor, tc.offered)
			if ok != (tc.want != "") || got != tc.want {
				t.Fatalf("chooseAlgorithm = %q %v, want %q", got, ok, tc.want)
			}
		})
	}
}

// TestAlgorithmOverTheWire dials real listeners with endpoints of each
// ALGORITHM: both ends report the algorithm agreed, and endpoints with none in
// common are refused with 28027 state 22 on both sides. ENCRYPTION =
// SUPPORTED takes part like REQUIRED once both ends encrypt.
func TestAlgorithmOverTheWire(t *testing.T) {
	for _, tc := range []struct {
		name             string
		accEnc, dialEnc  proto.Encryption
		acceptor, dialer []string
		want             string // "": refused
	}{
		{"required rc4 both", req, req, rc4, rc4, "RC4"},
		{"required aes vs rc4", req, req, aes, rc4, ""},
		{"supported aes vs rc4", sup, sup, aes, rc4, ""},
		{"acceptor prefers rc4", req, sup, rc4AES, aesRC4, "RC4"},
		{"acceptor prefers aes", sup, req, aesRC4, rc4AES, "AES"},
		{"default vs rc4 aes", req, req, nil, rc4AES, "AES"},
		{"disabled dialer stays clear", sup, dis, rc4, nil, "NONE"},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "-"), func(t *testing.T) {
			ln, conns, rec := listenSecure(t, &Security{Encryption: tc.accEnc, Algorithms: tc.acceptor})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner),
				&Security{Encryption: tc.dialEnc, Algorithms: tc.dialer})
			if tc.want == "" {
				wantNoCompatibleAlgorithm(t, err, rec)
				return
			}
			if err != nil {
				t.Fatalf("Dial: %v", err)
			}
			defer c.Close()
			s := <-conns
			if c.Security().Algorithm != tc.want || s.Security().Algorithm != tc.want {
				t.Fatalf("algorithm: dialer %q acceptor %q, want %q", c.Security().Algorithm, s.Security().Algorithm, tc.want)
			}
			if err := c.Send(&proto.Ping{Seq: 7}); err != nil {
				t.Fatal(err)
			}
			if m, err := s.Recv(); err != nil || m.(*proto.Ping).Seq != 7 {
				t.Fatalf("Recv: %v %v", m, err)
			}
		})
	}
}

// TestDialedAlgorithmFromPreviousRelease: an acceptor of the previous release
// selects no ALPN protocol (it negotiates no algorithm); the dialer then runs
// its own first choice, as that release would have accepted any.
func TestDialedAlgorithmFromPreviousRelease(t *testing.T) {
	for _, tc := range []struct {
		sec  *Security
		want string
	}{
		{&Security{Encryption: req, Algorithms: rc4AES}, "RC4"},
		{&Security{Encryption: req}, "AES"},
		{&Security{Encryption: dis}, "AES"},
		{nil, "AES"},
	} {
		if got := tc.sec.dialedAlgorithm(tls.ConnectionState{}); got != tc.want {
			t.Errorf("%+v: dialedAlgorithm = %q, want %q", tc.sec, got, tc.want)
		}
	}
	if got := (&Security{Encryption: req, Algorithms: aes}).dialedAlgorithm(tls.ConnectionState{NegotiatedProtocol: alpnPrefix + "RC4"}); got != "RC4" {
		t.Errorf("selected RC4: dialedAlgorithm = %q", got)
	}
}
