package engine

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// CREATE LOGIN and ALTER LOGIN. A SQL login gets a SID (16 random bytes,
// or the one of SID = 0x…) and its password is stored as SQL Server 2012+
// stores it (catalog/logins.go), so that sp_help_revlogin's script — the
// hash of LOGINPROPERTY(name, 'PasswordHash') WITH PASSWORD = 0x… HASHED
// and the SID of SUSER_SID(name) — makes the same login on another
// instance: one its databases' users map to, and one the same password
// opens.

// errLoginPassword is 15021, a HASHED password that is no hash.
var errLoginPassword = &exec.Error{Number: 15021, Severity: 16, State: 2, Message: "Invalid value given for parameter PASSWORD. Specify a valid parameter value."}

// errSIDLength is 15419, a SID = that is not binary(16).
var errSIDLength = &exec.Error{Number: 15419, Severity: 16, State: 1, Message: "Supplied parameter sid should be binary(16)."}

// errSIDInUse is 15433, a SID = another login has.
var errSIDInUse = &exec.Error{Number: 15433, Severity: 16, State: 1, Message: "Supplied parameter sid is in use."}

func errCannotAlterLogin(name string) error {
	return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the login '" + name + "', because it does not exist or you do not have permission."}
}

// loginSpec is what a CREATE or ALTER LOGIN statement asks for, its
// expressions evaluated.
type loginSpec struct {
	password    *string // nil: not given
	hash        []byte  // WITH PASSWORD = 0x… HASHED
	oldPassword *string
	sid         []byte
	newName     string            // ALTER LOGIN … WITH NAME = n
	options     map[string]string // upper-case name → value text (DEFAULT_DATABASE, CHECK_POLICY …)
}

func (inst *Instance) evalLoginSpec(ctx context.Context, s *exec.Session, st *ast.CreateLoginStmt) (*loginSpec, error) {
	spec := &loginSpec{options: map[string]string{}}
	if st.MustChange {
		return nil, exec.ErrNotSupported.New("MUST_CHANGE")
	}
	if st.Password != nil {
		v, err := s.EvalValue(ctx, st.Password)
		if err != nil {
			return nil, err
		}
		switch {
		case st.Hashed && (v.IsNull() || !v.TypeID().IsBinary()):
			return nil, errLoginPassword
		case st.Hashed:
			spec.hash = v.Bytes()
		default:
			text, err := s.EvalString(ctx, st.Password)
			if err != nil {
				return nil, err
			}
			spec.password = &text
		}
	}
	if st.OldPassword != nil {
		text, err := s.EvalString(ctx, st.OldPassword)
		if err != nil {
			return nil, err
		}
		spec.oldPassword = &text
	}
	for _, o := range st.Options {
		name := strings.ToUpper(o.Name)
		if name == "SID" {
			if st.Alter {
				return nil, &exec.Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near 'SID'."}
			}
			v, err := s.EvalValue(ctx, o.Value)
			if err != nil {
				return nil, err
			}
			if v.IsNull() || !v.TypeID().IsBinary() || len(v.Bytes()) != catalog.SIDLen {
				return nil, errSIDLength
			}
			spec.sid = v.Bytes()
			continue
		}
		if name == "NAME" && st.Alter {
			spec.newName = loginOptionText(o)
			continue
		}
		switch name {
		case "DEFAULT_DATABASE", "CHECK_POLICY", "CHECK_EXPIRATION":
		case "DEFAULT_LANGUAGE":
			if lang := loginOptionText(o); !strings.EqualFold(lang, "us_english") && !strings.EqualFold(lang, "English") {
				return nil, exec.ErrNotSupported.New("DEFAULT_LANGUAGE other than us_english")
			}
		default: // NAME, CREDENTIAL, NO CREDENTIAL: refused rather than ignored
			return nil, exec.ErrNotSupported.New(map[bool]string{true: "ALTER", false: "CREATE"}[st.Alter] + " LOGIN … WITH " + name)
		}
		spec.options[name] = loginOptionText(o)
	}
	return spec, nil
}

// loginOptionText is an option's value as text: ON/OFF, a name
// (DEFAULT_DATABASE = [db] or = db) or a string.
func loginOptionText(o *ast.Option) string {
	if c, ok := o.Value.(*ast.ColumnRef); ok {
		return c.Name.Last()
	}
	if o.Value != nil {
		return literalText(o.Value)
	}
	return strings.ToUpper(o.Word)
}

