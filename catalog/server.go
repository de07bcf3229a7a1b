package catalog

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Server is the server-level catalog kept in master: logins, the mirroring
// endpoint, certificates and the directory of databases.
type Server struct {
	Version      int              `json:"version"`
	Logins       []*Login         `json:"logins"`
	Endpoints    []*Endpoint      `json:"endpoints,omitempty"`
	Certificates []*Certificate   `json:"certificates,omitempty"`
	Databases    []*DatabaseEntry `json:"databases"`
	NextDatabase int32            `json:"next_database"`
	NextLogin    int32            `json:"next_login"`
	MasterKey    bool             `json:"master_key,omitempty"`
	Config       map[string]int64 `json:"config,omitempty"`      // sp_configure config_value by lower-case name
	RunConfig    map[string]int64 `json:"run_config,omitempty"`  // installed by RECONFIGURE (run_value)
	Permissions  []*Permission    `json:"permissions,omitempty"` // server-level GRANT/DENY to logins (perms.go)
	// Messages are the user-defined messages of sp_addmessage (ids above
	// 50000), instance-wide as in SQL Server: a mirror needs its own.
	Messages []*Message `json:"messages,omitempty"`
	// BackupDevices are the logical backup devices of sp_addumpdevice
	// (sys.backup_devices; engine/backup_devices.go).
	BackupDevices []BackupDevice `json:"backup_devices,omitempty"`
}

// BackupDevice is a logical backup device: its name, its type (DISK or
// TAPE) and its physical name as sp_addumpdevice was given them.
type BackupDevice struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Physical string `json:"physical"`
}

// Message is one user-defined message (sys.messages).
type Message struct {
	ID       int32  `json:"id"`
	Language int32  `json:"language"` // language_id: 1033 us_english
	Severity uint8  `json:"severity"`
	Logged   bool   `json:"logged,omitempty"`
	Text     string `json:"text"`
}

// Endpoint is the instance's database mirroring endpoint (CREATE ENDPOINT).
type Endpoint struct {
	ID             int32     `json:"id"`
	Name           string    `json:"name"`
	State          string    `json:"state"` // STARTED, STOPPED, DISABLED
	Port           int       `json:"port"`
	IP             string    `json:"ip"`   // ALL or an address
	Role           string    `json:"role"` // PARTNER, WITNESS, ALL
	Authentication string    `json:"authentication"`
	Certificate    string    `json:"certificate,omitempty"`
	Encryption     string    `json:"encryption"` // DISABLED, SUPPORTED, REQUIRED
	Algorithm      string    `json:"algorithm"`
	Owner          string    `json:"owner"`
	ConnectGrants  []string  `json:"connect_grants,omitempty"`
	Created        time.Time `json:"created"`
}

// Certificate is a certificate made with CREATE CERTIFICATE.
type Certificate struct {
	ID      int32     `json:"id"`
	Name    string    `json:"name"`
	Subject string    `json:"subject"`
	Expiry  time.Time `json:"expiry"`
	CertPEM []byte    `json:"cert_pem,omitempty"`
	KeyPEM  []byte    `json:"key_pem,omitempty"`
	Owner   string    `json:"owner,omitempty"`
	Created time.Time `json:"created"`
}

