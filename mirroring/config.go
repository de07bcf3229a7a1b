package mirroring

import (
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"time"
)

// Config configures a Manager.
type Config struct {
	// DataDir holds mirroring.state, the persisted mirroring state (two
	// checksummed slots, one write + fdatasync per save; statefile.go).
	DataDir string
	Logger  *slog.Logger
	// PingInterval is the partner machines' tick (§1.4). Default 1s.
	PingInterval time.Duration
	// TimeoutUnit is what one unit of TIMEOUT lasts: SQL Server's second. 0
	// means one tick (PingInterval), which is what the tests use; with a
	// PingInterval below it, loss is detected within one PingInterval of TIMEOUT.
	TimeoutUnit time.Duration
	// DialTimeout bounds reaching a partner or witness during SET PARTNER / SET
	// WITNESS (1418 when it passes). Default 5s.
	DialTimeout time.Duration
}

// EndpointConfig is CREATE ENDPOINT … FOR DATABASE_MIRRORING (§2.4).
type EndpointConfig struct {
	Name       string
	Port       int
	IP         string // "ALL" → 0.0.0.0, else the address
	Role       string // "PARTNER", "WITNESS" or "ALL"
	Encryption string // "DISABLED", "SUPPORTED", "REQUIRED" ("" is REQUIRED, SQL Server's default)
	// Algorithm is ENCRYPTION's ALGORITHM: "AES", "RC4", "AES RC4" or
	// "RC4 AES", in preference order ("" is AES, SQL Server's default).
	Algorithm string
	State     string // "STARTED" listens; "STOPPED" and "DISABLED" do not
	// Authentication is AUTHENTICATION's methods in order, e.g. "NEGOTIATE",
	// "CERTIFICATE", "WINDOWS KERBEROS CERTIFICATE"; "" is Windows. Windows
	// authentication trusts the peer instance (there are no Windows accounts).
	Authentication string
	// Certificate is the endpoint's certificate with its private key, shown
	// to peers under certificate authentication (mutual TLS).
	Certificate *tls.Certificate
	// Authorize judges a peer's certificate under certificate authentication;
	// it is called on the handshake's goroutine, never under the manager's lock.
	Authorize func(cert *x509.Certificate) PeerCheck
}

// Command is an ALTER DATABASE … SET PARTNER option other than = 'address' (§2.1).
type Command uint8

// Commands for PartnerCommand.
const (
	CmdFailover     Command = iota + 1 // SET PARTNER FAILOVER (principal)
	CmdForceService                    // SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS (mirror)
	CmdOff                             // SET PARTNER OFF (either)
	CmdSuspend                         // SET PARTNER SUSPEND (either)
	CmdResume                          // SET PARTNER RESUME (either)
	CmdSafetyFull                      // SET PARTNER SAFETY FULL (principal)
	CmdSafetyOff                       // SET PARTNER SAFETY OFF (principal)
	CmdTimeout                         // SET PARTNER TIMEOUT n (principal; arg = n)
)

func (c Command) String() string {
	names := [...]string{"?", "FAILOVER", "FORCE_SERVICE_ALLOW_DATA_LOSS", "OFF", "SUSPEND",
		"RESUME", "SAFETY FULL", "SAFETY OFF", "TIMEOUT"}
	if int(c) < len(names) {
		return names[c]
	}
	return "?"
}

// ticksPerUnit is how many ticks make one unit of TIMEOUT (at least 1).
func (m *Manager) ticksPerUnit() int {
	if m.cfg.TimeoutUnit <= 0 || m.cfg.PingInterval <= 0 {
		return 1
	}
	return max(int(m.cfg.TimeoutUnit/m.cfg.PingInterval), 1)
}
