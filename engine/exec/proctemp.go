package exec

import (
	"context"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Local temporary tables created by a stored procedure are dropped when it
// returns, as in SQL Server ("a local temporary table created in a stored
// procedure is dropped automatically when the stored procedure is
// finished"), so running a procedure that creates #t twice on one
// connection works (sp_WhoIsActive, sp_Blitz* create theirs without
// dropping them). Tables the caller created before the call are left alone.
// The same holds for every scope a module or dynamic SQL opens: a trigger,
// EXEC('…') and sp_executesql (CREATE TABLE's page: a #t created in dynamic
// SQL is gone when the EXEC returns, so the caller naming it gets 208).
//
// A procedure may also create a #t its caller already has: it gets a table
// of its own that hides the caller's while it runs (CREATE TABLE's page,
// "Temporary tables": the procedure and the modules it calls see the
// innermost one), and the caller's is visible again, unchanged, after it
// returns. Every name lookup goes through the session's temp catalog by
// name, so rather than teach each lookup about nesting, the caller's table
// is set aside under a name no statement can spell (its name, a NUL and its
// object id) for as long as the procedure runs: "#t" then resolves to the
// innermost table everywhere (FROM, DDL, OBJECT_ID, permissions, plans).

// tempScope is one such scope (a procedure, trigger or dynamic batch): the
// temporary tables that existed when it started (by object id; nil when
// there were none) and the callers' tables its CREATE TABLE set aside. The
// running scope is the current batch state's (batchState.temps); a plain
// batch has none.
type tempScope struct {
	temps   map[int32]bool
	shadows []tempShadow
}

// tempShadow is a caller's temp table a procedure's CREATE TABLE set aside.
type tempShadow struct {
	name, hidden string
}

// hiddenTempSep starts the part of a set-aside table's name that is not its
// own: identifiers cannot contain NUL, so no statement names it.
const hiddenTempSep = "\x00"

// tempDisplayName is a temp table's name as the user wrote it.
func tempDisplayName(name string) string {
	if i := strings.Index(name, hiddenTempSep); i >= 0 {
		return name[:i]
	}
	return name
}

// tempTableIDs is the set of temporary tables the session sees now.
func (s *Session) tempTableIDs() map[int32]bool {
	if s.temp == nil {
		return nil
	}
	tables := s.catalogFor(s.temp).Tables
	if len(tables) == 0 {
		return nil // the common case: no allocation per procedure call
	}
	ids := make(map[int32]bool, len(tables))
	for _, t := range tables {
		ids[t.ID] = true
	}
	return ids
}

// shadowCallerTemp sets the caller's #name aside when the running
// procedure creates a #name of its own, and reports whether it did. A
// table the procedure created itself is not set aside: creating it again
// is 2714, as in SQL Server.
func (s *Session) shadowCallerTemp(cat *catalog.Database, name string) bool {
	if s.batch == nil {
		return false
	}
	f := s.batch.temps
	if f == nil || f.temps == nil || strings.HasPrefix(name, "##") {
		return false
	}
	t := cat.Table("dbo", name)
	if t == nil || !f.temps[t.ID] {
		return false
	}
	hidden := t.Name + hiddenTempSep + strconv.FormatInt(int64(t.ID), 10)
	rekey(cat.Tables, cat.Key("dbo", t.Name), cat.Key("dbo", hidden)) // sprename_objects.go
	f.shadows = append(f.shadows, tempShadow{name: t.Name, hidden: hidden})
	t.Name = hidden
	return true
}

// dropScopeTemps drops the temporary tables that exist now and did not
// before scope f started, each with DROP TABLE IF EXISTS run as a
// statement of its own (so in the caller's transaction if one is open,
// autocommitted otherwise), then gives the caller's tables f set aside
// their names back. A table that cannot be dropped (a doomed transaction)
// is left as it is, and the caller's table stays aside behind it. The
// drops are the scope's housekeeping, not statements of the caller:
// @@ROWCOUNT and @@ERROR after the EXEC are still the scope's last
// statement's (@@ROWCOUNT's page: EXECUTE preserves it), and the caller's
// running statement is still its own.
func (s *Session) dropScopeTemps(ctx context.Context, f *tempScope) {
	if s.temp == nil || f == nil {
		return
	}
	rowcnt, errNum := s.rowcnt, s.errNum
	var cur ast.Statement
	if s.batch != nil {
		cur = s.batch.cur
	}
	defer func() {
		s.rowcnt, s.errNum = rowcnt, errNum
		if s.batch != nil {
			s.batch.cur = cur
		}
	}()
	var names []*ast.Name
	for _, t := range s.catalogFor(s.temp).Tables {
		if t.Temporary && !f.temps[t.ID] && !strings.Contains(t.Name, hiddenTempSep) {
			names = append(names, &ast.Name{Parts: []*ast.Ident{{Name: t.Name}}})
		}
	}
	for _, n := range names {
		_, _ = s.runList(ctx, []ast.Statement{&ast.DropTableStmt{Names: []*ast.Name{n}, IfExists: true}}, discardOutput{})
	}
	for i := len(f.shadows) - 1; i >= 0; i-- {
		s.restoreCallerTemp(ctx, f.shadows[i])
	}
}

// restoreCallerTemp gives a set-aside table its name back, in the open
// transaction (whose rollback would undo the setting aside too) or
// committed on its own. Nothing happens when the table is not aside any
// more (the CREATE TABLE that set it aside failed, or a rollback undid it)
// or when the procedure's own table could not be dropped.
func (s *Session) restoreCallerTemp(ctx context.Context, sh tempShadow) {
	cur := s.catalogFor(s.temp)
	if cur.Table("dbo", sh.hidden) == nil || cur.Table("dbo", sh.name) != nil {
		return
	}
	cat, err := s.copyCatalog(ctx, s.temp)
	if err != nil {
		return
	}
	t := rekey(cat.Tables, cat.Key("dbo", sh.hidden), cat.Key("dbo", sh.name))
	if t != nil {
		t.Name = sh.name
	}
	if !s.nest.Active() {
		_ = s.commitTx(ctx)
	}
}
