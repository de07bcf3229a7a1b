package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sys.parameters and sys.all_parameters: the parameters of the database's
// procedures, read from their definitions (sp_Blitz asks whether a
// procedure has @VersionCheckMode; tools list a procedure's parameters).
// parameter_id counts from 1; a parameter of a type the server cannot
// resolve is listed with user_type_id NULL rather than left out.
// Functions' parameters are not listed yet.

func init() {
	cols := []vcol{{"object_id", vInt}, {"name", vName}, {"parameter_id", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
		{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"is_output", vBit}, {"is_cursor_ref", vBit},
		{"has_default_value", vBit}, {"is_xml_document", vBit}, {"default_value", types.Type{ID: types.SQLVariant}},
		{"xml_collection_id", vInt}, {"is_readonly", vBit}, {"is_nullable", vBit}, {"encryption_type", vInt},
		{"encryption_type_desc", vName}, {"encryption_algorithm_name", vName}, {"column_encryption_key_id", vInt},
		{"column_encryption_key_database_name", vName}}
	rows := func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, p := range s.catalogFor(db).Procedures {
			stmts, err := parseModuleShared(p.Text, p.ModuleSets)
			if err != nil || len(stmts) == 0 {
				continue
			}
			cp, ok := stmts[0].(*ast.CreateProcStmt)
			if !ok {
				continue
			}
			for i, prm := range cp.Params {
				row := Row{i32(p.ID), str(prm.Name), i32(int32(i + 1))}
				if t, err := declType(prm.Type); err == nil {
					row = append(row, types.NewTinyInt(uint8(t.ID)), i32(int32(t.ID)), types.NewSmallInt(t.CatalogMaxLength()),
						types.NewTinyInt(t.CatalogPrecision()), types.NewTinyInt(t.CatalogScale()))
				} else {
					row = append(row, types.Null(types.TinyInt), types.Null(types.Int), types.Null(types.SmallInt),
						types.Null(types.TinyInt), types.Null(types.TinyInt))
				}
				row = append(row, bit(prm.Output), bit(false), bit(false), bit(false), types.Null(types.SQLVariant), i32(0),
					bit(prm.ReadOnly), bit(true), types.Null(types.Int), null, null, types.Null(types.Int), null)
				out = append(out, row)
			}
		}
		return out, nil
	}
	systemViews["sys.parameters"] = &virtualTable{cols: cols, rows: rows}
	systemViews["sys.all_parameters"] = systemViews["sys.parameters"]
}
