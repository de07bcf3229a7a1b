package exec

import (
	"bytes"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The functions on logins that sp_help_revlogin and orphaned-user scripts
// use: SUSER_SID and SUSER_SNAME (a login's SID and back), SUSER_ID and
// SUSER_NAME (its principal_id and back: the mirroring troubleshooting
// page lists endpoint grantees with SUSER_NAME(grantee_principal_id)),
// LOGINPROPERTY (the password hash among others) and PWDCOMPARE (does a
// password match a hash). SIDs and hashes are the logins' own
// (catalog/logins.go).

var sidType = types.Type{ID: types.VarBinary, Length: 85}

// loginFunc compiles SUSER_SID, SUSER_ID, SUSER_SNAME and SUSER_NAME
// with an argument, LOGINPROPERTY and PWDCOMPARE; ok is false for other
// functions.
func (c *compiler) loginFunc(name string, f *ast.FuncCall) (*expr, bool, error) {
	switch name {
	case "SUSER_SID", "LOGINPROPERTY", "PWDCOMPARE":
	case "SUSER_SNAME", "SUSER_NAME", "SUSER_ID":
		if len(f.Args) == 0 {
			return nil, false, nil // the current login: principalFunc
		}
	default:
		return nil, false, nil
	}
	args, err := c.args(f)
	if err != nil {
		return nil, true, err
	}
	s := c.s
	typ, fn := sidType, func([]types.Value) (types.Value, error) { return types.Value{}, nil }
	switch name {
	case "SUSER_SID":
		if len(args) > 2 {
			return nil, true, ErrWrongArgCount.New("suser_sid", 1)
		}
		fn = func(v []types.Value) (types.Value, error) { return s.suserSID(v), nil }
	case "SUSER_SNAME":
		if len(args) != 1 {
			return nil, true, ErrWrongArgCount.New("suser_sname", 1)
		}
		typ = types.NVarCharType(128)
		fn = func(v []types.Value) (types.Value, error) { return s.suserSName(v[0]), nil }
	case "SUSER_NAME":
		if len(args) != 1 {
			return nil, true, ErrWrongArgCount.New("suser_name", 1)
		}
		typ = types.NVarCharType(128)
		fn = func(v []types.Value) (types.Value, error) { return s.suserNameByID(v[0]), nil }
	case "SUSER_ID":
		if len(args) != 1 {
			return nil, true, ErrWrongArgCount.New("suser_id", 1)
		}
		typ = types.TypeInt
		fn = func(v []types.Value) (types.Value, error) {
			if v[0].IsNull() {
				return types.Null(types.Int), nil
			}
			return loginID(s.srv.ServerCatalog(), v[0].Str()), nil
		}
	case "LOGINPROPERTY":
		if len(args) != 2 {
			return nil, true, ErrWrongArgCount.New("loginproperty", 2)
		}
		typ = types.Type{ID: types.SQLVariant}
		fn = func(v []types.Value) (types.Value, error) {
			if v[0].IsNull() || v[1].IsNull() {
				return types.Null(types.SQLVariant), nil
			}
			if strings.EqualFold(v[1].Str(), "PasswordHash") && !s.HasServerPermission("CONTROL SERVER") {
				return types.Null(types.SQLVariant), nil // SQL Server shows hashes to CONTROL SERVER only
			}
			return loginProperty(s.srv.ServerCatalog(), v[0].Str(), v[1].Str()), nil
		}
	case "PWDCOMPARE":
		if len(args) < 2 || len(args) > 3 {
			return nil, true, ErrWrongArgCount.New("pwdcompare", 2)
		}
		typ = types.TypeInt
		fn = func(v []types.Value) (types.Value, error) {
			if v[0].IsNull() || v[1].IsNull() {
				return types.Null(types.Int), nil
			}
			clear, err := asText(v[0])
			if err != nil {
				return types.Value{}, err
			}
			if catalog.PasswordMatches(clear, v[1].Bytes()) {
				return types.NewInt(1), nil
			}
			return types.NewInt(0), nil
		}
	}
	return &expr{typ: typ, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		return fn(vals)
	}}, true, nil
}

