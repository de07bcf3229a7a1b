package engine

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// A data directory written before logins had SIDs and SQL Server's
// password hash — server.json with SHA-256(salt || UTF-8) hashes, a
// database user that recorded its login by name — still works: the
// login authenticates, reaches the database through its user, shows a
// stable SID, and has SQL Server's hash (LOGINPROPERTY) once it logged in.
func TestOldLoginsKeepWorking(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "CREATE LOGIN oldapp WITH PASSWORD = 'Old!App#1'\nUSE d\nCREATE USER oldapp FOR LOGIN oldapp\nCREATE TABLE dbo.t (id int)")
	// Make both the way an older mirrorsql wrote them.
	legacyHash := func(pw string) (salt, hash []byte) {
		salt = make([]byte, 16)
		rand.Read(salt)
		sum := sha256.Sum256(append(bytes.Clone(salt), pw...))
		return salt, sum[:]
	}
	if err := inst.UpdateServer(func(srv *catalog.Server) error {
		for _, l := range srv.Logins {
			pw := map[string]string{"sa": "pw", "oldapp": "Old!App#1"}[l.Name]
			l.Salt, l.Hash = legacyHash(pw)
			l.SID, l.PasswordHash = nil, nil
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(inst.serverFile())
	if bytes.Contains(b, []byte(`"sid"`)) || bytes.Contains(b, []byte(`"password_hash"`)) {
		t.Fatalf("server.json still has SIDs or SQL Server hashes:\n%s", b)
	}

	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer inst.Close()
	// The user as an older mirrorsql recorded it: by login name, no SID.
	// (Changed in place in the loaded catalog: no statement makes one.)
	for _, u := range inst.Database("d").Catalog().Users {
		if u.Name == "oldapp" {
			u.SID, u.Login = nil, "oldapp"
		}
	}
	for _, tt := range []struct{ login, pw string }{{"sa", "pw"}, {"oldapp", "Old!App#1"}} {
		if _, ok := inst.Authenticate(tt.login, tt.pw+"x"); ok {
			t.Fatalf("%s authenticated with a wrong password", tt.login)
		}
		if _, ok := inst.Authenticate(tt.login, tt.pw); !ok {
			t.Fatalf("%s does not authenticate with its old hash", tt.login)
		}
	}
	app := newLoginSession(t, inst, "oldapp", "d") // 4060 if its user no longer maps
	defer inst.EndSession(app)
	got := mustExec(t, s, `SELECT SUSER_SID('sa'), SUSER_SID('oldapp'), LOGINPROPERTY('oldapp', 'PasswordHashAlgorithm'),
		PWDCOMPARE('Old!App#1', CAST(LOGINPROPERTY('oldapp', 'PasswordHash') AS varbinary(256)))`)
	if want := "0x01,0x01000000000000000000000000000100,2,1"; len(got) != 1 || got[0] != want {
		t.Fatalf("after restart: %q, want %q", got, want)
	}
	if _, ok := inst.Authenticate("oldapp", "Old!App#1"); !ok {
		t.Fatal("oldapp does not authenticate with its migrated hash")
	}
}

// Password hashes are shown to CONTROL SERVER only (LOGINPROPERTY,
// sys.sql_logins.password_hash); PWDCOMPARE and SUSER_SID are public.
func TestPasswordHashNeedsControlServer(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "CREATE LOGIN plain WITH PASSWORD = 'Plain!pw1'")
	q := `SELECT CAST(LOGINPROPERTY('sa', 'PasswordHash') AS varbinary(256)),
		(SELECT password_hash FROM sys.sql_logins WHERE name = 'sa'), DATALENGTH(SUSER_SID('plain'))`
	if got := mustExec(t, s, q); len(got) != 1 || !strings.HasPrefix(got[0], "0x0200") {
		t.Fatalf("sa sees %q, want the hashes", got)
	}
	plain := newLoginSession(t, inst, "plain", "master")
	defer inst.EndSession(plain)
	if got := mustExec(t, plain, q); len(got) != 1 || got[0] != "NULL,NULL,16" {
		t.Fatalf("plain sees %q, want NULL,NULL,16", got)
	}
}
