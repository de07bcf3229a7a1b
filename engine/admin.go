package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// admin runs the statements the instance owns: databases, logins, endpoints,
// backup and restore, mirroring options, checkpoints.
func (inst *Instance) admin(ctx context.Context, s *exec.Session, stmt ast.Statement, out exec.Output) (bool, error) {
	if err := inst.checkAdmin(s, stmt); err != nil { // perm.go
		return true, err
	}
	if err := notInUserTransaction(s, stmt); err != nil {
		return true, err
	}
	switch st := stmt.(type) {
	case *ast.CreateDatabaseStmt:
		return true, inst.createDatabase(ctx, s, st)
	case *ast.DropDatabaseStmt:
		return true, inst.dropDatabase(s, st)
	case *ast.AlterDatabaseStmt:
		return true, inst.alterDatabase(ctx, s, st, out)
	case *ast.CheckpointStmt:
		db := inst.Database(s.Database().Name())
		if db == nil {
			return true, nil
		}
		return true, db.Checkpoint(ctx)
	case *ast.DbccStmt:
		return true, inst.dbcc(ctx, s, st, out)
	case *ast.CreateLoginStmt:
		return true, inst.createLogin(ctx, s, st)
	case *ast.CreateEndpointStmt:
		return true, inst.createEndpoint(st)
	case *ast.ReconfigureStmt:
		return true, inst.reconfigure() // config.go
	case *ast.AlterRoleStmt:
		if st.Server {
			return true, inst.alterServerRole(st) // server_roles.go
		}
		return false, nil
	case *ast.GrantStmt:
		return true, inst.grant(ctx, s, st)
	case *ast.DropStmt:
		switch st.Kind {
		case ast.ObjLogin, ast.ObjEndpoint, ast.ObjCertificate, ast.ObjMasterKey:
			return true, inst.dropServerObjects(st)
		}
		return false, nil
	case *ast.CreateUserStmt, *ast.CreateMasterKeyStmt:
		if _, ok := stmt.(*ast.CreateMasterKeyStmt); ok {
			return true, inst.UpdateServer(func(s *catalog.Server) error { s.MasterKey = true; return nil })
		}
		return true, nil
	case *ast.CreateCertificateStmt:
		return true, inst.createCertificate(ctx, s, st)
	case *ast.BackupCertificateStmt:
		return true, inst.backupCertificate(ctx, s, st)
	case *ast.BackupStmt:
		return true, inst.backup(ctx, s, st, out)
	case *ast.RestoreStmt:
		return true, inst.restore(ctx, s, st, out)
	case *ast.KillStmt:
		return true, inst.kill(ctx, s, st)
	case *ast.ShutdownStmt:
		return true, &exec.Error{Number: 6109, Severity: 10, State: 1, Message: "SHUTDOWN is not allowed from a client session; stop the server process with SIGTERM."}
	}
	return false, nil
}

// notInUserTransaction refuses, as SQL Server does, the statements that
// cannot be undone with a user transaction: CREATE, ALTER and DROP DATABASE (226)
// and BACKUP or RESTORE of a database or log (3021, then 3013 from the
// statement's own wrapper). They write files and master outside any
// transaction, so running them inside one would leave them behind after a
// ROLLBACK.
func notInUserTransaction(s *exec.Session, stmt ast.Statement) error {
	if s.TranCount() == 0 {
		return nil
	}
	switch st := stmt.(type) {
	case *ast.AlterDatabaseStmt:
		return exec.ErrAlterDatabaseInTran.New() // whatever the option
	case *ast.CreateDatabaseStmt:
		return &exec.Error{Number: 226, Severity: 16, State: 5, Message: "CREATE DATABASE statement not allowed within multi-statement transaction."}
	case *ast.DropDatabaseStmt:
		// Not CREATE DATABASE's 226: SQL Server answers DROP with 574.
		return errInUserTransaction("DROP DATABASE")
	case *ast.BackupStmt:
		return terminatingAbnormally(backupWhat(st), errBackupInTransaction)
	case *ast.RestoreStmt:
		if st.Kind == ast.RestoreDatabase || st.Kind == ast.RestoreLog {
			return terminatingAbnormally(restoreWhat[st.Kind], errBackupInTransaction)
		}
	case *ast.CreateEndpointStmt:
		// The endpoint is in master's catalog and its listener starts or
		// stops at once: a ROLLBACK could not give a dropped mirroring
		// endpoint back ("ENDPOINT DDL statements cannot be executed inside
		// a user transaction", CREATE ENDPOINT's remarks).
		if st.Alter {
			return errInUserTransaction("ALTER ENDPOINT")
		}
		return errInUserTransaction("CREATE ENDPOINT")
	case *ast.DropStmt:
		if st.Kind == ast.ObjEndpoint {
			return errInUserTransaction("DROP ENDPOINT")
		}
	}
	return nil
}

