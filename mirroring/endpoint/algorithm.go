package endpoint

import (
	"crypto/tls"
	"slices"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Encryption algorithms an endpoint may list (CREATE ENDPOINT … ENCRYPTION =
// { SUPPORTED | REQUIRED } ALGORITHM { AES | RC4 | AES RC4 | RC4 AES }).
//
// The two endpoints agree on an algorithm as SQL Server's do: one both list,
// the acceptor's preference first ("if both endpoints specify both algorithms
// but in different orders, the endpoint accepting the connection wins"); none
// in common refuses the connection with 28027 state 22. What the algorithm
// names here is the label the partners agree on and show
// (sys.dm_db_mirroring_connections): the stream itself is TLS 1.2 with
// AES-GCM under either, RC4 being deprecated and unsafe.
//
// The lists travel in the TLS handshake, as ALPN protocol names: the dialer
// offers its list, the acceptor selects its choice. The clear Negotiate
// exchange stays as the previous release reads it (docs/compatibility.md),
// and a peer of that release neither offers nor selects a protocol: it never
// negotiated an algorithm (it ran AES whatever its endpoint said), so it
// takes whichever this endpoint prefers.
const (
	AlgorithmAES = "AES"
	AlgorithmRC4 = "RC4"
)

// alpnPrefix turns an algorithm into the ALPN protocol name that carries it.
const alpnPrefix = "mirrorsql-dbm/"

func alpnNames(algs []string) []string {
	out := make([]string, len(algs))
	for i, a := range algs {
		out[i] = alpnPrefix + a
	}
	return out
}

// offeredAlgorithms is the algorithm list a dialer offered in its ClientHello;
// protocols that are not algorithms are ignored.
func offeredAlgorithms(protos []string) []string {
	var out []string
	for _, p := range protos {
		if a, ok := algorithmOf(p); ok {
			out = append(out, a)
		}
	}
	return out
}

func algorithmOf(proto string) (string, bool) {
	if len(proto) <= len(alpnPrefix) || proto[:len(alpnPrefix)] != alpnPrefix {
		return "", false
	}
	return proto[len(alpnPrefix):], true
}

// algorithms is the endpoint's list in preference order, nil when it lists
// none: ENCRYPTION = DISABLED, which encrypts only when certificate
// authentication makes it, and then takes the peer's choice.
func (s *Security) algorithms() []string {
	if s.encryption() == proto.EncryptionDisabled {
		return nil
	}
	if len(s.Algorithms) == 0 {
		return []string{AlgorithmAES} // SQL Server's default since 2016
	}
	return s.Algorithms
}

// chooseAlgorithm is the acceptor's choice between its own list and the
// dialer's offer: the acceptor's first that the dialer offers. A side that
// lists nothing (a DISABLED endpoint, or a dialer of the previous release,
// which negotiates no algorithm) takes the other's first. ok is false when
// the lists have nothing in common.
func chooseAlgorithm(acceptor, offered []string) (alg string, ok bool) {
	switch {
	case len(acceptor) == 0 && len(offered) == 0:
		return AlgorithmAES, true
	case len(offered) == 0:
		return acceptor[0], true
	case len(acceptor) == 0:
		return offered[0], true
	}
	for _, a := range acceptor {
		if slices.Contains(offered, a) {
			return a, true
		}
	}
	return "", false
}

// algorithmChoice is what the acceptor's TLS handshake settled; refused means
// the dialer offered algorithms none of which this endpoint lists.
type algorithmChoice struct {
	alg     string
	refused bool
}

// selectAlgorithm makes cfg choose the algorithm from the dialer's
// ClientHello into choice. A dialer that offered no algorithm is answered
// without a protocol (a previous release's client accepts nothing else); one
// whose offer has nothing in common gets none either, and the handshake
// refuses the connection in words once TLS is up (the dialer reads the
// refusal as it reads every other, in place of HelloAck).
func (s *Security) selectAlgorithm(cfg *tls.Config, choice *algorithmChoice) {
	cfg.GetConfigForClient = func(hi *tls.ClientHelloInfo) (*tls.Config, error) {
		offered := offeredAlgorithms(hi.SupportedProtos)
		alg, ok := chooseAlgorithm(s.algorithms(), offered)
		*choice = algorithmChoice{alg: alg, refused: !ok}
		c := cfg.Clone()
		c.GetConfigForClient = nil
		if ok && len(offered) > 0 {
			c.NextProtos = alpnNames([]string{alg})
		}
		return c, nil
	}
}

// dialedAlgorithm is the algorithm a dialer's finished TLS handshake agreed:
// the acceptor's selection, or, from an acceptor that selected none (a
// previous release, which negotiates no algorithm), the dialer's own first.
func (s *Security) dialedAlgorithm(st tls.ConnectionState) string {
	if a, ok := algorithmOf(st.NegotiatedProtocol); ok {
		return a
	}
	alg, _ := chooseAlgorithm(s.algorithms(), nil)
	return alg
}
