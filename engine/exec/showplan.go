package exec

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ShowPlan XML for sys.dm_exec_query_plan and dm_exec_text_query_plan: a
// document SQL Server's tools and sp_BlitzCache can walk
// (ShowPlanXML/BatchSequence/Batch/Statements/StmtSimple/QueryPlan/RelOp),
// describing in SQL Server's operator vocabulary what the executor does
// with each query or DML statement of a cached text:
//
//   - a table it reads by equality on its clustered key's leading column is
//     a Clustered Index Seek, otherwise a Clustered Index Scan (Table Scan
//     for a heap), with the Object it reads;
//   - joins are Nested Loops (the executor's join), with the join's logical
//     kind; GROUP BY or aggregates a Stream Aggregate; ORDER BY a Sort; TOP
//     a Top; a SELECT without FROM a Constant Scan;
//   - INSERT, UPDATE and DELETE are Clustered Index Insert/Update/Delete
//     over what they read.
//
// Estimates are not the executor's (it keeps none): EstimateRows of a
// table's read is the rows its predicate keeps by the statistics
// (stats_showplan.go), costs are 0. Statements
// other than queries and DML appear as StmtSimple without a QueryPlan, as
// SHOWPLAN_XML shows them (noexec.go).

const showplanNS = "http://schemas.microsoft.com/sqlserver/2004/07/showplan"

// queryPlanXML is the ShowPlan XML of every statement of text, run in db;
// start and end (bytes of text, end < 0: to the end) limit it to the
// statements inside that range (dm_exec_text_query_plan).
func (s *Session) queryPlanXML(text string, db Database, start, end int) string {
	return s.planXML(text, db, start, end, nil)
}

// planXML is queryPlanXML, with the actual rows of an executed statement
// when actual is not nil (SET STATISTICS XML, statsxml.go).
func (s *Session) planXML(text string, db Database, start, end int, actual *int64) string {
	stmts, err := tsql.ParseBatch(text)
	var b strings.Builder
	b.WriteString(`<ShowPlanXML xmlns="` + showplanNS + `" Version="1.564" Build="16.0.4218.0"><BatchSequence><Batch><Statements>`)
	if err == nil {
		if len(stmts) == 1 {
			if cp, ok := stmts[0].(*ast.CreateProcStmt); ok {
				stmts = cp.Body
			}
		}
		p := &planWriter{s: s, db: db, text: text, b: &b, actual: actual}
		p.statements(stmts, start, end)
	}
	b.WriteString(`</Statements></Batch></BatchSequence></ShowPlanXML>`)
	return b.String()
}

type planWriter struct {
	s      *Session
	db     Database
	text   string
	b      *strings.Builder
	stmtID int
	nodeID int
	// actual, for SET STATISTICS XML, is the rows the statement returned
	// or changed, shown as its root operator's RunTimeInformation
	// (statsxml.go); nil for an estimated plan.
	actual *int64
}

