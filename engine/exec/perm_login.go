package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// loginCovering is the server permission that implies each permission on
// a LOGIN securable (the permission hierarchy's LOGIN branch): CONTROL
// SERVER implies them all through serverGranted.
var loginCovering = map[string]string{
	"CONTROL":         "CONTROL SERVER",
	"IMPERSONATE":     "IMPERSONATE ANY LOGIN",
	"ALTER":           "ALTER ANY LOGIN",
	"VIEW DEFINITION": "VIEW ANY DEFINITION",
}

// loginPermsByName is HAS_PERMS_BY_NAME(login, 'LOGIN', perm): 1 when the
// caller holds perm on the login — granted ON LOGIN:: (or CONTROL there) or
// implied by its server permission — 0 when not or denied ON LOGIN::, NULL
// when there is no such login or the permission is not one of a login's.
func (s *Session) loginPermsByName(name string, perms []string) types.Value {
	srv := s.srv.ServerCatalog()
	target := srv.Login(name)
	if target == nil {
		return types.Null(types.Int)
	}
	for _, p := range perms {
		covering, ok := loginCovering[p]
		if !ok {
			return types.Null(types.Int)
		}
		if s.Sysadmin() {
			return types.NewInt(1)
		}
		// A DENY ON LOGIN:: wins over the server permission that would
		// imply it (only a sysadmin skips permission checks).
		granted, denied := s.loginPermState(srv, target.Name, p)
		if !denied && (granted || s.HasServerPermission(covering)) {
			return types.NewInt(1)
		}
	}
	return types.NewInt(0)
}

// loginPermState reports whether perm or CONTROL ON LOGIN::target is
// granted to, or denied to, the session's login, one of its server roles
// or public.
func (s *Session) loginPermState(srv *catalog.Server, target, perm string) (granted, denied bool) {
	me := srv.Login(s.Login)
	if me == nil || s.userScoped() {
		return false, false
	}
	for _, p := range srv.Permissions {
		if p.Class != "LOGIN" || !strings.EqualFold(p.Object, target) ||
			!strings.EqualFold(p.Permission, perm) && !strings.EqualFold(p.Permission, "CONTROL") {
			continue
		}
		if !strings.EqualFold(p.Principal, me.Name) && !me.ServerRoleMember(p.Principal) && !strings.EqualFold(p.Principal, "public") {
			continue
		}
		if p.State == catalog.StateDeny {
			return false, true
		}
		granted = true
	}
	return granted, false
}