// DatabaseEntry is one database of the instance: where it lives and its
// instance-level settings (those SQL Server keeps in master).
type DatabaseEntry struct {
	ID            int32     `json:"id"`
	Name          string    `json:"name"`
	Dir           string    `json:"dir"` // relative to the data directory
	RecoveryModel string    `json:"recovery_model"`
	State         string    `json:"state"` // ONLINE, RESTORING, OFFLINE, SUSPECT
	Created       time.Time `json:"created"`
	System        bool      `json:"system,omitempty"`
	UserAccess    string    `json:"user_access,omitempty"` // MULTI_USER, SINGLE_USER, RESTRICTED_USER
	// OwnerSID is sys.databases.owner_sid, the SID of the login that owns
	// the database here: the creator's at CREATE DATABASE, the restoring
	// login's at RESTORE (the database's own record, Database.OwnerSID,
	// comes with the backup), ALTER AUTHORIZATION's. Kept by SID, as SQL
	// Server does: a login dropped and made again with the same name but
	// another SID is not the owner. nil only in an entry written before
	// entries kept it, which the engine fills when it opens (owner.go).
	OwnerSID  []byte     `json:"owner_sid,omitempty"`
	Mirroring *Mirroring `json:"mirroring,omitempty"`
	// BackupChainEnd is the log stream offset the next log backup starts at:
	// the end of the last full or log backup, while LogChainStarted.
	BackupChainEnd uint64 `json:"backup_chain_end,omitempty"`
	// LogChain is set while a log backup chain runs: from a full backup (or,
	// after the chain broke, a differential one) in the FULL or BULK_LOGGED
	// recovery model, or a restore of one, until the database goes SIMPLE
	// or is reverted. Offset 0 is a log position like any other, so the
	// chain is this flag, not BackupChainEnd != 0 (which is what a data
	// directory written before the flag existed says: LogChainStarted).
	LogChain bool `json:"log_chain,omitempty"`
	// LogBackedUp is set once a log backup has been taken in the running
	// chain: the next one does not begin it (RESTORE HEADERONLY's
	// BeginsLogChain).
	LogBackedUp bool `json:"log_backed_up,omitempty"`
	// BackupSetGUID identifies the database's backup history (a restore keeps it).
	FamilyGUID string `json:"family_guid,omitempty"`
	// Options are the ALTER DATABASE … SET options recorded for sys.databases
	// (upper-case name → upper-case value: READ_COMMITTED_SNAPSHOT → ON,
	// COMPATIBILITY_LEVEL → 150 …).
	Options map[string]string `json:"options,omitempty"`
	// Files are the logical names and size settings CREATE DATABASE and
	// ALTER DATABASE … MODIFY FILE gave the database's data (file_id 1) and
	// log (2) files; a file without one has the defaults (engine/dbfiles.go).
	Files []FileSetting `json:"files,omitempty"`
	// SnapshotOf is the database_id of the database this one is a database
	// snapshot of (sys.databases.source_database_id); 0 for a database.
	// SnapshotVersion is the source's store version it reads as of: the
	// snapshot has no files of its own (engine/snapshot.go).
	SnapshotOf      int32  `json:"snapshot_of,omitempty"`
	SnapshotVersion uint64 `json:"snapshot_version,omitempty"`
	// RolledForwardTo is, while the database restores, the point in time
	// its restore sequence has reached (the data backup's start, then each
	// log backup's stop point or end): a STOPAT before it is too early
	// (4335). RestoreStopped says a RESTORE … WITH NORECOVERY reached its
	// STOPAT / STOPATMARK / STOPBEFOREMARK point: no more log can follow
	// (4332), only RESTORE … WITH RECOVERY (engine/restore_stop.go).
	RolledForwardTo time.Time `json:"rolled_forward_to,omitzero"`
	RestoreStopped  bool      `json:"restore_stopped,omitempty"`
}

// FileSetting is one database file's logical name and size settings, in
// 8-KB pages: SizePages is the size asked for (the file is shown at least
// that large), MaxSizePages -1 is UNLIMITED, Growth is pages or, with
// PercentGrowth, a percentage.
type FileSetting struct {
	FileID        int    `json:"file_id"`
	Name          string `json:"name"`
	SizePages     int64  `json:"size_pages,omitempty"`
	MaxSizePages  int64  `json:"max_size_pages"`
	Growth        int64  `json:"growth"`
	PercentGrowth bool   `json:"percent_growth,omitempty"`
	// Path is the file's physical name when RESTORE … WITH MOVE placed it
	// outside the database's directory (sys.master_files.physical_name);
	// "" for a file in its default place.
	Path string `json:"path,omitempty"`
}

// LogChainStarted reports whether BACKUP LOG may run: a log backup chain
// runs (LogChain), from BackupChainEnd.
func (e *DatabaseEntry) LogChainStarted() bool { return e.LogChain || e.BackupChainEnd != 0 }