func (p *planWriter) statements(stmts []ast.Statement, start, end int) {
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.BlockStmt:
			p.statements(st.Body, start, end)
			continue
		case *ast.IfStmt:
			p.statements([]ast.Statement{st.Then}, start, end)
			if st.Else != nil {
				p.statements([]ast.Statement{st.Else}, start, end)
			}
			continue
		case *ast.WhileStmt:
			p.statements([]ast.Statement{st.Body}, start, end)
			continue
		case *ast.TryCatchStmt:
			p.statements(st.Try, start, end)
			p.statements(st.Catch, start, end)
			continue
		case nil:
			continue
		}
		from, to := st.Pos().Offset(), st.End().Offset()
		if from < 0 || to > len(p.text) || from > to || from < start || (end >= 0 && to > end) {
			continue
		}
		p.stmtID++
		stmtText := p.text[from:to]
		fmt.Fprintf(p.b, `<StmtSimple StatementText="%s" StatementId="%d" StatementCompId="%d" StatementType="%s" StatementSubTreeCost="0" StatementEstRows="1" QueryHash="0x%016X" QueryPlanHash="0x%016X" RetrievedFromCache="true" StatementOptmLevel="FULL" CardinalityEstimationModelVersion="160">`,
			attr(stmtText), p.stmtID, p.stmtID, attr(statementType(st)), textHashOf(stmtText), textHashOf(stmtText)^planHashSalt)
		p.b.WriteString(`<StatementSetOptions QUOTED_IDENTIFIER="true" ARITHABORT="true" CONCAT_NULL_YIELDS_NULL="true" ANSI_NULLS="true" ANSI_PADDING="true" ANSI_WARNINGS="true" NUMERIC_ROUNDABORT="false" />`)
		if p.hasPlan(st) {
			p.nodeID = 0
			p.b.WriteString(`<QueryPlan DegreeOfParallelism="1" CachedPlanSize="16" CompileTime="0" CompileCPU="0" CompileMemory="0">`)
			p.plan(st)
			p.b.WriteString(`</QueryPlan>`)
		}
		p.b.WriteString(`</StmtSimple>`)
	}
}

func (p *planWriter) hasPlan(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.SelectStmt:
		return st.Query != nil
	case *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt:
		return true
	}
	return false
}

func (p *planWriter) plan(st ast.Statement) {
	switch st := st.(type) {
	case *ast.SelectStmt:
		p.query(st.Query)
	case *ast.InsertStmt:
		t := p.table(st.Target)
		p.op("Clustered Index Insert", "Insert", "Update", 1, func() {
			p.object(t)
			if st.Query != nil {
				p.query(st.Query)
			} else {
				p.op("Constant Scan", "Constant Scan", "ConstantScan", float64(max(1, len(st.Values))), nil)
			}
		})
	case *ast.UpdateStmt:
		t := p.table(st.Target)
		p.op("Clustered Index Update", "Update", "Update", 1, func() {
			p.object(t)
			p.reads(st.From, st.Target, st.Where)
		})
	case *ast.DeleteStmt:
		t := p.table(st.Target)
		p.op("Clustered Index Delete", "Delete", "Update", 1, func() {
			p.object(t)
			p.reads(st.From, st.Target, st.Where)
		})
	}
}

// reads writes what a DML statement reads: its FROM, or its target.
func (p *planWriter) reads(from []ast.TableExpr, target ast.TableExpr, where ast.Expr) {
	if len(from) > 0 {
		p.from(from, where)
		return
	}
	p.from([]ast.TableExpr{target}, where)
}

func (p *planWriter) query(q *ast.Query) {
	if q == nil {
		return
	}
	core, ok := q.Body.(*ast.SelectCore)
	if !ok { // UNION and the other set operations
		p.op("Concatenation", "Concatenation", "Concat", 1, nil)
		return
	}
	inner := func() {
		agg := len(core.GroupBy) > 0 || core.Having != nil || aggregatesItems(core.Items)
		body := func() {
			if len(core.From) == 0 {
				p.op("Constant Scan", "Constant Scan", "ConstantScan", 1, nil)
				return
			}
			p.from(core.From, core.Where)
		}
		if agg {
			p.op("Stream Aggregate", "Aggregate", "StreamAggregate", 1, body)
			return
		}
		body()
	}
	sorted := func() {
		if len(q.OrderBy) > 0 {
			p.op("Sort", "Sort", "Sort", 1, inner)
			return
		}
		inner()
	}
	if core.Top != nil {
		p.op("Top", "Top", "Top", 1, sorted)
		return
	}
	sorted()
}

