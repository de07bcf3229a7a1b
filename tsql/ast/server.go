package ast

// CreateEndpointStmt is CREATE|ALTER ENDPOINT name [AUTHORIZATION login]
// [STATE = s] [AS TCP (…)] [FOR DATABASE_MIRRORING (…)] (mirroring
// reference §2.4). Words are stored upper case; zero values mean "not
// given".
type CreateEndpointStmt struct {
	Span
	Alter         bool
	Name          *Ident
	Authorization *Ident
	State         string // STARTED, STOPPED, DISABLED
	Protocol      string // TCP
	ListenerPort  int
	ListenerIP    string // "ALL" or the address text, e.g. "10.0.0.1" or "::1"
	Payload       string // DATABASE_MIRRORING (others are rejected)
	// Authentication: "WINDOWS", "WINDOWS NEGOTIATE", "CERTIFICATE",
	// "WINDOWS NTLM CERTIFICATE", "CERTIFICATE WINDOWS KERBEROS" …
	Authentication string
	Certificate    *Ident // the certificate of AUTHENTICATION = CERTIFICATE name
	Encryption     string // DISABLED, SUPPORTED, REQUIRED
	Algorithm      string // "AES", "RC4", "AES RC4", "RC4 AES"
	Role           string // PARTNER, WITNESS, ALL
}

// PermissionKind is GRANT, REVOKE or DENY.
type PermissionKind uint8

// Permission statement kinds.
const (
	Grant PermissionKind = iota + 1
	Revoke
	Deny
)

// GrantStmt is GRANT|REVOKE [GRANT OPTION FOR]|DENY permission
// [(columns)] [, …] [ON [class::]securable [(columns)]] TO|FROM principals
// [WITH GRANT OPTION] [CASCADE] [AS principal].
//
// Column lists (column-level permissions) come in SQL Server's two
// places: after a permission, for that permission only (PermColumns, nil
// or as long as Permissions, an entry nil when that permission has none),
// and after the securable, for every permission (Columns).
type GrantStmt struct {
	Span
	Kind            PermissionKind
	Permissions     []string   // upper case, "ALL" for ALL [PRIVILEGES]
	PermColumns     [][]*Ident // per permission: GRANT SELECT (a, b), UPDATE (c) ON t
	Class           string     // ENDPOINT, OBJECT, SCHEMA, DATABASE, LOGIN … or "" when not written
	On              *Name      // nil for server/database-wide permissions
	Columns         []*Ident   // GRANT SELECT ON t (a, b)
	Principals      []*Ident
	WithGrantOption bool
	Cascade         bool
	// GrantOptionFor is REVOKE GRANT OPTION FOR: only the right to grant
	// is taken back, the permission stays.
	GrantOptionFor bool
	// As is the AS principal the caller derives its right to grant from
	// (a role it belongs to, a user it may impersonate); sys.*_permissions
	// record it as the grantor. Nil when not written.
	As *Ident
}

// CreateLoginStmt is CREATE|ALTER LOGIN name WITH PASSWORD = '…' [, opts]
// | FROM CERTIFICATE c | FROM WINDOWS, or ALTER LOGIN name ENABLE|DISABLE.
// The password may be followed by HASHED (it is a hash, as
// LOGINPROPERTY(…, 'PasswordHash') gives it), MUST_CHANGE, UNLOCK and,
// in ALTER LOGIN, OLD_PASSWORD = '…'.
type CreateLoginStmt struct {
	Span
	Alter           bool
	Name            *Ident
	Password        Expr // string literal, or a binary one with Hashed
	Hashed          bool
	MustChange      bool
	Unlock          bool
	OldPassword     Expr
	Options         []*Option // SID, DEFAULT_DATABASE, CHECK_POLICY … in their order
	FromCertificate *Ident
	FromWindows     bool
	Enable          bool
	Disable         bool
}

// CreateUserStmt is CREATE USER name [FOR|FROM LOGIN l | FROM CERTIFICATE c
// | WITHOUT LOGIN] [WITH options], or (Alter) ALTER USER name WITH options
// (NAME, DEFAULT_SCHEMA, LOGIN = l).
type CreateUserStmt struct {
	Span
	Alter           bool
	Name            *Ident
	Login           *Ident
	FromCertificate *Ident
	WithoutLogin    bool
	Options         []*Option
}

// CreateMasterKeyStmt is CREATE MASTER KEY ENCRYPTION BY PASSWORD = '…'.
type CreateMasterKeyStmt struct {
	Span
	Password Expr
}