// errInUserTransaction is 574, the error of the statements SQL Server
// refuses in a user transaction with "cannot be used inside a user
// transaction" (DROP DATABASE's is state 0 too).
// errInUserTransaction is 574: DROP DATABASE and ENDPOINT DDL inside a
// user transaction.
func errInUserTransaction(stmt string) error {
	return &exec.Error{Number: 574, Severity: 16, State: 0, Message: stmt + " statement cannot be used inside a user transaction."}
}

var errBackupInTransaction = &exec.Error{Number: 3021, Severity: 16, State: 0, Message: "Cannot perform a backup or restore operation within a transaction."}

func (inst *Instance) createDatabase(ctx context.Context, s *exec.Session, st *ast.CreateDatabaseStmt) error {
	name := st.Name.Name
	if inst.Entry(name) != nil {
		return exec.ErrDatabaseExists.New(name)
	}
	if len(name) > 128 {
		return &exec.Error{Number: 103, Severity: 15, State: 4, Message: "The identifier that starts with '" + name[:128] + "' is too long. Maximum length is 128."}
	}
	if st.SnapshotOf != nil {
		specs := make([]fileSpecName, 0, len(st.Files))
		for _, f := range st.Files {
			for _, o := range f.Options {
				if strings.EqualFold(o.Name, "NAME") {
					specs = append(specs, fileSpecName{fileOptionText(o)})
				}
			}
		}
		return inst.createSnapshot(name, specs, len(st.LogFiles), st.SnapshotOf.Name, inst.loginSID(s)) // snapshot.go; its creator owns it
	}
	files, err := createFileSettings(name, st) // dbfiles.go
	if err != nil {
		return err
	}
	coll := types.DefaultCollation
	if st.Collation != "" {
		if coll, err = types.LookupCollation(st.Collation); err != nil {
			return err // 448 Invalid collation, before anything is created
		}
	}
	_, err = inst.CreateDatabase(name, StateOnline)
	if errors.Is(err, errDatabaseExists) {
		return exec.ErrDatabaseExists.New(name)
	}
	if err != nil {
		return err
	}
	if files != nil {
		if err := inst.UpdateServer(func(sc *catalog.Server) error {
			if x := sc.Database(name); x != nil {
				x.Files = files
			}
			return nil
		}); err != nil {
			return err
		}
	}
	if coll != types.DefaultCollation {
		if err := s.SetDatabaseCollation(ctx, inst.Database(name), coll); err != nil { // exec/dbcollation.go
			return err
		}
	}
	return inst.setOwner(ctx, s, name) // perm.go: the creator is dbo
}