// aggregatesItems reports whether a select list has an aggregate outside a
// subquery.
func aggregatesItems(items []*ast.SelectItem) bool {
	found := false
	for _, it := range items {
		ast.Inspect(it, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Query:
				return false
			case *ast.FuncCall:
				if isAggregate(n) && n.Over == nil {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// from writes a FROM list: one source, or nested loops over several.
func (p *planWriter) from(list []ast.TableExpr, where ast.Expr) {
	if len(list) == 0 {
		return
	}
	if len(list) == 1 {
		p.source(list[0], where)
		return
	}
	p.op("Nested Loops", "Inner Join", "NestedLoops", 1, func() {
		p.from(list[:len(list)-1], where)
		p.source(list[len(list)-1], where)
	})
}

func (p *planWriter) source(te ast.TableExpr, where ast.Expr) {
	switch te := te.(type) {
	case *ast.Join:
		logical := map[ast.JoinKind]string{ast.InnerJoin: "Inner Join", ast.LeftJoin: "Left Outer Join", ast.RightJoin: "Right Outer Join",
			ast.FullJoin: "Full Outer Join", ast.CrossJoin: "Inner Join", ast.CrossApply: "Inner Join", ast.OuterApply: "Left Outer Join"}[te.Kind]
		p.op("Nested Loops", logical, "NestedLoops", 1, func() {
			p.source(te.Left, where)
			p.source(te.Right, te.On)
		})
	case *ast.ParenTable:
		p.source(te.Table, where)
	case *ast.DerivedTable:
		p.query(te.Query)
	case *ast.TableName:
		t := p.table(te)
		if t == nil {
			p.op("Table Scan", "Table Scan", "TableScan", 1, nil)
			return
		}
		rows, _ := p.s.tableRows(p.db, t)
		est := p.planEstimate(t, te, where, float64(rows)) // stats_showplan.go
		// The table's INDEX / FORCESCAN hints (index_hint.go).
		if p.hintedSource(t, te, where, est) {
			return
		}
		switch {
		case t.RowStore().IsHeap():
			p.op("Table Scan", "Table Scan", "TableScan", est, func() { p.object(t) })
		case seeksOn(t, where):
			p.op("Clustered Index Seek", "Clustered Index Seek", "IndexScan", est, func() { p.object(t) })
		default:
			p.op("Clustered Index Scan", "Clustered Index Scan", "IndexScan", est, func() { p.object(t) })
		}
	default:
		p.op("Table-valued function", "Table-valued function", "TableValuedFunction", 1, nil)
	}
}

// hintedSource writes the read of t (rows: the estimate of what it keeps)
// that its INDEX, FORCESEEK and FORCESCAN hints choose, and reports whether they chose one: a scan of the
// row store (INDEX (0), FORCESCAN), or a read of the index they name — a
// nonclustered one is an Index Seek when where fixes its leading column,
// else an Index Scan, joined to a Key Lookup (RID Lookup on a heap) of each
// row by Nested Loops, the shape SQL Server shows.
func (p *planWriter) hintedSource(t *catalog.Table, te *ast.TableName, where ast.Expr, rows float64) bool {
	ah, err := tableAccessHints(&tableRef{t: t}, te.Name, te.Hints)
	if err != nil || ah == nil {
		return false
	}
	rs := t.RowStore()
	scanRowStore := func() {
		if rs.IsHeap() {
			p.op("Table Scan", "Table Scan", "TableScan", rows, func() { p.objectIndex(t, rs) })
			return
		}
		p.op("Clustered Index Scan", "Clustered Index Scan", "IndexScan", rows, func() { p.objectIndex(t, rs) })
	}
	switch {
	case ah.rowStore || ah.forceScan && ah.index == nil:
		scanRowStore()
	case ah.index == nil:
		return false
	case ah.index.IndexID == 1:
		if !ah.forceScan && seeksOnIndex(t, ah.index, where) {
			p.op("Clustered Index Seek", "Clustered Index Seek", "IndexScan", rows, func() { p.objectIndex(t, ah.index) })
		} else {
			scanRowStore()
		}
	default:
		p.op("Nested Loops", "Inner Join", "NestedLoops", rows, func() {
			if !ah.forceScan && seeksOnIndex(t, ah.index, where) {
				p.op("Index Seek", "Index Seek", "IndexScan", rows, func() { p.objectIndex(t, ah.index) })
			} else {
				p.op("Index Scan", "Index Scan", "IndexScan", rows, func() { p.objectIndex(t, ah.index) })
			}
			// A lookup's estimate is per execution: one row.
			if rs.IsHeap() {
				p.op("RID Lookup", "RID Lookup", "IndexScan", 1, func() { p.objectIndex(t, rs) })
			} else {
				p.op("Key Lookup", "Key Lookup", "IndexScan", 1, func() { p.objectIndex(t, rs) })
			}
		})
	}
	return true
}

// seeksOn reports whether where has an equality on t's clustered key's
// leading column.
func seeksOn(t *catalog.Table, where ast.Expr) bool {
	return seeksOnIndex(t, t.RowStore(), where)
}

// seeksOnIndex reports whether where has an equality on ix's leading
// column.
func seeksOnIndex(t *catalog.Table, ix *catalog.Index, where ast.Expr) bool {
	if where == nil || len(ix.Columns) == 0 {
		return false
	}
	lead := t.Columns[ix.Columns[0].Column].Name
	found := false
	ast.Inspect(where, func(n ast.Node) bool {
		if be, ok := n.(*ast.BinaryExpr); ok && be.Op == ast.OpEq {
			for _, side := range []ast.Expr{be.X, be.Y} {
				if c, ok := side.(*ast.ColumnRef); ok && strings.EqualFold(c.Name.Last(), lead) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// table resolves a DML target or FROM table in the plan's database.
func (p *planWriter) table(te ast.TableExpr) *catalog.Table {
	tn, ok := te.(*ast.TableName)
	if !ok || p.db == nil || tn.Name == nil {
		return nil
	}
	schema := p.s.objectSchema(p.s.catalogFor(p.db), tn.Name.Part(1), tn.Name.Last()) // names.go
	cat := p.s.catalogFor(p.db)
	if cat == nil {
		return nil
	}
	return cat.Tables[cat.Key(schema, tn.Name.Last())]
}

func (p *planWriter) object(t *catalog.Table) {
	if t == nil {
		return
	}
	p.objectIndex(t, t.RowStore())
}

// objectIndex writes the Object element of a read of ix, an index of t.
func (p *planWriter) objectIndex(t *catalog.Table, ix *catalog.Index) {
	kind := "Clustered"
	switch {
	case ix.IsHeap():
		kind = "Heap"
	case ix.IndexID > 1:
		kind = "NonClustered"
	}
	fmt.Fprintf(p.b, `<Object Database="[%s]" Schema="[%s]" Table="[%s]"`, attr(p.db.Name()), attr(t.Schema), attr(t.Name))
	if ix.Name != "" {
		fmt.Fprintf(p.b, ` Index="[%s]"`, attr(ix.Name))
	}
	fmt.Fprintf(p.b, ` IndexKind="%s" Storage="RowStore" />`, kind)
}

// op writes one RelOp with its operator element (IndexScan, NestedLoops …)
// holding what children writes: the Object, the input RelOps.
func (p *planWriter) op(physical, logical, elem string, rows float64, children func()) {
	id := p.nodeID
	p.nodeID++
	fmt.Fprintf(p.b, `<RelOp NodeId="%d" PhysicalOp="%s" LogicalOp="%s" EstimateRows="%g" EstimateIO="0" EstimateCPU="0" AvgRowSize="0" EstimatedTotalSubtreeCost="0" Parallel="0" EstimateRebinds="0" EstimateRewinds="0" EstimatedExecutionMode="Row"><OutputList />`,
		id, physical, logical, rows)
	if p.actual != nil && id == 0 {
		fmt.Fprintf(p.b, `<RunTimeInformation><RunTimeCountersPerThread Thread="0" ActualRows="%d" ActualEndOfScans="1" ActualExecutions="1" /></RunTimeInformation>`, *p.actual)
	}
	p.b.WriteString("<" + elem + ">")
	if children != nil {
		children()
	}
	p.b.WriteString("</" + elem + "></RelOp>")
}

func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
