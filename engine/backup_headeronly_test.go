package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// resultCollect is collect that also keeps the result's columns.
type resultCollect struct {
	collect
	cols []sqlexec.ResultColumn
}

func (c *resultCollect) Columns(cols []sqlexec.ResultColumn) error { c.cols = cols; return nil }

// resultSet runs sql and returns its columns ("Name type") and its rows as
// maps by column name.
func resultSet(t *testing.T, s *sqlexec.Session, sql string) (cols []string, rows []map[string]string) {
	t.Helper()
	out := &resultCollect{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil || len(out.errs) > 0 {
		t.Fatalf("%s: %v %v", sql, err, out.errs)
	}
	for _, c := range out.cols {
		cols = append(cols, c.Name+" "+c.Type.String())
	}
	for _, r := range out.rows {
		vals := strings.Split(r, ",")
		if len(vals) != len(out.cols) {
			t.Fatalf("%s: a row of %d values for %d columns: %q", sql, len(vals), len(out.cols), r)
		}
		m := map[string]string{}
		for i, c := range out.cols {
			m[c.Name] = vals[i]
		}
		rows = append(rows, m)
	}
	return cols, rows
}

// The documented result sets (RESTORE HEADERONLY and RESTORE FILELISTONLY
// pages, SQL Server 2022): name and type, in order. numeric(p,s) is sent
// as decimal(p,s), as every numeric column of this server is; Compressed,
// documented BIT(1), is bit.
var (
	docHeaderOnly = []string{"BackupName nvarchar(128)", "BackupDescription nvarchar(255)", "BackupType smallint", "ExpirationDate datetime",
		"Compressed bit", "Position smallint", "DeviceType tinyint", "UserName nvarchar(128)", "ServerName nvarchar(128)",
		"DatabaseName nvarchar(128)", "DatabaseVersion int", "DatabaseCreationDate datetime", "BackupSize decimal(20,0)",
		"FirstLSN decimal(25,0)", "LastLSN decimal(25,0)", "CheckpointLSN decimal(25,0)", "DatabaseBackupLSN decimal(25,0)",
		"BackupStartDate datetime", "BackupFinishDate datetime", "SortOrder smallint", "CodePage smallint", "UnicodeLocaleId int",
		"UnicodeComparisonStyle int", "CompatibilityLevel tinyint", "SoftwareVendorId int", "SoftwareVersionMajor int",
		"SoftwareVersionMinor int", "SoftwareVersionBuild int", "MachineName nvarchar(128)", "Flags int", "BindingID uniqueidentifier",
		"RecoveryForkID uniqueidentifier", "Collation nvarchar(128)", "FamilyGUID uniqueidentifier", "HasBulkLoggedData bit",
		"IsSnapshot bit", "IsReadOnly bit", "IsSingleUser bit", "HasBackupChecksums bit", "IsDamaged bit", "BeginsLogChain bit",
		"HasIncompleteMetaData bit", "IsForceOffline bit", "IsCopyOnly bit", "FirstRecoveryForkID uniqueidentifier",
		"ForkPointLSN decimal(25,0)", "RecoveryModel nvarchar(60)", "DifferentialBaseLSN decimal(25,0)",
		"DifferentialBaseGUID uniqueidentifier", "BackupTypeDescription nvarchar(60)", "BackupSetGUID uniqueidentifier",
		"CompressedBackupSize bigint", "Containment tinyint", "KeyAlgorithm nvarchar(32)", "EncryptorThumbprint varbinary(20)",
		"EncryptorType nvarchar(32)", "LastValidRestoreTime datetime", "TimeZone nvarchar(32)", "CompressionAlgorithm nvarchar(32)"}
	docFileListOnly = []string{"LogicalName nvarchar(128)", "PhysicalName nvarchar(260)", "Type char(1)", "FileGroupName nvarchar(128)",
		"Size decimal(20,0)", "MaxSize decimal(20,0)", "FileID bigint", "CreateLSN decimal(25,0)", "DropLSN decimal(25,0)",
		"UniqueID uniqueidentifier", "ReadOnlyLSN decimal(25,0)", "ReadWriteLSN decimal(25,0)", "BackupSizeInBytes bigint",
		"SourceBlockSize int", "FileGroupID int", "LogGroupGUID uniqueidentifier", "DifferentialBaseLSN decimal(25,0)",
		"DifferentialBaseGUID uniqueidentifier", "IsReadOnly bit", "IsPresent bit", "TDEThumbprint varbinary(32)", "SnapshotURL nvarchar(360)"}
)

// TestRestoreHeaderOnlyColumns: RESTORE HEADERONLY and FILELISTONLY return
// every documented column in order with its type (before: 19 and 4 columns,
// BackupType tinyint, BackupSize bigint), and the values the backup
// records: who took it, DESCRIPTION, the database's creation date, the
// full backup a later one is based on (DatabaseBackupLSN; a differential's
// DifferentialBaseLSN/GUID are the full's CheckpointLSN and BackupSetGUID),
// BackupTypeDescription, NORECOVERY's IsForceOffline.
func TestRestoreHeaderOnlyColumns(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	bak := filepath.Join(dir, "d.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"' WITH NAME = 'first', DESCRIPTION = 'the first full backup'")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"' WITH DIFFERENTIAL")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+bak+"'")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"' WITH CHECKSUM")

	cols, rows := resultSet(t, s, "RESTORE HEADERONLY FROM DISK = '"+bak+"'")
	if strings.Join(cols, ", ") != strings.Join(docHeaderOnly, ", ") {
		t.Errorf("HEADERONLY columns:\n%s\nwant:\n%s", strings.Join(cols, ", "), strings.Join(docHeaderOnly, ", "))
	}
	if len(rows) != 4 {
		t.Fatalf("HEADERONLY: %d rows, want 4", len(rows))
	}
	created := strings.Join(mustExec(t, s, "SELECT create_date FROM sys.databases WHERE name = 'd'"), "")
	full, diff, log, full2 := rows[0], rows[1], rows[2], rows[3]
	checks := []struct{ what, got, want string }{
		{"BackupName", full["BackupName"], "first"},
		{"BackupDescription", full["BackupDescription"], "the first full backup"},
		{"a set without DESCRIPTION", diff["BackupDescription"], "NULL"},
		{"UserName", full["UserName"], "sa"},
		{"DatabaseCreationDate", full["DatabaseCreationDate"], created},
		{"DeviceType", full["DeviceType"], "2"},
		{"DatabaseVersion", full["DatabaseVersion"], "957"},
		{"SoftwareVersionMajor", full["SoftwareVersionMajor"], "16"},
		{"SoftwareVendorId", full["SoftwareVendorId"], "4608"},
		{"Collation", full["Collation"], "SQL_Latin1_General_CP1_CI_AS"},
		{"types", full["BackupType"] + diff["BackupType"] + log["BackupType"], "152"},
		{"BackupTypeDescription", full["BackupTypeDescription"] + "/" + diff["BackupTypeDescription"] + "/" + log["BackupTypeDescription"], "Database/Database Differential/Transaction Log"},
		{"Positions", full["Position"] + diff["Position"] + log["Position"] + full2["Position"], "1234"},
		{"the first full's DatabaseBackupLSN", full["DatabaseBackupLSN"], "0"},
		{"the log's DatabaseBackupLSN", log["DatabaseBackupLSN"], full["CheckpointLSN"]},
		{"the second full's DatabaseBackupLSN", full2["DatabaseBackupLSN"], full["CheckpointLSN"]},
		{"the differential's DifferentialBaseLSN", diff["DifferentialBaseLSN"], full["CheckpointLSN"]},
		{"the differential's DifferentialBaseGUID", diff["DifferentialBaseGUID"], full["BackupSetGUID"]},
		{"a full's DifferentialBaseLSN", full["DifferentialBaseLSN"], "NULL"},
		{"HasBackupChecksums, Flags", full2["HasBackupChecksums"] + "," + full2["Flags"] + "/" + full["HasBackupChecksums"] + "," + full["Flags"], "1,16/0,0"},
		{"FamilyGUID is BindingID", full["FamilyGUID"], full["BindingID"]},
		{"RecoveryModel", full["RecoveryModel"], "FULL"},
	}
	for _, c := range checks {
		if c.got != c.want || c.want == "" {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if full["BackupSetGUID"] == diff["BackupSetGUID"] || full["BackupSetGUID"] == "NULL" {
		t.Errorf("BackupSetGUID: %q and %q", full["BackupSetGUID"], diff["BackupSetGUID"])
	}

	cols, files := resultSet(t, s, "RESTORE FILELISTONLY FROM DISK = '"+bak+"' WITH FILE = 2")
	if strings.Join(cols, ", ") != strings.Join(docFileListOnly, ", ") {
		t.Errorf("FILELISTONLY columns:\n%s\nwant:\n%s", strings.Join(cols, ", "), strings.Join(docFileListOnly, ", "))
	}
	guids := strings.Join(mustExec(t, s, "SELECT file_guid FROM d.sys.database_files ORDER BY file_id"), " ")
	if len(files) != 2 {
		t.Fatalf("FILELISTONLY: %d rows", len(files))
	}
	data, lg := files[0], files[1]
	for _, c := range []struct{ what, got, want string }{
		{"Type", data["Type"] + lg["Type"], "DL"},
		{"FileID", data["FileID"] + lg["FileID"], "12"},
		{"FileGroupName", data["FileGroupName"] + "/" + lg["FileGroupName"], "PRIMARY/NULL"},
		{"FileGroupID", data["FileGroupID"] + lg["FileGroupID"], "10"},
		{"UniqueID is sys.database_files.file_guid", data["UniqueID"] + " " + lg["UniqueID"], guids},
		{"the differential's DifferentialBaseGUID", data["DifferentialBaseGUID"], full["BackupSetGUID"]},
		{"IsPresent", data["IsPresent"] + lg["IsPresent"], "11"},
	} {
		if c.got != c.want {
			t.Errorf("FILELISTONLY %s: %q, want %q", c.what, c.got, c.want)
		}
	}
}
