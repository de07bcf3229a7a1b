package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// FOR SYSTEM_TIME (temporal.go): a system-versioned table read at a time
// or over a range is its current rows and its history rows whose periods
// qualify, as one derived table with the table's columns. The qualifying
// rule per form is Microsoft's ("Query data in a system-versioned temporal
// table"):
//
//	AS OF t                 start <= t AND end > t
//	FROM a TO b             start < b AND end > a
//	BETWEEN a AND b         start <= b AND end > a
//	CONTAINED IN (a, b)     start >= a AND end <= b
//	ALL                     every row
//
// and, in every form (ALL included), only rows whose period is not empty:
// "FOR SYSTEM_TIME filters out rows that have period of validity with zero
// duration" (the same page) — the zero-length history rows a row changed
// twice by one transaction leaves; only the history table itself shows them.

// systemTimeQuery is the T-SQL of the derived table for FOR SYSTEM_TIME st
// over tr: both tables' rows, filtered by the form's rule.
func systemTimeQuery(tr, hist *tableRef, st *ast.SystemTime) string {
	start, end := periodColumns(tr.t)
	q := ast.QuoteIdent
	sc, ec := q(tr.t.Columns[start].Name), q(tr.t.Columns[end].Name)
	var where string
	lo, hi := "", ""
	if st.Lower != nil {
		lo = "(" + st.Lower.SQL() + ")"
	}
	if st.Upper != nil {
		hi = "(" + st.Upper.SQL() + ")"
	}
	switch st.Kind {
	case ast.SystemTimeAsOf:
		where = sc + " <= " + lo + " AND " + ec + " > " + lo
	case ast.SystemTimeFromTo:
		where = sc + " < " + hi + " AND " + ec + " > " + lo
	case ast.SystemTimeBetween:
		where = sc + " <= " + hi + " AND " + ec + " > " + lo
	case ast.SystemTimeContainedIn:
		where = sc + " >= " + lo + " AND " + ec + " <= " + hi
	}
	if where != "" {
		where += " AND "
	}
	where += sc + " <> " + ec // no zero-length periods (see above)
	cols := make([]string, len(tr.t.Columns))
	for i, c := range tr.t.Columns {
		cols[i] = q(c.Name)
	}
	list := strings.Join(cols, ", ")
	from := func(r *tableRef) string {
		return "SELECT " + list + " FROM " + q(r.db.Name()) + "." + q(r.t.Schema) + "." + q(r.t.Name) + " WHERE " + where
	}
	return from(tr) + " UNION ALL " + from(hist)
}

// buildSystemTime compiles a table name with FOR SYSTEM_TIME.
func (s *Session) buildSystemTime(t *ast.TableName, alias string, outer *scope) (*source, error) {
	tr, ok, err := s.resolveTable(t.Name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrInvalidObject.New(nameText(t.Name))
	}
	if tr.t.HistoryID == 0 {
		return nil, errNotSystemVersioned.New(qualifiedName(tr.db, tr.t))
	}
	hist, err := s.historyOf(tr)
	if err != nil {
		return nil, err
	}
	stmts, err := tsql.ParseBatch(systemTimeQuery(tr, hist, t.SystemTime))
	if err != nil {
		return nil, err
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok || len(stmts) != 1 {
		return nil, ErrNotSupported.New("This FOR SYSTEM_TIME clause")
	}
	p, err := s.buildQuery(sel.Query, outer, nil)
	if err != nil {
		return nil, err
	}
	if alias == "" {
		alias = tr.t.Name
	}
	src, err := derivedSource(p, alias, nil, outer)
	if err != nil {
		return nil, err
	}
	for i, c := range tr.t.Columns {
		src.sc.cols[i].noStar = c.Hidden
		src.sc.cols[i].notNull = !c.Nullable
	}
	return src, nil
}

// generatedAlwaysDesc is sys.columns.generated_always_type_desc by type.
var generatedAlwaysDesc = [3]string{"NOT_APPLICABLE", "AS_ROW_START", "AS_ROW_END"}

// temporalTypeColumns are sys.tables' temporal_type, temporal_type_desc and
// history_table_id of the table with object_id id.
func temporalTypeColumns(cat *catalog.Database, id int64) Row {
	t := cat.TableByID(int32(id))
	switch {
	case t != nil && t.HistoryID != 0:
		return Row{types.NewTinyInt(2), str("SYSTEM_VERSIONED_TEMPORAL_TABLE"), i32(t.HistoryID)}
	case t != nil && t.HistoryOf != 0:
		return Row{types.NewTinyInt(1), str("HISTORY_TABLE"), null}
	}
	return Row{types.NewTinyInt(0), str("NON_TEMPORAL_TABLE"), null}
}

func init() {
	systemViews["sys.periods"] = &virtualTable{cols: []vcol{{"name", vName}, {"period_type", vTinyInt}, {"period_type_desc", vDesc},
		{"object_id", vInt}, {"start_column_id", vInt}, {"end_column_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				if t.Period != nil {
					out = append(out, Row{str("SYSTEM_TIME"), types.NewTinyInt(1), str("SYSTEM_TIME_PERIOD"), i32(t.ID), i32(t.Period.StartCol), i32(t.Period.EndCol)})
				}
			}
			return out, nil
		}}
}
