package catalog

import (
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"
)

// Login is a server principal: a SQL login (password) or a login mapped
// to a certificate.
//
// A login is known to the databases by its SID, not its name: a database
// user records the SID of its login (User.SID), so a database moved to
// another instance (restored there, or mirrored and failed over) finds its
// logins only where they were made with the same SID — CREATE LOGIN …
// WITH SID = 0x…, as sp_help_revlogin scripts them.
type Login struct {
	ID   int32  `json:"id"`
	Name string `json:"name"`
	// SID is sys.server_principals.sid: 0x01 for sa, 16 random bytes for a
	// new login unless CREATE LOGIN gave one (NewSID).
	SID []byte `json:"sid,omitempty"`
	// PasswordHash is the password as SQL Server 2012 and later store it
	// (LOGINPROPERTY(name, 'PasswordHash')): 0x0200, a 4-byte salt, then
	// SHA2-512 of the UTF-16LE password followed by the salt. A hash
	// given WITH PASSWORD = 0x0100… HASHED (SQL Server 2005/2008, SHA-1)
	// is kept as given and verified in its own form.
	PasswordHash []byte `json:"password_hash,omitempty"`
	// Salt and Hash are the form before PasswordHash: SHA-256(salt ||
	// UTF-8 password). Still verified, and replaced by PasswordHash at the
	// login's next successful login (engine.Instance.Authenticate).
	Salt            []byte    `json:"salt,omitempty"`
	Hash            []byte    `json:"hash,omitempty"`
	PasswordSet     time.Time `json:"password_set,omitzero"` // LOGINPROPERTY 'PasswordLastSetTime'
	CheckPolicy     bool      `json:"check_policy,omitempty"`
	CheckExpiration bool      `json:"check_expiration,omitempty"`
	Certificate     string    `json:"certificate,omitempty"`
	// Windows marks CREATE LOGIN [domain\user] FROM WINDOWS: a login the
	// mirroring docs grant CONNECT on the endpoint, without a password.
	// There are no Windows accounts here, so it never logs in
	// (sys.server_principals type U, WINDOWS_LOGIN).
	Windows bool `json:"windows,omitempty"`
	// ConnectSQL says the login's CONNECT SQL grant, which every login
	// gets at creation, is recorded among Server.Permissions (where DENY
	// and REVOKE change it). A catalog written before it was is given
	// the grant when it is read (giveLoginsConnectSQL).
	ConnectSQL  bool      `json:"connect_sql,omitempty"`
	Disabled    bool      `json:"disabled,omitempty"`
	Sysadmin    bool      `json:"sysadmin,omitempty"`
	ServerRoles []string  `json:"server_roles,omitempty"` // other fixed server roles (lower case): ALTER SERVER ROLE … ADD MEMBER
	DefaultDB   string    `json:"default_db,omitempty"`
	Created     time.Time `json:"created"`
}

// Password hash versions: the first two bytes of a hash.
const (
	passwordSHA1   = 0x0100 // SQL Server 2005–2008 R2
	passwordSHA512 = 0x0200 // SQL Server 2012 and later
	saltLen        = 4
)

// SetPassword stores password as SQL Server 2012+ does, with a new random
// salt, and records when.
func (l *Login) SetPassword(password string, now time.Time) {
	var salt [saltLen]byte
	mustRandom(salt[:])
	l.PasswordHash = HashPassword(password, salt)
	l.Salt, l.Hash, l.PasswordSet = nil, nil, now
}

// SetPasswordHash stores a hash given WITH PASSWORD = 0x… HASHED. It
// reports false for bytes that are no hash SQL Server makes (the caller's
// 15021).
func (l *Login) SetPasswordHash(hash []byte, now time.Time) bool {
	if !ValidPasswordHash(hash) {
		return false
	}
	l.PasswordHash = bytes.Clone(hash)
	l.Salt, l.Hash, l.PasswordSet = nil, nil, now
	return true
}

// CheckPassword reports whether password is the login's password.
func (l *Login) CheckPassword(password string) bool {
	switch {
	case l.PasswordHash != nil:
		return PasswordMatches(password, l.PasswordHash)
	case l.Hash != nil:
		h := sha256.New()
		h.Write(l.Salt)
		h.Write([]byte(password))
		return subtle.ConstantTimeCompare(h.Sum(nil), l.Hash) == 1
	}
	return false
}

