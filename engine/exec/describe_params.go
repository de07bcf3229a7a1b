package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_describe_undeclared_parameters (@tsql, @params): one row per variable
// the batch uses without declaring it (in @params or a DECLARE), with the
// type SQL Server's deduction would suggest in the common cases ORMs and
// SqlClient send: a parameter compared with a column (=, <>, <, IN,
// BETWEEN, LIKE, arithmetic), assigned to one (UPDATE … SET col = @p) or
// inserted into one (INSERT t (col) VALUES (@p)) gets that column's type.
// Where no column gives a type the suggestion is nvarchar(4000), the type
// SQL Server gives a parameter without other constraints. Like
// sp_describe_first_result_set nothing is run; the batch is only parsed
// and the tables it names are looked up.

func init() {
	RegisterProc("sp_describe_undeclared_parameters", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		v, ok := argValue(args, 0, "@tsql")
		if !ok || v.IsNull() {
			return 1, ErrProcMissingArg.New("sp_describe_undeclared_parameters", "@tsql")
		}
		text, _ := asText(v)
		rows, err := s.describeUndeclared(text, ArgString(args, 1, "@params"))
		if err != nil {
			return 1, err
		}
		return 0, s.sendCatalog(out, undeclaredCols, rows)
	})
}

var undeclaredCols = []vcol{{"parameter_ordinal", vInt}, {"name", vName}, {"suggested_system_type_id", vInt},
	{"suggested_system_type_name", types.NVarCharType(256)}, {"suggested_max_length", vSmallInt}, {"suggested_precision", vTinyInt},
	{"suggested_scale", vTinyInt}, {"suggested_user_type_id", vInt}, {"suggested_user_type_database", vName},
	{"suggested_user_type_schema", vName}, {"suggested_user_type_name", vName},
	{"suggested_assembly_qualified_type_name", types.NVarCharType(4000)}, {"suggested_xml_collection_id", vInt},
	{"suggested_xml_collection_database", vName}, {"suggested_xml_collection_schema", vName},
	{"suggested_xml_collection_name", vName}, {"suggested_is_xml_document", vBit}, {"suggested_is_case_sensitive", vBit},
	{"suggested_is_fixed_length_clr_type", vBit}, {"suggested_is_input", vBit}, {"suggested_is_output", vBit},
	{"formal_parameter_name", vName}, {"suggested_tds_type_id", vInt}, {"suggested_tds_length", vInt}}

// describeUndeclared returns sp_describe_undeclared_parameters' rows.
func (s *Session) describeUndeclared(text, params string) ([]Row, error) {
	stmts, err := s.parse(text)
	if err != nil {
		return nil, err
	}
	decls, err := ParseParamDecls(params)
	if err != nil {
		return nil, err
	}
	declared := map[string]bool{}
	for _, p := range decls {
		declared[strings.ToLower(p.Name)] = true
	}
	var order []string
	suggested := map[string]*types.Type{}
	for _, st := range stmts {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.VarDecl:
				declared[strings.ToLower(n.Name)] = true
			case *ast.Variable:
				k := strings.ToLower(n.Name)
				if !declared[k] && suggested[k] == nil {
					order = append(order, n.Name)
					suggested[k] = &types.Type{}
				}
			}
			return true
		})
		s.deduceParams(st, declared, suggested)
	}
	var rows []Row
	for i, name := range order {
		t := *suggested[strings.ToLower(name)]
		if t.ID == 0 {
			t = types.NVarCharType(4000)
		}
		cs := bit(false)
		if t.ID.IsString() {
			cs = bit(t.Collation.CaseSensitive())
		}
		tdsType, tdsLen := tdsTypeOf(t, true)
		rows = append(rows, Row{i32(int32(i + 1)), str(name), i32(int32(t.ID)), str(t.String()),
			types.NewSmallInt(t.CatalogMaxLength()), types.NewTinyInt(t.CatalogPrecision()), types.NewTinyInt(t.CatalogScale()),
			i32(int32(t.ID)), null, null, null, types.Null(types.NVarChar), types.Null(types.Int), null, null, null, bit(false), cs,
			bit(false), bit(true), bit(false), null, i32(tdsType), i32(tdsLen)})
	}
	return rows, nil
}

