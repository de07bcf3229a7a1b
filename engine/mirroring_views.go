package engine

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// endpointSecurity is how the instance's mirroring endpoint authenticates
// and encrypts, in sys.database_mirroring_endpoints' codes (reference §3.2),
// which sys.dm_db_mirroring_connections repeats for each connection.
type endpointSecurity struct {
	auth     int64 // connection_auth: 1 NTLM … 10 CERTIFICATE, NEGOTIATE
	authDesc string
	certID   int64 // 0: Windows authentication
	alg      int64 // encryption_algorithm: 0 NONE … 8 NONE, AES, RC4
	algDesc  string
}

// connectionAuths are connection_auth's codes by the methods in the order
// AUTHENTICATION lists them; encryptionAlgorithms encryption_algorithm's by
// ENCRYPTION = SUPPORTED|REQUIRED and ALGORITHM (SUPPORTED adds NONE: it
// also talks to a peer that does not encrypt). Bare REQUIRED and SUPPORTED
// mean AES, SQL Server 2016's default.
var (
	connectionAuths = map[string]int64{"NTLM": 1, "KERBEROS": 2, "NEGOTIATE": 3, "CERTIFICATE": 4,
		"NTLM, CERTIFICATE": 5, "KERBEROS, CERTIFICATE": 6, "NEGOTIATE, CERTIFICATE": 7,
		"CERTIFICATE, NTLM": 8, "CERTIFICATE, KERBEROS": 9, "CERTIFICATE, NEGOTIATE": 10}
	encryptionAlgorithms = map[string]int64{"NONE": 0, "RC4": 1, "AES": 2, "NONE, RC4": 3, "NONE, AES": 4,
		"RC4, AES": 5, "AES, RC4": 6, "NONE, RC4, AES": 7, "NONE, AES, RC4": 8}
)

func endpointSecurityOf(s *exec.Session) endpointSecurity {
	sec := endpointSecurity{auth: 3, authDesc: "NEGOTIATE", alg: 2, algDesc: "AES"}
	ep := s.Server().ServerCatalog().Endpoint()
	if ep == nil {
		return sec
	}
	// AUTHENTICATION = WINDOWS [NTLM|KERBEROS|NEGOTIATE] and CERTIFICATE c,
	// either first: "WINDOWS" alone is NEGOTIATE.
	var methods []string
	for _, w := range strings.Fields(strings.ToUpper(ep.Authentication)) {
		switch w {
		case "CERTIFICATE":
			methods = append(methods, w)
		case "WINDOWS":
			methods = append(methods, "NEGOTIATE")
		case "NTLM", "KERBEROS", "NEGOTIATE":
			if n := len(methods); n > 0 && methods[n-1] == "NEGOTIATE" {
				methods[n-1] = w
			} else {
				methods = append(methods, w)
			}
		}
	}
	if code, ok := connectionAuths[strings.Join(methods, ", ")]; ok {
		sec.auth, sec.authDesc = code, strings.Join(methods, ", ")
	}
	if sec.auth >= 4 {
		if c := s.Server().ServerCatalog().Certificate(ep.Certificate); c != nil {
			sec.certID = int64(c.ID)
		}
	}
	algs := strings.Fields(strings.ToUpper(ep.Algorithm))
	if len(algs) == 0 {
		algs = []string{"AES"}
	}
	switch strings.ToUpper(ep.Encryption) {
	case "DISABLED":
		algs = []string{"NONE"}
	case "SUPPORTED":
		algs = append([]string{"NONE"}, algs...)
	}
	if code, ok := encryptionAlgorithms[strings.Join(algs, ", ")]; ok {
		sec.alg, sec.algDesc = code, strings.Join(algs, ", ")
	}
	return sec
}

// registerMirroringConnections defines sys.dm_db_mirroring_connections with
// SQL Server's 27 columns in its order (reference §3.6): monitoring scripts
// select login_state_desc, encryption_algorithm_desc or the fragment and
// send counters by name. There is no SNI layer, so transport_stream_id is
// the connection's id; nothing is ever posted asynchronously or flow
// controlled in SQL Server's sense (0); remote_user_name (Windows
// authentication) is NULL. Encryption and authentication are the
// connection's own, as its handshake settled them: encryption_algorithm 2
// AES, 1 RC4 or 0 NONE; under certificate authentication principal_name is the
// login the peer's certificate maps to and peer_certificate_id that
// certificate, otherwise the peer instance and NULL.
func registerMirroringConnections() {
	exec.RegisterView("sys.dm_db_mirroring_connections", []exec.ViewColumn{
		col("connection_id", tGUID), col("transport_stream_id", tGUID), col("state", tSmallInt), col("state_desc", tDesc),
		col("connect_time", tDateTime), col("login_time", tDateTime), col("authentication_method", tName),
		col("principal_name", tName), col("remote_user_name", tName), col("last_activity_time", tDateTime), col("is_accept", tBit),
		col("login_state", tSmallInt), col("login_state_desc", tDesc), col("peer_certificate_id", tInt),
		col("encryption_algorithm", tSmallInt), col("encryption_algorithm_desc", tDesc), col("receives_posted", tSmallInt),
		col("is_receive_flow_controlled", tBit), col("sends_posted", tSmallInt), col("is_send_flow_controlled", tBit),
		col("total_bytes_sent", tBigInt), col("total_bytes_received", tBigInt), col("total_fragments_sent", tBigInt),
		col("total_fragments_received", tBigInt), col("total_sends", tBigInt), col("total_receives", tBigInt),
		col("peer_arbitration_id", tGUID),
	}, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		m, err := instanceOf(s).mirroringImpl()
		if err != nil {
			return nil, nil
		}
		sec := endpointSecurityOf(s)
		small := func(v int64) types.Value { return types.NewSmallInt(int16(v)) }
		big := types.NewBigInt
		var out []exec.Row
		for _, c := range m.Connections() {
			state := int64(4) // LOGGED_IN
			if c.State == "CLOSED" {
				state = 5
			}
			peerID := nullOf(tGUID)
			if c.PeerID != "" {
				peerID = guidValue(c.PeerID)
			}
			method, principal, peerCert := sec.authDesc, c.PeerInstance, nullOf(tInt)
			if c.Authentication == "CERTIFICATE" {
				method, principal, peerCert = "CERTIFICATE", c.Login, types.NewInt(c.PeerCertificateID)
			} else {
				for _, m := range strings.Split(sec.authDesc, ", ") {
					if m != "CERTIFICATE" {
						method = m // the Windows method of "NTLM, CERTIFICATE" this connection used
						break
					}
				}
			}
			alg, algDesc := int64(0), "NONE"
			if code, ok := encryptionAlgorithms[c.Algorithm]; ok && c.Encrypted {
				alg, algDesc = code, c.Algorithm
			}
			out = append(out, exec.Row{guidValue(c.ConnectionID), guidValue(c.ConnectionID), small(state), nv(c.State),
				dtv(c.ConnectTime), dtv(c.LoginTime), nv(method), nv(principal), nullOf(tName), dtv(c.LastActivity), bt(c.IsAccept),
				small(int64(c.LoginState)), nv(c.LoginStateDesc), peerCert, small(alg), nv(algDesc), small(0), bt(false), small(0),
				bt(false), big(c.BytesSent), big(c.BytesReceived), big(c.FragmentsSent), big(c.FragmentsRecv), big(c.Sends), big(c.Receives),
				peerID})
		}
		return out, nil
	})
}
