package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Mirroring is what the engine needs from database mirroring. The engine never
// imports the mirroring package: cmd adapts mirroring.Manager to this
// interface (style.md: I/O and collaborators are injected).
type Mirroring interface {
	StartEndpoint(ep EndpointSpec) error
	StopEndpoint() error
	// SetPartner is ALTER DATABASE db SET PARTNER = 'TCP://host:port'.
	SetPartner(ctx context.Context, db, address string) error
	// PartnerCommand is SET PARTNER FAILOVER | FORCE_SERVICE_ALLOW_DATA_LOSS |
	// OFF | SUSPEND | RESUME | SAFETY FULL | SAFETY OFF | TIMEOUT n.
	PartnerCommand(ctx context.Context, db string, cmd string, arg int) error
	// SetWitness is SET WITNESS = 'TCP://…' ("" for OFF).
	SetWitness(ctx context.Context, db, address string) error
	// Status reports what sys.database_mirroring shows for db.
	Status(db string) (MirroringStatus, bool)
	// Witnessed lists the sessions this instance is witness for.
	Witnessed() []WitnessStatus
	// Connections lists mirroring connections (sys.dm_db_mirroring_connections).
	Connections() []MirroringConnection
	// PartnerInstance is the failover partner's instance name for ENVCHANGE 13.
	PartnerInstance(db string) string
}

// EndpointSpec is a database mirroring endpoint as CREATE ENDPOINT defines it.
type EndpointSpec struct {
	Name       string
	Port       int
	IP         string
	Role       string
	Encryption string
	Algorithm  string // ALGORITHM's list in preference order, "AES RC4"
	State      string
	// Authentication is the endpoint's AUTHENTICATION methods in order
	// ("NEGOTIATE", "CERTIFICATE", "WINDOWS NTLM CERTIFICATE" …).
	Authentication string
	// Certificate is the endpoint's certificate with its private key, set
	// when Authentication lists CERTIFICATE.
	Certificate *tls.Certificate
	// AuthorizePeer judges a peer's certificate under certificate
	// authentication (certificate.go).
	AuthorizePeer func(cert *x509.Certificate) PeerLogin
}

// PeerLogin is what a peer endpoint's certificate maps to on this instance.
type PeerLogin struct {
	Login         string
	CertificateID int32
	NoConnect     bool   // the login lacks CONNECT on the endpoint
	Invalid       string // why the certificate is refused ("Certificate not found", "Certificate expired")
}

// endpointSpec is what the mirroring endpoint needs to start from its
// catalog entry: under certificate authentication the endpoint's
// certificate, checked as CREATE ENDPOINT checks it.
func (inst *Instance) endpointSpec(srv *catalog.Server, ep *catalog.Endpoint) (EndpointSpec, error) {
	spec := EndpointSpec{Name: ep.Name, Port: ep.Port, IP: ep.IP, Role: ep.Role, Encryption: ep.Encryption,
		Algorithm: ep.Algorithm, State: ep.State, Authentication: ep.Authentication}
	if !slices.Contains(strings.Fields(strings.ToUpper(ep.Authentication)), "CERTIFICATE") {
		return spec, nil
	}
	cert, err := endpointCertificate(srv, ep.Certificate)
	if err != nil {
		return spec, err
	}
	spec.Certificate, spec.AuthorizePeer = cert, inst.authorizePeer
	return spec, nil
}

// MirroringStatus is one database's row of sys.database_mirroring.
type MirroringStatus struct {
	GUID               string
	State              int
	StateDesc          string
	Role               int
	RoleDesc           string
	RoleSequence       int64
	SafetyLevel        int
	SafetyLevelDesc    string
	SafetySequence     int64
	PartnerName        string
	PartnerInstance    string
	WitnessName        string
	WitnessState       int
	WitnessStateDesc   string
	FailoverLSN        txlog.LSN
	ConnectionTimeout  int
	EndOfLogLSN        txlog.LSN
	ReplicationLSN     txlog.LSN
	SendQueueKB        int64
	RedoQueueKB        int64
	SendRateKBps       int64
	RedoRateKBps       int64
	TransactionDelayMS int64 // principal: total SAFETY FULL commit wait, ms, cumulative
	TransactionsPerSec int64 // principal: SAFETY FULL commits per second, last tick
	HardenedLSN        txlog.LSN
	RedoneLSN          txlog.LSN
	Suspended          bool
	// Serving says whether clients may use the database on this instance.
	Serving bool

	// MirroredTransactions counts the principal's commits that waited for
	// the mirror (cumulative); AverageDelayMS is their average wait over the
	// last status tick.
	MirroredTransactions, AverageDelayMS int64
}

// WitnessStatus is a row of sys.database_mirroring_witnesses.
type WitnessStatus struct {
	DatabaseName         string
	PrincipalName        string
	MirrorName           string
	GUID                 string
	RoleSequence         int64
	SafetySequence       int64
	SafetyLevel          int
	SafetyLevelDesc      string
	State                int
	StateDesc            string
	PartnerSyncState     int
	PartnerSyncStateDesc string
	PrincipalPresent     bool
	MirrorPresent        bool
	Suspended            bool
	SuspendedSequence    int64  // is_suspended_sequence_number
	FamilyGUID           string // family_guid, "" = NULL (no partner has said yet)
}

// MirroringConnection is a row of sys.dm_db_mirroring_connections.
type MirroringConnection struct {
	ConnectionID   string
	State          string
	PeerInstance   string
	PeerID         string // the peer endpoint's id (peer_arbitration_id)
	ConnectTime    time.Time
	LoginTime      time.Time
	LastActivity   time.Time
	BytesSent      int64
	BytesReceived  int64
	FragmentsSent  int64
	FragmentsRecv  int64
	Sends          int64
	Receives       int64
	LoginState     int16
	LoginStateDesc string
	IsAccept       bool
	// What the connection's handshake settled: Algorithm "AES", "RC4" or "NONE";
	// Authentication "CERTIFICATE" or "WINDOWS"; under certificate
	// authentication the login the peer's certificate maps to and that
	// certificate's id.
	Encrypted         bool
	Algorithm         string
	Authentication    string
	Login             string
	PeerCertificateID int32
}