// CreateCertificateStmt is CREATE CERTIFICATE name [AUTHORIZATION owner]
// [ENCRYPTION BY PASSWORD = '…'] WITH SUBJECT = '…' [, EXPIRY_DATE = '…']
// or FROM FILE = '…' [WITH PRIVATE KEY (FILE = '…', DECRYPTION BY
// PASSWORD = '…')]. [ACTIVE FOR BEGIN_DIALOG = ON|OFF] is accepted.
type CreateCertificateStmt struct {
	Span
	Name               *Ident
	Authorization      *Ident
	FromFile           Expr
	PrivateKeyFile     Expr
	DecryptionPassword Expr
	EncryptionPassword Expr
	Options            []*Option // SUBJECT, EXPIRY_DATE, START_DATE
	ActiveForDialog    string    // "ON", "OFF" or ""
}

// BackupCertificateStmt is BACKUP CERTIFICATE name TO FILE = '…' [WITH
// PRIVATE KEY (FILE = '…', ENCRYPTION BY PASSWORD = '…')].
type BackupCertificateStmt struct {
	Span
	Name               *Ident
	File               Expr
	PrivateKeyFile     Expr
	EncryptionPassword Expr
	DecryptionPassword Expr
}

// Device is a backup device: DISK = path (Kind "DISK"; also "URL", "TAPE").
type Device struct {
	Span
	Kind string
	Path Expr
	// Mirror is the number of the BACKUP … MIRROR TO clause the device is
	// in (1 to 3), 0 for the TO list.
	Mirror int
}

// BackupStmt is BACKUP DATABASE|LOG name TO devices [MIRROR TO devices …]
// [WITH options]; Devices holds the TO list, then each MIRROR TO list's. Options
// keep their order; flags (FORMAT, INIT, COMPRESSION, CHECKSUM, COPY_ONLY,
// NORECOVERY, NO_TRUNCATE …) have a nil Value; STATS may have a nil Value.
type BackupStmt struct {
	Span
	Log      bool
	Database Expr // *ColumnRef (single-part name) or *Variable
	Devices  []*Device
	Options  []*Option
}

// RestoreKind is what RESTORE does.
type RestoreKind uint8

// Restore kinds.
const (
	RestoreDatabase RestoreKind = iota + 1
	RestoreLog
	RestoreHeaderOnly
	RestoreFileListOnly
	RestoreVerifyOnly
	RestoreLabelOnly
)

var restoreText = [...]string{"?", "DATABASE", "LOG", "HEADERONLY", "FILELISTONLY", "VERIFYONLY", "LABELONLY"}

func (k RestoreKind) String() string {
	if int(k) < len(restoreText) {
		return restoreText[k]
	}
	return "?"
}

// Move is MOVE 'logical' TO 'physical' in RESTORE … WITH.
type Move struct {
	Span
	Logical, Physical Expr
}

// RestoreStmt is RESTORE DATABASE|LOG name [FROM devices] [WITH options]
// or RESTORE HEADERONLY|FILELISTONLY|VERIFYONLY FROM devices [WITH …].
// Options are as in BackupStmt (NORECOVERY, RECOVERY, REPLACE, STANDBY =,
// FILE = n, STATS); MOVE items go to Moves, in order.
type RestoreStmt struct {
	Span
	Kind     RestoreKind
	Database Expr // nil for the *ONLY kinds
	Devices  []*Device
	Options  []*Option
	Moves    []*Move
}

// CheckpointStmt is CHECKPOINT [duration].
type CheckpointStmt struct {
	Span
	Duration Expr
}

// DbccStmt is DBCC name [(args)] [WITH options]; Command is upper case.
type DbccStmt struct {
	Span
	Command string
	Args    []Expr
	Paren   bool // args were parenthesized (even if empty)
	Options []*Option
}

// KillStmt is KILL spid.
type KillStmt struct {
	Span
	Target Expr
}

// ShutdownStmt is SHUTDOWN [WITH NOWAIT].
type ShutdownStmt struct {
	Span
	NoWait bool
}

// CreateRoleStmt is CREATE ROLE name [AUTHORIZATION owner].
type CreateRoleStmt struct {
	Span
	Name          *Ident
	Authorization *Ident
}

// AlterRoleStmt is ALTER [SERVER] ROLE name { ADD MEMBER m | DROP MEMBER m |
// WITH NAME = new }: exactly one of AddMember, DropMember and NewName is set.
type AlterRoleStmt struct {
	Span
	Server     bool
	Name       *Ident
	AddMember  *Ident
	DropMember *Ident
	NewName    *Ident
}
