package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_describe_first_result_set and sys.dm_exec_describe_first_result_set:
// the columns of the first result set a batch would return, found by
// binding it, never by running it. SSMS, SqlClient (SqlCommandBuilder,
// DeriveParameters), EF Core scaffolding and code generators ask for them,
// so a statement that writes (INSERT, UPDATE, EXEC of a procedure) must
// change nothing: only SELECTs are compiled (into a plan that is not
// opened), procedure bodies are read from their definitions, and DECLAREs
// only make variables known to the binder.
//
// The first statement that returns rows decides: a SELECT (not SELECT …
// INTO, not an assignment), looked for through IF/ELSE (the first branch
// that has one), BEGIN … END, TRY blocks and EXEC of a user procedure (its
// body, with its parameters declared). Dynamic SQL is SQL Server's 11513
// (11514 inside a procedure) and a temp table its 11525 (11526); a batch
// whose first result fails to bind gets the bind error and then 11529. A
// batch without a result set gives an empty result.

func init() {
	RegisterProc("sp_describe_first_result_set", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		v, ok := argValue(args, 0, "@tsql")
		if !ok || v.IsNull() {
			return 1, ErrProcMissingArg.New("sp_describe_first_result_set", "@tsql")
		}
		text, _ := asText(v)
		browse, _ := ArgInt(args, 2, "@browse_information_mode")
		rows, err := s.describeFirstResultSet(ctx, text, ArgString(args, 1, "@params"), browse, out)
		if err != nil {
			return 1, err
		}
		return 0, s.sendCatalog(out, describeCols, rows, describeNotNull...)
	})
	cols := make([]ViewColumn, len(describeCols))
	for i, c := range describeCols {
		cols[i] = ViewColumn{Name: c.name, Type: c.typ}
	}
	RegisterTableFunc(TableFunc{Name: "dm_exec_describe_first_result_set", Cols: cols, MinArgs: 3, MaxArgs: 3,
		Rows: func(s *Session, args []types.Value) ([]Row, error) {
			if args[0].IsNull() {
				return nil, nil
			}
			text, _ := asText(args[0])
			params := ""
			if !args[1].IsNull() {
				params, _ = asText(args[1])
			}
			browse, _ := ArgInt32(args[2])
			return s.describeFirstResultSet(context.Background(), text, params, int64(browse), nil)
		}})
}

var describeCols = []vcol{{"is_hidden", vBit}, {"column_ordinal", vInt}, {"name", vName}, {"is_nullable", vBit},
	{"system_type_id", vInt}, {"system_type_name", types.NVarCharType(256)}, {"max_length", vSmallInt}, {"precision", vTinyInt},
	{"scale", vTinyInt}, {"collation_name", vName}, {"user_type_id", vInt}, {"user_type_database", vName},
	{"user_type_schema", vName}, {"user_type_name", vName}, {"assembly_qualified_type_name", types.NVarCharType(4000)},
	{"xml_collection_id", vInt}, {"xml_collection_database", vName}, {"xml_collection_schema", vName},
	{"xml_collection_name", vName}, {"is_xml_document", vBit}, {"is_case_sensitive", vBit}, {"is_fixed_length_clr_type", vBit},
	{"source_server", vName}, {"source_database", vName}, {"source_schema", vName}, {"source_table", vName},
	{"source_column", vName}, {"is_identity_column", vBit}, {"is_part_of_unique_key", vBit}, {"is_updateable", vBit},
	{"is_computed_column", vBit}, {"is_sparse_column_set", vBit}, {"ordinal_in_order_by_list", vSmallInt},
	{"order_by_list_length", vSmallInt}, {"order_by_is_descending", vSmallInt}, {"tds_type_id", vInt}, {"tds_length", vInt},
	{"tds_collation_id", vInt}, {"tds_collation_sort_id", vTinyInt}}

// describeNotNull are the columns of sp_describe_first_result_set's result
// that its reference page types NOT NULL (is_hidden bit NOT NULL …); the
// others are NULL there.
var describeNotNull = []string{"is_hidden", "column_ordinal", "is_nullable", "system_type_id", "max_length",
	"precision", "scale", "is_xml_document", "is_case_sensitive", "is_fixed_length_clr_type", "tds_type_id", "tds_length"}

// describeError is one of SQL Server's 115xx errors of the describe
// procedures.
func describeError(number int32, msg string) error {
	return &Error{Number: number, Severity: 16, State: 1, Message: msg}
}

