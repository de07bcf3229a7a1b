package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.sysindexes, sys.sysindexkeys, sys.sysforeignkeys and
// sys.sysconstraints: SQL Server 2000's index, key and constraint tables as
// compatibility views (FROM sysindexes works too). sysindexes is the one
// scripts of every age count rows with, without scanning:
//
//	SELECT o.name, i.rows FROM sysobjects o JOIN sysindexes i ON i.id = o.id
//	WHERE o.xtype = 'U' AND i.indid < 2
//
// One row per heap or index of sys.indexes (no statistics rows), with the
// pages sys.dm_db_partition_stats counts and the committed row count the
// planner uses (ApproxRows: an estimate, as SQL Server documents it).

var (
	sysindexesPtr  = types.Type{ID: types.Binary, Length: 6}
	sysindexesCols = []vcol{{"id", vInt}, {"status", vInt}, {"first", sysindexesPtr}, {"indid", vSmallInt},
		{"root", sysindexesPtr}, {"minlen", vSmallInt}, {"keycnt", vSmallInt}, {"groupid", vSmallInt}, {"dpages", vInt},
		{"reserved", vInt}, {"used", vInt}, {"rowcnt", vBigInt}, {"rowmodctr", vInt}, {"reserved3", vInt}, {"reserved4", vInt},
		{"xmaxlen", vSmallInt}, {"maxirow", vSmallInt}, {"OrigFillFactor", vTinyInt}, {"StatVersion", vTinyInt},
		{"reserved2", vInt}, {"FirstIAM", sysindexesPtr}, {"impid", vSmallInt}, {"lockflags", vSmallInt},
		{"pgmodctr", vInt}, {"keys", types.Type{ID: types.VarBinary, Length: 816}}, {"name", vName},
		{"statblob", types.Type{ID: types.Image, Length: types.MaxLength}}, {"maxlen", vInt}, {"rows", vInt}}
)

// sysindexKey names an index of a table: object id and index id.
type sysindexKey struct{ object, index int64 }

func sysindexesRows(s *Session, db Database) ([]Row, error) {
	ixs, err := readView(s, db, "sys.indexes")
	if err != nil {
		return nil, err
	}
	stats, err := readView(s, db, "sys.dm_db_partition_stats")
	if err != nil {
		return nil, err
	}
	cols, err := readView(s, db, "sys.index_columns")
	if err != nil {
		return nil, err
	}
	// Pages and rows per index (summed over partitions), and the table's
	// totals, which a heap's or clustered index's row reports.
	type counts struct{ data, used, reserved, rows int64 }
	per := map[sysindexKey]counts{}
	table := map[int64]counts{}
	for _, r := range stats.rows {
		k := sysindexKey{stats.int64Of(r, "object_id"), stats.int64Of(r, "index_id")}
		c := per[k]
		c.data += stats.int64Of(r, "in_row_data_page_count")
		c.used += stats.int64Of(r, "used_page_count")
		c.reserved += stats.int64Of(r, "reserved_page_count")
		c.rows += stats.int64Of(r, "row_count")
		per[k] = c
		t := table[k.object]
		t.used += stats.int64Of(r, "used_page_count")
		t.reserved += stats.int64Of(r, "reserved_page_count")
		if k.index <= 1 {
			t.rows += stats.int64Of(r, "row_count")
		}
		table[k.object] = t
	}
	keys := map[sysindexKey]int64{}
	for _, r := range cols.rows {
		if cols.int64Of(r, "key_ordinal") > 0 {
			keys[sysindexKey{cols.int64Of(r, "object_id"), cols.int64Of(r, "index_id")}]++
		}
	}
	zero := types.NewBinaryString(types.Binary, string(make([]byte, 6)))
	sm := func(n int64) types.Value { return types.NewSmallInt(int16(min(n, 32767))) }
	out := make([]Row, 0, len(ixs.rows))
	for _, r := range ixs.rows {
		k := sysindexKey{ixs.int64Of(r, "object_id"), ixs.int64Of(r, "index_id")}
		c, t := per[k], table[k.object]
		reserved, used := c.reserved, c.used
		if k.index <= 1 { // the table's row: every index's pages
			reserved, used = t.reserved, t.used
		}
		var lockflags int64 // SQL Server 2000's bits: 1 no row locks, 2 no page locks
		if ixs.int64Of(r, "allow_row_locks") == 0 {
			lockflags |= 1
		}
		if ixs.int64Of(r, "allow_page_locks") == 0 {
			lockflags |= 2
		}
		out = append(out, Row{i32(int32(k.object)), i32(0), zero, sm(k.index),
			zero, sm(0), sm(keys[k]), sm(max(ixs.int64Of(r, "data_space_id"), 1)), i32(int32(c.data)),
			i32(int32(reserved)), i32(int32(used)), types.NewBigInt(t.rows), i32(0), i32(0), i32(0),
			sm(0), sm(0), types.NewTinyInt(uint8(ixs.int64Of(r, "fill_factor"))), types.NewTinyInt(0),
			i32(0), zero, sm(0), sm(lockflags),
			i32(0), types.Null(types.VarBinary), ixs.get(r, "name", vName),
			types.Null(types.Image), i32(8000), i32(int32(min(t.rows, 1<<31-1)))})
	}
	return out, nil
}

