package exec

import (
	"context"
	"encoding/xml"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SET NOEXEC, SET PARSEONLY and SET SHOWPLAN_TEXT / SHOWPLAN_ALL /
// SHOWPLAN_XML: while one is ON, statements are compiled (or only parsed)
// and not run. DBAs rely on it for safety: a deployment script that starts
// with `IF @@SERVERNAME <> 'PROD1' SET NOEXEC ON` must change nothing on
// the wrong server, and a DELETE typed under SHOWPLAN to see its plan must
// delete nothing. The only statements that still run are the SETs that
// turn these options off.
//
// Under NOEXEC a SELECT is still bound, so a missing table or column gives
// its error as SQL Server's compile does; other statements are skipped
// whole. Under SHOWPLAN each statement answers with its plan instead:
// mirrorsql has no plan of its own to describe in SQL Server's operator
// vocabulary, so SHOWPLAN_TEXT and SHOWPLAN_ALL return the statement's
// text (their first result set in SQL Server) and SHOWPLAN_XML a
// ShowPlanXML document: for a query or DML statement the plan that
// sys.dm_exec_query_plan shows (showplan.go), its EstimateRows from the
// statistics (stats_showplan.go); for others the statement and no
// QueryPlan element.

// compileOnly reports whether statements are not to be run.
func (s *Session) compileOnly() bool {
	return s.Opts.NoExec || s.Opts.ParseOnly || s.Opts.Showplan != ""
}

// compileOnlyOption reports whether opt is one of the options that stop
// execution, and which.
func compileOnlyOption(opt string) bool {
	switch strings.ToUpper(opt) {
	case "NOEXEC", "PARSEONLY", "SHOWPLAN_TEXT", "SHOWPLAN_ALL", "SHOWPLAN_XML":
		return true
	}
	return false
}

// setCompileOnly records a SET of one of those options.
func (s *Session) setCompileOnly(opt string, on bool) {
	switch opt = strings.ToUpper(opt); opt {
	case "NOEXEC":
		s.Opts.NoExec = on
	case "PARSEONLY":
		s.Opts.ParseOnly = on
	default:
		kind := strings.TrimPrefix(opt, "SHOWPLAN_")
		switch {
		case on:
			s.Opts.Showplan = kind
		case s.Opts.Showplan == kind:
			s.Opts.Showplan = ""
		}
	}
}

// runCompileOnly stands in for running st while compileOnly holds; handled
// is false for a statement that runs anyway (a SET turning an option off).
func (s *Session) runCompileOnly(ctx context.Context, st ast.Statement, out Output) (handled bool, err error) {
	if so, ok := st.(*ast.SetOptionStmt); ok && so.Kind == ast.SetOnOff && !so.On {
		for _, o := range so.Options {
			if compileOnlyOption(o) {
				return false, nil
			}
		}
	}
	switch {
	case s.Opts.ParseOnly:
		return true, nil
	case s.Opts.Showplan != "":
		return true, s.showplan(st, out)
	}
	if sel, ok := st.(*ast.SelectStmt); ok && sel.Query != nil && !selectsInto(sel) {
		_, err := s.buildQuery(sel.Query, nil, nil)
		return true, err
	}
	return true, nil
}

// selectsInto reports whether sel is SELECT … INTO (whose target does not
// exist yet, so it cannot be bound without running).
func selectsInto(sel *ast.SelectStmt) bool {
	core, ok := sel.Query.Body.(*ast.SelectCore)
	return ok && core.Into != nil
}

// showplanXMLColumn is the column name of SQL Server's SHOWPLAN_XML result.
const showplanXMLColumn = "Microsoft SQL Server 2005 XML Showplan"

// showplan answers st under SET SHOWPLAN_*.
func (s *Session) showplan(st ast.Statement, out Output) error {
	text := s.statementText(st)
	var col ResultColumn
	var v types.Value
	switch s.Opts.Showplan {
	case "XML":
		col = ResultColumn{Name: showplanXMLColumn, Type: types.NVarCharType(types.MaxLength), NotNull: true}
		doc := showplanXML(text, statementType(st))
		if (&planWriter{}).hasPlan(st) { // a query or DML: its plan, with the statistics' estimates (showplan.go)
			doc = s.queryPlanXML(text, s.db, 0, -1)
		}
		v = types.NewNVarChar(doc)
	default:
		col = ResultColumn{Name: "StmtText", Type: types.NVarCharType(types.MaxLength), NotNull: true}
		v = types.NewNVarChar(text)
	}
	return SendRows(s, out, []ResultColumn{col}, []Row{{v}})
}

// statementType is a statement's StatementType in a showplan (SELECT,
// INSERT, UPDATE, DELETE, MERGE, or the statement's first keyword).
func statementType(st ast.Statement) string {
	switch st.(type) {
	case *ast.SelectStmt:
		return "SELECT"
	case *ast.InsertStmt:
		return "INSERT"
	case *ast.UpdateStmt:
		return "UPDATE"
	case *ast.DeleteStmt:
		return "DELETE"
	case *ast.MergeStmt:
		return "MERGE"
	}
	word, _, _ := strings.Cut(strings.TrimSpace(st.SQL()), " ")
	return strings.ToUpper(word)
}

// showplanXML is a ShowPlanXML document for one statement without a
// QueryPlan (the schema allows StmtSimple without one).
func showplanXML(text, typ string) string {
	var b strings.Builder
	b.WriteString(`<ShowPlanXML xmlns="http://schemas.microsoft.com/sqlserver/2004/07/showplan" Version="1.564" Build="16.0.1000.6"><BatchSequence><Batch><Statements><StmtSimple StatementText="`)
	_ = xml.EscapeText(&b, []byte(text)) // escapes quotes and line ends too
	b.WriteString(`" StatementId="1" StatementCompId="1" StatementType="`)
	_ = xml.EscapeText(&b, []byte(typ))
	b.WriteString(`" RetrievedFromCache="false" /></Statements></Batch></BatchSequence></ShowPlanXML>`)
	return b.String()
}
