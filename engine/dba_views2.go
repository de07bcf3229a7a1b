package engine

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// More views sp_Blitz and sp_BlitzCache read (SQL Server 2019's columns in
// its order):
//
//   - sys.syslogins: SQL Server 2000's compatibility view of logins, one row
//     per login with its fixed server role flags (sp_Blitz's "sysadmins"
//     and "security admins" checks).
//   - sys.dm_exec_query_memory_grants: no rows; queries take no memory
//     grants here.
//   - sys.dm_exec_query_resource_semaphores: no rows, for the same reason.
//   - sys.dm_exec_plan_attributes(plan_handle): no rows (the plans of
//     sys.dm_exec_query_stats have no attributes to show; exec/dmv_plans.go).
//   - sys.resource_governor_workload_groups and _resource_pools: the two
//     groups and pools every server has, internal and default, with their default settings (Resource
//     Governor is not configurable here).
//   - sys.servers: the local server's row (server_id 0), as on a server
//     without linked servers (there is no sp_addlinkedserver here).
//   - sys.dm_exec_query_optimizer_info: no rows; there is no cost-based
//     optimizer whose events (hints, trivial plans, timeouts) it counts.
//   - sys.resource_governor_configuration: its one row, disabled and
//     without a classifier function; sys.server_triggers: no rows (there
//     are no server-level DDL or logon triggers here).
//   - sys.dm_os_sys_memory: the host's memory from /proc/meminfo (total,
//     available, swap as the page file, page cache as the system cache);
//     the signal states are 0 and the state text says whether available
//     memory is high, as SQL Server's does.
//   - sp_validatelogins: the Windows logins whose account no longer exists;
//     there are no Windows logins here, so an empty result.