func (inst *Instance) dropDatabase(s *exec.Session, st *ast.DropDatabaseStmt) error {
	for _, n := range st.Names {
		e := inst.Entry(n.Name)
		if e == nil {
			if st.IfExists {
				continue
			}
			return exec.ErrDropDatabaseMissing.New(n.Name)
		}
		if e.System {
			return &exec.Error{Number: 3708, Severity: 16, State: 1, Message: "Cannot drop the database '" + e.Name + "' because it is a system database."}
		}
		if e.SnapshotOf != 0 {
			if strings.EqualFold(s.Database().Name(), e.Name) {
				return exec.ErrDatabaseInUse.New(e.Name)
			}
			if err := inst.dropSnapshot(e); err != nil { // snapshot.go
				return err
			}
			continue
		}
		if inst.mirroringStatus(e.Name) {
			return &exec.Error{Number: 3743, Severity: 16, State: 1, Message: "The database '" + e.Name + "' is enabled for database mirroring. Database mirroring must be removed before you drop the database."}
		}
		if snaps := inst.snapshotsOf(e.ID); len(snaps) > 0 {
			return &exec.Error{Number: 3709, Severity: 16, State: 1, Message: "Cannot drop the database while the database snapshot \"" + snaps[0] + "\" refers to it. Drop that database first."}
		}
		if strings.EqualFold(s.Database().Name(), e.Name) || inst.databaseInUse(e.Name, s.SPID) {
			return exec.ErrDatabaseInUse.New(e.Name)
		}
		if err := inst.DropDatabase(e.Name); err != nil {
			return err
		}
	}
	return nil
}

func (inst *Instance) databaseInUse(name string, except int32) bool {
	used := false
	inst.sessions.Range(func(_, v any) bool {
		s := v.(*Session)
		if s.SPID != except && strings.EqualFold(s.Published().Database, name) {
			used = true
		}
		return !used
	})
	return used
}

// killSessionsIn ends the sessions using a database (failover, role change).
func (inst *Instance) killSessionsIn(name string) {
	inst.sessions.Range(func(_, v any) bool {
		s := v.(*Session)
		if strings.EqualFold(s.Published().Database, name) {
			if k, ok := inst.killers.Load(s.SPID); ok {
				k.(func())()
			}
		}
		return true
	})
}

// RegisterKiller records how to end a session's connection (KILL, failover).
func (inst *Instance) RegisterKiller(spid int32, kill func()) { inst.killers.Store(spid, kill) }

// UnregisterKiller forgets a session's connection.
func (inst *Instance) UnregisterKiller(spid int32) { inst.killers.Delete(spid) }

func (inst *Instance) kill(ctx context.Context, s *exec.Session, st *ast.KillStmt) error {
	c := &exec.Error{Number: 6106, Severity: 16, State: 2, Message: "Process ID " + st.Target.SQL() + " is not an active process ID."}
	var spid int32
	if _, err := fmt.Sscan(st.Target.SQL(), &spid); err != nil {
		return c
	}
	if spid == s.SPID {
		return &exec.Error{Number: 6104, Severity: 16, State: 1, Message: "Cannot use KILL to kill your own process."}
	}
	k, ok := inst.killers.Load(spid)
	if !ok {
		return c
	}
	k.(func())()
	return nil
}

// checkAlterWhileRestoring refuses ALTER DATABASE on a database that is
// RESTORING (restored WITH NORECOVERY, or a mirror) as SQL Server does —
// 5052 then 5069, whatever the option, SET ONLINE included: only RESTORE …
// WITH RECOVERY brings it online. SET PARTNER and SET WITNESS are what a
// mirror database is set up and taken out of mirroring with, and stay
// allowed.
func (inst *Instance) checkAlterWhileRestoring(e *catalog.DatabaseEntry, st *ast.AlterDatabaseStmt) error {
	state := e.State
	if db := inst.Database(e.Name); db != nil {
		state = db.State()
	}
	if state != StateRestoring {
		return nil
	}
	for _, opt := range st.Options {
		switch opt.(type) {
		case *ast.SetPartner, *ast.SetWitness:
			continue
		}
		return exec.ChainErrors([]error{&exec.Error{Number: 5052, Severity: 16, State: 1, Message: "ALTER DATABASE is not permitted while a database is in the Restoring state."}},
			&exec.Error{Number: 5069, Severity: 16, State: 1, Message: "ALTER DATABASE statement failed."})
	}
	return nil
}

func (inst *Instance) setEntryState(name, state string) error {
	return inst.UpdateServer(func(s *catalog.Server) error {
		if e := s.Database(name); e != nil {
			e.State = state
		}
		return nil
	})
}

