package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// sys.user_token and sys.login_token: the principals the session's current
// execution context (perm_execas.go) holds in the current database and at
// server level — the user and every role it belongs to, the login and its
// server roles — as tools show "who am I now" after EXECUTE AS. A user
// context has no login token beyond public, as its server rights are none.

func init() {
	tokenCols := []vcol{{"principal_id", vInt}, {"name", vName}, {"type", vDesc}, {"usage", vDesc}}
	systemViews["sys.user_token"] = &virtualTable{cols: tokenCols, rows: func(s *Session, db Database) ([]Row, error) {
		cat := s.catalogFor(db)
		user, ok := s.dbUser(db.Name(), cat)
		if !ok {
			return nil, nil
		}
		typ := "SQL USER"
		if isRole, _ := cat.IsRole(user); isRole {
			typ = "ROLE"
		}
		out := []Row{tokenRow(cat, user, typ)}
		out = append(out, tokenRow(cat, "public", "ROLE"))
		for _, name := range principalNames(cat) {
			if isRole, _ := cat.IsRole(name); isRole && !strings.EqualFold(name, "public") && cat.IsRoleMember(name, user) {
				out = append(out, tokenRow(cat, name, "ROLE"))
			}
		}
		return out, nil
	}}
	systemViews["sys.login_token"] = &virtualTable{cols: tokenCols, rows: func(s *Session, _ Database) ([]Row, error) {
		srv := s.srv.ServerCatalog()
		public := Row{i32(2), str("public"), str("SERVER ROLE"), str("GRANT OR DENY")}
		l := srv.Login(s.Login)
		if l == nil || s.userScoped() {
			return []Row{public}, nil
		}
		out := []Row{{i32(l.ID), str(l.Name), str("SQL LOGIN"), str("GRANT OR DENY")}, public}
		roles := l.ServerRoles
		if l.Sysadmin {
			roles = append([]string{"sysadmin"}, roles...)
		}
		for _, r := range roles {
			if fr, ok := catalog.FixedServerRole(r); ok {
				out = append(out, Row{i32(fr.ID), str(fr.Name), str("SERVER ROLE"), str("GRANT OR DENY")})
			}
		}
		return out, nil
	}}
}

func tokenRow(cat *catalog.Database, name, typ string) Row {
	id, _ := cat.PrincipalID(name)
	return Row{i32(id), str(name), str(typ), str("GRANT OR DENY")}
}