// SetMirroring installs the mirroring implementation (cmd does it at start).
func (inst *Instance) SetMirroring(m Mirroring) { inst.mirroring.Store(&m) }

func (inst *Instance) mirroringImpl() (Mirroring, error) {
	m := inst.mirroring.Load()
	if m == nil {
		return nil, errMirroringUnavailable
	}
	return *m, nil
}

var errMirroringUnavailable = errors.New("database mirroring is not available in this process")

// --- what mirroring.Database needs from a database (satisfied structurally) ---

// RecoveryModel is the database's recovery model (FULL, SIMPLE, BULK_LOGGED).
func (db *Database) RecoveryModel() string {
	if e := db.inst.Entry(db.name); e != nil {
		return e.RecoveryModel
	}
	return "FULL"
}

// FamilyGUID is the database's backup family (sys.database_recovery_status
// family_guid), uuid.Nil before its first backup: its partners tell the
// session's witness (sys.database_mirroring_witnesses.family_guid).
func (db *Database) FamilyGUID() uuid.UUID {
	if e := db.inst.Entry(db.name); e != nil {
		if g, err := uuid.Parse(e.FamilyGUID); err == nil {
			return g
		}
	}
	return uuid.Nil
}

// Restoring reports a database in the RESTORING state (a mirror, or restored
// WITH NORECOVERY).
func (db *Database) Restoring() bool { return db.State() == StateRestoring }

// RedoneLSN is how far redo has applied the log.
func (db *Database) RedoneLSN() txlog.LSN { return txlog.LSN(db.redone.Load()) }

// SetAccessError makes sessions get err when they use the database (mirroring:
// 955 without quorum, 952 in transition); nil clears it. The first call after
// a BecomePrincipal that left the database closed brings it ONLINE, after the
// access is set: whoever sees ONLINE (sys.databases, DATABASEPROPERTYEX) gets
// the principal's access, never the mirror's 954 — nor 952: a new principal
// in transition (mirroring holds its access until sys.database_mirroring
// says PRINCIPAL) is not ONLINE yet.
func (db *Database) SetAccessError(err error) {
	db.onlineMu.Lock()
	defer db.onlineMu.Unlock()
	if err == nil {
		db.accessErr.Store(nil)
	} else {
		db.accessErr.Store(&err)
	}
	var numbered interface {
		SQLServerError() (int32, uint8, uint8)
	}
	n := int32(0)
	if errors.As(err, &numbered) {
		n, _, _ = numbered.SQLServerError()
	}
	db.lacksQuorum.Store(n == 955)
	if n == 952 {
		return
	}
	if db.onlinePending {
		db.onlinePending = false
		db.SetState(StateOnline)
	}
}

// ShownState is the state sys.databases and DATABASEPROPERTYEX(…, 'Status')
// show. A principal that lacks quorum (955) is RECOVERING: SQL Server
// restarts the database and bypasses its recovery (1445) until quorum
// returns, and SSMS shows it "Principal, Disconnected / In Recovery". Shown
// ONLINE, a monitoring query over sys.databases took a database that
// refuses every client for a healthy one. The state itself stays ONLINE:
// the copy is intact and serves again, without a recovery, once the
// partner or the witness confirms it.
func (db *Database) ShownState() string {
	st := db.State()
	if st == StateOnline && db.lacksQuorum.Load() {
		return StateRecovering
	}
	return st
}

// BecomeMirror takes the database away from clients and keeps it RESTORING,
// redoing the log as it arrives (a role change or a new mirroring session).
func (db *Database) BecomeMirror(ctx context.Context) error {
	db.onlineMu.Lock()
	db.onlinePending = false
	db.SetState(StateRestoring)
	db.onlineMu.Unlock()
	db.inst.killSessionsIn(db.name)
	db.inst.killSnapshotSessions(db.id)
	exec.ForgetSequences(db)
	exec.ForgetStatistics(db) // the statistics records changed too (exec/stats_persist.go)
	db.startRedo()
	return db.inst.setEntryState(db.name, StateRestoring)
}

// BecomePrincipal finishes redo up to the end of the hardened log and brings the
// database ONLINE — at once when sessions may use it, else (a mirror taking
// over still answers 954) at the manager's next SetAccessError, which says
// whether the new principal serves. Shown ONLINE before that, the database
// refused the USE of a DBA or a failover client that had waited for
// sys.databases / DATABASEPROPERTYEX to say ONLINE (the manager sets the
// access only after this returns, and after its own lock and role-change
// bookkeeping: tens of milliseconds under load).
func (db *Database) BecomePrincipal(ctx context.Context) error {
	if err := db.stopRedo(ctx); err != nil {
		return fmt.Errorf("become principal: %w", err)
	}
	// Redo wrote the partner's sequence reservations into the store.
	exec.ForgetSequences(db)
	exec.ForgetStatistics(db) // the statistics records changed too (exec/stats_persist.go)
	// Redo brought the options the partner or the backup set (dboptions.go).
	db.loadOptions()
	db.inst.killSnapshotSessions(db.id)
	err := db.inst.setEntryState(db.name, StateOnline)
	db.onlineMu.Lock()
	if db.accessErr.Load() == nil {
		db.SetState(StateOnline)
	} else {
		db.onlinePending = true
	}
	db.onlineMu.Unlock()
	return err
}