func (inst *Instance) alterDatabase(ctx context.Context, s *exec.Session, st *ast.AlterDatabaseStmt, out exec.Output) error {
	name := s.Database().Name() // ALTER DATABASE CURRENT (Name nil)
	if st.Name != nil {
		name = st.Name.Name
	}
	e := inst.Entry(name)
	if e == nil {
		return &exec.Error{Number: 5011, Severity: 14, State: 7, Message: "User does not have permission to alter database '" + name + "', the database does not exist, or the database is not in a state that allows access checks."}
	}
	if e.SnapshotOf != 0 {
		return errOnSnapshot // snapshot.go
	}
	if err := inst.checkAlterWhileRestoring(e, st); err != nil {
		return err
	}
	for _, opt := range st.Options {
		switch o := opt.(type) {
		case *ast.SetRecovery:
			if e.System && !strings.EqualFold(e.Name, "model") && !strings.EqualFold(e.Name, "msdb") {
				return &exec.Error{Number: 5058, Severity: 16, State: 1, Message: "Option 'RECOVERY' cannot be set in database '" + e.Name + "'."}
			}
			if o.Model != "FULL" && inst.mirroringStatus(e.Name) {
				return errMirroredDatabaseOp(e.Name) // readonly.go
			}
			model := o.Model
			if err := inst.changeOptions(ctx, s, e, func(x *catalog.DatabaseOptions) { x.RecoveryModel = model }); err != nil { // dboptions.go
				return err
			}
		case *ast.SetPartner:
			if err := inst.setPartner(ctx, e, o); err != nil {
				return err
			}
		case *ast.SetWitness:
			m, err := inst.mirroringImpl()
			if err != nil {
				return err
			}
			addr := o.Address
			if o.Off {
				addr = ""
			}
			if err := m.SetWitness(ctx, e.Name, addr); err != nil {
				return err
			}
		case *ast.SetDBState:
			if err := inst.setDBState(ctx, s, e, st, strings.ToUpper(o.State), out); err != nil { // dbstate.go
				return err
			}
		case *ast.SetDBOption:
			if err := inst.setDatabaseOption(ctx, s, e, o); err != nil { // dboptions.go
				return err
			}
		case *ast.CollateDB:
			if err := inst.alterCollation(ctx, s, e, o.Collation, out); err != nil {
				return err
			}
		case *ast.ModifyFile:
			if err := inst.modifyFile(e, o); err != nil { // dbfiles.go
				return err
			}
		case *ast.AddFile:
			what := "ALTER DATABASE … ADD FILE"
			switch {
			case o.Remove != nil:
				what = "ALTER DATABASE … REMOVE FILE"
			case o.Log:
				what = "ALTER DATABASE … ADD LOG FILE"
			}
			return exec.ErrNotSupported.New(what + " (a database keeps its rows in one store and its log in one segmented log that grows by itself)")
		case *ast.ModifyName:
			return inst.renameDatabase(s, e, o.NewName.Name, out) // rename.go
		}
	}
	return nil
}

var partnerCommands = map[ast.PartnerAction]string{
	ast.PartnerFailover: "FAILOVER", ast.PartnerForceService: "FORCE_SERVICE_ALLOW_DATA_LOSS", ast.PartnerOff: "OFF",
	ast.PartnerResume: "RESUME", ast.PartnerSuspend: "SUSPEND", ast.PartnerSafetyFull: "SAFETY FULL",
	ast.PartnerSafetyOff: "SAFETY OFF", ast.PartnerTimeout: "TIMEOUT",
}

func (inst *Instance) setPartner(ctx context.Context, e *catalog.DatabaseEntry, o *ast.SetPartner) error {
	if e.System {
		return &exec.Error{Number: 1465, Severity: 16, State: 1, Message: "Database \"" + e.Name + "\" database is not in full recovery mode on each of the server instances. The full recovery model is required for a database to participate in database mirroring or in an availability group."}
	}
	m, err := inst.mirroringImpl()
	if err != nil {
		return err
	}
	if o.Action == ast.PartnerAddress {
		if entryReadOnly(e) {
			return errReadOnlyMirror(e.Name) // readonly.go
		}
		return m.SetPartner(ctx, e.Name, o.Address)
	}
	return m.PartnerCommand(ctx, e.Name, partnerCommands[o.Action], o.Timeout)
}

