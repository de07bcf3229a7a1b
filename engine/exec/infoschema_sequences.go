package exec

import (
	"maps"
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// INFORMATION_SCHEMA.SEQUENCES in SQL Server's columns: SQLAlchemy's
// has_sequence and get_sequence_names read it before CREATE SEQUENCE (a
// Sequence() column default), so without it metadata.create_all failed
// with 208. The start, bounds and increment are sql_variants of the
// sequence's type, as sys.sequences shows them in SQL Server.
func init() {
	variant := types.Type{ID: types.SQLVariant}
	systemViews["information_schema.sequences"] = &virtualTable{
		cols: []vcol{{"SEQUENCE_CATALOG", vName}, {"SEQUENCE_SCHEMA", vName}, {"SEQUENCE_NAME", vName}, {"DATA_TYPE", vName},
			{"NUMERIC_PRECISION", vTinyInt}, {"NUMERIC_PRECISION_RADIX", vSmallInt}, {"NUMERIC_SCALE", vInt},
			{"START_VALUE", variant}, {"MINIMUM_VALUE", variant}, {"MAXIMUM_VALUE", variant}, {"INCREMENT", variant},
			{"CYCLE_OPTION", vInt}, {"DECLARED_DATA_TYPE", vInt}, {"DECLARED_NUMERIC_PRECISION", vInt}, {"DECLARED_NUMERIC_SCALE", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, k := range slices.Sorted(maps.Keys(cat.Sequences)) {
				q := cat.Sequences[k]
				typ, err := types.ParseTypeName(q.TypeName, nil, false)
				if err != nil {
					return nil, err
				}
				row := Row{str(db.Name()), str(q.Schema), str(q.Name), str(typ.ID.Name()),
					types.NewTinyInt(typ.CatalogPrecision()), types.NewSmallInt(10), i32(int32(typ.CatalogScale()))}
				for _, n := range []int64{q.Start, q.Min, q.Max, q.Increment} {
					v, err := types.Convert(types.NewBigInt(n), typ, 0)
					if err == nil {
						v, err = types.Convert(v, variant, 0)
					}
					if err != nil {
						return nil, err
					}
					row = append(row, v)
				}
				cycle := int32(0)
				if q.Cycle {
					cycle = 1
				}
				out = append(out, append(row, i32(cycle), null, null, null))
			}
			return out, nil
		},
	}
}
