package ast

// FileSpec is one (NAME = …, FILENAME = …, SIZE = …) file of CREATE
// DATABASE; Filegroup is "PRIMARY" or a filegroup name when given before it.
type FileSpec struct {
	Span
	Filegroup string
	Options   []*Option
}

// CreateDatabaseStmt is CREATE DATABASE name [ON files] [LOG ON files]
// [COLLATE c] [AS SNAPSHOT OF source].
type CreateDatabaseStmt struct {
	Span
	Name       *Ident
	Files      []*FileSpec
	LogFiles   []*FileSpec
	Collation  string
	Options    []*Option // WITH options
	SnapshotOf *Ident
	ForAttach  bool
}

// DropDatabaseStmt is DROP DATABASE [IF EXISTS] name [, …].
type DropDatabaseStmt struct {
	Span
	IfExists bool
	Names    []*Ident
}

// DatabaseOption is one option of ALTER DATABASE: *SetRecovery,
// *SetPartner, *SetWitness, *SetDBState, *SetDBOption, *ModifyName or
// *CollateDB.
type DatabaseOption interface {
	Node
	databaseOption()
}

// SetRecovery is SET RECOVERY FULL|SIMPLE|BULK_LOGGED.
type SetRecovery struct {
	Span
	Model string // "FULL", "SIMPLE" or "BULK_LOGGED"
}

// PartnerAction is what SET PARTNER does.
type PartnerAction uint8

// SET PARTNER forms (mirroring reference §2.1).
const (
	PartnerAddress      PartnerAction = iota + 1 // = 'TCP://host:port'
	PartnerFailover                              // FAILOVER
	PartnerForceService                          // FORCE_SERVICE_ALLOW_DATA_LOSS
	PartnerOff                                   // OFF
	PartnerResume                                // RESUME
	PartnerSuspend                               // SUSPEND
	PartnerSafetyFull                            // SAFETY FULL
	PartnerSafetyOff                             // SAFETY OFF
	PartnerTimeout                               // TIMEOUT n
)

var partnerText = [...]string{"?", "=", "FAILOVER", "FORCE_SERVICE_ALLOW_DATA_LOSS", "OFF", "RESUME", "SUSPEND", "SAFETY FULL", "SAFETY OFF", "TIMEOUT"}

func (a PartnerAction) String() string {
	if int(a) < len(partnerText) {
		return partnerText[a]
	}
	return "?"
}

// SetPartner is SET PARTNER …; Address is set for PartnerAddress, Timeout
// for PartnerTimeout.
type SetPartner struct {
	Span
	Action  PartnerAction
	Address string
	Timeout int
}

// SetWitness is SET WITNESS = 'address' or SET WITNESS OFF (Off set).
type SetWitness struct {
	Span
	Address string
	Off     bool
}

// SetDBState is SET SINGLE_USER | RESTRICTED_USER | MULTI_USER | ONLINE |
// OFFLINE | EMERGENCY | READ_ONLY | READ_WRITE.
type SetDBState struct {
	Span
	State string
}

// SetDBOption is any other SET option: NAME [=] [value] (AUTO_CLOSE OFF,
// PAGE_VERIFY CHECKSUM, COMPATIBILITY_LEVEL = 150, TARGET_RECOVERY_TIME =
// 60 SECONDS, DISABLE_BROKER with Value ""). Words are upper case; a
// parenthesized setting (FILESTREAM (…), QUERY_STORE (…)) is kept as
// source text, as is a quoted string value.
type SetDBOption struct {
	Span
	Name   string
	Equals bool // written NAME = value (COMPATIBILITY_LEVEL = 150)
	Value  string
}

// ModifyName is MODIFY NAME = new.
type ModifyName struct {
	Span
	NewName *Ident
}

// CollateDB is COLLATE name.
type CollateDB struct {
	Span
	Collation string
}

// Termination is the WITH clause ending ALTER DATABASE … SET.
type Termination uint8

// Terminations.
const (
	TermNone              Termination = iota
	TermRollbackImmediate             // WITH ROLLBACK IMMEDIATE
	TermRollbackAfter                 // WITH ROLLBACK AFTER n [SECONDS]
	TermNoWait                        // WITH NO_WAIT
)

// AlterDatabaseStmt is ALTER DATABASE name|CURRENT SET option [, …]
// [WITH termination], or MODIFY NAME / COLLATE. Name is nil for CURRENT.
type AlterDatabaseStmt struct {
	Span
	Name          *Ident
	Options       []DatabaseOption
	Termination   Termination
	RollbackAfter int
}