// sysindexkeysRows are the key columns of every index (sys.index_columns,
// included columns left out): keyno is the column's place in the key.
func sysindexkeysRows(s *Session, db Database) ([]Row, error) {
	cols, err := readView(s, db, "sys.index_columns")
	if err != nil {
		return nil, err
	}
	var out []Row
	for _, r := range cols.rows {
		if k := cols.int64Of(r, "key_ordinal"); k > 0 {
			out = append(out, Row{cols.get(r, "object_id", vInt), cols.get(r, "index_id", vSmallInt),
				cols.get(r, "column_id", vSmallInt), types.NewSmallInt(int16(k))})
		}
	}
	return out, nil
}

// sysforeignkeysRows are the column pairs of every foreign key.
func sysforeignkeysRows(s *Session, db Database) ([]Row, error) {
	fks, err := readView(s, db, "sys.foreign_key_columns")
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(fks.rows))
	for _, r := range fks.rows {
		out = append(out, Row{fks.get(r, "constraint_object_id", vInt), fks.get(r, "parent_object_id", vInt),
			fks.get(r, "referenced_object_id", vInt), fks.get(r, "parent_column_id", vSmallInt),
			fks.get(r, "referenced_column_id", vSmallInt), fks.get(r, "constraint_column_id", vSmallInt)})
	}
	return out, nil
}

// sysconstraintKinds is sysconstraints.status's low bits by object type.
var sysconstraintKinds = map[string]int64{"PK": 1, "UQ": 2, "F": 3, "C": 4, "D": 5}

// sysconstraintsRows are the constraints of sys.objects: status is the
// kind (1 PRIMARY KEY … 5 DEFAULT) plus 16 for a column-level constraint
// (a DEFAULT, a CHECK on one column: colid) or 32 for a table-level one.
func sysconstraintsRows(s *Session, db Database) ([]Row, error) {
	objs, err := readView(s, db, "sys.objects")
	if err != nil {
		return nil, err
	}
	column := map[int64]int64{} // constraint id → its column (CHECK, DEFAULT)
	for _, view := range []string{"sys.check_constraints", "sys.default_constraints"} {
		v, err := readView(s, db, view)
		if err != nil {
			return nil, err
		}
		for _, r := range v.rows {
			column[v.int64Of(r, "object_id")] = v.int64Of(r, "parent_column_id")
		}
	}
	var out []Row
	for _, r := range objs.rows {
		kind, ok := sysconstraintKinds[strings.TrimSpace(objs.textOf(r, "type"))]
		if !ok {
			continue
		}
		id := objs.int64Of(r, "object_id")
		colid, level := column[id], int64(32)
		if colid > 0 {
			level = 16
		}
		out = append(out, Row{i32(int32(id)), objs.get(r, "parent_object_id", vInt), types.NewSmallInt(int16(colid)),
			types.NewTinyInt(0), i32(int32(kind | level)), i32(0), i32(0)})
	}
	return out, nil
}

func init() {
	sm := vSmallInt
	for name, vt := range map[string]*virtualTable{
		"sysindexes":   {cols: sysindexesCols, rows: sysindexesRows},
		"sysindexkeys": {cols: []vcol{{"id", vInt}, {"indid", sm}, {"colid", sm}, {"keyno", sm}}, rows: sysindexkeysRows},
		"sysforeignkeys": {cols: []vcol{{"constid", vInt}, {"fkeyid", vInt}, {"rkeyid", vInt}, {"fkey", sm}, {"rkey", sm},
			{"keyno", sm}}, rows: sysforeignkeysRows},
		"sysconstraints": {cols: []vcol{{"constid", vInt}, {"id", vInt}, {"colid", sm}, {"spare1", vTinyInt},
			{"status", vInt}, {"actions", vInt}, {"error", vInt}}, rows: sysconstraintsRows},
	} {
		compatViews[name] = true
		systemViews["sys."+name] = vt
	}
}