// HashPassword is SQL Server 2012+'s password hash: 0x0200 ‖ salt ‖
// SHA2-512(UTF-16LE(password) ‖ salt).
func HashPassword(password string, salt [saltLen]byte) []byte {
	h := sha512.New()
	h.Write(utf16LE(password))
	h.Write(salt[:])
	return append(append([]byte{0x02, 0x00}, salt[:]...), h.Sum(nil)...)
}

// ValidPasswordHash reports whether hash has the form of a SQL Server
// 2005+ password hash: 0x0200 with a SHA2-512 digest, or 0x0100 with a
// SHA-1 one (and, from SQL Server 2000, a second SHA-1 of the upper-case
// password, which is not needed to verify and is ignored).
func ValidPasswordHash(hash []byte) bool {
	if len(hash) < 2 {
		return false
	}
	switch binary.BigEndian.Uint16(hash) {
	case passwordSHA512:
		return len(hash) == 2+saltLen+sha512.Size
	case passwordSHA1:
		return len(hash) == 2+saltLen+sha1.Size || len(hash) == 2+saltLen+2*sha1.Size
	}
	return false
}

// PasswordMatches reports whether password hashes to hash (PWDCOMPARE);
// false for a hash of no known form.
func PasswordMatches(password string, hash []byte) bool {
	if !ValidPasswordHash(hash) {
		return false
	}
	salt, digest := hash[2:2+saltLen], hash[2+saltLen:]
	var sum []byte
	if binary.BigEndian.Uint16(hash) == passwordSHA512 {
		h := sha512.New()
		h.Write(utf16LE(password))
		h.Write(salt)
		sum = h.Sum(nil)
	} else {
		h := sha1.New()
		h.Write(utf16LE(password))
		h.Write(salt)
		sum, digest = h.Sum(nil), digest[:sha1.Size]
	}
	return subtle.ConstantTimeCompare(sum, digest) == 1
}

// PasswordHashAlgorithm is LOGINPROPERTY(…, 'PasswordHashAlgorithm'):
// 1 for SHA-1, 2 for SHA2-512; 0 for no hash SQL Server would show.
func (l *Login) PasswordHashAlgorithm() int {
	if !ValidPasswordHash(l.PasswordHash) {
		return 0
	}
	return int(l.PasswordHash[0])
}

func utf16LE(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

// SIDLen is the length of a SQL login's SID (CREATE LOGIN … SID = must
// be binary(16), error 15419).
const SIDLen = 16

// NewSID returns a new SQL login's SID: 16 random bytes, as SQL Server
// makes them, so two instances never give the same login name the same SID.
func NewSID() []byte {
	b := make([]byte, SIDLen)
	mustRandom(b)
	return b
}

// loginlessSIDPrefix opens the SID SQL Server gives a user made WITHOUT
// LOGIN: revision 1, five sub-authorities, authority 9, first
// sub-authority 3 (S-1-9-3-…), then 16 random bytes as four more.
var loginlessSIDPrefix = []byte{1, 5, 0, 0, 0, 0, 0, 9, 3, 0, 0, 0}

// NewLoginlessSID returns a new SID for a user WITHOUT LOGIN: 28 bytes,
// S-1-9-3 and 16 random bytes, as SQL Server shows them in
// sys.database_principals.sid. No login can have it (a login's SID is
// 16 bytes, 15419), so such a user maps to no login.
func NewLoginlessSID() []byte {
	b := make([]byte, len(loginlessSIDPrefix)+SIDLen)
	copy(b, loginlessSIDPrefix)
	mustRandom(b[len(loginlessSIDPrefix):])
	return b
}

// IsLoginlessSID reports whether sid is a WITHOUT LOGIN user's SID
// (NewLoginlessSID's form). SQL Server's sp_change_users_login tells them
// apart from login-mapped users the same way, by the SID's length.
func IsLoginlessSID(sid []byte) bool {
	return len(sid) == len(loginlessSIDPrefix)+SIDLen && bytes.HasPrefix(sid, loginlessSIDPrefix)
}

func mustRandom(b []byte) {
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("catalog: random bytes: %v", err)) // crypto/rand never fails on Linux
	}
}