// errEndpointTransportChange is SQL Server's refusal of an ALTER ENDPOINT that
// names another transport (AS HTTP) or payload (FOR TSQL, …) than the
// endpoint's.
var errEndpointTransportChange = &exec.Error{Number: 7860, Severity: 15, State: 1, Message: "An endpoint's transport or content cannot be changed through the ALTER ENDPOINT statement. Use DROP ENDPOINT and execute the CREATE ENDPOINT statement to make these changes."}

// endpointNotServed is the error of a CREATE ENDPOINT this server cannot
// serve: SQL Server's FOR SERVICE_BROKER and FOR TSQL endpoints parse, and
// get 40508 naming what is not supported.
func endpointNotServed(st *ast.CreateEndpointStmt) error {
	switch {
	case st.Payload != "" && st.Payload != "DATABASE_MIRRORING":
		return exec.ErrNotSupported.New("CREATE ENDPOINT FOR " + st.Payload)
	case st.Payload == "":
		return exec.ErrNotSupported.New("Endpoints other than FOR DATABASE_MIRRORING")
	}
	return nil
}

func (inst *Instance) createEndpoint(st *ast.CreateEndpointStmt) error {
	var ep *catalog.Endpoint
	err := inst.UpdateServer(func(srv *catalog.Server) error {
		cur := srv.Endpoint()
		if st.Alter {
			if cur == nil || !strings.EqualFold(cur.Name, st.Name.Name) {
				return &exec.Error{Number: 7609, Severity: 16, State: 1, Message: "Cannot alter the endpoint '" + st.Name.Name + "', because it does not exist or you do not have permission."}
			}
			if (st.Protocol != "" && st.Protocol != "TCP") || (st.Payload != "" && st.Payload != "DATABASE_MIRRORING") {
				return errEndpointTransportChange
			}
			if st.State == "" && st.ListenerPort == 0 && st.ListenerIP == "" && st.Role == "" && st.Authentication == "" &&
				st.Certificate == nil && st.Encryption == "" && st.Algorithm == "" {
				return &exec.Error{Number: 7863, Severity: 16, State: 1, Message: "The endpoint was not changed. The ALTER ENDPOINT statement did not contain any values to modify or update."}
			}
		} else {
			// Only mirroring endpoints are served: another payload or
			// transport is refused for what it is, before 7862 (which is
			// about a second endpoint of the same type).
			if err := endpointNotServed(st); err != nil {
				return err
			}
			if cur != nil {
				// SQL Server's text, its double spaces included.
				return &exec.Error{Number: 7862, Severity: 16, State: 1, Message: "An endpoint of the requested type already exists.  Only one endpoint of this type is supported.  Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement."}
			}
			cur = &catalog.Endpoint{ID: 65536, Name: st.Name.Name, State: "STOPPED", IP: "ALL", Role: "PARTNER",
				Authentication: "NEGOTIATE", Encryption: "REQUIRED", Algorithm: "AES", Owner: "sa", Created: time.Now().UTC()}
			srv.Endpoints = []*catalog.Endpoint{cur}
		}
		if st.State != "" {
			cur.State = strings.ToUpper(st.State)
		}
		if st.ListenerPort != 0 {
			cur.Port = st.ListenerPort
		}
		if st.ListenerIP != "" {
			cur.IP = st.ListenerIP
		}
		if st.Role != "" {
			cur.Role = strings.ToUpper(st.Role)
		}
		if st.Authentication != "" {
			cur.Authentication = strings.ToUpper(st.Authentication)
		}
		if st.Certificate != nil {
			cur.Certificate = st.Certificate.Name
		}
		if st.Encryption != "" {
			// A new ENCRYPTION clause replaces the old one whole: without
			// ALGORITHM it is AES, the default.
			cur.Encryption, cur.Algorithm = strings.ToUpper(st.Encryption), "AES"
		}
		if st.Algorithm != "" {
			cur.Algorithm = strings.ToUpper(st.Algorithm)
		}
		if _, err := inst.endpointSpec(srv, cur); err != nil {
			return err // the certificate of AUTHENTICATION = CERTIFICATE is missing or unusable
		}
		c := *cur
		ep = &c
		return nil
	})
	if err != nil {
		return err
	}
	return inst.applyEndpoint(ep)
}

