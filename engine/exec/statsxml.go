package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SET STATISTICS XML (issue #5). SQL Server answers each statement that
// has a query plan — a query, INSERT, UPDATE, DELETE — with its results and
// then one more result set: one row, one column named "Microsoft SQL
// Server 2005 XML Showplan", the statement's actual execution plan
// ("SET STATISTICS XML (Transact-SQL)": "returns execution information
// for each statement after executing it … the output … is a set of
// well-formed XML documents"). Tools read it (SSMS's "Include Actual
// Execution Plan" is this option), and a client reading result sets by
// position needs it where SQL Server sends it. It was accepted and
// ignored: no result set.
//
// The document is SHOWPLAN_XML's (showplan.go, estimates from the
// statistics) with the rows the statement returned or changed as its root
// operator's RunTimeInformation; the executor counts no rows per operator,
// so the inner operators carry estimates only. Statements without a plan
// (SET, DECLARE, control of flow, DDL) send nothing, and a statement that
// failed sends nothing, as in SQL Server.

// sendStatisticsXML sends st's actual plan after it ran, when STATISTICS
// XML is on and st has a plan.
func (s *Session) sendStatisticsXML(st ast.Statement, out Output) error {
	if !(&planWriter{}).hasPlan(st) {
		return nil
	}
	rows := s.rowcnt
	doc := s.planXML(s.statementText(st), s.db, 0, -1, &rows)
	col := ResultColumn{Name: showplanXMLColumn, Type: types.NVarCharType(types.MaxLength), NotNull: true}
	if err := out.Columns([]ResultColumn{col}); err != nil {
		return err
	}
	if err := out.Row(Row{types.NewNVarChar(doc)}); err != nil {
		return err
	}
	// Not a statement: no row count ("(1 row affected)"), and @@ROWCOUNT
	// stays the statement's.
	inProc := s.batch != nil && s.batch.inProc
	return s.sendDone(out, CmdSelect, 0, false, inProc, false)
}
