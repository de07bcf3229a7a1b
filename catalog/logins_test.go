package catalog

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"testing"
	"time"
)

// hashcat's published example hashes (modes 1731 and 132) of the password
// 'hashcat': hashes SQL Server 2012 and 2005 made.
const (
	sql2012Hash = "02000102030434ea1b17802fd95ea6316bd61d2c94622ca3812793e8fb1672487b5c904a45a31b2ab4a78890d563d2fcf5663e46fe797d71550494be50cf4915d3f4d55ec375"
	sql2005Hash = "010018102152f8f28c8499d8ef263c53f8be369d799f931b2fbe"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHashPasswordIsSQLServers(t *testing.T) {
	got := HashPassword("hashcat", [4]byte{1, 2, 3, 4})
	if want := mustHex(t, sql2012Hash); !bytes.Equal(got, want) {
		t.Fatalf("HashPassword(hashcat, 01020304) = %x, want SQL Server's %x", got, want)
	}
	// The documented form, computed here apart from HashPassword: 0x0200,
	// salt, SHA2-512 of the UTF-16LE password then the salt.
	pw := []byte{'P', 0, 0xe4, 0, 0x3d, 0xd8, 0x00, 0xde} // "Pä😀" in UTF-16LE
	sum := sha512.Sum512(append(pw, 9, 8, 7, 6))
	want := append([]byte{2, 0, 9, 8, 7, 6}, sum[:]...)
	if got := HashPassword("Pä😀", [4]byte{9, 8, 7, 6}); !bytes.Equal(got, want) {
		t.Fatalf("HashPassword(Pä😀) = %x, want %x", got, want)
	}
}

func TestPasswordMatches(t *testing.T) {
	tests := []struct {
		name, password, hash string
		want                 bool
	}{
		{"sql server 2012", "hashcat", sql2012Hash, true},
		{"sql server 2012 wrong", "Hashcat", sql2012Hash, false},
		{"sql server 2005", "hashcat", sql2005Hash, true},
		{"sql server 2005 wrong", "hashca", sql2005Hash, false},
		{"truncated", "hashcat", sql2012Hash[:40], false},
		{"unknown version", "hashcat", "0300" + sql2012Hash[4:], false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PasswordMatches(tt.password, mustHex(t, tt.hash)); got != tt.want {
				t.Fatalf("PasswordMatches = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoginPasswordForms(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var set Login
	set.SetPassword("S3cret!", now)
	var hashed Login
	if !hashed.SetPasswordHash(mustHex(t, sql2012Hash), now) {
		t.Fatal("SetPasswordHash refused SQL Server's hash")
	}
	if (&Login{}).SetPasswordHash([]byte{2, 0, 1}, now) {
		t.Fatal("SetPasswordHash took a truncated hash")
	}
	// A login written before SQL Server's form: SHA-256(salt || UTF-8).
	salt := []byte("0123456789abcdef")
	old := sha256.Sum256(append(bytes.Clone(salt), "Old!pw1"...))
	legacy := Login{Salt: salt, Hash: old[:]}
	tests := []struct {
		name     string
		l        *Login
		password string
		want     bool
	}{
		{"set", &set, "S3cret!", true},
		{"set wrong", &set, "s3cret!", false},
		{"hashed", &hashed, "hashcat", true},
		{"legacy", &legacy, "Old!pw1", true},
		{"legacy wrong", &legacy, "old!pw1", false},
		{"no password", &Login{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.CheckPassword(tt.password); got != tt.want {
				t.Fatalf("CheckPassword(%q) = %v, want %v", tt.password, got, tt.want)
			}
		})
	}
	if len(set.PasswordHash) != 70 || set.PasswordHash[0] != 2 || set.PasswordHashAlgorithm() != 2 {
		t.Fatalf("SetPassword stored %x, want a 70-byte 0x0200 hash", set.PasswordHash)
	}
}

// A master catalog written before logins had SIDs decodes with stable
// SIDs: sa's 0x01 and one per login id, the same at every start.
func TestDecodeServerGivesOldLoginsSIDs(t *testing.T) {
	old := []byte(`{"version": 1, "logins": [{"id": 1, "name": "sa", "created": "2026-01-01T00:00:00Z"},
		{"id": 256, "name": "app", "created": "2026-01-01T00:00:00Z"}], "databases": []}`)
	for range 2 {
		s, err := DecodeServer(old)
		if err != nil {
			t.Fatal(err)
		}
		if sid := s.Login("sa").SID; !bytes.Equal(sid, []byte{1}) {
			t.Fatalf("sa SID = %x, want 01", sid)
		}
		want := mustHex(t, "01000000000000000000000000000100")
		if sid := s.Login("app").SID; !bytes.Equal(sid, want) {
			t.Fatalf("app SID = %x, want %x", sid, want)
		}
		if s.LoginBySID(want) != s.Login("app") {
			t.Fatal("LoginBySID does not find app")
		}
	}
}

func TestUserMapsBySID(t *testing.T) {
	srv := NewServer("Sa!pw12345", time.Now())
	app := srv.AddLogin("app", nil, time.Now())
	other := srv.AddLogin("other", nil, time.Now())
	if len(app.SID) != SIDLen || bytes.Equal(app.SID, other.SID) {
		t.Fatalf("SIDs %x and %x: want two different 16-byte SIDs", app.SID, other.SID)
	}
	db := &Database{Users: []*User{
		{ID: 5, Name: "app_user", SID: bytes.Clone(app.SID)},
		{ID: 6, Name: "legacy", Login: "other"}, // made before users kept SIDs
		{ID: 7, Name: "orphan", SID: NewSID()},
		{ID: 8, Name: "nologin"}, // WITHOUT LOGIN, made before such users had a SID
		{ID: 9, Name: "loginless", SID: NewLoginlessSID()},
		{ID: 10, Name: "cert_user", Certificate: "c"},
	}}
	tests := []struct {
		user  string
		login *Login
		maps  bool // MapsToLogin: orphaned when login is nil
	}{
		{"app_user", app, true}, {"legacy", other, true}, {"orphan", nil, true}, {"nologin", nil, false},
		{"loginless", nil, false}, {"cert_user", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.user, func(t *testing.T) {
			var u *User
			for _, x := range db.Users {
				if x.Name == tt.user {
					u = x
				}
			}
			if got := u.MapsToLogin(); got != tt.maps {
				t.Fatalf("MapsToLogin(%s) = %v, want %v", tt.user, got, tt.maps)
			}
			if got := srv.UserLogin(u); got != tt.login {
				t.Fatalf("UserLogin(%s) = %v, want %v", tt.user, got, tt.login)
			}
			if tt.login != nil && db.UserFor(tt.login) != u {
				t.Fatalf("UserFor(%s) = %v, want %s", tt.login.Name, db.UserFor(tt.login), tt.user)
			}
		})
	}
	// The same name made again gets another SID: app_user is orphaned.
	srv.Logins = srv.Logins[:1]
	again := srv.AddLogin("app", nil, time.Now())
	if db.UserFor(again) != nil || srv.UserLogin(db.Users[0]) != nil {
		t.Fatal("a login made again by name still maps to the user of the old one")
	}
}

// TestLoginlessSID: a user WITHOUT LOGIN gets SQL Server's S-1-9-3 SID of
// 28 bytes, a new one each time, that no login's SID can be.
func TestLoginlessSID(t *testing.T) {
	a, b := NewLoginlessSID(), NewLoginlessSID()
	if len(a) != 28 || !bytes.HasPrefix(a, []byte{1, 5, 0, 0, 0, 0, 0, 9, 3, 0, 0, 0}) || bytes.Equal(a, b) {
		t.Fatalf("SIDs %x and %x: want two different 28-byte S-1-9-3 SIDs", a, b)
	}
	for _, sid := range [][]byte{a, b} {
		if !IsLoginlessSID(sid) {
			t.Errorf("IsLoginlessSID(%x) = false", sid)
		}
	}
	for _, sid := range [][]byte{nil, {1}, {0}, NewSID(), a[:27], append(bytes.Clone(a), 0)} {
		if IsLoginlessSID(sid) {
			t.Errorf("IsLoginlessSID(%x) = true", sid)
		}
	}
}

// BenchmarkCheckPassword is the hash a SQL login costs at every login:
// SQL Server's SHA2-512 form beside the SHA-256 one it replaced.
func BenchmarkCheckPassword(b *testing.B) {
	var current Login
	current.SetPassword("App!Passw0rd#1", time.Now())
	salt := []byte("0123456789abcdef")
	sum := sha256.Sum256(append(bytes.Clone(salt), "App!Passw0rd#1"...))
	legacy := Login{Salt: salt, Hash: sum[:]}
	for _, bb := range []struct {
		name string
		l    *Login
	}{{"sha2_512", &current}, {"legacy_sha256", &legacy}} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if !bb.l.CheckPassword("App!Passw0rd#1") {
					b.Fatal("password refused")
				}
			}
		})
	}
}