// applyEndpoint starts or stops the mirroring listener as the endpoint says.
func (inst *Instance) applyEndpoint(ep *catalog.Endpoint) error {
	m, err := inst.mirroringImpl()
	if err != nil {
		return nil // no mirroring in this process (tests of the engine alone)
	}
	if ep == nil || ep.State != "STARTED" {
		return m.StopEndpoint()
	}
	spec, err := inst.endpointSpec(inst.Server(), ep)
	if err != nil {
		return err
	}
	return m.StartEndpoint(spec)
}

// StartEndpoints starts the persisted mirroring endpoint (at boot).
func (inst *Instance) StartEndpoints() error {
	return inst.applyEndpoint(inst.Server().Endpoint())
}

// grant runs GRANT, DENY and REVOKE: CONNECT on the mirroring endpoint
// here, server permissions in the server catalog (perm.go), everything else
// in the current database's catalog (engine/exec/perm_grant.go).
func (inst *Instance) grant(ctx context.Context, s *exec.Session, st *ast.GrantStmt) error {
	if isServerGrant(st) {
		return inst.grantServer(s, st)
	}
	if !strings.EqualFold(st.Class, "ENDPOINT") || st.On == nil {
		return s.GrantDatabase(ctx, st)
	}
	// An endpoint is a server securable: its permissions, like CONNECT SQL's,
	// are granted in master only (4621 before the endpoint is even looked up).
	if !strings.EqualFold(s.Database().Name(), "master") {
		return errServerScopeGrant()
	}
	return inst.UpdateServer(func(srv *catalog.Server) error {
		ep := srv.Endpoint()
		if ep == nil || !strings.EqualFold(ep.Name, st.On.Last()) {
			return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the endpoint '" + st.On.Last() + "', because it does not exist or you do not have permission."}
		}
		for _, p := range st.Principals {
			// The grantee must be a server principal (the Windows
			// example's service-account login "already exists in master");
			// before, a missing one became a grant to principal_id 0.
			if serverPrincipalID(srv, p.Name) == 0 { // perm.go
				return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the login '" + p.Name + "', because it does not exist or you do not have permission."}
			}
			switch st.Kind {
			case ast.Grant:
				if !slices.ContainsFunc(ep.ConnectGrants, func(g string) bool { return strings.EqualFold(g, p.Name) }) {
					ep.ConnectGrants = append(ep.ConnectGrants, p.Name) // once, as sys.server_permissions lists it
				}
			default:
				out := ep.ConnectGrants[:0]
				for _, g := range ep.ConnectGrants {
					if !strings.EqualFold(g, p.Name) {
						out = append(out, g)
					}
				}
				ep.ConnectGrants = out
			}
		}
		return nil
	})
}

func (inst *Instance) dropServerObjects(st *ast.DropStmt) error {
	var stopEndpoint bool
	err := inst.UpdateServer(func(srv *catalog.Server) error {
		for _, n := range st.Names {
			name := n.Last()
			switch st.Kind {
			case ast.ObjLogin:
				found := false
				for i, l := range srv.Logins {
					if strings.EqualFold(l.Name, name) {
						if l.Name == "sa" {
							return &exec.Error{Number: 15405, Severity: 11, State: 1, Message: "Cannot use the special principal 'sa'."}
						}
						if srv.DatabasesOwnedBy(l.SID) { // owner.go
							return errLoginOwnsDatabase(l.Name)
						}
						srv.Logins = append(srv.Logins[:i], srv.Logins[i+1:]...)
						// Its server permissions go with it (CONNECT SQL
						// included): a new login of the same name starts
						// with its own, not the old one's DENY.
						srv.Permissions = catalog.DropPermissionsOf(srv.Permissions, l.Name)
						found = true
						break
					}
				}
				if !found && !st.IfExists {
					return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the login '" + name + "', because it does not exist or you do not have permission."}
				}
			case ast.ObjEndpoint:
				if ep := srv.Endpoint(); ep != nil && strings.EqualFold(ep.Name, name) {
					srv.Endpoints = nil
					stopEndpoint = true
				} else if !st.IfExists {
					return &exec.Error{Number: 7607, Severity: 16, State: 1, Message: "Cannot drop the endpoint '" + name + "', because it does not exist or you do not have permission."}
				}
			case ast.ObjCertificate:
				for i, c := range srv.Certificates {
					if strings.EqualFold(c.Name, name) {
						srv.Certificates = append(srv.Certificates[:i], srv.Certificates[i+1:]...)
						break
					}
				}
			case ast.ObjMasterKey:
				srv.MasterKey = false
			}
		}
		return nil
	})
	if err == nil && stopEndpoint {
		return inst.applyEndpoint(nil)
	}
	return err
}

