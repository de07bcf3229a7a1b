package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// INFORMATION_SCHEMA.CHECK_CONSTRAINTS and INFORMATION_SCHEMA.PARAMETERS,
// as the INFORMATION_SCHEMA pages define them: a CHECK constraint's clause
// is sys.check_constraints.definition; a parameter's row is its
// sys.parameters row, a scalar function's return value being ordinal 0
// (mode OUT, IS_RESULT YES, no name) and an OUTPUT parameter INOUT.
func init() {
	nv := func(n int) types.Type { return types.NVarCharType(n) }
	systemViews["information_schema.check_constraints"] = &virtualTable{
		cols: []vcol{{"CONSTRAINT_CATALOG", vName}, {"CONSTRAINT_SCHEMA", vName}, {"CONSTRAINT_NAME", vName}, {"CHECK_CLAUSE", nv(4000)}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, t := range cat.SortedTables() {
				for _, ck := range t.Checks {
					def := []rune(defaultDefinition(ck.Expr))
					if len(def) > 4000 {
						def = def[:4000]
					}
					out = append(out, Row{str(db.Name()), str(t.Schema), str(ck.Name), types.NewNVarChar(string(def))})
				}
			}
			return out, nil
		}}
	cols := []vcol{{"SPECIFIC_CATALOG", vName}, {"SPECIFIC_SCHEMA", vName}, {"SPECIFIC_NAME", vName}, {"ORDINAL_POSITION", vInt},
		{"PARAMETER_MODE", nv(10)}, {"IS_RESULT", nv(10)}, {"AS_LOCATOR", nv(10)}, {"PARAMETER_NAME", vName}, {"DATA_TYPE", vName},
		{"CHARACTER_MAXIMUM_LENGTH", vInt}, {"CHARACTER_OCTET_LENGTH", vInt}, {"COLLATION_CATALOG", vName}, {"COLLATION_SCHEMA", vName},
		{"COLLATION_NAME", vName}, {"CHARACTER_SET_CATALOG", vName}, {"CHARACTER_SET_SCHEMA", vName}, {"CHARACTER_SET_NAME", vName},
		{"NUMERIC_PRECISION", vTinyInt}, {"NUMERIC_PRECISION_RADIX", vSmallInt}, {"NUMERIC_SCALE", vInt}, {"DATETIME_PRECISION", vSmallInt},
		{"INTERVAL_TYPE", nv(30)}, {"INTERVAL_PRECISION", vSmallInt}, {"USER_DEFINED_TYPE_CATALOG", vName},
		{"USER_DEFINED_TYPE_SCHEMA", vName}, {"USER_DEFINED_TYPE_NAME", vName}, {"SCOPE_CATALOG", vName}, {"SCOPE_SCHEMA", vName},
		{"SCOPE_NAME", vName}}
	systemViews["information_schema.parameters"] = &virtualTable{cols: cols,
		rows: func(s *Session, db Database) ([]Row, error) {
			params, err := systemViews["sys.parameters"].rows(s, db) // sysviews_params.go
			if err != nil {
				return nil, err
			}
			cat := s.catalogFor(db)
			var out []Row
			for _, p := range params {
				schema, name, ok := objectByID(cat, int32(p[0].Int64()))
				if !ok || p[3].IsNull() {
					continue
				}
				row := make(Row, len(cols))
				for i, c := range cols {
					row[i] = types.Null(c.typ.ID)
				}
				pos := p[2].Int64()
				mode, result := "IN", "NO"
				switch {
				case pos == 0:
					mode, result = "OUT", "YES"
				case p[8].Bool():
					mode = "INOUT"
				}
				t := types.Type{ID: types.TypeID(p[3].Int64()), Length: int(p[5].Int64())}
				row[0], row[1], row[2], row[3] = str(db.Name()), str(schema), str(name), i32(int32(pos))
				row[4], row[5], row[6], row[7], row[8] = types.NewNVarChar(mode), types.NewNVarChar(result), types.NewNVarChar("NO"), p[1], str(t.ID.Name())
				switch {
				case t.ID.IsString() || t.ID.IsBinary():
					chars, octets := int32(p[5].Int64()), int32(p[5].Int64())
					if t.ID.IsUnicode() && chars > 0 {
						chars /= 2
					}
					row[9], row[10] = i32(chars), i32(octets)
					if t.ID.IsString() {
						row[11], row[12], row[13], row[14], row[15], row[16] = null, null, str("SQL_Latin1_General_CP1_CI_AS"), null, null, str("iso_1")
						if t.ID.IsUnicode() {
							row[16] = str("UNICODE")
						}
					}
				case p[6].Int64() > 0 && !isDateTimeType(t.ID):
					row[17], row[18], row[19] = types.NewTinyInt(uint8(p[6].Int64())), types.NewSmallInt(10), i32(int32(p[7].Int64()))
					if t.ID == types.Float || t.ID == types.Real {
						row[18], row[19] = types.NewSmallInt(2), types.Null(types.Int)
					}
				case isDateTimeType(t.ID):
					row[20] = types.NewSmallInt(int16(p[7].Int64()))
				}
				out = append(out, row)
			}
			return out, nil
		}}
}

// isDateTimeType reports the date and time types (DATETIME_PRECISION).
func isDateTimeType(id types.TypeID) bool {
	switch id {
	case types.Date, types.Time, types.DateTime, types.DateTime2, types.SmallDateTime, types.DateTimeOffset:
		return true
	}
	return false
}