// deduceParams records, for undeclared variables of st, the type of the
// column each is compared with, assigned to or inserted into.
func (s *Session) deduceParams(st ast.Statement, declared map[string]bool, suggested map[string]*types.Type) {
	tables := s.statementTables(st)
	column := func(e ast.Expr) *catalog.Column {
		cr, ok := unparen(e).(*ast.ColumnRef)
		if !ok {
			return nil
		}
		return findColumn(tables, cr.Name)
	}
	suggest := func(v ast.Expr, c *catalog.Column) {
		vr, ok := unparen(v).(*ast.Variable)
		if !ok || c == nil || declared[strings.ToLower(vr.Name)] {
			return
		}
		if t := suggested[strings.ToLower(vr.Name)]; t != nil && t.ID == 0 {
			*t = c.Type
		}
	}
	pair := func(a, b ast.Expr) {
		suggest(a, column(b))
		suggest(b, column(a))
	}
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			pair(n.X, n.Y)
		case *ast.InExpr:
			for _, e := range n.List {
				suggest(e, column(n.X))
			}
		case *ast.BetweenExpr:
			suggest(n.Low, column(n.X))
			suggest(n.High, column(n.X))
		case *ast.LikeExpr:
			pair(n.X, n.Pattern)
		case *ast.SetClause:
			if n.Column != nil {
				suggest(n.Value, findColumn(tables, n.Column))
			}
		case *ast.InsertStmt:
			if len(tables) > 0 {
				t := tables[0].t
				for _, row := range n.Values {
					for i, e := range row {
						var c *catalog.Column
						if i < len(n.Columns) {
							_, c = t.Column(n.Columns[i].Name)
						} else if len(n.Columns) == 0 {
							c = insertableColumn(t, i)
						}
						suggest(e, c)
					}
				}
			}
		}
		return true
	})
}

// insertableColumn is the i-th column an INSERT without a column list
// fills (identity, computed and rowversion columns are skipped).
func insertableColumn(t *catalog.Table, i int) *catalog.Column {
	for _, c := range t.Columns {
		if c.Identity || c.Computed != "" || c.RowVersion || c.Hidden {
			continue
		}
		if i == 0 {
			return c
		}
		i--
	}
	return nil
}

// namedTable is a table a statement names, with its alias.
type namedTable struct {
	alias string // lower case; the table's name when not aliased
	t     *catalog.Table
}

// statementTables resolves the tables st names (its target first for
// INSERT, UPDATE and DELETE); unknown names are left out.
func (s *Session) statementTables(st ast.Statement) []namedTable {
	var out []namedTable
	ast.Inspect(st, func(n ast.Node) bool {
		tn, ok := n.(*ast.TableName)
		if !ok || tn.Name == nil {
			return true
		}
		tr, found, err := s.resolveTable(tn.Name)
		if err != nil || !found {
			return true
		}
		alias := strings.ToLower(tn.Name.Last())
		if tn.Alias != nil {
			alias = strings.ToLower(identName(tn.Alias))
		}
		out = append(out, namedTable{alias, tr.t})
		return true
	})
	return out
}

// findColumn finds the column a (possibly qualified) name refers to among
// tables.
func findColumn(tables []namedTable, n *ast.Name) *catalog.Column {
	qual := ""
	if len(n.Parts) > 1 {
		qual = strings.ToLower(n.Part(1))
	}
	for _, nt := range tables {
		if qual != "" && qual != nt.alias && qual != strings.ToLower(nt.t.Name) {
			continue
		}
		if _, c := nt.t.Column(n.Last()); c != nil {
			return c
		}
	}
	return nil
}
