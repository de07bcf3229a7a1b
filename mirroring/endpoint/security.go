package endpoint

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Security is an endpoint's transport security, CREATE ENDPOINT … FOR
// DATABASE_MIRRORING (AUTHENTICATION = …, ENCRYPTION = …) (reference/mirroring.md
// §2.4; docs "Transport security for database mirroring and Always On
// availability groups").
//
// Every connection opens with Negotiate/NegotiateAck in the clear, where the
// two endpoints agree as SQL Server's do: ENCRYPTION DISABLED on one side and
// REQUIRED on the other fails, a DISABLED side otherwise keeps the connection
// in the clear, and anything else encrypts; the acceptor's AUTHENTICATION
// order picks the method both list. Encrypted connections run TLS 1.2 with
// ECDHE and AES-GCM only; ALGORITHM is agreed inside the TLS handshake
// (algorithm.go), RC4 being a name the endpoints agree on, carried by AES.
// Certificate authentication is mutual TLS with each endpoint's
// certificate, so it always encrypts. Windows authentication has no Windows
// accounts to check here: the instances trust each other, as they did before
// there was TLS, and the acceptor shows this process's generated certificate.
type Security struct {
	Encryption proto.Encryption
	// Algorithms is ALGORITHM's list in preference order (AlgorithmAES,
	// AlgorithmRC4); empty means AES. Ignored under EncryptionDisabled.
	Algorithms []string
	// Auth lists the AUTHENTICATION methods in the order the endpoint gives
	// them; empty means WINDOWS.
	Auth []proto.AuthMethod
	// Certificate is the endpoint's certificate with its private key
	// (AUTHENTICATION = CERTIFICATE name); required when Auth lists
	// AuthCertificate.
	Certificate *tls.Certificate
	// Authorize decides whether the peer that showed cert in a certificate-
	// authenticated handshake may connect: it maps the certificate to a login
	// that has CONNECT on this endpoint. A refusal is a *HandshakeError (SQL
	// Server's reason); any other error refuses too. Called on both ends of the
	// connection, from the handshake's goroutine.
	Authorize func(cert *x509.Certificate) (PeerAuth, error)
}

// PeerAuth is who a certificate-authenticated peer is on this instance.
type PeerAuth struct {
	Principal     string // the login validated for CONNECT (principal_name)
	CertificateID int32  // the certificate in master that matched (peer_certificate_id)
}

// Negotiated is what a connection's handshake settled
// (sys.dm_db_mirroring_connections, §3.6).
type Negotiated struct {
	Encrypted bool
	Algorithm string // the agreed AlgorithmAES or AlgorithmRC4 when Encrypted, else "NONE"
	Auth      proto.AuthMethod
	PeerAuth  // set under AuthCertificate
}

func (s *Security) methods() []proto.AuthMethod {
	if s == nil || len(s.Auth) == 0 {
		return []proto.AuthMethod{proto.AuthWindows}
	}
	return s.Auth
}

func (s *Security) encryption() proto.Encryption {
	if s == nil {
		return proto.EncryptionDisabled
	}
	return s.Encryption
}

// HandshakeError is a connection refused by the handshake, with SQL Server's
// reason: Message is the "Connection handshake failed. … State n." text of
// errors 28027–28045 that both instances write to their error logs.
type HandshakeError struct {
	Number  int32
	State   uint8
	Message string
	// User is the login the peer's certificate mapped to, when there was one
	// (the log line then says "login attempt by user").
	User string
	// Remote: the peer refused the connection and sent its reason.
	Remote bool
}

func (e *HandshakeError) Error() string { return e.Message }

// LogLine is the acceptor's error-log message for the refusal (SQL Server's
// 28047 and 28048) with the number it is logged under.
func (e *HandshakeError) LogLine(client string) (string, int32) {
	if e.User != "" {
		return fmt.Sprintf("Database Mirroring login attempt by user '%s.' failed with error: '%s'.  [CLIENT: %s]", e.User, e.Message, client), 28048
	}
	return fmt.Sprintf("Database Mirroring login attempt failed with error: '%s'.  [CLIENT: %s]", e.Message, client), 28047
}

func handshakeFailed(number int32, state uint8, reason string) *HandshakeError {
	return &HandshakeError{Number: number, State: state,
		Message: fmt.Sprintf("Connection handshake failed. %s State %d.", reason, state)}
}

// Handshake refusals, SQL Server's numbers and texts (sys.messages 28027,
// 28034, 28035). The states are those SQL Server logs for the case where it is
// known (22 no compatible encryption, 84 no CONNECT permission, 89 a peer
// certificate that does not map); the authentication mismatch reuses 22.
func errNoCompatibleEncryption() *HandshakeError {
	return handshakeFailed(28027, 22, "There is no compatible encryption algorithm.")
}

func errNoCompatibleAuth() *HandshakeError {
	return handshakeFailed(28027, 22, "There is no compatible authentication protocol.")
}

// errNoCompatibleVersion refuses a peer whose mirroring protocol versions
// [peerMin, peerMax] do not meet this release's (docs/compatibility.md): SQL
// Server's 28027 with the versions named, state 23.
func errNoCompatibleVersion(peerMin, peerMax uint8) *HandshakeError {
	return handshakeFailed(28027, 23, fmt.Sprintf("There is no compatible mirroring protocol version (this endpoint speaks %d to %d, the peer %d to %d).",
		proto.MinVersion, proto.Version, peerMin, peerMax))
}

