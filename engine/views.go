package engine

import (
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// instanceOf recovers the engine instance behind an executor session.
func instanceOf(s *exec.Session) *Instance {
	if es, ok := s.Server().(execServer); ok {
		return es.inst
	}
	return nil
}

var (
	tInt      = types.TypeInt
	tSmallInt = types.TypeSmallInt
	tTinyInt  = types.TypeTinyInt
	tBigInt   = types.TypeBigInt
	tBit      = types.TypeBit
	tName     = types.NVarCharType(128)
	tDesc     = types.NVarCharType(60)
	tDateTime = types.TypeDateTime
	tNumeric  = types.DecimalType(25, 0)
	tGUID     = types.TypeUUID
)

func nv(s string) types.Value { return types.NewNVarChar(s) }
func in(n int64) types.Value  { return types.NewInt(int32(n)) }
func ti(n int64) types.Value  { return types.NewTinyInt(uint8(n)) }
func bt(b bool) types.Value   { return types.NewBit(b) }
func nullOf(t types.Type) types.Value {
	return types.Null(t.ID)
}
func dtv(t time.Time) types.Value {
	if t.IsZero() {
		return types.Null(types.DateTime)
	}
	v, _ := types.FromTime(t.UTC(), types.TypeDateTime)
	return v
}
func lsnValue(l txlog.LSN) types.Value {
	v, err := types.ParseNumericLiteral(l.Numeric().String())
	if err != nil {
		return types.Null(types.Decimal)
	}
	c, err := types.Convert(v, tNumeric, 0)
	if err != nil {
		return types.Null(types.Decimal)
	}
	return c
}
func guidValue(s string) types.Value {
	v, err := types.Convert(types.NewVarChar(s), tGUID, 0)
	if err != nil {
		return types.Null(types.UniqueIdentifier)
	}
	return v
}

var stateCodes = map[string]int64{"ONLINE": 0, "RESTORING": 1, "RECOVERING": 2, "RECOVERY_PENDING": 3, "SUSPECT": 4, "EMERGENCY": 5, "OFFLINE": 6}
var recoveryCodes = map[string]int64{"FULL": 1, "BULK_LOGGED": 2, "SIMPLE": 3}
var reuseCodes = map[string]int64{"NOTHING": 0, "CHECKPOINT": 1, "LOG_BACKUP": 2, "ACTIVE_BACKUP_OR_RESTORE": 3, "ACTIVE_TRANSACTION": 4, "DATABASE_MIRRORING": 5}

func col(name string, t types.Type) exec.ViewColumn { return exec.ViewColumn{Name: name, Type: t} }

func init() {
	exec.RegisterView("sys.database_mirroring", []exec.ViewColumn{
		col("database_id", tInt), col("mirroring_guid", tGUID), col("mirroring_state", tTinyInt), col("mirroring_state_desc", tDesc),
		col("mirroring_role", tTinyInt), col("mirroring_role_desc", tDesc), col("mirroring_role_sequence", tInt),
		col("mirroring_safety_level", tTinyInt), col("mirroring_safety_level_desc", tDesc), col("mirroring_safety_sequence", tInt),
		col("mirroring_partner_name", tName), col("mirroring_partner_instance", tName), col("mirroring_witness_name", tName),
		col("mirroring_witness_state", tTinyInt), col("mirroring_witness_state_desc", tDesc), col("mirroring_failover_lsn", tNumeric),
		col("mirroring_connection_timeout", tInt), col("mirroring_redo_queue", tInt), col("mirroring_redo_queue_type", tDesc),
		col("mirroring_end_of_log_lsn", tNumeric), col("mirroring_replication_lsn", tNumeric),
	}, func(s *exec.Session, db exec.Database) ([]exec.Row, error) {
		inst := instanceOf(s)
		var out []exec.Row
		for _, d := range s.Server().DatabaseList() {
			var st MirroringStatus
			ok := false
			if inst != nil {
				if m, err := inst.mirroringImpl(); err == nil {
					st, ok = m.Status(d.Entry.Name)
				}
			}
			if !ok {
				row := exec.Row{in(int64(d.Entry.ID))}
				for i := 0; i < 20; i++ {
					row = append(row, types.Value{})
				}
				out = append(out, row)
				continue
			}
			witness, wstate, wdesc := nullOf(tName), nullOf(tTinyInt), nullOf(tDesc)
			if st.WitnessName != "" {
				witness, wstate, wdesc = nv(st.WitnessName), ti(int64(st.WitnessState)), nv(st.WitnessStateDesc)
			}
			redoType := nv("UNLIMITED")
			if d.State != StateOnline && d.State != StateRestoring {
				redoType = nullOf(tDesc)
			}
			out = append(out, exec.Row{in(int64(d.Entry.ID)), guidValue(st.GUID), ti(int64(st.State)), nv(st.StateDesc),
				ti(int64(st.Role)), nv(st.RoleDesc), in(st.RoleSequence), ti(int64(st.SafetyLevel)), nv(st.SafetyLevelDesc),
				in(st.SafetySequence), nv(st.PartnerName), nv(st.PartnerInstance), witness, wstate, wdesc, lsnValue(st.FailoverLSN),
				in(int64(st.ConnectionTimeout)), nullOf(tInt), redoType, lsnValue(st.EndOfLogLSN), lsnValue(st.ReplicationLSN)})
		}
		return out, nil
	})

	endpointCols := []exec.ViewColumn{col("name", tName), col("endpoint_id", tInt), col("principal_id", tInt), col("protocol", tTinyInt),
		col("protocol_desc", tDesc), col("type", tTinyInt), col("type_desc", tDesc), col("state", tTinyInt), col("state_desc", tDesc),
		col("is_admin_endpoint", tBit)}
	// systemEndpoints are the five TSQL endpoints SQL Server creates at
	// setup, one per protocol that accepts TDS plus the dedicated admin
	// connection's (ids below 65536; they cannot be dropped). DBA scripts
	// tell them from user endpoints by endpoint_id or type_desc.
	systemEndpoints := []struct {
		name, proto   string
		id, protoCode int64
		admin         bool
	}{
		{"Dedicated Admin Connection", "TCP", 1, 2, true},
		{"TSQL Local Machine", "SHARED_MEMORY", 2, 4, false},
		{"TSQL Named Pipes", "NAMED_PIPES", 3, 3, false},
		{"TSQL Default TCP", "TCP", 4, 2, false},
		{"TSQL Default VIA", "VIA", 5, 5, false},
	}
	// endpointRows lists the endpoints, the system ones when system (only
	// those of protocol proto when it is not ""), then the mirroring one.
	endpointRows := func(s *exec.Session, system bool, proto string) []exec.Row {
		var out []exec.Row
		for _, e := range systemEndpoints {
			if system && (proto == "" || e.proto == proto) {
				out = append(out, exec.Row{nv(e.name), in(e.id), in(1), ti(e.protoCode), nv(e.proto), ti(2), nv("TSQL"), ti(0), nv("STARTED"), bt(e.admin)})
			}
		}
		if ep := s.Server().ServerCatalog().Endpoint(); ep != nil {
			st := map[string]int64{"STARTED": 0, "STOPPED": 1, "DISABLED": 2}[ep.State]
			out = append(out, exec.Row{nv(ep.Name), in(int64(ep.ID)), in(1), ti(2), nv("TCP"), ti(4), nv("DATABASE_MIRRORING"), ti(st), nv(ep.State), bt(false)})
		}
		return out
	}
	exec.RegisterView("sys.endpoints", endpointCols, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		return endpointRows(s, true, ""), nil
	})
	exec.RegisterView("sys.tcp_endpoints", append(append([]exec.ViewColumn(nil), endpointCols...), col("port", tInt), col("is_dynamic_port", tBit), col("ip_address", types.NVarCharType(45))),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			rows := endpointRows(s, true, "TCP")
			ep := s.Server().ServerCatalog().Endpoint()
			for i, r := range rows {
				if ep == nil || i < len(rows)-1 {
					// The TDS listener's port is the server's configuration,
					// not the endpoint's: SQL Server shows 0, dynamic.
					rows[i] = append(r, in(0), bt(true), nullOf(tName))
					continue
				}
				ip := nullOf(tName)
				if !strings.EqualFold(ep.IP, "ALL") {
					ip = nv(ep.IP)
				}
				rows[i] = append(r, in(int64(ep.Port)), bt(false), ip)
			}
			return rows, nil
		})
	exec.RegisterView("sys.database_mirroring_endpoints", append(append([]exec.ViewColumn(nil), endpointCols...),
		col("role", tTinyInt), col("role_desc", tDesc), col("is_encryption_enabled", tBit), col("connection_auth", tTinyInt),
		col("connection_auth_desc", tDesc), col("certificate_id", tInt), col("encryption_algorithm", tTinyInt), col("encryption_algorithm_desc", tDesc)),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			rows := endpointRows(s, false, "")
			ep := s.Server().ServerCatalog().Endpoint()
			if ep == nil {
				return nil, nil
			}
			role := map[string]int64{"PARTNER": 1, "WITNESS": 2, "ALL": 3}[ep.Role]
			sec := endpointSecurityOf(s)
			rows[0] = append(rows[0], ti(role), nv(ep.Role), bt(ep.Encryption != "DISABLED"), ti(sec.auth), nv(sec.authDesc), in(sec.certID),
				ti(sec.alg), nv(sec.algDesc))
			return rows, nil
		})

	exec.RegisterView("sys.database_mirroring_witnesses", []exec.ViewColumn{
		col("database_name", tName), col("principal_server_name", tName), col("mirror_server_name", tName), col("safety_level", tTinyInt),
		col("safety_level_desc", tDesc), col("safety_sequence_number", tInt), col("role_sequence_number", tInt), col("mirroring_guid", tGUID),
		col("family_guid", tGUID), col("is_suspended", tBit), col("is_suspended_sequence_number", tInt), col("partner_sync_state", tTinyInt),
		col("partner_sync_state_desc", tDesc),
	}, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		inst := instanceOf(s)
		m, err := inst.mirroringImpl()
		if err != nil {
			return nil, nil
		}
		var out []exec.Row
		for _, w := range m.Witnessed() {
			family := nullOf(tGUID)
			if w.FamilyGUID != "" {
				family = guidValue(w.FamilyGUID)
			}
			out = append(out, exec.Row{nv(w.DatabaseName), nv(w.PrincipalName), nv(w.MirrorName), ti(int64(w.SafetyLevel)), nv(w.SafetyLevelDesc),
				in(w.SafetySequence), in(w.RoleSequence), guidValue(w.GUID), family, bt(w.Suspended), in(w.SuspendedSequence),
				ti(int64(w.PartnerSyncState)), nv(w.PartnerSyncStateDesc)})
		}
		return out, nil
	})

	registerMirroringConnections() // mirroring_views.go

	// sys.dm_exec_connections: dmv_connections.go.
	exec.RegisterView("sys.dm_tran_session_transactions", []exec.ViewColumn{col("session_id", tInt), col("transaction_id", tBigInt),
		col("is_local", tBit), col("is_user_transaction", tBit), col("open_transaction_count", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			s.Publish() // this session's own row shows its state now
			for _, si := range s.Server().SessionList() {
				if si.OpenTrans > 0 {
					out = append(out, exec.Row{in(int64(si.SPID)), types.NewBigInt(int64(si.SPID)), bt(true), bt(true), in(int64(si.OpenTrans))})
				}
			}
			if s.TranCount() > 0 && len(out) == 0 {
				out = append(out, exec.Row{in(int64(s.SPID)), types.NewBigInt(int64(s.SPID)), bt(true), bt(true), in(int64(s.TranCount()))})
			}
			return out, nil
		})
	registerLoginViews()   // login_views.go
	registerCertificates() // certificates_view.go
	exec.RegisterView("sys.dm_db_log_space_usage", []exec.ViewColumn{col("database_id", tInt), col("total_log_size_in_bytes", tBigInt),
		col("used_log_space_in_bytes", tBigInt), col("used_log_space_in_percent", types.TypeReal)},
		func(s *exec.Session, db exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			d := inst.Database(db.Name())
			if d == nil {
				return nil, nil
			}
			size, used := d.LogSpace()
			return []exec.Row{{in(int64(d.id)), types.NewBigInt(size), types.NewBigInt(used), types.NewReal(float32(100 * float64(used) / float64(size)))}}, nil
		})
	exec.RegisterView("dbo.backupset", []exec.ViewColumn{col("backup_set_id", tInt), col("media_set_id", tInt), col("name", tName), col("database_name", tName),
		col("type", types.Type{ID: types.Char, Length: 1}), col("first_lsn", tNumeric), col("last_lsn", tNumeric), col("checkpoint_lsn", tNumeric),
		col("backup_start_date", tDateTime), col("backup_finish_date", tDateTime), col("expiration_date", tDateTime), col("backup_size", types.DecimalType(20, 0)),
		col("recovery_model", tDesc), col("is_copy_only", tBit), col("server_name", tName), col("is_snapshot", tBit), col("is_damaged", tBit),
		col("compressed_backup_size", types.DecimalType(20, 0)), col("key_algorithm", types.NVarCharType(32)),
		col("encryptor_thumbprint", types.Type{ID: types.VarBinary, Length: 20}), col("encryptor_type", types.NVarCharType(32))},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			inst.historyMu.Lock()
			defer inst.historyMu.Unlock()
			var out []exec.Row
			for _, r := range inst.backupHistory {
				h := r.Header
				typ := "D"
				if h.Type == "LOG" {
					typ = "L"
				} else if h.Differential {
					typ = "I"
				}
				// backup_size is the data before compression (a version-1
				// set's file size), compressed_backup_size the file's bytes.
				size, _ := types.Convert(types.NewBigInt(max(h.EntryBytes, r.Size)), types.DecimalType(20, 0), 0)
				fileSize, _ := types.Convert(types.NewBigInt(r.Size), types.DecimalType(20, 0), 0)
				alg, thumb, encType := types.Null(types.NVarChar), types.Null(types.VarBinary), types.Null(types.NVarChar)
				if e := h.Encryption; e != nil {
					alg, thumb, encType = nv(e.Algorithm), types.NewVarBinary(e.Thumbprint), nv(e.EncryptorType)
				}
				out = append(out, exec.Row{in(r.ID), in(r.ID), nv(h.Name), nv(h.Database), types.NewString(types.Char, typ),
					lsnValue(txlog.MakeLSN(h.FirstOffset, 1)), lsnValue(txlog.MakeLSN(h.LastOffset, 1)), lsnValue(txlog.LSN(h.CheckpointLSN)),
					dtv(h.Start), dtv(h.Finish), dtv(h.Expires), size, nv(h.RecoveryModel), bt(h.CopyOnly), nv(h.ServerName),
					bt(false), bt(false), // no snapshot backups; a set is recorded only once written whole
					fileSize, alg, thumb, encType})
			}
			return out, nil
		})
}