// StartLogChain records that the log backup chain runs and the next log
// backup starts at offset end.
func (e *DatabaseEntry) StartLogChain(end uint64) { e.LogChain, e.BackupChainEnd = true, end }

// BreakLogChain records that no log backup chain runs (SIMPLE recovery, a
// revert): BACKUP LOG gets 4214 until a full or differential backup.
func (e *DatabaseEntry) BreakLogChain() {
	e.LogChain, e.BackupChainEnd, e.LogBackedUp = false, 0, false
}

// Mirroring is a database's persisted mirroring configuration and role.
type Mirroring struct {
	GUID            string `json:"guid"`
	Role            string `json:"role"` // PRINCIPAL or MIRROR
	RoleSequence    uint64 `json:"role_sequence"`
	Safety          string `json:"safety"` // FULL or OFF
	SafetySequence  uint64 `json:"safety_sequence"`
	Partner         string `json:"partner"`          // TCP://host:port
	PartnerInstance string `json:"partner_instance"` // the partner's @@SERVERNAME
	Witness         string `json:"witness,omitempty"`
	Timeout         int    `json:"timeout"`
	Suspended       bool   `json:"suspended,omitempty"`
	FailoverLSN     uint64 `json:"failover_lsn,omitempty"`
}

// NewServer returns the server catalog of a new instance with the sa login.
func NewServer(saPassword string, now time.Time) *Server {
	sa := &Login{ID: 1, Name: "sa", SID: []byte{1}, Sysadmin: true, DefaultDB: "master", CheckPolicy: true, Created: now}
	sa.SetPassword(saPassword, now)
	s := &Server{Version: FormatVersion, Logins: []*Login{sa}, NextDatabase: 5, NextLogin: 256}
	s.grantPublicDefaults()
	s.grantConnectSQL(sa)
	return s
}

// Certificate finds a certificate by name (case-insensitive).
func (s *Server) Certificate(name string) *Certificate {
	for _, c := range s.Certificates {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// Database finds a database entry by name (case-insensitive).
func (s *Server) Database(name string) *DatabaseEntry {
	for _, d := range s.Databases {
		if strings.EqualFold(d.Name, name) {
			return d
		}
	}
	return nil
}

// DatabaseByID finds a database entry by id.
func (s *Server) DatabaseByID(id int32) *DatabaseEntry {
	for _, d := range s.Databases {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Endpoint returns the mirroring endpoint, or nil (an instance has at most one).
func (s *Server) Endpoint() *Endpoint {
	if len(s.Endpoints) == 0 {
		return nil
	}
	return s.Endpoints[0]
}

// Clone returns a deep copy.
func (s *Server) Clone() *Server {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("catalog: clone server: %v", err))
	}
	var c Server
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("catalog: clone server: %v", err))
	}
	return &c
}

// Encode returns the persistent form of the server catalog.
func (s *Server) Encode() ([]byte, error) {
	s.Version = FormatVersion
	return json.MarshalIndent(s, "", " ")
}

// DecodeServer reads a server catalog written by Encode.
func DecodeServer(b []byte) (*Server, error) {
	var s Server
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("decode server catalog: %w", err)
	}
	if s.Version > FormatVersion {
		return nil, &NewerFormatError{What: "server catalog", Version: s.Version}
	}
	if s.Version != FormatVersion {
		return nil, fmt.Errorf("decode server catalog: unsupported version %d", s.Version)
	}
	// Encode never writes a null entry; one in a damaged or hand-edited file
	// is refused here rather than dereferenced by the first lookup at boot.
	if slices.Contains(s.Logins, nil) || slices.Contains(s.Endpoints, nil) || slices.Contains(s.Certificates, nil) ||
		slices.Contains(s.Databases, nil) || slices.Contains(s.Permissions, nil) || slices.Contains(s.Messages, nil) {
		return nil, fmt.Errorf("decode server catalog: null entry")
	}
	s.giveLoginsSIDs()       // logins.go: a catalog written before logins had SIDs
	s.giveLoginsConnectSQL() // … or before their CONNECT SQL grant was recorded
	return &s, nil
}
