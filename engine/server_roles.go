package engine

import (
	"context"
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Fixed server roles: ALTER SERVER ROLE … ADD/DROP MEMBER,
// sp_addsrvrolemember / sp_dropsrvrolemember, sys.server_role_members and
// the roles' rows in sys.server_principals. sysadmin is the login's Sysadmin
// flag (sa's from the start); the others are listed on the login. They
// imply server permissions (engine/exec/perm.go, engine/perm.go).

// alterServerRole runs ALTER SERVER ROLE role ADD|DROP MEMBER login.
func (inst *Instance) alterServerRole(st *ast.AlterRoleStmt) error {
	role, ok := catalog.FixedServerRole(st.Name.Name)
	if !ok || role.Name == "public" || st.NewName != nil {
		return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the server role '" + st.Name.Name + "', because it does not exist or you do not have permission."}
	}
	add := st.AddMember != nil
	member := st.DropMember
	if add {
		member = st.AddMember
	}
	return inst.UpdateServer(func(srv *catalog.Server) error {
		l := srv.Login(member.Name)
		if l == nil {
			verb := "drop"
			if add {
				verb = "add"
			}
			return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot " + verb + " the principal '" + member.Name + "', because it does not exist or you do not have permission."}
		}
		if role.Name == "sysadmin" {
			if !add && l.Name == "sa" {
				return &exec.Error{Number: 15405, Severity: 11, State: 1, Message: "Cannot use the special principal 'sa'."}
			}
			l.Sysadmin = add
			return nil
		}
		i := slices.Index(l.ServerRoles, role.Name)
		switch {
		case add && i < 0:
			l.ServerRoles = append(l.ServerRoles, role.Name)
		case !add && i >= 0:
			l.ServerRoles = slices.Delete(l.ServerRoles, i, i+1)
		}
		return nil
	})
}

func init() {
	for _, p := range []string{"sp_addsrvrolemember", "sp_dropsrvrolemember"} {
		add := p == "sp_addsrvrolemember"
		exec.RegisterProc(p, func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
			login, role := exec.ArgString(args, 0, "@loginame"), exec.ArgString(args, 1, "@rolename")
			st := &ast.AlterRoleStmt{Server: true, Name: &ast.Ident{Name: role}}
			if add {
				st.AddMember = &ast.Ident{Name: login}
			} else {
				st.DropMember = &ast.Ident{Name: login}
			}
			if err := instanceOf(s).checkAdmin(s, st); err != nil { // perm.go: as ALTER SERVER ROLE
				return 1, err
			}
			if err := instanceOf(s).alterServerRole(st); err != nil {
				return 1, err
			}
			return 0, nil
		})
	}
	exec.RegisterView("sys.server_role_members", []exec.ViewColumn{col("role_principal_id", tInt), col("member_principal_id", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, l := range s.Server().ServerCatalog().Logins {
				if l.Sysadmin {
					out = append(out, exec.Row{in(3), in(int64(l.ID))})
				}
				for _, name := range l.ServerRoles {
					if r, ok := catalog.FixedServerRole(name); ok {
						out = append(out, exec.Row{in(int64(r.ID)), in(int64(l.ID))})
					}
				}
			}
			return out, nil
		})
}

// serverRoleRows are the fixed server roles' rows of sys.server_principals.
// Their create_date and modify_date are NOT NULL, as for every principal:
// the date the server's own objects carry (SystemObjectsDate).
func serverRoleRows() []exec.Row {
	var out []exec.Row
	for _, r := range catalog.FixedServerRoles {
		out = append(out, exec.Row{nv(r.Name), in(int64(r.ID)), types.NewVarBinary([]byte{byte(r.ID)}), types.NewString(types.Char, "R"),
			nv("SERVER_ROLE"), bt(false), dtv(exec.SystemObjectsDate()), dtv(exec.SystemObjectsDate()), types.Null(types.NVarChar),
			types.Null(types.NVarChar), types.Null(types.Int), in(1), bt(r.Name != "public")})
	}
	return out
}