// suserSID is SUSER_SID([login [, param2]]): the SID of the login, of the
// current login without one; NULL for NULL or a login that does not exist.
func (s *Session) suserSID(v []types.Value) types.Value {
	name := s.Login
	if len(v) > 0 {
		if v[0].IsNull() {
			return types.Null(types.VarBinary)
		}
		name = v[0].Str()
	}
	srv := s.srv.ServerCatalog()
	if l := srv.Login(name); l != nil {
		return types.NewVarBinary(bytes.Clone(l.SID))
	}
	if r, ok := catalog.FixedServerRole(name); ok {
		return types.NewVarBinary([]byte{byte(r.ID)})
	}
	return types.Null(types.VarBinary)
}

// suserSName is SUSER_SNAME(sid): the login (or fixed server role) with
// that SID, NULL for none.
func (s *Session) suserSName(sid types.Value) types.Value {
	if sid.IsNull() || !sid.TypeID().IsBinary() {
		return types.Null(types.NVarChar)
	}
	b := sid.Bytes()
	if l := s.srv.ServerCatalog().LoginBySID(b); l != nil {
		return types.NewNVarChar(l.Name)
	}
	for _, r := range catalog.FixedServerRoles {
		if bytes.Equal(b, []byte{byte(r.ID)}) {
			return types.NewNVarChar(r.Name)
		}
	}
	return types.Null(types.NVarChar)
}

// suserNameByID is SUSER_NAME(id): the login or fixed server role whose
// principal_id (sys.server_principals) is id, NULL for none.
func (s *Session) suserNameByID(id types.Value) types.Value {
	if id.IsNull() || !id.TypeID().IsInteger() {
		return types.Null(types.NVarChar)
	}
	n := id.Int64()
	for _, l := range s.srv.ServerCatalog().Logins {
		if int64(l.ID) == n {
			return types.NewNVarChar(l.Name)
		}
	}
	for _, r := range catalog.FixedServerRoles {
		if int64(r.ID) == n {
			return types.NewNVarChar(r.Name)
		}
	}
	return types.Null(types.NVarChar)
}

// loginID is SUSER_ID(name): the principal_id of the login or fixed server
// role, NULL for none.
func loginID(srv *catalog.Server, name string) types.Value {
	if l := srv.Login(name); l != nil {
		return types.NewInt(l.ID)
	}
	if r, ok := catalog.FixedServerRole(name); ok {
		return types.NewInt(int32(r.ID))
	}
	return types.Null(types.Int)
}

// loginProperty is LOGINPROPERTY(name, property): NULL for a login that
// is not a SQL login, or a property SQL Server does not know.
func loginProperty(srv *catalog.Server, name, property string) types.Value {
	l := srv.Login(name)
	if l == nil || l.Certificate != "" {
		return types.Null(types.SQLVariant)
	}
	switch strings.ToLower(property) {
	case "passwordhash":
		if !catalog.ValidPasswordHash(l.PasswordHash) {
			return types.Null(types.SQLVariant)
		}
		return types.NewVarBinary(bytes.Clone(l.PasswordHash))
	case "passwordhashalgorithm":
		return types.NewInt(int32(l.PasswordHashAlgorithm()))
	case "passwordlastsettime":
		set := l.PasswordSet
		if set.IsZero() {
			set = l.Created
		}
		return dt(set)
	case "defaultdatabase":
		if l.DefaultDB == "" {
			return types.NewNVarChar("master")
		}
		return types.NewNVarChar(l.DefaultDB)
	case "defaultlanguage":
		return types.NewNVarChar("us_english")
	case "badpasswordcount", "historylength", "isexpired", "islocked", "ismustchange":
		return types.NewInt(0)
	case "badpasswordtime", "lockouttime":
		return dt(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)) // never: no lockout policy here
	}
	return types.Null(types.SQLVariant)
}
