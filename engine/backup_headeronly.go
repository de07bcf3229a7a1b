package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// RESTORE HEADERONLY: one row per backup set on the media, with every
// column Microsoft documents, in its order and types (SQL Server 2022's
// list, the version this server reports) — scripts INSERT … EXEC it into a
// table declared with those columns, and go-mssqldb and dbatools read the
// columns by their types. Values the backup records are shown as SQL Server
// shows them; what this server does not have (forks, snapshots, bulk-logged
// operations, partial backups) is what SQL Server shows for a database
// without them.

// describeBackup records in h what HEADERONLY shows of the backup and the
// database beside the set's own figures: who took it, the database's
// creation date, settings and state, and its latest full backup (the
// differential base).
func (inst *Instance) describeBackup(s *exec.Session, st *ast.BackupStmt, db *Database, e *catalog.DatabaseEntry, h *backupHeader) {
	h.Description = optionText(st.Options, "DESCRIPTION")
	h.UserName = s.OriginalLogin()
	h.DatabaseCreated = e.Created
	h.Compatibility = compatibilityLevel(e)
	h.ReadOnly = db.readOnly.Load()
	h.SingleUser = e.UserAccess == "SINGLE_USER"
	h.ForceOffline = st.Log && hasOption(st.Options, "NORECOVERY")
	if base, ok := inst.lastFullBackup(db.name); ok {
		h.DatabaseBackupLSN = base.CheckpointLSN
		if !st.Log && hasOption(st.Options, "DIFFERENTIAL") {
			h.DiffBaseLSN, h.DiffBaseGUID = base.CheckpointLSN, backupSetGUID(base).String()
		}
	}
}

// lastFullBackup is db's latest full database backup that was not
// COPY_ONLY: the base of its differential backups.
func (inst *Instance) lastFullBackup(db string) (backupHeader, bool) {
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	for i := len(inst.backupHistory) - 1; i >= 0; i-- {
		h := inst.backupHistory[i].Header
		if h.Database == db && h.Type == "DATABASE" && !h.Differential && !h.CopyOnly {
			return h, true
		}
	}
	return backupHeader{}, false
}

// headerColumns are RESTORE HEADERONLY's columns.
var headerColumns = func() []exec.ResultColumn {
	lsn, guid, name := types.DecimalType(25, 0), types.Type{ID: types.UniqueIdentifier}, types.NVarCharType(128)
	c := func(n string, t types.Type) exec.ResultColumn { return exec.ResultColumn{Name: n, Type: t} }
	return []exec.ResultColumn{c("BackupName", name), c("BackupDescription", types.NVarCharType(255)), c("BackupType", types.TypeSmallInt),
		c("ExpirationDate", types.TypeDateTime), c("Compressed", types.TypeBit), c("Position", types.TypeSmallInt), c("DeviceType", types.TypeTinyInt),
		c("UserName", name), c("ServerName", name), c("DatabaseName", name), c("DatabaseVersion", types.TypeInt),
		c("DatabaseCreationDate", types.TypeDateTime), c("BackupSize", types.DecimalType(20, 0)), c("FirstLSN", lsn), c("LastLSN", lsn),
		c("CheckpointLSN", lsn), c("DatabaseBackupLSN", lsn), c("BackupStartDate", types.TypeDateTime), c("BackupFinishDate", types.TypeDateTime),
		c("SortOrder", types.TypeSmallInt), c("CodePage", types.TypeSmallInt), c("UnicodeLocaleId", types.TypeInt), c("UnicodeComparisonStyle", types.TypeInt),
		c("CompatibilityLevel", types.TypeTinyInt), c("SoftwareVendorId", types.TypeInt), c("SoftwareVersionMajor", types.TypeInt),
		c("SoftwareVersionMinor", types.TypeInt), c("SoftwareVersionBuild", types.TypeInt), c("MachineName", name), c("Flags", types.TypeInt),
		c("BindingID", guid), c("RecoveryForkID", guid), c("Collation", name), c("FamilyGUID", guid), c("HasBulkLoggedData", types.TypeBit),
		c("IsSnapshot", types.TypeBit), c("IsReadOnly", types.TypeBit), c("IsSingleUser", types.TypeBit), c("HasBackupChecksums", types.TypeBit),
		c("IsDamaged", types.TypeBit), c("BeginsLogChain", types.TypeBit), c("HasIncompleteMetaData", types.TypeBit), c("IsForceOffline", types.TypeBit),
		c("IsCopyOnly", types.TypeBit), c("FirstRecoveryForkID", guid), c("ForkPointLSN", lsn), c("RecoveryModel", types.NVarCharType(60)),
		c("DifferentialBaseLSN", lsn), c("DifferentialBaseGUID", guid), c("BackupTypeDescription", types.NVarCharType(60)), c("BackupSetGUID", guid),
		c("CompressedBackupSize", types.TypeBigInt), c("Containment", types.TypeTinyInt), c("KeyAlgorithm", types.NVarCharType(32)),
		c("EncryptorThumbprint", types.Type{ID: types.VarBinary, Length: 20}), c("EncryptorType", types.NVarCharType(32)),
		c("LastValidRestoreTime", types.TypeDateTime), c("TimeZone", types.NVarCharType(32)), c("CompressionAlgorithm", types.NVarCharType(32))}
}()