// describer walks a batch looking for its first result set.
type describer struct {
	s    *Session
	text string // the text the statements' positions index
	proc string // the procedure being looked into, "" at the top
}

// describeFirstResultSet returns sp_describe_first_result_set's rows for
// the batch text with parameters params (sp_executesql's declarations).
// out, when not nil, receives the bind error before 11529 is returned.
func (s *Session) describeFirstResultSet(ctx context.Context, text, params string, browse int64, out Output) ([]Row, error) {
	stmts, err := s.parse(text)
	if err != nil {
		return nil, err
	}
	decls, err := ParseParamDecls(params)
	if err != nil {
		return nil, err
	}
	prev := s.batch
	s.batch = newBatchState(nil, true)
	defer func() { s.batch = prev }()
	for _, p := range decls {
		if _, err := s.declare(&ast.VarDecl{Name: p.Name, Type: p.Type}); err != nil {
			return nil, err
		}
	}
	d := &describer{s: s, text: text}
	q, p, err := d.first(ctx, stmts, 0)
	if err != nil {
		var e *Error
		if out != nil && errors.As(err, &e) && e.Number/100 != 115 {
			if oerr := out.Error(err); oerr != nil {
				return nil, oerr
			}
			return nil, describeError(11529, "The metadata could not be determined because every code path results in an error; see previous errors for some of these.")
		}
		return nil, err
	}
	if p == nil {
		return nil, nil
	}
	return s.describeRows(q, p, browse != 0), nil
}

// statementText is the batch's text of st, as the 115xx messages quote it.
func (d *describer) statementText(st ast.Statement) string {
	from, to := st.Pos().Offset(), st.End().Offset()
	if from >= 0 && to <= len(d.text) && from < to {
		return strings.TrimSpace(d.text[from:to])
	}
	return st.SQL()
}

// errDynamic and errTemp are 11513/11514 and 11525/11526 for st.
func (d *describer) errDynamic(st ast.Statement) error {
	if d.proc != "" {
		return describeError(11514, "The metadata could not be determined because statement '"+d.statementText(st)+"' in procedure '"+d.proc+"' contains dynamic SQL.  Consider using the WITH RESULT SETS clause to explicitly describe the result set.")
	}
	return describeError(11513, "The metadata could not be determined because statement '"+d.statementText(st)+"' contains dynamic SQL.  Consider using the WITH RESULT SETS clause to explicitly describe the result set.")
}

func (d *describer) errTemp(st ast.Statement) error {
	if d.proc != "" {
		return describeError(11526, "The metadata could not be determined because statement '"+d.statementText(st)+"' in procedure '"+d.proc+"' uses a temp table.")
	}
	return describeError(11525, "The metadata could not be determined because statement '"+d.statementText(st)+"' uses a temp table.")
}

// usesTempTable reports whether st names a #temp table.
func usesTempTable(st ast.Node) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		if t, ok := n.(*ast.TableName); ok && t.Name != nil && strings.HasPrefix(t.Name.Last(), "#") {
			found = true
		}
		return !found
	})
	return found
}

// first finds the first statement of stmts that returns a result set and
// binds it: its query and plan, or nil when there is none.
func (d *describer) first(ctx context.Context, stmts []ast.Statement, depth int) (*ast.Query, *plan, error) {
	if depth > maxNesting {
		return nil, nil, nil
	}
	for _, st := range stmts {
		q, p, err := d.statement(ctx, st, depth)
		if err != nil || p != nil {
			return q, p, err
		}
	}
	return nil, nil, nil
}

