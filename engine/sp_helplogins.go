package engine

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sp_helplogins [@LoginNamePattern]: the logins (first result set) and,
// for each, the databases where it has a user and the roles that user is a
// member of (second). sa is dbo in every database, as in SQL Server.
// @LoginNamePattern is a LIKE pattern; only % and _ are interpreted.

// likeMatch reports whether s matches LIKE pattern p (% and _ only, case-insensitive).
func likeMatch(s, p string) bool {
	s, p = strings.ToLower(s), strings.ToLower(p)
	if p == "" {
		return s == ""
	}
	switch p[0] {
	case '%':
		for i := 0; i <= len(s); i++ {
			if likeMatch(s[i:], p[1:]) {
				return true
			}
		}
		return false
	case '_':
		return s != "" && likeMatch(s[1:], p[1:])
	}
	return s != "" && s[0] == p[0] && likeMatch(s[1:], p[1:])
}

func spHelpLogins(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	pattern := exec.ArgString(args, 0, "@LoginNamePattern")
	inst := instanceOf(s)
	var logins, dbs []exec.Row
	for _, l := range s.Server().ServerCatalog().Logins {
		if pattern != "" && !likeMatch(l.Name, pattern) {
			continue
		}
		def := l.DefaultDB
		if def == "" {
			def = "master"
		}
		hasUser := false
		for _, d := range inst.Databases() {
			cat := d.Catalog()
			user := ""
			if strings.EqualFold(l.Name, "sa") {
				user = "dbo"
			}
			if u := cat.UserFor(l); u != nil {
				user = u.Name
			}
			if user == "" {
				continue
			}
			hasUser = true
			dbs = append(dbs, exec.Row{nv(l.Name), nv(d.name), nv(user), types.NewString(types.Char, "User    ")})
			if user == "dbo" {
				dbs = append(dbs, exec.Row{nv(l.Name), nv(d.name), nv("db_owner"), types.NewString(types.Char, "MemberOf")})
				continue
			}
			for _, m := range cat.RoleMembers {
				if strings.EqualFold(m.Member, user) {
					dbs = append(dbs, exec.Row{nv(l.Name), nv(d.name), nv(m.Role), types.NewString(types.Char, "MemberOf")})
				}
			}
		}
		aUser := "no "
		if hasUser {
			aUser = "yes"
		}
		logins = append(logins, exec.Row{nv(l.Name), types.NewVarBinary(l.SID), nv(def), nv("us_english"),
			types.NewString(types.Char, aUser+"  "), types.NewString(types.Char, "no     ")})
	}
	if err := exec.SendRows(s, out, []exec.ResultColumn{rc("LoginName", tName), rc("SID", types.Type{ID: types.VarBinary, Length: 85}),
		rc("DefDBName", tName), rc("DefLangName", tName), rc("AUser", types.Type{ID: types.Char, Length: 5}),
		rc("ARemote", types.Type{ID: types.Char, Length: 7})}, logins); err != nil {
		return 1, err
	}
	return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("LoginName", tName), rc("DBName", tName), rc("UserName", tName),
		rc("UserOrAlias", types.Type{ID: types.Char, Length: 8})}, dbs)
}

func init() { exec.RegisterProc("sp_helplogins", spHelpLogins) }