func (inst *Instance) dbcc(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) error {
	switch strings.ToUpper(st.Command) {
	case "SQLPERF":
		if handled, err := inst.dbccSQLPerf(ctx, s, st, out); handled { // waitstats_clear.go: CLEAR
			return err
		}
		cols := []exec.ResultColumn{{Name: "Database Name", Type: types.NVarCharType(128)}, {Name: "Log Size (MB)", Type: types.TypeFloat},
			{Name: "Log Space Used (%)", Type: types.TypeFloat}, {Name: "Status", Type: types.TypeInt}}
		var rows []exec.Row
		for _, db := range inst.Databases() {
			size, used := db.LogSpace()
			pct := 0.0
			if size > 0 {
				pct = 100 * float64(used) / float64(size)
			}
			rows = append(rows, exec.Row{types.NewNVarChar(db.Name()), types.NewFloat(float64(size) / (1 << 20)), types.NewFloat(pct), types.NewInt(0)})
		}
		return exec.SendRows(s, out, cols, rows)
	case "CHECKDB", "CHECKTABLE", "CHECKALLOC", "CHECKCATALOG":
		return inst.dbccCheck(ctx, s, st, out) // dbcc_check.go
	case "SHOW_STATISTICS":
		return s.ShowStatistics(ctx, st, out) // exec/stats_histogram.go
	case "LOGINFO":
		return inst.dbccLogInfo(ctx, s, st, out) // dmv_io.go
	case "FREEPROCCACHE", "FREESYSTEMCACHE":
		exec.FreeProcCache(s) // exec/dmv_plancache.go
		return out.Message(msgDBCCDone)
	case "DROPCLEANBUFFERS", "SHRINKFILE", "SHRINKDATABASE", "TRACEON", "TRACEOFF":
		return out.Message(&exec.Error{Number: 2528, Severity: 10, State: 1, Message: "DBCC execution completed. If DBCC printed error messages, contact your system administrator."})
	case "USEROPTIONS":
		o := s.Opts
		onOff := func(b bool) string {
			if b {
				return "SET"
			}
			return ""
		}
		// The rows SQL Server lists, in its order, one per option that is
		// SET; the same bits as @@OPTIONS.
		bits := o.OptionBits()
		iso := strings.ToLower(o.Isolation.String())
		rows := []exec.Row{
			{types.NewNVarChar("textsize"), types.NewNVarChar(fmt.Sprint(o.TextSize))},
			{types.NewNVarChar("language"), types.NewNVarChar(o.Language)},
			{types.NewNVarChar("dateformat"), types.NewNVarChar(o.DateFormat.String())},
			{types.NewNVarChar("datefirst"), types.NewNVarChar(fmt.Sprint(o.DateFirst))},
			{types.NewNVarChar("lock_timeout"), types.NewNVarChar(fmt.Sprint(o.LockTimeout))},
			{types.NewNVarChar("quoted_identifier"), types.NewNVarChar(onOff(o.QuotedIdentifier))},
			{types.NewNVarChar("arithabort"), types.NewNVarChar(onOff(bits&64 != 0))},
			{types.NewNVarChar("ansi_null_dflt_on"), types.NewNVarChar(onOff(bits&1024 != 0))},
			{types.NewNVarChar("ansi_warnings"), types.NewNVarChar(onOff(bits&8 != 0))},
			{types.NewNVarChar("ansi_padding"), types.NewNVarChar(onOff(bits&16 != 0))},
			{types.NewNVarChar("ansi_nulls"), types.NewNVarChar(onOff(o.AnsiNulls))},
			{types.NewNVarChar("concat_null_yields_null"), types.NewNVarChar(onOff(o.ConcatNullYieldsNull))},
			{types.NewNVarChar("isolation level"), types.NewNVarChar(iso)},
		}
		if o.XactAbort {
			rows = append(rows, exec.Row{types.NewNVarChar("xact_abort"), types.NewNVarChar("SET")})
		}
		var out2 []exec.Row
		for _, r := range rows {
			if r[1].Str() != "" {
				out2 = append(out2, r)
			}
		}
		return exec.SendRows(s, out, []exec.ResultColumn{{Name: "Set Option", Type: types.NVarCharType(128)}, {Name: "Value", Type: types.NVarCharType(128)}}, out2)
	case "CHECKIDENT":
		return s.CheckIdent(ctx, st, out) // exec/checkident.go
	case "DBREINDEX":
		return s.DbReindex(ctx, st, out) // exec/dbreindex.go
	case "OPENTRAN":
		return inst.dbccOpenTran(ctx, s, st, out) // dbcc_sessions.go
	case "INPUTBUFFER":
		return inst.dbccInputBuffer(ctx, s, st, out)
	}
	if handled, err := inst.dbccDBA(ctx, s, st, out); handled { // dba_dbcc.go
		return err
	}
	return &exec.Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
}

