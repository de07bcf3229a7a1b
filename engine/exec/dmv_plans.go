package exec

import "github.com/mirrorsql/mirrorsql/catalog/types"

// sys.dm_exec_query_stats and sys.dm_exec_cached_plans: no rows, with SQL
// Server's columns, so the scripts that join them (sp_Blitz, sp_BlitzCache,
// Glenn Berry's "top queries by CPU") run and report nothing instead of
// failing on error 208.
//
// Why empty: filling them means timing every statement and updating a
// shared, keyed table at its end — a clock read, a hash of the text and a
// lock per statement, a cost every `SELECT 1` would pay (the per-statement
// path is kept free of monitoring costs). The executor keeps parse results,
// not plans (plancache.go), so there is no plan to show either.
// sys.dm_exec_requests and sys.dm_exec_sql_text show what runs now.
//
// dm_exec_query_stats lists the columns through SQL Server 2016 SP1
// (max_used_threads); later versions append more.

func init() {
	big, bin8, bin64 := types.TypeBigInt, types.Type{ID: types.VarBinary, Length: 8}, types.Type{ID: types.VarBinary, Length: 64}
	cols := []vcol{{"sql_handle", bin64}, {"statement_start_offset", vInt}, {"statement_end_offset", vInt},
		{"plan_generation_num", big}, {"plan_handle", bin64}, {"creation_time", vDateTime}, {"last_execution_time", vDateTime},
		{"execution_count", big}}
	for _, m := range []string{"worker_time", "physical_reads", "logical_writes", "logical_reads", "clr_time", "elapsed_time"} {
		cols = append(cols, vcol{"total_" + m, big}, vcol{"last_" + m, big}, vcol{"min_" + m, big}, vcol{"max_" + m, big})
	}
	cols = append(cols, vcol{"query_hash", bin8}, vcol{"query_plan_hash", bin8})
	cols = append(cols, vcol{"total_rows", big}, vcol{"last_rows", big}, vcol{"min_rows", big}, vcol{"max_rows", big},
		vcol{"statement_sql_handle", bin64}, vcol{"statement_context_id", big})
	for _, m := range []string{"dop", "grant_kb", "used_grant_kb", "ideal_grant_kb", "reserved_threads", "used_threads"} {
		cols = append(cols, vcol{"total_" + m, big}, vcol{"last_" + m, big}, vcol{"min_" + m, big}, vcol{"max_" + m, big})
	}
	none := func(*Session, Database) ([]Row, error) { return nil, nil }
	systemViews["sys.dm_exec_query_stats"] = &virtualTable{cols: cols, rows: none}
	systemViews["sys.dm_exec_cached_plans"] = &virtualTable{cols: []vcol{{"bucketid", vInt}, {"refcounts", vInt}, {"usecounts", vInt},
		{"size_in_bytes", vInt}, {"memory_object_address", bin8}, {"cacheobjtype", types.NVarCharType(50)},
		{"objtype", types.NVarCharType(20)}, {"plan_handle", bin64}, {"pool_id", vInt}, {"parent_plan_handle", bin64}}, rows: none}
}
