package engine

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.server_principals and sys.sql_logins: the logins with their SIDs
// and, for SQL logins, the password hash and policy flags sp_help_revlogin
// and login audits read.

var sidCol = types.Type{ID: types.VarBinary, Length: 85}

// serverPrincipalCols are sys.server_principals' columns, which
// sys.sql_logins begins with.
func serverPrincipalCols() []exec.ViewColumn {
	return []exec.ViewColumn{col("name", tName), col("principal_id", tInt), col("sid", sidCol),
		col("type", types.Type{ID: types.Char, Length: 1}), col("type_desc", tDesc), col("is_disabled", tBit),
		col("create_date", tDateTime), col("modify_date", tDateTime), col("default_database_name", tName),
		col("default_language_name", tName), col("credential_id", tInt), col("owning_principal_id", tInt), col("is_fixed_role", tBit)}
}

// serverPrincipalRow is a login's row of sys.server_principals.
func serverPrincipalRow(l *catalog.Login) exec.Row {
	typ, desc := "S", "SQL_LOGIN"
	switch {
	case l.Certificate != "":
		typ, desc = "C", "CERTIFICATE_MAPPED_LOGIN"
	case l.Windows:
		typ, desc = "U", "WINDOWS_LOGIN"
	}
	def := l.DefaultDB
	if def == "" {
		def = "master"
	}
	modified := l.Created
	if l.PasswordSet.After(modified) {
		modified = l.PasswordSet
	}
	return exec.Row{nv(l.Name), in(int64(l.ID)), types.NewVarBinary(l.SID), types.NewString(types.Char, typ), nv(desc),
		bt(l.Disabled), dtv(l.Created), dtv(modified), nv(def), nv("us_english"), types.Null(types.Int), types.Null(types.Int), bt(false)}
}

func registerLoginViews() {
	exec.RegisterView("sys.server_principals", serverPrincipalCols(),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, l := range s.Server().ServerCatalog().Logins {
				out = append(out, serverPrincipalRow(l))
			}
			return append(out, serverRoleRows()...), nil // server_roles.go
		})
	sqlLoginCols := append(serverPrincipalCols(), col("is_policy_checked", tBit), col("is_expiration_checked", tBit),
		col("password_hash", types.Type{ID: types.VarBinary, Length: 256}))
	exec.RegisterView("sys.sql_logins", sqlLoginCols,
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			seeHashes := s.HasServerPermission("CONTROL SERVER") // as SQL Server: NULL for others
			for _, l := range s.Server().ServerCatalog().Logins {
				if l.Certificate != "" || l.Windows {
					continue // sys.sql_logins has SQL logins only
				}
				hash := types.Null(types.VarBinary)
				if seeHashes && catalog.ValidPasswordHash(l.PasswordHash) {
					hash = types.NewVarBinary(l.PasswordHash)
				}
				out = append(out, append(serverPrincipalRow(l), bt(l.CheckPolicy), bt(l.CheckExpiration), hash))
			}
			return out, nil
		})
}
