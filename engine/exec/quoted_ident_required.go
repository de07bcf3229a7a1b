package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// What needs QUOTED_IDENTIFIER ON (issue #5).
//
// SQL Server refuses, with 1934, to create an index on a view, a filtered
// index or an index on a computed column under SET QUOTED_IDENTIFIER OFF;
// to change a table that has one of those (or an indexed view reading it);
// and to call an xml data type method ("SET QUOTED_IDENTIFIER", Remarks).
// The usual victim is a maintenance job run by a client that logs in under
// OFF (ODBC sqlcmd without -I, DB-Library): its INSERT into a table with a
// filtered index fails. The checks cost nothing under ON, the default.

// errQuotedIdentifierOff is SQL Server's 1934 for statement verb (CREATE
// INDEX, INSERT, UPDATE, DELETE, SELECT).
func errQuotedIdentifierOff(verb string) error {
	return &Error{Number: 1934, Severity: 16, State: 1, Message: verb + " failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. " +
		"Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations."}
}

// requireQuotedIdentifier returns 1934 for verb under QUOTED_IDENTIFIER OFF.
func (s *Session) requireQuotedIdentifier(verb string) error {
	if s.Opts.QuotedIdentifier {
		return nil
	}
	return errQuotedIdentifierOff(verb)
}

// checkTargetSets returns 1934 for an INSERT, UPDATE, DELETE or MERGE (verb) of
// tr's table under QUOTED_IDENTIFIER OFF when the table has a filtered
// index, an index on a computed column, or an indexed view reads it.
func (s *Session) checkTargetSets(tr *tableRef, verb string) error {
	if s.Opts.QuotedIdentifier || tr == nil || tr.t == nil || tr.cat == nil {
		return nil
	}
	t := tr.t
	for _, ix := range t.Indexes {
		if ix.Filter != "" || indexHasComputed(t, ix) {
			return errQuotedIdentifierOff(verb)
		}
	}
	if s.viewReferrer(tr.cat, t.Schema, t.Name, true) != "" {
		return errQuotedIdentifierOff(verb)
	}
	return nil
}

// indexHasComputed reports whether a key or included column of ix is a
// computed column of t.
func indexHasComputed(t *catalog.Table, ix *catalog.Index) bool {
	for _, c := range ix.Columns {
		if c.Column < len(t.Columns) && t.Columns[c.Column].Computed != "" {
			return true
		}
	}
	for _, i := range ix.Included {
		if i < len(t.Columns) && t.Columns[i].Computed != "" {
			return true
		}
	}
	return false
}

// includesComputed reports whether an INCLUDE list names a computed column
// of t (an unknown name is left to the caller's 207).
func includesComputed(t *catalog.Table, include []*ast.Ident) bool {
	for _, inc := range include {
		if _, c := t.Column(inc.Name); c != nil && c.Computed != "" {
			return true
		}
	}
	return false
}