func init() {
	sid := types.Type{ID: types.VarBinary, Length: 85}
	sysloginsCols := []exec.ViewColumn{col("sid", sid), col("status", tSmallInt), col("createdate", tDateTime),
		col("updatedate", tDateTime), col("accdate", tDateTime), col("totcpu", tInt), col("totio", tInt), col("spacelimit", tInt),
		col("timelimit", tInt), col("resultlimit", tInt), col("name", tName), col("dbname", tName), col("password", tName),
		col("language", tName), col("denylogin", tInt), col("hasaccess", tInt), col("isntname", tInt), col("isntgroup", tInt),
		col("isntuser", tInt), col("sysadmin", tInt), col("securityadmin", tInt), col("serveradmin", tInt), col("setupadmin", tInt),
		col("processadmin", tInt), col("diskadmin", tInt), col("dbcreator", tInt), col("bulkadmin", tInt), col("loginname", tName)}
	syslogins := func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		var out []exec.Row
		for _, l := range s.Server().ServerCatalog().Logins {
			flag := func(b bool) types.Value {
				if b {
					return in(1)
				}
				return in(0)
			}
			def := l.DefaultDB
			if def == "" {
				def = "master"
			}
			row := exec.Row{types.NewVarBinary(l.SID), types.NewSmallInt(9), dtv(l.Created), dtv(l.Created),
				dtv(l.Created), in(0), in(0), in(0), in(0), in(0), nv(l.Name), nv(def), nullOf(tName), nv("us_english"),
				flag(l.Disabled), flag(!l.Disabled), in(0), in(0), in(0)}
			for _, r := range []string{"sysadmin", "securityadmin", "serveradmin", "setupadmin", "processadmin", "diskadmin", "dbcreator", "bulkadmin"} {
				row = append(row, flag(l.ServerRoleMember(r)))
			}
			out = append(out, append(row, nv(l.Name)))
		}
		return out, nil
	}
	// master.dbo.syslogins names it too, as SQL Server's compatibility views do.
	exec.RegisterView("sys.syslogins", sysloginsCols, syslogins)
	exec.RegisterView("dbo.syslogins", sysloginsCols, syslogins)
	handle := types.Type{ID: types.VarBinary, Length: 64}
	exec.RegisterView("sys.dm_exec_query_memory_grants", []exec.ViewColumn{col("session_id", tSmallInt), col("request_id", tInt),
		col("scheduler_id", tInt), col("dop", tSmallInt), col("request_time", tDateTime), col("grant_time", tDateTime),
		col("requested_memory_kb", tBigInt), col("granted_memory_kb", tBigInt), col("required_memory_kb", tBigInt),
		col("used_memory_kb", tBigInt), col("max_used_memory_kb", tBigInt), col("query_cost", types.TypeFloat),
		col("timeout_sec", tInt), col("resource_semaphore_id", tSmallInt), col("queue_id", tSmallInt), col("wait_order", tInt),
		col("is_next_candidate", tBit), col("wait_time_ms", tBigInt), col("plan_handle", handle), col("sql_handle", handle),
		col("group_id", tInt), col("pool_id", tInt), col("is_small", tBit), col("ideal_memory_kb", tBigInt),
		col("reserved_worker_count", tInt), col("used_worker_count", tInt), col("max_used_worker_count", tInt),
		col("reserved_node_bitmap", tBigInt)}, noRows)
	exec.RegisterTableFunc(exec.TableFunc{Name: "dm_exec_plan_attributes", Cols: []exec.ViewColumn{col("attribute", tName),
		col("value", types.Type{ID: types.SQLVariant}), col("is_cache_key", tBit)}, MinArgs: 1, MaxArgs: 1,
		Rows: func(*exec.Session, []types.Value) ([]exec.Row, error) { return nil, nil }})
	exec.RegisterView("sys.dm_exec_query_resource_semaphores", []exec.ViewColumn{col("resource_semaphore_id", tSmallInt),
		col("target_memory_kb", tBigInt), col("max_target_memory_kb", tBigInt), col("total_memory_kb", tBigInt),
		col("available_memory_kb", tBigInt), col("granted_memory_kb", tBigInt), col("used_memory_kb", tBigInt),
		col("grantee_count", tInt), col("waiter_count", tInt), col("timeout_error_count", tBigInt),
		col("forced_grant_count", tBigInt), col("pool_id", tInt)}, noRows)
	// sp_MSgetalertinfo: SQL Server Agent's alert settings — no fail-safe
	// operator and no event forwarding, as on a server whose Agent was
	// never configured (sp_Blitz reads it into #AlertInfo).
	exec.RegisterProc("sp_MSgetalertinfo", func(_ context.Context, s *exec.Session, _ []*exec.ProcArg, out exec.Output) (int32, error) {
		t255 := types.NVarCharType(255)
		var cols []exec.ResultColumn
		row := exec.Row{}
		for _, c := range []struct {
			name string
			typ  types.Type
		}{{"FailSafeOperator", t255}, {"NotificationMethod", tInt}, {"ForwardingServer", t255}, {"ForwardingSeverity", tInt},
			{"PagerToTemplate", t255}, {"PagerCCTemplate", t255}, {"PagerSubjectTemplate", t255}, {"PagerSendSubjectOnly", t255},
			{"ForwardAlways", tInt}} {
			cols = append(cols, exec.ResultColumn{Name: c.name, Type: c.typ, Nullable: true})
			if c.typ.ID == types.Int {
				row = append(row, in(0))
			} else {
				row = append(row, nullOf(c.typ))
			}
		}
		return 0, exec.SendRows(s, out, cols, []exec.Row{row})
	})
	exec.RegisterProc("sp_validatelogins", func(_ context.Context, s *exec.Session, _ []*exec.ProcArg, out exec.Output) (int32, error) {
		cols := []exec.ResultColumn{{Name: "SID", Type: types.Type{ID: types.VarBinary, Length: 85}}, {Name: "NT Login", Type: tName}}
		return 0, exec.SendRows(s, out, cols, nil)
	})
	exec.RegisterView("sys.resource_governor_workload_groups", []exec.ViewColumn{col("group_id", tInt), col("name", tName),
		col("importance", tName), col("request_max_memory_grant_percent", tInt), col("request_max_cpu_time_sec", tInt),
		col("request_memory_grant_timeout_sec", tInt), col("max_dop", tInt), col("group_max_requests", tInt), col("pool_id", tInt),
		col("external_pool_id", tInt), col("request_max_memory_grant_percent_numeric", types.TypeFloat)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			group := func(id int64, name string) exec.Row {
				return exec.Row{in(id), nv(name), nv("Medium"), in(25), in(0), in(0), in(0), in(0), in(id), in(2), types.NewFloat(25)}
			}
			return []exec.Row{group(1, "internal"), group(2, "default")}, nil
		})
	exec.RegisterView("sys.resource_governor_resource_pools", []exec.ViewColumn{col("pool_id", tInt), col("name", tName),
		col("min_cpu_percent", tInt), col("max_cpu_percent", tInt), col("min_memory_percent", tInt), col("max_memory_percent", tInt),
		col("cap_cpu_percent", tInt), col("min_iops_per_volume", tInt), col("max_iops_per_volume", tInt)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			pool := func(id int64, name string) exec.Row {
				return exec.Row{in(id), nv(name), in(0), in(100), in(0), in(100), in(100), in(0), in(0)}
			}
			return []exec.Row{pool(1, "internal"), pool(2, "default")}, nil
		})
	serverCols := []exec.ViewColumn{col("server_id", tInt), col("name", tName), col("product", tName), col("provider", tName),
		col("data_source", types.NVarCharType(4000)), col("location", types.NVarCharType(4000)), col("provider_string", types.NVarCharType(4000)),
		col("catalog", tName), col("connect_timeout", tInt), col("query_timeout", tInt)}
	for _, f := range []string{"is_linked", "is_remote_login_enabled", "is_rpc_out_enabled", "is_data_access_enabled",
		"is_collation_compatible", "uses_remote_collation"} {
		serverCols = append(serverCols, col(f, tBit))
	}
	serverCols = append(serverCols, col("collation_name", tName), col("lazy_schema_validation", tBit), col("is_system", tBit),
		col("is_publisher", tBit), col("is_subscriber", tBit), col("is_distributor", tBit), col("is_nonsql_subscriber", tBit),
		col("is_remote_proc_transaction_promotion_enabled", tBit), col("modify_date", tDateTime), col("is_rda_server", tBit))
	exec.RegisterView("sys.servers", serverCols, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		name := s.Server().ServerName()
		return []exec.Row{{in(0), nv(name), nv("SQL Server"), nv("SQLNCLI"), nv(name), nullOf(tName), nullOf(tName), nullOf(tName),
			in(0), in(0), bt(false), bt(true), bt(true), bt(false), bt(false), bt(true), nullOf(tName), bt(false), bt(false),
			bt(false), bt(false), bt(false), bt(false), bt(true), dtv(s.Server().StartTime()), bt(false)}}, nil
	})
	exec.RegisterView("sys.dm_exec_query_optimizer_info", []exec.ViewColumn{col("counter", types.NVarCharType(4000)),
		col("occurrence", tBigInt), col("value", types.TypeFloat)}, noRows)
	exec.RegisterView("sys.resource_governor_configuration", []exec.ViewColumn{col("classifier_function_id", tInt),
		col("is_enabled", tBit), col("max_outstanding_io_per_volume", tInt)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			return []exec.Row{{in(0), bt(false), in(0)}}, nil
		})
	exec.RegisterView("sys.server_triggers", []exec.ViewColumn{col("name", tName), col("object_id", tInt), col("parent_class", types.TypeTinyInt),
		col("parent_class_desc", tDesc), col("parent_id", tInt), col("type", types.Type{ID: types.Char, Length: 2}), col("type_desc", tDesc),
		col("create_date", tDateTime), col("modify_date", tDateTime), col("is_ms_shipped", tBit), col("is_disabled", tBit)}, noRows)
	exec.RegisterView("sys.dm_os_sys_memory", []exec.ViewColumn{col("total_physical_memory_kb", tBigInt),
		col("available_physical_memory_kb", tBigInt), col("total_page_file_kb", tBigInt), col("available_page_file_kb", tBigInt),
		col("system_cache_kb", tBigInt), col("kernel_paged_pool_kb", tBigInt), col("kernel_nonpaged_pool_kb", tBigInt),
		col("system_high_memory_signal_state", tBit), col("system_low_memory_signal_state", tBit),
		col("system_memory_state_desc", types.NVarCharType(256))},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			m := memInfoKB()
			avail := m["MemAvailable"]
			state := "Available physical memory is high"
			if total := m["MemTotal"]; total > 0 && avail < total/10 {
				state = "Available physical memory is low"
			}
			b := types.NewBigInt
			return []exec.Row{{b(m["MemTotal"]), b(avail), b(m["MemTotal"] + m["SwapTotal"]), b(avail + m["SwapFree"]),
				b(m["Cached"]), b(0), b(0), bt(false), bt(false), nv(state)}}, nil
		})
}

// memInfoKB reads /proc/meminfo's "Name: n kB" lines (empty when it cannot).
func memInfoKB() map[string]int64 {
	out := map[string]int64{}
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64); err == nil {
			out[name] = n
		}
	}
	return out
}
