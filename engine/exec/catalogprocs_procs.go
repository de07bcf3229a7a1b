package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_stored_procedures and sp_sproc_columns (ODBC SQLProcedures and
// SQLProcedureColumns; JDBC getProcedures/getProcedureColumns). Both list
// procedures and user functions: a procedure's name carries ";1" (its
// number in a group), a function's ";0", as SQL Server's do.

var storedProceduresCols = []vcol{{"PROCEDURE_QUALIFIER", vName}, {"PROCEDURE_OWNER", vName}, {"PROCEDURE_NAME", types.NVarCharType(134)},
	{"NUM_INPUT_PARAMS", vInt}, {"NUM_OUTPUT_PARAMS", vInt}, {"NUM_RESULT_SETS", vInt}, {"REMARKS", types.VarCharType(254)},
	{"PROCEDURE_TYPE", vSmallInt}}

// routine is a procedure or user function as the two procedures list it.
type routine struct {
	schema, name string
	number       string // ";1" procedure, ";0" function
	text         string
}

// routines lists the current database's procedures and functions whose
// name and schema match the patterns (LIKE, or equality when usePattern is
// false) and that the caller may see, ordered by schema and name.
func (s *Session) routines(cat *catalog.Database, namePat, ownerPat string, usePattern bool) []routine {
	match := func(v, p string) bool {
		if usePattern {
			return likeName(cat, v, p)
		}
		return p == "" || strings.EqualFold(v, p)
	}
	var out []routine
	add := func(schema, name, number, text string) {
		if match(name, namePat) && match(schema, ownerPat) && s.catalogVisible(cat, schema, name) {
			out = append(out, routine{schema, name, number, text})
		}
	}
	for _, p := range cat.Procedures {
		add(p.Schema, p.Name, ";1", p.Text)
	}
	for _, f := range cat.Functions {
		add(f.Schema, f.Name, ";0", f.Text)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !strings.EqualFold(a.schema, b.schema) {
			return strings.ToLower(a.schema) < strings.ToLower(b.schema)
		}
		return strings.ToLower(a.name+a.number) < strings.ToLower(b.name+b.number)
	})
	return out
}

// usePatternArg is the @fUsePattern argument (bit, default 1).
func usePatternArg(args []*ProcArg, pos int) bool {
	n, ok := ArgInt(args, pos, "@fUsePattern")
	return !ok || n != 0
}

