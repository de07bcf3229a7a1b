package engine

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// sys.dm_exec_sessions and sys.dm_tran_locks with SQL Server 2022's columns
// in its order: sp_WhoIsActive and sp_BlitzWho compile against columns from
// all over them (last_request_start_time, resource_subtype …). Columns the
// server has no figure for (reads, cpu_time, memory_usage) are 0; a
// session's SET options are shown at the defaults a TDS client session
// starts with.

// sessionOptionValues are the language … concat_null_yields_null columns
// sys.dm_exec_sessions and sys.dm_exec_requests show: the session's SET
// options as it published them after its last request (language,
// date_format, date_first, quoted_identifier, arithabort,
// ansi_null_dflt_on, ansi_defaults, ansi_warnings, ansi_padding,
// ansi_nulls, concat_null_yields_null).
func sessionOptionValues(o exec.Options) []types.Value {
	bits := o.OptionBits()
	on := func(bit int32) types.Value { return bt(bits&bit != 0) }
	lang := o.Language
	if lang == "" {
		lang = "us_english"
	}
	return []types.Value{nv(lang), nv(o.DateFormat.String()), types.NewSmallInt(int16(o.DateFirst)), on(256), on(64), on(1024),
		bt(false), on(8), on(16), on(32), on(4096)}
}

func init() {
	sid := types.Type{ID: types.VarBinary, Length: 85}
	exec.RegisterView("sys.dm_exec_sessions", []exec.ViewColumn{col("session_id", tSmallInt), col("login_time", tDateTime),
		col("host_name", tName), col("program_name", tName), col("host_process_id", tInt), col("client_version", tInt),
		col("client_interface_name", types.NVarCharType(32)), col("security_id", sid), col("login_name", tName),
		col("nt_domain", tName), col("nt_user_name", tName), col("status", types.NVarCharType(30)),
		col("context_info", types.Type{ID: types.VarBinary, Length: 128}), col("cpu_time", tInt), col("memory_usage", tInt),
		col("total_scheduled_time", tInt), col("total_elapsed_time", tInt), col("endpoint_id", tInt),
		col("last_request_start_time", tDateTime), col("last_request_end_time", tDateTime), col("reads", tBigInt),
		col("writes", tBigInt), col("logical_reads", tBigInt), col("is_user_process", tBit), col("text_size", tInt),
		col("language", tName), col("date_format", types.NVarCharType(3)), col("date_first", tSmallInt),
		col("quoted_identifier", tBit), col("arithabort", tBit), col("ansi_null_dflt_on", tBit), col("ansi_defaults", tBit),
		col("ansi_warnings", tBit), col("ansi_padding", tBit), col("ansi_nulls", tBit), col("concat_null_yields_null", tBit),
		col("transaction_isolation_level", tSmallInt), col("lock_timeout", tInt), col("deadlock_priority", tInt),
		col("row_count", tBigInt), col("prev_error", tInt), col("original_security_id", sid), col("original_login_name", tName),
		col("last_successful_logon", tDateTime), col("last_unsuccessful_logon", tDateTime), col("unsuccessful_logons", tBigInt),
		col("group_id", tInt), col("database_id", tSmallInt), col("authenticating_database_id", tInt),
		col("open_transaction_count", tInt), col("page_server_reads", tBigInt), col("contained_availability_group_id", tGUID)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			s.Publish() // this session's own row shows its state now
			for _, si := range s.Server().SessionList() {
				dbid := int64(1)
				if e := s.Server().ServerCatalog().Database(si.Database); e != nil {
					dbid = int64(e.ID)
				}
				status := si.Status
				if si.Request.Running { // requests.go: sys.dm_exec_requests has its row
					status = "running"
				}
				lastStart, lastEnd := lastRequest(si) // waiting_views.go
				elapsed := int64(0)
				if !si.LoginTime.IsZero() {
					elapsed = lastEnd.Sub(si.LoginTime).Milliseconds()
				}
				row := exec.Row{types.NewSmallInt(int16(si.SPID)), dtv(si.LoginTime), nv(si.Host), nv(si.Program), in(int64(si.ClientPID)),
					in(7), nv("TDS"), types.NewVarBinary([]byte{1}), nv(si.Login), nullOf(tName), nullOf(tName), nv(status),
					types.NewVarBinary(nil), in(0), in(0), in(0), in(min(elapsed, 1<<31-1)), in(1),
					dtv(lastStart), dtv(lastEnd), types.NewBigInt(0), types.NewBigInt(0), types.NewBigInt(0), bt(true), in(2147483647)}
				row = append(row, sessionOptionValues(si.Opts)...)
				out = append(out, append(row, types.NewSmallInt(int16(si.Isolation)), in(-1), in(0), types.NewBigInt(0), in(0), types.NewVarBinary([]byte{1}),
					nv(si.OriginalLogin), dtv(si.LoginTime), nullOf(tDateTime), types.NewBigInt(0), in(2), types.NewSmallInt(int16(dbid)),
					in(0), in(int64(si.OpenTrans)), types.NewBigInt(0), nullOf(tGUID))) // no AGs: contained_availability_group_id NULL
			}
			return out, nil
		})
	exec.RegisterView("sys.dm_tran_locks", []exec.ViewColumn{col("resource_type", tDesc), col("resource_subtype", tDesc),
		col("resource_database_id", tInt), col("resource_description", types.NVarCharType(256)),
		col("resource_associated_entity_id", tBigInt), col("resource_lock_partition", tInt), col("request_mode", tDesc),
		col("request_type", tDesc), col("request_status", tDesc), col("request_reference_count", tSmallInt),
		col("request_lifetime", tInt), col("request_session_id", tInt), col("request_exec_context_id", tInt),
		col("request_request_id", tInt), col("request_owner_type", tDesc), col("request_owner_id", tBigInt),
		col("request_owner_guid", tGUID), col("request_owner_lockspace_id", types.NVarCharType(32)),
		col("lock_owner_address", types.Type{ID: types.VarBinary, Length: 8})},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, l := range s.Server().Locks().Locks() {
				kind := map[txn.ResourceKind]string{txn.Database: "DATABASE", txn.Object: "OBJECT", txn.Key: "KEY", txn.Application: "APPLICATION"}[l.Resource.Kind]
				entity, owner := int64(0), "TRANSACTION"
				switch l.Resource.Kind {
				case txn.Object:
					entity = int64(l.Resource.Object) // the table
				case txn.Key:
					entity = exec.HobtID(l.Resource.Object) // the index's hobt, as sys.partitions shows it
				case txn.Database:
					owner = "SHARED_TRANSACTION_WORKSPACE"
				}
				out = append(out, exec.Row{nv(kind), nv(""), in(int64(exec.LockDatabaseID(l.Resource.Database))), nv(lockResource(l.Resource)), // dmv_os.go
					types.NewBigInt(entity), in(0), nv(l.Mode.String()), nv("LOCK"), nv(string(l.Status)), types.NewSmallInt(1),
					in(0), in(int64(l.SPID)), in(0), in(0), nv(owner), types.NewBigInt(int64(l.OwnerID)), nullOf(tGUID),
					nv("0:0:0"), taskAddress(l.SPID)}) // waiting_views.go
			}
			return out, nil
		})
}