func (d *describer) statement(ctx context.Context, st ast.Statement, depth int) (*ast.Query, *plan, error) {
	s := d.s
	switch st := st.(type) {
	case *ast.DeclareStmt:
		for _, v := range st.Vars {
			if v.Table != nil {
				continue // a table variable would allocate storage; its uses fail to bind instead
			}
			if _, err := s.declare(&ast.VarDecl{Name: v.Name, Type: v.Type}); err != nil {
				return nil, nil, err
			}
		}
	case *ast.SelectStmt:
		core, _ := st.Query.Body.(*ast.SelectCore)
		if intoCore(st.Query.Body) != nil || core != nil && len(core.Items) > 0 && core.Items[0].Var != nil {
			return nil, nil, nil
		}
		if usesTempTable(st) {
			return nil, nil, d.errTemp(st)
		}
		p, err := s.buildQuery(st.Query, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		return st.Query, p, nil
	case *ast.IfStmt:
		if q, p, err := d.statement(ctx, st.Then, depth); err != nil || p != nil {
			return q, p, err
		}
		if st.Else != nil {
			return d.statement(ctx, st.Else, depth)
		}
	case *ast.WhileStmt:
		return d.statement(ctx, st.Body, depth)
	case *ast.BlockStmt:
		return d.first(ctx, st.Body, depth)
	case *ast.TryCatchStmt:
		return d.first(ctx, st.Try, depth)
	case *ast.ExecStmt:
		return d.exec(ctx, st, depth)
	}
	return nil, nil, nil
}

// exec looks into EXEC: dynamic SQL and sp_executesql are 11513/11514; a
// user procedure's body is searched with its parameters declared; other
// system procedures have no describable result here.
func (d *describer) exec(ctx context.Context, st *ast.ExecStmt, depth int) (*ast.Query, *plan, error) {
	if st.Dynamic != nil || st.ProcVar != nil {
		return nil, nil, d.errDynamic(st)
	}
	if st.Proc == nil {
		return nil, nil, nil
	}
	name := strings.ToLower(st.Proc.Last())
	if name == "sp_executesql" {
		return nil, nil, d.errDynamic(st)
	}
	s := d.s
	db, err := s.resolveDatabase(st.Proc.Part(2))
	if err != nil {
		return nil, nil, err
	}
	schema := s.objectSchema(s.catalogFor(db), st.Proc.Part(1), st.Proc.Last()) // names.go
	p := s.catalogFor(db).Procedure(schema, st.Proc.Last())
	if p == nil {
		if strings.HasPrefix(name, "sp_") || strings.HasPrefix(name, "xp_") {
			return nil, nil, nil
		}
		return nil, nil, ErrProcNotFound.New(nameText(st.Proc))
	}
	stmts, err := parseModuleShared(p.Text, p.ModuleSets)
	if err != nil || len(stmts) == 0 {
		return nil, nil, err
	}
	cp, ok := stmts[0].(*ast.CreateProcStmt)
	if !ok {
		return nil, nil, nil
	}
	prev := s.batch
	s.batch = newBatchState(nil, true)
	defer func() { s.batch = prev }()
	for _, prm := range cp.Params {
		if _, err := s.declare(&ast.VarDecl{Name: prm.Name, Type: prm.Type}); err != nil {
			return nil, nil, err
		}
	}
	inner := &describer{s: s, text: p.Text, proc: p.Name}
	return inner.first(ctx, cp.Body, depth+1)
}

// describedSource is where a result column comes from, when it is a plain
// column of one table (browse information).
type describedSource struct {
	db, schema string
	t          *catalog.Table
	c          *catalog.Column
}

// sources maps the result columns of q to table columns when q is a plain
// SELECT of column references and * from one table; nil entries otherwise.
func (s *Session) sources(q *ast.Query, n int) []*describedSource {
	out := make([]*describedSource, n)
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || len(core.From) != 1 || core.GroupBy != nil || core.Distinct {
		return out
	}
	tn, ok := core.From[0].(*ast.TableName)
	if !ok || strings.HasPrefix(tn.Name.Last(), "#") {
		return out
	}
	tr, found, err := s.resolveTable(tn.Name)
	if err != nil || !found {
		return out
	}
	i := 0
	for _, it := range core.Items {
		switch e := it.Expr.(type) {
		case *ast.Star:
			for _, c := range tr.t.Columns {
				if c.Hidden {
					continue
				}
				if i < n {
					out[i] = &describedSource{tr.db.Name(), tr.t.Schema, tr.t, c}
				}
				i++
			}
			continue
		case *ast.ColumnRef:
			if _, c := tr.t.Column(e.Name.Last()); c != nil && i < n {
				out[i] = &describedSource{tr.db.Name(), tr.t.Schema, tr.t, c}
			}
		}
		i++
	}
	return out
}

// describeRows turns a bound plan's columns into the describe rows.
func (s *Session) describeRows(q *ast.Query, p *plan, browse bool) []Row {
	src := s.sources(q, len(p.cols))
	var rows []Row
	for i, c := range p.cols {
		if c.hidden {
			continue
		}
		t := c.typ
		sysID, typeName := int32(t.ID), t.String()
		var sc *describedSource
		if i < len(src) {
			sc = src[i]
		}
		if sc != nil && sc.c.RowVersion {
			sysID, typeName = rowVersionTypeID, "timestamp"
		}
		coll, cs := null, bit(false)
		if t.ID.IsString() {
			coll, cs = str(t.Collation.Name()), bit(t.Collation.CaseSensitive())
		}
		name := null
		if c.name != "" {
			name = str(c.name)
		}
		srcDB, srcSchema, srcTable, srcCol := null, null, null, null
		identity, computed, updateable, uniqueKey := bit(false), bit(false), bit(false), types.Null(types.Bit)
		if sc != nil {
			identity, computed = bit(sc.c.Identity), bit(sc.c.Computed != "")
			updateable = bit(!sc.c.Identity && sc.c.Computed == "" && !sc.c.RowVersion)
			if browse {
				srcDB, srcSchema, srcTable, srcCol = str(sc.db), str(sc.schema), str(sc.t.Name), str(sc.c.Name)
				uniqueKey = bit(inUniqueKey(sc.t, sc.c))
			}
		}
		tdsType, tdsLen := tdsTypeOf(t, !c.notNull)
		rows = append(rows, Row{bit(false), i32(int32(i + 1)), name, bit(!c.notNull), i32(sysID), str(typeName),
			types.NewSmallInt(t.CatalogMaxLength()), types.NewTinyInt(t.CatalogPrecision()), types.NewTinyInt(t.CatalogScale()),
			coll, i32(sysID), null, null, null, types.Null(types.NVarChar), types.Null(types.Int), null, null, null, bit(false), cs,
			bit(false), null, srcDB, srcSchema, srcTable, srcCol, identity, uniqueKey, updateable, computed, bit(false),
			types.Null(types.SmallInt), types.Null(types.SmallInt), types.Null(types.SmallInt), i32(tdsType), i32(tdsLen),
			types.Null(types.Int), types.Null(types.TinyInt)})
	}
	return rows
}

// inUniqueKey reports whether c is a key column of a unique index of t.
func inUniqueKey(t *catalog.Table, c *catalog.Column) bool {
	for _, ix := range t.Indexes {
		if !ix.Unique {
			continue
		}
		for _, kc := range ix.Columns {
			if t.Columns[kc.Column] == c {
				return true
			}
		}
	}
	return false
}

// tdsTypeOf is the TDS TYPE_INFO code and length a column of type t is
// sent with (MS-TDS 2.2.5.4): the nullable (N) codes for the fixed types
// that may be NULL, the 7.x "big" codes for character and binary data,
// length -1 for (max).
func tdsTypeOf(t types.Type, nullable bool) (int32, int32) {
	fixed := func(code, ncode, n int32) (int32, int32) {
		if nullable {
			return ncode, n
		}
		return code, n
	}
	size := func(n int) int32 {
		if n == types.MaxLength {
			return -1
		}
		return int32(n)
	}
	switch t.ID {
	case types.Bit:
		return fixed(50, 104, 1)
	case types.TinyInt:
		return fixed(48, 38, 1)
	case types.SmallInt:
		return fixed(52, 38, 2)
	case types.Int:
		return fixed(56, 38, 4)
	case types.BigInt:
		return fixed(127, 38, 8)
	case types.Real:
		return fixed(59, 109, 4)
	case types.Float:
		return fixed(62, 109, 8)
	case types.Money:
		return fixed(60, 110, 8)
	case types.SmallMoney:
		return fixed(122, 110, 4)
	case types.DateTime:
		return fixed(61, 111, 8)
	case types.SmallDateTime:
		return fixed(58, 111, 4)
	case types.Decimal:
		return 106, int32(t.CatalogMaxLength())
	case types.Numeric:
		return 108, int32(t.CatalogMaxLength())
	case types.Date:
		return 40, 3
	case types.Time:
		return 41, int32(t.CatalogMaxLength())
	case types.DateTime2:
		return 42, int32(t.CatalogMaxLength())
	case types.DateTimeOffset:
		return 43, int32(t.CatalogMaxLength())
	case types.UniqueIdentifier:
		return 36, 16
	case types.Char:
		return 175, size(t.Length)
	case types.VarChar:
		return 167, size(t.Length)
	case types.NChar:
		return 239, int32(t.CatalogMaxLength())
	case types.NVarChar:
		return 231, int32(t.CatalogMaxLength())
	case types.Binary:
		return 173, size(t.Length)
	case types.VarBinary:
		return 165, size(t.Length)
	case types.Text:
		return 35, 16
	case types.NText:
		return 99, 16
	case types.Image:
		return 34, 16
	case types.SQLVariant:
		return 98, 8016
	case types.XML:
		return 241, -1
	}
	return 0, int32(t.CatalogMaxLength())
}