// spStoredProcedures is sp_stored_procedures @sp_name, @sp_owner (LIKE
// patterns unless @fUsePattern = 0), @sp_qualifier. The parameter and
// result-set counts are -1 (not known), PROCEDURE_TYPE is always 2
// (SQL_PT_FUNCTION), as SQL Server reports them.
func (s *Session) spStoredProcedures(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if err := s.checkQualifier(ArgString(args, 2, "@sp_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	var rows []Row
	for _, r := range s.routines(cat, ArgString(args, 0, "@sp_name"), ArgString(args, 1, "@sp_owner"), usePatternArg(args, 3)) {
		rows = append(rows, Row{str(s.db.Name()), str(r.schema), str(r.name + r.number), i32(-1), i32(-1), i32(-1),
			types.Null(types.VarChar), i16(2)})
	}
	return 0, s.sendCatalog(out, storedProceduresCols, rows)
}

var sprocColumnsCols = []vcol{{"PROCEDURE_QUALIFIER", vName}, {"PROCEDURE_OWNER", vName}, {"PROCEDURE_NAME", types.NVarCharType(134)},
	{"COLUMN_NAME", vName}, {"COLUMN_TYPE", vSmallInt}, {"DATA_TYPE", vSmallInt}, {"TYPE_NAME", vName}, {"PRECISION", vInt},
	{"LENGTH", vInt}, {"SCALE", vSmallInt}, {"RADIX", vSmallInt}, {"NULLABLE", vSmallInt}, {"REMARKS", types.VarCharType(254)},
	{"COLUMN_DEF", types.NVarCharType(4000)}, {"SQL_DATA_TYPE", vSmallInt}, {"SQL_DATETIME_SUB", vSmallInt},
	{"CHAR_OCTET_LENGTH", vInt}, {"ORDINAL_POSITION", vInt}, {"IS_NULLABLE", types.VarCharType(254)}, {"SS_DATA_TYPE", vTinyInt}}

// ODBC parameter kinds of sp_sproc_columns' COLUMN_TYPE.
const (
	odbcParamInput       = 1 // SQL_PARAM_INPUT
	odbcParamInputOutput = 2 // SQL_PARAM_INPUT_OUTPUT: SQL Server's OUTPUT parameters
	odbcReturnValue      = 5 // SQL_RETURN_VALUE
)

// spSprocColumns is sp_sproc_columns @procedure_name (default %),
// @procedure_owner, @procedure_qualifier, @column_name (LIKE patterns
// unless @fUsePattern = 0), @ODBCVer: per routine, @RETURN_VALUE (int for
// a procedure, the return type for a scalar function; ORDINAL_POSITION 0)
// and then its parameters in order (OUTPUT parameters are
// SQL_PARAM_INPUT_OUTPUT, 2). COLUMN_DEF is NULL, as SQL Server does not
// report parameter defaults here. A table-valued function's parameters are
// listed without its result columns.
func (s *Session) spSprocColumns(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if err := s.checkQualifier(ArgString(args, 2, "@procedure_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	colPat := ArgString(args, 3, "@column_name")
	odbc3 := ArgString(args, 4, "@ODBCVer") == "3"
	usePattern := usePatternArg(args, 5)
	var rows []Row
	for _, r := range s.routines(cat, ArgString(args, 0, "@procedure_name"), ArgString(args, 1, "@procedure_owner"), usePattern) {
		params, ret, ok := s.routineSignature(r.text)
		if !ok {
			continue
		}
		add := func(name string, kind int, t types.Type, typeName string, nullable bool, ordinal int) {
			if colPat != "" && (usePattern && !likeName(cat, name, colPat) || !usePattern && !strings.EqualFold(name, colPat)) {
				return
			}
			o := odbcDescribe(t, nullable)
			code, sqlType := o.dataType, o.dataType
			if o.dataType == odbcDateTime2 {
				sqlType = 9
				if odbc3 {
					code = 93
				}
			}
			n, isN := i16(0), "NO"
			if nullable {
				n, isN = i16(1), "YES"
			}
			ss := null
			if o.ssType != 0 {
				ss = types.NewTinyInt(o.ssType)
			}
			rows = append(rows, Row{str(s.db.Name()), str(r.schema), str(r.name + r.number), str(name), i16(kind),
				types.NewSmallInt(code), str(typeName), i32(o.precision), i32(o.length), o.scale, o.radix, n,
				types.Null(types.VarChar), types.Null(types.NVarChar), types.NewSmallInt(sqlType), o.sub, o.octets,
				i32(int32(ordinal)), vc(isN), ss})
		}
		if ret != nil {
			add("@RETURN_VALUE", odbcReturnValue, ret.t, ret.name, ret.nullable, 0)
		}
		for i, p := range params {
			kind := odbcParamInput
			if p.Output {
				kind = odbcParamInputOutput
			}
			t, ut, err := s.declTypeOf(p.Type)
			if err != nil || ut != nil && ut.IsTable() {
				continue
			}
			name := strings.ToLower(p.Type.Name)
			if ut != nil {
				name = ut.Name
			} else if t.ID != 0 && !isRowVersionType(p.Type) {
				name = t.ID.Name()
			}
			add(p.Name, kind, t, name, true, i+1)
		}
	}
	return 0, s.sendCatalog(out, sprocColumnsCols, rows)
}

// returnType is the type of a routine's @RETURN_VALUE row.
type returnType struct {
	t        types.Type
	name     string
	nullable bool
}

// routineSignature parses a routine's definition: its parameters and what
// @RETURN_VALUE is (int NOT NULL for a procedure, the declared type for a
// scalar function, nil for a table-valued one). ok is false when the text
// does not parse as a procedure or function.
func (s *Session) routineSignature(text string) (params []*ast.ProcParam, ret *returnType, ok bool) {
	stmts, err := s.parse(text)
	if err != nil || len(stmts) == 0 {
		return nil, nil, false
	}
	switch st := stmts[0].(type) {
	case *ast.CreateProcStmt:
		return st.Params, &returnType{types.TypeInt, "int", false}, true
	case *ast.CreateFunctionStmt:
		if st.ReturnTable == nil && st.Query == nil && st.Returns != nil {
			if t, ut, err := s.declTypeOf(st.Returns); err == nil && (ut == nil || !ut.IsTable()) {
				name := t.ID.Name()
				if ut != nil {
					name = ut.Name
				}
				return st.Params, &returnType{t, name, true}, true
			}
		}
		return st.Params, nil, true
	}
	return nil, nil, false
}
