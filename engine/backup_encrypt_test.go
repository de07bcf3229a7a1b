package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupCompressionAndEncryption: WITH COMPRESSION writes a smaller file
// that restores to the same rows; WITH ENCRYPTION writes no row in the clear,
// restores only where the certificate (with its private key) is, and
// otherwise fails with SQL Server's 33111 and leaves nothing behind; damage is
// still found (3241), appending an encrypted set is 3095 and an unknown
// certificate 15151.
func TestBackupCompressionAndEncryption(t *testing.T) {
	dir := t.TempDir()
	bak := func(name string) string { return filepath.Join(dir, name) }
	a := openTestInstance(t, filepath.Join(dir, "a"))
	t.Cleanup(func() { _ = a.Close() })
	s := newTestSession(t, a, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL")
	mustExec(t, s, `CREATE TABLE d.dbo.t (k int PRIMARY KEY, v varchar(200));
		DECLARE @i int = 0;
		WHILE @i < 3000 BEGIN INSERT d.dbo.t VALUES (@i, 'SECRET-MARKER ' + REPLICATE('abc', 50)); SET @i += 1 END`)
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak("plain.bak")+"'")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak("small.bak")+"' WITH COMPRESSION, COPY_ONLY")
	plain, small := fileBytes(t, bak("plain.bak")), fileBytes(t, bak("small.bak"))
	if len(small)*3 > len(plain) {
		t.Errorf("compressed backup is %d bytes, plain %d: want at most a third", len(small), len(plain))
	}
	if !bytes.Contains(plain, []byte("SECRET-MARKER")) {
		t.Fatal("the plain backup does not hold the rows' text: the checks below prove nothing")
	}
	want := fmt.Sprint(mustExec(t, s, "SELECT COUNT(*), SUM(k), MAX(v) FROM d.dbo.t"))
	mustExec(t, s, "RESTORE DATABASE c FROM DISK = '"+bak("small.bak")+"' WITH RECOVERY")
	if got := fmt.Sprint(mustExec(t, s, "SELECT COUNT(*), SUM(k), MAX(v) FROM c.dbo.t")); got != want {
		t.Errorf("restored from the compressed backup: %s, want %s", got, want)
	}
	// A compressed log backup continues the chain.
	mustExec(t, s, "INSERT d.dbo.t VALUES (-1, 'after the full backup')")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+bak("log.trn")+"' WITH COMPRESSION")
	mustExec(t, s, "RESTORE DATABASE l FROM DISK = '"+bak("plain.bak")+"' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG l FROM DISK = '"+bak("log.trn")+"' WITH RECOVERY")
	if got := fmt.Sprint(mustExec(t, s, "SELECT v FROM l.dbo.t WHERE k = -1")); got != "[after the full backup]" {
		t.Errorf("row of the compressed log backup: %s", got)
	}

	// The server default compresses a backup that says nothing; NO_COMPRESSION
	// still writes a plain one.
	mustExec(t, s, "EXEC sp_configure 'backup compression default', 1; RECONFIGURE")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak("default.bak")+"' WITH COPY_ONLY")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak("none.bak")+"' WITH COPY_ONLY, NO_COMPRESSION")
	mustExec(t, s, "EXEC sp_configure 'backup compression default', 0; RECONFIGURE")
	if def, none := len(fileBytes(t, bak("default.bak"))), len(fileBytes(t, bak("none.bak"))); def*3 > none || none < len(plain) {
		t.Errorf("with 'backup compression default' 1: %d bytes, and WITH NO_COMPRESSION %d (plain %d)", def, none, len(plain))
	}

	mustExec(t, s, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Str0ng!Key'; CREATE CERTIFICATE bc WITH SUBJECT = 'backups'")
	enc := "BACKUP DATABASE d TO DISK = '" + bak("enc.bak") + "' WITH FORMAT, COMPRESSION, ENCRYPTION (ALGORITHM = AES_256, SERVER CERTIFICATE = bc)"
	mustExec(t, s, enc)
	if b := fileBytes(t, bak("enc.bak")); bytes.Contains(b, []byte("SECRET-MARKER")) || bytes.Contains(b, []byte("abcabcabc")) {
		t.Error("the encrypted backup holds row text in the clear")
	}
	if got := strings.Join(mustExec(t, s, "SELECT key_algorithm, encryptor_type, DATALENGTH(encryptor_thumbprint) FROM msdb.dbo.backupset WHERE key_algorithm IS NOT NULL"), ";"); got != "aes_256,CERTIFICATE,20" {
		t.Errorf("msdb.dbo.backupset of the encrypted backup: %q", got)
	}
	if got := fmt.Sprint(mustExec(t, s, "SELECT CASE WHEN compressed_backup_size < backup_size THEN 1 ELSE 0 END FROM msdb.dbo.backupset WHERE backup_set_id = 2")); got != "[1]" {
		t.Errorf("compressed_backup_size < backup_size for the compressed backup: %s", got)
	}
	_, header := resultSet(t, s, "RESTORE HEADERONLY FROM DISK = '"+bak("enc.bak")+"'")
	if len(header) != 1 {
		t.Fatalf("RESTORE HEADERONLY of the encrypted backup: %q", header)
	}
	if h := header[0]; h["Compressed"] != "1" || h["KeyAlgorithm"] != "aes_256" || len(h["EncryptorThumbprint"]) != 42 || h["EncryptorType"] != "CERTIFICATE" {
		t.Errorf("RESTORE HEADERONLY of the encrypted backup: Compressed %s, KeyAlgorithm %s, EncryptorThumbprint %s, EncryptorType %s",
			h["Compressed"], h["KeyAlgorithm"], h["EncryptorThumbprint"], h["EncryptorType"])
	}

	cases := []struct {
		name string
		sql  string
		want int32
	}{
		{"appending an encrypted set", strings.Replace(enc, "FORMAT, ", "", 1), 3095},
		{"unknown certificate", "BACKUP DATABASE d TO DISK = '" + bak("x.bak") + "' WITH ENCRYPTION (ALGORITHM = AES_128, SERVER CERTIFICATE = nosuch)", 15151},
		{"damaged encrypted backup", "RESTORE DATABASE e FROM DISK = '" + damaged(t, bak("enc.bak"), func(b []byte) []byte { b[len(b)-100] ^= 1; return b }) + "'", 3241},
	}
	for _, tc := range cases {
		if got := execNumber(t, s, tc.sql); got != tc.want {
			t.Errorf("%s: error %d, want %d", tc.name, got, tc.want)
		}
	}

	// Another instance cannot read it until it has the certificate and its key.
	b := openTestInstance(t, filepath.Join(dir, "b"))
	t.Cleanup(func() { _ = b.Close() })
	sb := newTestSession(t, b, "master")
	restore := "RESTORE DATABASE d FROM DISK = '" + bak("enc.bak") + "'"
	if got := execNumber(t, sb, restore); got != 33111 {
		t.Errorf("RESTORE without the certificate: error %d, want 33111", got)
	}
	if got := execNumber(t, sb, "RESTORE VERIFYONLY FROM DISK = '"+bak("enc.bak")+"'"); got != 33111 {
		t.Errorf("RESTORE VERIFYONLY without the certificate: error %d, want 33111", got)
	}
	if b.Database("d") != nil {
		t.Fatal("a refused RESTORE left database d")
	}
	mustExec(t, s, "BACKUP CERTIFICATE bc TO FILE = '"+bak("bc.cer")+"' WITH PRIVATE KEY (FILE = '"+bak("bc.pvk")+"', ENCRYPTION BY PASSWORD = 'Str0ng!Key')")
	mustExec(t, sb, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Str0ng!Key'")
	mustExec(t, sb, "CREATE CERTIFICATE bc FROM FILE = '"+bak("bc.cer")+"' WITH PRIVATE KEY (FILE = '"+bak("bc.pvk")+"', DECRYPTION BY PASSWORD = 'Str0ng!Key')")
	mustExec(t, sb, restore)
	if got := fmt.Sprint(mustExec(t, sb, "SELECT COUNT(*), SUM(k), MAX(v) FROM d.dbo.t WHERE k >= 0")); got != want {
		t.Errorf("restored from the encrypted backup: %s, want %s", got, want)
	}
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