// databaseVersion is the on-disk database version of the SQL Server
// release this server reports (957: SQL Server 2022), sp_helpdb's Version.
const databaseVersion = 957

// softwareVersion is exec.ProductVersion's major, minor and build numbers.
func softwareVersion() (major, minor, build int32) {
	parts := strings.Split(exec.ProductVersion, ".")
	n := func(i int) int32 {
		if i >= len(parts) {
			return 0
		}
		v, _ := strconv.Atoi(parts[i])
		return int32(v)
	}
	return n(0), n(1), n(2)
}

// headerRow is set h's HEADERONLY row.
func headerRow(h *backupHeader) exec.Row {
	str := func(v string) types.Value {
		if v == "" {
			return types.Null(types.NVarChar)
		}
		return types.NewNVarChar(v)
	}
	lsn := func(v uint64) types.Value { return types.MustDecimal(txlog.LSN(v).Numeric().String()) }
	guid := func(v string) types.Value {
		if v == "" {
			return types.Null(types.UniqueIdentifier)
		}
		return guidValue(v)
	}
	when := func(t interface{ IsZero() bool }, v types.Value) types.Value {
		if t.IsZero() {
			return types.Null(types.DateTime)
		}
		return v
	}
	typ, desc := int16(1), "Database"
	switch {
	case h.Type == "LOG":
		typ, desc = 2, "Transaction Log"
	case h.Differential:
		typ, desc = 5, "Database Differential"
	}
	start, _ := types.FromTime(h.Start, types.TypeDateTime)
	finish, _ := types.FromTime(h.Finish, types.TypeDateTime)
	created, _ := types.FromTime(h.DatabaseCreated, types.TypeDateTime)
	expires, _ := types.FromTime(h.Expires, types.TypeDateTime)
	flags := int32(0) // the documented bits this server's backups can have
	for bit, on := range map[int32]bool{4: h.ReadOnly, 8: h.SingleUser, 16: h.Checksum, 256: h.ForceOffline} {
		if on {
			flags |= bit
		}
	}
	size := h.EntryBytes // backup_size: the entries before compression and encryption
	if size == 0 {
		size = h.Size
	}
	compat := types.Null(types.TinyInt)
	if h.Compatibility > 0 {
		compat = types.NewTinyInt(uint8(h.Compatibility))
	}
	diffLSN := types.Null(types.Decimal)
	if h.DiffBaseLSN != 0 {
		diffLSN = lsn(h.DiffBaseLSN)
	}
	alg, thumb, encType := types.Null(types.NVarChar), types.Null(types.VarBinary), types.Null(types.NVarChar)
	if e := h.Encryption; e != nil {
		alg, thumb, encType = types.NewNVarChar(e.Algorithm), types.NewVarBinary(e.Thumbprint), types.NewNVarChar(e.EncryptorType)
	}
	// SQL Server 2022 names its compression algorithm; a compressed set
	// here answers to BACKUP … WITH COMPRESSION's default, MS_XPRESS.
	compression := types.Null(types.NVarChar)
	if h.Compression != "" || h.Compressed {
		compression = types.NewNVarChar("MS_XPRESS")
	}
	major, minor, build := softwareVersion()
	// The database's identity: no restore forks here, so the binding and
	// fork IDs are the family's (a restore keeps them, as it keeps FamilyGUID).
	family := guid(h.FamilyGUID)
	return exec.Row{str(h.Name), str(h.Description), types.NewSmallInt(typ), when(h.Expires, expires), types.NewBit(h.Compression != "" || h.Compressed),
		types.NewSmallInt(int16(h.Position)), types.NewTinyInt(2), str(h.UserName), str(h.ServerName), str(h.Database), types.NewInt(databaseVersion),
		when(h.DatabaseCreated, created), types.MustDecimal(strconv.FormatInt(size, 10)), types.MustDecimal(numericLSN(h.FirstOffset)), types.MustDecimal(numericLSN(h.LastOffset)),
		lsn(h.CheckpointLSN), lsn(h.DatabaseBackupLSN), start, finish,
		// SQL_Latin1_General_CP1_CI_AS, every database's collation here.
		types.NewSmallInt(52), types.NewSmallInt(1252), types.NewInt(1033), types.NewInt(196609),
		compat, types.NewInt(4608), types.NewInt(major), types.NewInt(minor), types.NewInt(build), str(h.ServerName), types.NewInt(flags),
		family, family, types.NewNVarChar("SQL_Latin1_General_CP1_CI_AS"), family, types.NewBit(false),
		types.NewBit(false), types.NewBit(h.ReadOnly), types.NewBit(h.SingleUser), types.NewBit(h.Checksum),
		types.NewBit(false), types.NewBit(h.BeginsLogChain), types.NewBit(false), types.NewBit(h.ForceOffline),
		types.NewBit(h.CopyOnly), family, types.Null(types.Decimal), str(h.RecoveryModel),
		diffLSN, guid(h.DiffBaseGUID), types.NewNVarChar(desc), guidValue(backupSetGUID(*h).String()),
		types.NewBigInt(h.Size), types.NewTinyInt(0), alg, thumb, encType,
		types.Null(types.DateTime), types.Null(types.NVarChar), compression}
}