func (inst *Instance) createLogin(ctx context.Context, s *exec.Session, st *ast.CreateLoginStmt) error {
	spec, err := inst.evalLoginSpec(ctx, s, st)
	if err != nil {
		return err
	}
	name, now := st.Name.Name, time.Now().UTC()
	return inst.UpdateServer(func(srv *catalog.Server) error {
		l := srv.Login(name)
		if st.Alter {
			if l == nil {
				return errCannotAlterLogin(name)
			}
			if spec.oldPassword != nil && !l.CheckPassword(*spec.oldPassword) {
				return errCannotAlterLogin(name) // SQL Server's answer to a wrong OLD_PASSWORD
			}
			if st.Enable || st.Disable {
				l.Disabled = st.Disable
			}
			if spec.newName != "" {
				if err := renameLogin(srv, l, spec.newName); err != nil {
					return err
				}
			}
			return setLoginPassword(l, spec, now)
		}
		if l != nil {
			return &exec.Error{Number: 15025, Severity: 16, State: 1, Message: "The server principal '" + name + "' already exists."}
		}
		if spec.sid != nil && srv.LoginBySID(spec.sid) != nil {
			return errSIDInUse
		}
		l = srv.AddLogin(name, spec.sid, now) // UpdateServer drops it if what follows fails
		switch {
		case st.FromCertificate != nil:
			l.Certificate, l.CheckPolicy = st.FromCertificate.Name, false
		case st.FromWindows:
			// No password at all: before, it got the empty one, so a
			// SQL-authentication login with the Windows login's name and
			// no password got in.
			l.Windows, l.CheckPolicy = true, false
		case spec.password == nil && spec.hash == nil:
			l.SetPassword("", now)
		}
		if err := setLoginPassword(l, spec, now); err != nil {
			return err
		}
		return nil
	})
}

// renameLogin is ALTER LOGIN … WITH NAME = name: 15025 when another
// login has the name. Database users stay mapped, by SID; what the server
// catalog records by login name (server permissions, endpoint owners and
// CONNECT grants) follows the new name.
func renameLogin(srv *catalog.Server, l *catalog.Login, name string) error {
	if other := srv.Login(name); other != nil && other != l {
		return &exec.Error{Number: 15025, Severity: 16, State: 1, Message: "The server principal '" + name + "' already exists."}
	}
	old := l.Name
	rename := func(s *string) {
		if strings.EqualFold(*s, old) {
			*s = name
		}
	}
	for _, p := range srv.Permissions {
		rename(&p.Principal)
		rename(&p.Grantor)
	}
	for _, e := range srv.Endpoints {
		rename(&e.Owner)
		for i := range e.ConnectGrants {
			rename(&e.ConnectGrants[i])
		}
	}
	l.Name = name
	return nil
}

// setLoginPassword applies the password and the options of spec to l.
func setLoginPassword(l *catalog.Login, spec *loginSpec, now time.Time) error {
	switch {
	case spec.hash != nil:
		if !l.SetPasswordHash(spec.hash, now) {
			return errLoginPassword
		}
	case spec.password != nil:
		l.SetPassword(*spec.password, now)
	}
	for name, v := range spec.options {
		switch name {
		case "DEFAULT_DATABASE":
			l.DefaultDB = v
		case "CHECK_POLICY":
			l.CheckPolicy = v == "ON"
		case "CHECK_EXPIRATION":
			l.CheckExpiration = v == "ON"
		}
	}
	return nil
}

// migratePassword replaces a login's password hash of the form before
// SQL Server's (catalog.Login.Hash) by SQL Server's, once the login has
// logged in with it: only then is the password known.
func (inst *Instance) migratePassword(l *catalog.Login, password string) {
	if l.PasswordHash != nil || l.Hash == nil {
		return
	}
	_ = inst.UpdateServer(func(srv *catalog.Server) error {
		if cur := srv.Login(l.Name); cur != nil && cur.PasswordHash == nil && bytes.Equal(cur.Hash, l.Hash) {
			set := cur.PasswordSet
			cur.SetPassword(password, time.Now().UTC())
			if !set.IsZero() {
				cur.PasswordSet = set // the password did not change
			}
		}
		return nil
	}) // a failure leaves the old hash, which still works
}
