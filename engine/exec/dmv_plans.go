package exec

import (
	"encoding/binary"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_exec_query_stats and sys.dm_exec_cached_plans, from the statements
// the server ran (querystats.go): one query_stats row per statement, one
// cached_plans row per batch or module text ("plan").
//
// Offsets are SQL Server's: bytes of the UTF-16 text, the end offset at the
// statement's last character, so the usual
// SUBSTRING(text, start/2 + 1, (end - start)/2 + 1) cuts out the statement.
// query_hash hashes the statement's text (SQL Server's ignores literals);
// query_plan_hash is derived from it, as one text has one plan here.
// Figures the server does not measure (reads, writes, CLR time, memory
// grants, threads) are 0; degree of parallelism is always 1.
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
	systemViews["sys.dm_exec_query_stats"] = &virtualTable{cols: cols, rows: queryStatsRows}
	systemViews["sys.dm_exec_cached_plans"] = &virtualTable{cols: []vcol{{"bucketid", vInt}, {"refcounts", vInt}, {"usecounts", vInt},
		{"size_in_bytes", vInt}, {"memory_object_address", bin8}, {"cacheobjtype", types.NVarCharType(50)},
		{"objtype", types.NVarCharType(20)}, {"plan_handle", bin64}, {"pool_id", vInt}, {"parent_plan_handle", bin64}}, rows: cachedPlanRows}
	// sys.dm_exec_query_plan(plan_handle) and dm_exec_text_query_plan(plan_handle,
	// start, end): the ShowPlan XML of a cached text (showplan.go); no row for
	// a handle that names none.
	planCols := func(plan types.Type) []ViewColumn {
		return []ViewColumn{{"dbid", vSmallInt}, {"objectid", vInt}, {"number", vSmallInt}, {"encrypted", vBit}, {"query_plan", plan}}
	}
	RegisterTableFunc(TableFunc{Name: "dm_exec_query_plan", Cols: planCols(types.Type{ID: types.XML}), MinArgs: 1, MaxArgs: 1,
		Rows: func(s *Session, args []types.Value) ([]Row, error) { return s.queryPlanRows(args, types.XML) }})
	RegisterTableFunc(TableFunc{Name: "dm_exec_text_query_plan", Cols: planCols(types.NVarCharType(types.MaxLength)), MinArgs: 3, MaxArgs: 3,
		Rows: func(s *Session, args []types.Value) ([]Row, error) { return s.queryPlanRows(args, types.NVarChar) }})
}

// queryPlanRows is the one row of dm_exec_query_plan or
// dm_exec_text_query_plan (start and end offsets in args[1:], bytes of
// UTF-16 text; end -1 or NULL: to the end).
func (s *Session) queryPlanRows(args []types.Value, kind types.TypeID) ([]Row, error) {
	if args[0].IsNull() {
		return nil, nil
	}
	h, ok := handleTextHash(args[0].Bytes())
	if !ok {
		return nil, nil
	}
	text, dbID, objID, ok := s.qstats.textByHash(h)
	if !ok {
		return nil, nil
	}
	start, end := 0, -1
	if len(args) == 3 {
		if !args[1].IsNull() {
			start = utf16ToByteOffset(text, int(args[1].Int64())/2)
		}
		if !args[2].IsNull() && args[2].Int64() >= 0 {
			end = utf16ToByteOffset(text, int(args[2].Int64())/2+1)
		}
	}
	doc := s.queryPlanXML(text, s.databaseByID(dbID), start, end)
	obj := types.Null(types.Int)
	if objID != 0 {
		obj = types.NewInt(objID)
	}
	return []Row{{types.NewSmallInt(int16(dbID)), obj, types.NewSmallInt(1), types.NewBit(false), types.NewString(kind, doc)}}, nil
}

// utf16ToByteOffset is the byte offset in s of its n-th UTF-16 code unit.
func utf16ToByteOffset(s string, n int) int {
	units := 0
	for i, r := range s {
		if units >= n {
			return i
		}
		units++
		if r > 0xFFFF {
			units++
		}
	}
	return len(s)
}

func queryStatsRows(s *Session, _ Database) ([]Row, error) {
	b := func(n int64) types.Value { return types.NewBigInt(n) }
	measure := func(row Row, m qsMeasure) Row { return append(row, b(m.total), b(m.last), b(m.min), b(m.max)) }
	zero := qsMeasure{}
	var out []Row
	for _, e := range s.qstats.snapshot() {
		start, end := types.TextLength(e.text[:e.key.start], true), types.TextLength(e.text[:e.key.end], true)
		row := Row{types.NewVarBinary(textSQLHandle(e.key.text)), types.NewInt(int32(2 * start)), types.NewInt(int32(2*end - 2)),
			b(1), types.NewVarBinary(textPlanHandle(e.key.text, e.objectID)), dt(e.created), dt(e.lastRun), b(e.count)}
		row = measure(row, e.worker)
		row = measure(row, zero) // physical reads
		row = measure(row, zero) // logical writes
		row = measure(row, zero) // logical reads
		row = measure(row, zero) // CLR
		row = measure(row, e.elapsed)
		row = append(row, hash8(e.stmtHash), hash8(e.stmtHash^planHashSalt))
		row = measure(row, e.rows)
		row = append(row, types.NewVarBinary(statementSQLHandle(e.stmtHash)), b(0))
		row = measure(row, qsMeasure{total: e.count, last: 1, min: 1, max: 1}) // dop
		for range 5 {
			row = measure(row, zero)
		}
		out = append(out, row)
	}
	return out, nil
}

// planHashSalt tells query_plan_hash from query_hash.
const planHashSalt = 0x5bd1e9955bd1e995

func cachedPlanRows(s *Session, _ Database) ([]Row, error) {
	type plan struct {
		e    queryStat
		uses int64
	}
	plans := map[uint64]*plan{}
	var order []uint64
	for _, e := range s.qstats.snapshot() {
		p := plans[e.key.text]
		if p == nil {
			p = &plan{e: e}
			plans[e.key.text] = p
			order = append(order, e.key.text)
		}
		p.uses = max(p.uses, e.count)
	}
	var out []Row
	for _, h := range order {
		p := plans[h]
		objtype := "Adhoc"
		switch {
		case p.e.objectID != 0:
			objtype = "Proc"
		case p.e.prepared:
			objtype = "Prepared"
		}
		out = append(out, Row{types.NewInt(int32(h % 40009)), types.NewInt(2), types.NewInt(int32(min(p.uses, 1<<31-1))),
			types.NewInt(int32(min(8192+16*len(p.e.text), 1<<31-1))), hash8(h), types.NewNVarChar("Compiled Plan"),
			types.NewNVarChar(objtype), types.NewVarBinary(textPlanHandle(h, p.e.objectID)), types.NewInt(2),
			types.Null(types.VarBinary)})
	}
	return out, nil
}

func hash8(h uint64) types.Value {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h)
	return types.NewVarBinary(b[:])
}

// statementSQLHandle is statement_sql_handle: 0x09 and the statement's hash.
func statementSQLHandle(h uint64) []byte {
	b := make([]byte, 20)
	b[0] = 9
	binary.BigEndian.PutUint64(b[4:], h)
	return b
}