// sendHeaderOnly answers RESTORE HEADERONLY for sets.
func sendHeaderOnly(s *exec.Session, out exec.Output, sets []*backupSet) error {
	rows := make([]exec.Row, 0, len(sets))
	for _, set := range sets {
		rows = append(rows, headerRow(&set.header))
	}
	return exec.SendRows(s, out, headerColumns, rows)
}

// restoreInfo answers RESTORE HEADERONLY / FILELISTONLY / VERIFYONLY.
func (inst *Instance) restoreInfo(s *exec.Session, st *ast.RestoreStmt, path string, out exec.Output) error {
	var keys backupKeyFunc
	if st.Kind == ast.RestoreVerifyOnly {
		keys = inst.backupKeys
	}
	sets, err := readBackupSets(path, keys)
	if err != nil {
		return readSetsError(path, err)
	}
	if err := checkMediaName(st.Options, &sets[0].header, path); err != nil {
		return err
	}
	switch st.Kind {
	case ast.RestoreVerifyOnly:
		for _, set := range sets {
			if set.locked != nil {
				return set.locked
			}
		}
		if err := sendStats(out, st.Options); err != nil {
			return err
		}
		return out.Message(&exec.Error{Number: 3262, Severity: 10, State: 1, Message: fmt.Sprintf("The backup set on file %d is valid.", intOption(st.Options, "FILE", 1))})
	case ast.RestoreLabelOnly:
		return sendLabel(s, out, &sets[0].header) // backup_media.go
	case ast.RestoreFileListOnly:
		return inst.sendFileList(s, out, sets, intOption(st.Options, "FILE", 1)) // backup_filelist.go
	}
	return sendHeaderOnly(s, out, sets) // backup_headeronly.go
}
