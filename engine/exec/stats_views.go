package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Statistics as SQL Server exposes them: every index (not a heap) carries
// one statistics object with the index's name and stats_id = index_id,
// over the index's key columns. These views and STATS_DATE describe the
// statistics objects that exist and when they were updated, for the
// maintenance scripts that enumerate them (UPDATE STATISTICS …,
// sp_updatestats); their contents are stored by stats_store.go.

func init() {
	systemViews["sys.stats"] = &virtualTable{cols: []vcol{{"object_id", vInt}, {"name", vName}, {"stats_id", vInt},
		{"auto_created", vBit}, {"user_created", vBit}, {"no_recompute", vBit}, {"has_filter", vBit},
		{"filter_definition", types.NVarCharType(types.MaxLength)}, {"is_temporary", vBit}, {"is_incremental", vBit},
		{"has_persisted_sample", vBit}, {"stats_generation_method", vInt}, {"stats_generation_method_desc", types.VarCharType(255)},
		{"auto_drop", vBit}}, // SQL Server 2022: CREATE STATISTICS … WITH AUTO_DROP = ON
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				for _, ix := range t.Indexes {
					if ix.IsHeap() {
						continue
					}
					filter := types.Null(types.NVarChar)
					if ix.Filter != "" {
						filter = types.NewNVarChar(defaultDefinition(ix.Filter))
					}
					out = append(out, Row{i32(t.ID), str(ix.Name), i32(ix.IndexID), bit(false), bit(false), bit(ix.NoRecompute),
						bit(ix.Filter != ""), filter, bit(false), bit(false), bit(false), i32(0), types.NewVarChar("Sort based statistics"), bit(false)})
				}
				for _, us := range t.Statistics { // CREATE STATISTICS (stats_user.go)
					filter := types.Null(types.NVarChar)
					if us.Filter != "" {
						filter = types.NewNVarChar(defaultDefinition(us.Filter))
					}
					out = append(out, Row{i32(t.ID), str(us.Name), i32(us.ID), bit(false), bit(true), bit(us.NoRecompute),
						bit(us.Filter != ""), filter, bit(false), bit(false), bit(false), i32(0), types.NewVarChar("Sort based statistics"), bit(us.AutoDrop)})
				}
			}
			return out, nil
		}}
	systemViews["sys.stats_columns"] = &virtualTable{cols: []vcol{{"object_id", vInt}, {"stats_id", vInt},
		{"stats_column_id", vInt}, {"column_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				for _, ix := range t.Indexes {
					if ix.IsHeap() {
						continue
					}
					for i, kc := range ix.Columns {
						out = append(out, Row{i32(t.ID), i32(ix.IndexID), i32(int32(i + 1)), i32(t.Columns[kc.Column].ID)})
					}
				}
				for _, us := range t.Statistics {
					for i, c := range us.Columns {
						out = append(out, Row{i32(t.ID), i32(us.ID), i32(int32(i + 1)), i32(t.Columns[c].ID)})
					}
				}
			}
			return out, nil
		}}
}

// statsDate compiles STATS_DATE(object_id, stats_id): a datetime for a
// statistics object of the current database (its last UPDATE STATISTICS,
// see statsFacts), NULL for anything else, as SQL Server returns NULL for
// ids that name no statistics.
func (c *compiler) statsDate(f *ast.FuncCall) (*expr, error) {
	if len(f.Args) != 2 {
		return nil, types.ErrFuncArgs("STATS_DATE", 2)
	}
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	s := c.s
	return &expr{typ: types.TypeDateTime, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		null := types.Null(types.DateTime)
		if vals[0].IsNull() || vals[1].IsNull() {
			return null, nil
		}
		oid, err1 := types.Convert(vals[0], types.TypeInt, 0)
		sid, err2 := types.Convert(vals[1], types.TypeInt, 0)
		if err1 != nil || err2 != nil {
			return null, nil
		}
		t := s.catalogFor(s.db).TableByID(int32(oid.Int64()))
		if t == nil || !hasStatistics(t, int32(sid.Int64())) {
			return null, nil
		}
		when, _, _, _ := statsFacts(s.db, t, int32(sid.Int64())) // stats_props.go
		return dt(when), nil
	}}, nil
}
