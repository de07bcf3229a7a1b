package exec

import (
	"bytes"
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A database's owner is kept by SID, twice, as SQL Server keeps it:
//
//   - master's record, sys.databases.owner_sid (catalog.DatabaseEntry.
//     OwnerSID): the creating login's SID at CREATE DATABASE, the restoring
//     login's at RESTORE (so a mirror database's is whoever restored it on
//     the mirror server, before and after a failover);
//   - the database's own record, dbo's SID in sys.database_principals
//     (catalog.Database.OwnerSID): it is in the catalog, so it comes with
//     a backup and travels to the mirror with the log.
//
// ALTER AUTHORIZATION ON DATABASE and sp_changedbowner set both (master's
// when the transaction commits: recordOwners). The login with either SID
// is dbo in the database; a login dropped and made again under the same
// name gets a new SID and owns nothing, until CREATE LOGIN … WITH SID =
// gives it the old one back.

// DatabaseOwner is the owning login of the database whose master entry is
// e, as sys.databases.owner_sid and sp_helpdb show it: the login's name,
// "" when no login here has the SID (sp_helpdb's ~~UNKNOWN~~), and the SID.
func DatabaseOwner(srv *catalog.Server, e *catalog.DatabaseEntry) (name string, sid []byte) {
	sid = e.Owner()
	if l := srv.LoginBySID(sid); l != nil {
		return l.Name, sid
	}
	return "", sid
}

// IsDatabaseOwner reports whether login l owns database dbName (whose
// catalog is cat): its SID is master's owner_sid for the database or dbo's
// SID in the database. A nil l (no such login) owns nothing.
func IsDatabaseOwner(srv *catalog.Server, l *catalog.Login, dbName string, cat *catalog.Database) bool {
	if l == nil {
		return false
	}
	if bytes.Equal(l.SID, cat.DboSID()) {
		return true
	}
	e := srv.Database(dbName)
	return e != nil && bytes.Equal(l.SID, e.Owner())
}

// dboLogin is the login dbo is in cat (its SID's), nil when no login here
// has that SID: the database came from an instance where its owner's login
// had a SID this one does not know.
func dboLogin(srv *catalog.Server, cat *catalog.Database) *catalog.Login {
	return srv.LoginBySID(cat.DboSID())
}

// SetDatabaseOwner makes the login with sid db's owner, in the database's
// catalog now and in master's entry when the session's transaction
// commits (CREATE DATABASE: the creator owns the database).
func (s *Session) SetDatabaseOwner(ctx context.Context, db Database, sid []byte) error {
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	cat.SetDboSID(sid)
	s.tx.dbTx(db).owner = bytes.Clone(sid)
	return nil
}

// recordOwners gives master's entries the owners the committed
// transaction gave their databases (dbTxn.owner).
func (s *Session) recordOwners(dbs []*dbTxn) error {
	changed := false
	for _, d := range dbs {
		changed = changed || d.owner != nil
	}
	if !changed {
		return nil
	}
	return s.srv.UpdateServer(func(srv *catalog.Server) error {
		for _, d := range dbs {
			if e := srv.Database(d.db.Name()); e != nil && d.owner != nil {
				e.OwnerSID = d.owner
			}
		}
		return nil
	})
}

// alterAuthorizationDatabase is ALTER AUTHORIZATION ON DATABASE::d TO
// login: the login becomes the database's owner (dbo there). A login that
// already has a user in the database cannot (15110), as SQL Server says.
func (s *Session) alterAuthorizationDatabase(ctx context.Context, st *ast.AlterAuthorizationStmt) error {
	db, err := s.resolveDatabase(st.Object.Last())
	if err != nil {
		return err
	}
	return s.changeDatabaseOwner(ctx, db, st.Principal.Name)
}

// changeDatabaseOwner is ALTER AUTHORIZATION ON DATABASE's and
// sp_changedbowner's change: name must be a login (15151), the caller a
// sysadmin or the database's owner (15151 for the database otherwise), and
// the login no user of the database already (15110).
func (s *Session) changeDatabaseOwner(ctx context.Context, db Database, name string) error {
	srv := s.srv.ServerCatalog()
	login := srv.Login(name)
	if login == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the principal '" + name + "', because it does not exist or you do not have permission."}
	}
	committed := s.catalogFor(db)
	if !s.Sysadmin() && !IsDatabaseOwner(srv, srv.Login(s.Login), db.Name(), committed) {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the database '" + db.Name() + "', because it does not exist or you do not have permission."}
	}
	if u := committed.UserFor(login); u != nil {
		return &Error{Number: 15110, Severity: 16, State: 1, Message: "The proposed new database owner is already a user or aliased in the database."}
	}
	return s.SetDatabaseOwner(ctx, db, login.SID)
}

// sp_changedbowner [@loginame =] 'login' [, [@map =] flag]: the current
// database's owner becomes login, as ALTER AUTHORIZATION ON DATABASE does
// (SQL Server's procedure runs it); a NULL login changes nothing, and
// @map is accepted and ignored, as it has been since SQL Server 2005.
// Without @loginame the call is 201 (sysprocs_params.go).
func spChangeDBOwner(ctx context.Context, s *Session, args []*ProcArg, _ Output) (int32, error) {
	if v, _ := argValue(args, 0, "@loginame"); v.IsNull() {
		return 0, nil
	}
	name := ArgString(args, 0, "@loginame")
	if err := s.changeDatabaseOwner(ctx, s.db, strings.TrimSpace(name)); err != nil {
		return 1, err
	}
	return 0, nil
}

func init() { RegisterProc("sp_changedbowner", spChangeDBOwner) }