// ErrNoConnect is the refusal of a peer whose login lacks CONNECT on the endpoint.
func ErrNoConnect(login string) *HandshakeError {
	e := handshakeFailed(28034, 84, fmt.Sprintf("The login '%s' does not have CONNECT permission on the endpoint.", login))
	e.User = login
	return e
}

// ErrPeerCertificate is the refusal of a peer certificate for reason, e.g.
// "Certificate not found" or "Certificate expired".
func ErrPeerCertificate(reason string) *HandshakeError {
	return handshakeFailed(28035, 89, fmt.Sprintf("The certificate used by the peer is invalid due to the following reason: %s.", reason))
}

// remoteHandshakeError turns a HelloReject carrying a handshake refusal into
// a *HandshakeError, or returns nil for any other rejection.
func remoteHandshakeError(b proto.ErrorBody) *HandshakeError {
	if b.Number < 28000 || b.Number >= 28100 {
		return nil
	}
	return &HandshakeError{Number: b.Number, State: b.State, Message: b.Message, Remote: true}
}

func (e *HandshakeError) body() proto.ErrorBody {
	return proto.ErrorBody{Number: e.Number, Severity: 10, State: e.State, Message: e.Message}
}

// negotiate settles a connection between the dialer's offer and the
// acceptor's own settings (Security's table).
func negotiate(acceptor *Security, enc proto.Encryption, auth []proto.AuthMethod) (encrypt bool, method proto.AuthMethod, err *HandshakeError) {
	local := acceptor.encryption()
	if local == proto.EncryptionDisabled && enc == proto.EncryptionRequired ||
		local == proto.EncryptionRequired && enc == proto.EncryptionDisabled {
		return false, 0, errNoCompatibleEncryption()
	}
	for _, m := range acceptor.methods() {
		if slices.Contains(auth, m) {
			method = m
			break
		}
	}
	if method == 0 {
		return false, 0, errNoCompatibleAuth()
	}
	encrypt = local != proto.EncryptionDisabled && enc != proto.EncryptionDisabled
	return encrypt || method == proto.AuthCertificate, method, nil
}

// checkAck is the dialer's check that the acceptor's decision is one its own
// settings allow (a peer that breaks the table is refused, not followed).
func checkAck(s *Security, a *proto.NegotiateAck) *HandshakeError {
	if !slices.Contains(s.methods(), a.Auth) {
		return errNoCompatibleAuth()
	}
	enc := s.encryption()
	switch {
	case enc == proto.EncryptionRequired && !a.Encrypt:
		return errNoCompatibleEncryption()
	case enc == proto.EncryptionDisabled && a.Encrypt && a.Auth != proto.AuthCertificate:
		return errNoCompatibleEncryption()
	}
	return nil
}

// aesSuites are the cipher suites encrypted connections use: ECDHE key
// exchange (forward secrecy) and AES-GCM, for ECDSA and RSA certificates
// (CREATE CERTIFICATE makes ECDSA ones; a certificate FROM FILE may be RSA).
var aesSuites = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
}

func baseTLS() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12, CipherSuites: aesSuites}
}

// serverTLS is the acceptor's TLS configuration; the handshake records the
// algorithm it settles in choice.
func (s *Security) serverTLS(method proto.AuthMethod, choice *algorithmChoice) (*tls.Config, error) {
	cfg := baseTLS()
	s.selectAlgorithm(cfg, choice)
	if method == proto.AuthCertificate {
		if s.Certificate == nil {
			return nil, errors.New("endpoint has no certificate")
		}
		cfg.Certificates = []tls.Certificate{*s.Certificate}
		cfg.ClientAuth = tls.RequireAnyClientCert // Authorize checks it
		return cfg, nil
	}
	cert, err := instanceCertificate()
	if err != nil {
		return nil, err
	}
	cfg.Certificates = []tls.Certificate{cert}
	return cfg, nil
}

func (s *Security) clientTLS(method proto.AuthMethod) (*tls.Config, error) {
	cfg := baseTLS()
	// The chain is not verified against a CA: under certificate
	// authentication Authorize maps the acceptor's certificate to one in
	// master after the handshake; under Windows authentication the instances
	// trust each other (Security).
	cfg.InsecureSkipVerify = true
	cfg.NextProtos = alpnNames(s.algorithms())
	if method == proto.AuthCertificate {
		if s.Certificate == nil {
			return nil, errors.New("endpoint has no certificate")
		}
		cfg.Certificates = []tls.Certificate{*s.Certificate}
	}
	return cfg, nil
}

// authorizePeer runs Authorize on the certificate the peer showed.
func (s *Security) authorizePeer(tc *tls.Conn) (PeerAuth, error) {
	certs := tc.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return PeerAuth{}, ErrPeerCertificate("Certificate not found")
	}
	if s.Authorize == nil {
		return PeerAuth{}, ErrPeerCertificate("Certificate not found")
	}
	return s.Authorize(certs[0])
}

var instanceCert struct {
	once sync.Once
	cert tls.Certificate
	err  error
}

// instanceCertificate is the certificate an acceptor shows under Windows
// authentication: generated once per process (nobody verifies it; it only
// keys the TLS session), ECDSA P-256, valid for ten years.
func instanceCertificate() (tls.Certificate, error) {
	instanceCert.once.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			instanceCert.err = err
			return
		}
		serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
		if err != nil {
			instanceCert.err = err
			return
		}
		tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: "mirrorsql database mirroring endpoint"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(10, 0, 0)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			instanceCert.err = err
			return
		}
		instanceCert.cert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	})
	return instanceCert.cert, instanceCert.err
}