// legacySID is the SID of a login read from a catalog written before
// logins had SIDs: sa's 0x01, otherwise derived from the login id, as
// sys.syslogins showed it then, so it is stable across restarts.
func legacySID(l *Login) []byte {
	if strings.EqualFold(l.Name, "sa") {
		return []byte{1}
	}
	b := make([]byte, SIDLen)
	b[0] = 1
	binary.BigEndian.PutUint32(b[12:], uint32(l.ID))
	return b
}

// giveLoginsSIDs gives every login without a SID its legacySID.
func (s *Server) giveLoginsSIDs() {
	for _, l := range s.Logins {
		if l.SID == nil {
			l.SID = legacySID(l)
		}
	}
}

// Login finds a login by name (case-insensitive).
func (s *Server) Login(name string) *Login {
	for _, l := range s.Logins {
		if strings.EqualFold(l.Name, name) {
			return l
		}
	}
	return nil
}

// LoginBySID finds a login by SID, or nil.
func (s *Server) LoginBySID(sid []byte) *Login {
	for _, l := range s.Logins {
		if bytes.Equal(l.SID, sid) {
			return l
		}
	}
	return nil
}

// UserLogin is the login database user u is mapped to: the login of its
// SID, or, for a user made before users kept SIDs, the login of the name
// it recorded. Nil for a user without login and for an orphaned user (its
// login dropped, or the database brought from an instance where the login
// has another SID).
func (s *Server) UserLogin(u *User) *Login {
	switch {
	case !u.MapsToLogin():
		return nil
	case u.SID != nil:
		return s.LoginBySID(u.SID)
	case u.Login != "":
		return s.Login(u.Login)
	}
	return nil
}

// UserFor is the user in d that login l is mapped to, or nil: the user
// with l's SID, or a user made before users kept SIDs that recorded l's
// name.
func (d *Database) UserFor(l *Login) *User {
	if l == nil {
		return nil
	}
	for _, u := range d.Users {
		if !u.MapsToLogin() {
			continue
		}
		if u.SID != nil && bytes.Equal(u.SID, l.SID) || u.SID == nil && strings.EqualFold(u.Login, l.Name) {
			return u
		}
	}
	return nil
}

// MapsToLogin reports whether u was made for a login (FOR LOGIN), whether
// or not that login exists on this instance; false for users WITHOUT LOGIN
// (their S-1-9-3 SID, or none in catalogs written before they had one)
// and certificate-mapped ones.
func (u *User) MapsToLogin() bool {
	return u.Certificate == "" && (u.SID != nil && !IsLoginlessSID(u.SID) || u.Login != "")
}

// AddLogin adds a login named name with the next login id and sid (a new
// one when nil), checking policy as CREATE LOGIN's default; the caller
// has checked that neither name nor sid is taken.
func (s *Server) AddLogin(name string, sid []byte, now time.Time) *Login {
	if sid == nil {
		sid = NewSID()
	}
	l := &Login{ID: s.NextLogin, Name: name, SID: bytes.Clone(sid), DefaultDB: "master", CheckPolicy: true, Created: now}
	s.NextLogin++
	s.Logins = append(s.Logins, l)
	s.grantConnectSQL(l)
	return l
}

// grantConnectSQL records the CONNECT SQL grant SQL Server gives every
// login it creates (sys.server_permissions: SERVER, COSQ, GRANT, granted
// by sa), which is what lets it log in.
func (s *Server) grantConnectSQL(l *Login) {
	s.Permissions = SetPermission(s.Permissions, &Permission{Permission: "CONNECT SQL", Class: ClassServer,
		Principal: l.Name, Grantor: "sa", State: StateGrant})
	l.ConnectSQL = true
}

// grantPublicDefaults records what a new instance grants the public
// server role: VIEW ANY DATABASE (sys.server_permissions shows it, granted
// by sa; a DBA may DENY it).
func (s *Server) grantPublicDefaults() {
	s.Permissions = SetPermission(s.Permissions, &Permission{Permission: "VIEW ANY DATABASE", Class: ClassServer,
		Principal: "public", Grantor: "sa", State: StateGrant})
}

// giveLoginsConnectSQL gives the logins of a catalog written before
// CONNECT SQL was recorded the grant they were created with, and public
// its defaults (sa without the mark says the catalog predates both).
func (s *Server) giveLoginsConnectSQL() {
	for _, l := range s.Logins {
		if !l.ConnectSQL {
			if l.ID == 1 {
				s.grantPublicDefaults()
			}
			s.grantConnectSQL(l)
		}
	}
}