// LogSpace reports the log's retained size and the part still needed, in bytes.
func (db *Database) LogSpace() (size, used int64) {
	end := int64(db.log.DurableEnd())
	start := int64(db.log.RetainedFrom())
	size = end - start
	if size < 1<<20 {
		size = 1 << 20
	}
	return size, end - start
}

// alterCollation is ALTER DATABASE … COLLATE: the database's default
// collation for the columns declared from now on (exec/dbcollation.go), and
// the collation of its metadata (catalog views' names), literals and
// variables. Existing columns keep theirs, as in SQL Server. System
// databases keep the server's. As in SQL Server the database must be the
// session's alone (5030) and nothing may depend on its collation (5075:
// schema-bound modules, CHECK constraints, computed columns); either is
// followed by 5072, the error the statement ends with. The change is a
// catalog change in the session's transaction, logged with it, so a
// restart, the mirror's redo and a RESTORE follow it.
func (inst *Instance) alterCollation(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, name string, out exec.Output) error {
	coll, err := types.LookupCollation(name)
	if err != nil {
		return err
	}
	if e.System {
		return &exec.Error{Number: 3708, Severity: 16, State: 1, Message: "Cannot alter the database '" + e.Name + "' because it is a system database."}
	}
	db := inst.Database(e.Name)
	if db == nil {
		return errDatabaseOffline(e.Name)
	}
	failed := func(cause *exec.Error) error {
		if err := out.Error(cause); err != nil {
			return err
		}
		return &exec.Error{Number: 5072, Severity: 16, State: 1, Message: "ALTER DATABASE failed. The default collation of database '" + e.Name + "' cannot be set to " + coll.Name() + "."}
	}
	// Entries (USE, logins, multi-part names) wait while the database is
	// counted and changed (useraccess.go), as for a rename.
	g := &inst.access
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(inst.sessionsIn(e, s.SPID, nil)) > 0 {
		return failed(&exec.Error{Number: 5030, Severity: 16, State: 5, Message: "The database could not be exclusively locked to perform the operation."})
	}
	if dep := s.CollationDependent(db); dep != nil {
		return failed(dep)
	}
	err = s.SetDatabaseCollation(ctx, db, coll)
	if dup, ok := err.(*exec.Error); ok && dup.Number == 1505 { // two names made one (T and t)
		return failed(dup)
	}
	return err
}
