package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The SET options a module captures (issue #5).
//
// SQL Server keeps QUOTED_IDENTIFIER and ANSI_NULLS with every procedure,
// function, trigger and view when it is created or altered, and uses them
// whatever the caller's: the body is read under the captured
// QUOTED_IDENTIFIER (a legacy procedure created under OFF compares name =
// "abc" with a string even when called by an ODBC client, which runs under
// ON), and it runs under the captured ANSI_NULLS. A SET of either inside
// the body changes nothing ("SET QUOTED_IDENTIFIER", "SET ANSI_NULLS",
// Remarks). Dynamic SQL inside a module starts from the module's settings
// and may change them for itself.
//
// The settings live in catalog.ModuleSets, so they are logged, mirrored and
// survive a restart with the definition.

// moduleSets are the settings a module created now captures: the
// QUOTED_IDENTIFIER its CREATE was read under (the batch's from its start,
// CREATE being first in the batch) and the ANSI_NULLS in effect.
func (s *Session) moduleSets() catalog.ModuleSets {
	qiOff := !s.Opts.QuotedIdentifier
	if s.batch != nil {
		qiOff = s.batch.qiOff
	}
	return catalog.ModuleSets{QuotedIdentifierOff: qiOff, AnsiNullsOff: !s.Opts.AnsiNulls}
}

// parseModule parses a module's stored definition under the
// QUOTED_IDENTIFIER it was created with, through the session's cache.
func (s *Session) parseModule(text string, ms catalog.ModuleSets) ([]ast.Statement, error) {
	pb, err := s.parseAs(text, ms.QuotedIdentifierOff)
	return pb.stmts, err
}

// parseModuleShared is parseModule through the shared cache only, for
// callers that read definitions without running them (catalog views,
// sp_describe_first_result_set).
func parseModuleShared(text string, ms catalog.ModuleSets) ([]ast.Statement, error) {
	pb, err := parseShared(text, ms.QuotedIdentifierOff)
	return pb.stmts, err
}

// runUnderSets switches the session to a module's captured settings for
// the time it runs; the caller restores the session's options when the
// module returns (keepOptions). Statements of the body see them too:
// @@OPTIONS, SESSIONPROPERTY and dynamic SQL started from the body.
func (s *Session) runUnderSets(ms catalog.ModuleSets) {
	s.Opts.QuotedIdentifier = !ms.QuotedIdentifierOff
	s.Opts.AnsiNulls = !ms.AnsiNullsOff
}

// underSets is runUnderSets for a function's compile or run, which keep
// no other options: it returns what puts the session's two settings back,
// and changes nothing when they are the module's already (the usual case,
// at no cost per call).
func (s *Session) underSets(ms catalog.ModuleSets) func() {
	qi, an := s.Opts.QuotedIdentifier, s.Opts.AnsiNulls
	if qi == !ms.QuotedIdentifierOff && an == !ms.AnsiNullsOff {
		return func() {}
	}
	s.runUnderSets(ms)
	return func() { s.Opts.QuotedIdentifier, s.Opts.AnsiNulls = qi, an }
}

// underAnsiNulls switches the session to a view's captured ANSI_NULLS for
// the time its query compiles (comparisons read the setting when they
// compile: ansinulls.go); the returned func puts the session's back.
func (s *Session) underAnsiNulls(ms catalog.ModuleSets) func() {
	an := s.Opts.AnsiNulls
	if an == !ms.AnsiNullsOff {
		return func() {}
	}
	s.Opts.AnsiNulls = !ms.AnsiNullsOff
	return func() { s.Opts.AnsiNulls = an }
}

// moduleBody reports whether the running statement is in the static body of
// a procedure, function or trigger, where SET QUOTED_IDENTIFIER and SET
// ANSI_NULLS are ignored.
func (s *Session) moduleBody() bool {
	return s.batch != nil && s.batch.module
}

// moduleSetsOf returns the captured settings of the procedure, function,
// trigger or view with object id id in cat; ok is false for any other id.
func moduleSetsOf(cat *catalog.Database, id int32) (ms catalog.ModuleSets, ok bool) {
	for _, p := range cat.Procedures {
		if p.ID == id {
			return p.ModuleSets, true
		}
	}
	for _, v := range cat.Views {
		if v.ID == id {
			return v.ModuleSets, true
		}
	}
	for _, mods := range []map[string]*catalog.Module{cat.Functions, cat.Triggers} {
		for _, m := range mods {
			if m.ID == id {
				return m.ModuleSets, true
			}
		}
	}
	return catalog.ModuleSets{}, false
}
