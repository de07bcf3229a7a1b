package mirroring

import (
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// PeerCheck is the engine's verdict on a peer's certificate under
// AUTHENTICATION = CERTIFICATE (EndpointConfig.Authorize): the login the
// certificate maps to through its owner in master, and why it may not connect.
type PeerCheck struct {
	Login         string
	CertificateID int32
	// NoConnect: the login lacks CONNECT on the endpoint (28034, state 84).
	NoConnect bool
	// Invalid, if set, is why the certificate is refused, in SQL Server's
	// words: "Certificate not found", "Certificate expired" (28035).
	Invalid string
}

// endpointSecurity turns the endpoint's AUTHENTICATION and ENCRYPTION into
// the transport's Security. ENCRYPTION "" is REQUIRED and ALGORITHM "" AES,
// SQL Server's defaults;
// every Windows method (NTLM, KERBEROS, NEGOTIATE) is the one AuthWindows.
func endpointSecurity(ep EndpointConfig) (*endpoint.Security, error) {
	sec := &endpoint.Security{Certificate: ep.Certificate}
	switch strings.ToUpper(ep.Encryption) {
	case "DISABLED":
		sec.Encryption = proto.EncryptionDisabled
	case "SUPPORTED":
		sec.Encryption = proto.EncryptionSupported
	case "REQUIRED", "":
		sec.Encryption = proto.EncryptionRequired
	default:
		return nil, fmt.Errorf("mirroring: endpoint encryption %q", ep.Encryption)
	}
	for _, a := range strings.Fields(strings.ToUpper(ep.Algorithm)) {
		switch a {
		case endpoint.AlgorithmAES, endpoint.AlgorithmRC4:
			if !slices.Contains(sec.Algorithms, a) {
				sec.Algorithms = append(sec.Algorithms, a)
			}
		default:
			return nil, fmt.Errorf("mirroring: endpoint encryption algorithm %q", ep.Algorithm)
		}
	}
	add := func(m proto.AuthMethod) {
		for _, x := range sec.Auth {
			if x == m {
				return
			}
		}
		sec.Auth = append(sec.Auth, m)
	}
	for _, w := range strings.FieldsFunc(strings.ToUpper(ep.Authentication), func(r rune) bool { return r == ' ' || r == ',' }) {
		switch w {
		case "CERTIFICATE":
			add(proto.AuthCertificate)
		case "WINDOWS", "NTLM", "KERBEROS", "NEGOTIATE":
			add(proto.AuthWindows)
		}
	}
	for _, m := range sec.Auth {
		if m != proto.AuthCertificate {
			continue
		}
		if ep.Certificate == nil || ep.Authorize == nil {
			return nil, errors.New("mirroring: certificate authentication needs the endpoint's certificate")
		}
		authorize := ep.Authorize
		sec.Authorize = func(cert *x509.Certificate) (endpoint.PeerAuth, error) {
			v := authorize(cert)
			switch {
			case v.Invalid != "":
				return endpoint.PeerAuth{}, endpoint.ErrPeerCertificate(v.Invalid)
			case v.NoConnect:
				return endpoint.PeerAuth{}, endpoint.ErrNoConnect(v.Login)
			}
			return endpoint.PeerAuth{Principal: v.Login, CertificateID: v.CertificateID}, nil
		}
	}
	return sec, nil
}

// logHandshakeFailure writes a dialer's side of a refused connection to the
// error log, as SQL Server's 1474 ("Database mirroring connection error 4
// '<reason>' for '<address>'."), and reports whether err was one.
func (m *Manager) logHandshakeFailure(address string, err error) bool {
	var herr *endpoint.HandshakeError
	if !errors.As(err, &herr) {
		return false
	}
	m.log.Info(fmt.Sprintf("Database mirroring connection error 4 '%s' for '%s'.", herr.Message, address),
		"error", 1474, "severity", 16, "state", 1)
	return true
}
