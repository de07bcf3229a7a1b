package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// The partitioning catalog views (sys.partition_functions,
// sys.partition_range_values, sys.partition_parameters,
// sys.partition_schemes, sys.destination_data_spaces) and the per-partition
// counts of sys.partitions and its friends (partitions_views.go).

// partitionedRows counts the rows of each partition of each index of a
// partitioned table t by reading its rows once: the store keeps no
// per-partition counters, and a row's partition comes from its
// partitioning column. A nonclustered index's bytes are its stored bytes
// shared out by rows.
func (s *Session) partitionedRows(db Database, cat *catalog.Database, t *catalog.Table) ([]partitionRow, error) {
	tr := &tableRef{db: db, cat: cat, t: t}
	parts := make([]*partitioning, len(t.Indexes))
	rows := make([][]int64, len(t.Indexes))
	bytes := make([][]int64, len(t.Indexes))
	for i, ix := range t.Indexes {
		p, err := partitioningOf(cat, ix)
		if err != nil {
			return nil, err
		}
		parts[i] = p
		rows[i] = make([]int64, p.count())
		bytes[i] = make([]int64, p.count())
	}
	rs := t.RowStore()
	it, err := s.reader(db).NewIterator(rs.StoreID, nil, nil, false, storage.Latest)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	typs := t.ColumnTypes()
	row := make(Row, len(typs)+1)
	for it.Next() {
		if _, err := types.DecodeRowInto(row[:len(typs)], it.Value(), typs); err != nil {
			return nil, err
		}
		row[len(typs)] = types.NewVarBinary(it.Key())
		for i, ix := range t.Indexes {
			if in, err := s.inIndex(context.Background(), tr, ix, row); err != nil || !in {
				if err != nil {
					return nil, err
				}
				continue
			}
			n, err := parts[i].rowPartition(row)
			if err != nil {
				return nil, err
			}
			rows[i][n-1]++
			if ix == rs {
				bytes[i][n-1] += int64(len(it.Key()) + len(it.Value()))
			}
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	var out []partitionRow
	for i, ix := range t.Indexes {
		if ix != rs {
			var total int64
			for _, n := range rows[i] {
				total += n
			}
			_, size, err := s.storedObjectSize(db, ix.StoreID)
			if err != nil {
				return nil, err
			}
			for k, n := range rows[i] {
				if total > 0 {
					bytes[i][k] = size * n / total
				}
			}
		}
		for k := range rows[i] {
			out = append(out, partitionRow{t: t, ix: ix, number: int32(k + 1), rows: rows[i][k], bytes: bytes[i][k]})
		}
	}
	return out, nil
}

// partitionRowID is the partition_id / hobt_id of partition number n of a
// stored index.
func partitionRowID(p partitionRow) int64 { return partitionID(p.ix.StoreID) + int64(p.number-1) }

func init() {
	char2 := types.Type{ID: types.Char, Length: 2}
	systemViews["sys.partition_functions"] = &virtualTable{cols: []vcol{{"name", vName}, {"function_id", vInt},
		{"type", char2}, {"type_desc", vDesc}, {"fanout", vInt}, {"boundary_value_on_right", vBit},
		{"is_system", vBit}, {"create_date", vDateTime}, {"modify_date", vDateTime}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, f := range s.catalogFor(db).SortedPartitionFunctions() {
				out = append(out, Row{str(f.Name), i32(f.ID), types.NewString(types.Char, "R "), str("RANGE"),
					i32(int32(f.Partitions())), bit(f.Right), bit(false), dt(f.Created), dt(f.Modified)})
			}
			return out, nil
		}}
	systemViews["sys.partition_parameters"] = &virtualTable{cols: []vcol{{"function_id", vInt}, {"parameter_id", vInt},
		{"system_type_id", vTinyInt}, {"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt},
		{"collation_name", vName}, {"user_type_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, f := range s.catalogFor(db).SortedPartitionFunctions() {
				coll := null
				if f.Type.ID.IsString() {
					coll = str(f.Type.Collation.Name())
				}
				out = append(out, Row{i32(f.ID), i32(1), types.NewTinyInt(uint8(f.Type.ID)), types.NewSmallInt(f.Type.CatalogMaxLength()),
					types.NewTinyInt(f.Type.CatalogPrecision()), types.NewTinyInt(f.Type.CatalogScale()), coll, i32(int32(f.Type.ID))})
			}
			return out, nil
		}}
	systemViews["sys.partition_range_values"] = &virtualTable{cols: []vcol{{"function_id", vInt}, {"boundary_id", vInt},
		{"parameter_id", vInt}, {"value", types.Type{ID: types.SQLVariant}}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, f := range s.catalogFor(db).SortedPartitionFunctions() {
				vals, err := f.Values()
				if err != nil {
					return nil, err
				}
				for i, v := range vals {
					vv, err := types.Convert(v, types.Type{ID: types.SQLVariant}, 0)
					if err != nil {
						return nil, err
					}
					out = append(out, Row{i32(f.ID), i32(int32(i + 1)), i32(1), vv})
				}
			}
			return out, nil
		}}
	systemViews["sys.partition_schemes"] = &virtualTable{cols: []vcol{{"name", vName}, {"data_space_id", vInt}, {"type", char2},
		{"type_desc", vDesc}, {"is_default", vBit}, {"is_system", vBit}, {"function_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, ps := range cat.SortedPartitionSchemes() {
				fid := null
				if f := cat.PartitionFunction(ps.Function); f != nil {
					fid = i32(f.ID)
				}
				out = append(out, Row{str(ps.Name), i32(ps.ID), types.NewString(types.Char, "PS"), str("PARTITION_SCHEME"),
					bit(false), bit(false), fid})
			}
			return out, nil
		}}
	systemViews["sys.destination_data_spaces"] = &virtualTable{cols: []vcol{{"partition_scheme_id", vInt},
		{"destination_id", vInt}, {"data_space_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, ps := range s.catalogFor(db).SortedPartitionSchemes() {
				// Every filegroup is the PRIMARY one here (data_space_id 1).
				for i := range ps.FileGroups {
					out = append(out, Row{i32(ps.ID), i32(int32(i + 1)), i32(1)})
				}
				if ps.NextUsed != "" {
					out = append(out, Row{i32(ps.ID), i32(int32(len(ps.FileGroups) + 1)), i32(1)})
				}
			}
			return out, nil
		}}
}

// schemeDataSpaceRows are the sys.data_spaces rows of the partition schemes.
func schemeDataSpaceRows(cat *catalog.Database) []Row {
	var out []Row
	for _, ps := range cat.SortedPartitionSchemes() {
		out = append(out, Row{str(ps.Name), i32(ps.ID), types.NewString(types.Char, "PS"), str("PARTITION_SCHEME"), bit(false), bit(false)})
	}
	return out
}
