package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sys.parameters and sys.all_parameters: the parameters of the database's
// procedures, read from their definitions (sp_Blitz asks whether a
// procedure has @VersionCheckMode; tools list a procedure's parameters).
// parameter_id counts from 1; a parameter of a type the server cannot
// resolve is listed with user_type_id NULL rather than left out.
// A scalar function's return value is parameter 0.

func init() {
	cols := []vcol{{"object_id", vInt}, {"name", vName}, {"parameter_id", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
		{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"is_output", vBit}, {"is_cursor_ref", vBit},
		{"has_default_value", vBit}, {"is_xml_document", vBit}, {"default_value", types.Type{ID: types.SQLVariant}},
		{"xml_collection_id", vInt}, {"is_readonly", vBit}, {"is_nullable", vBit}, {"encryption_type", vInt},
		{"encryption_type_desc", vName}, {"encryption_algorithm_name", vName}, {"column_encryption_key_id", vInt},
		{"column_encryption_key_database_name", vName}}
	rows := func(s *Session, db Database) ([]Row, error) {
		var out []Row
		type module struct {
			id         int32
			text       string
			ms         catalog.ModuleSets
			isFunction bool
		}
		var mods []module
		cat := s.catalogFor(db)
		for _, p := range cat.Procedures {
			mods = append(mods, module{p.ID, p.Text, p.ModuleSets, false})
		}
		for _, f := range cat.Functions {
			mods = append(mods, module{f.ID, f.Text, f.ModuleSets, true})
		}
		for _, p := range mods {
			stmts, err := parseModuleShared(p.text, p.ms)
			if err != nil || len(stmts) == 0 {
				continue
			}
			var params []*ast.ProcParam
			first := 1
			switch st := stmts[0].(type) {
			case *ast.CreateProcStmt:
				params = st.Params
			case *ast.CreateFunctionStmt:
				params = st.Params
				if st.Returns != nil && st.ReturnTable == nil && st.Query == nil {
					// A scalar function's return value: parameter 0, no
					// name, an output (the sys.parameters page).
					params = append([]*ast.ProcParam{{Type: st.Returns, Output: true}}, params...)
					first = 0
				}
			default:
				continue
			}
			for i, prm := range params {
				row := Row{i32(p.id), str(prm.Name), i32(int32(i + first))}
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
