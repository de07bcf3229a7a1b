package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// lockHints are the locking table hints of one table reference in FROM
// (WITH (UPDLOCK, HOLDLOCK) …), read once when the statement compiles;
// readLocksFor (readlock.go) turns them and the session's isolation level
// into the locks a read takes.
type lockHints struct {
	iso       txn.Isolation // an isolation-level hint; Unspecified: the session's level
	rcLock    bool          // READCOMMITTEDLOCK: lock even under READ_COMMITTED_SNAPSHOT
	mode      txn.Mode      // UPDLOCK: U, XLOCK: X; ModeNone: S
	tableLock bool          // TABLOCK
	tableX    bool          // TABLOCKX
	noWait    bool          // NOWAIT: LOCK_TIMEOUT 0 for this table
	readPast  bool          // READPAST: skip rows others hold
}

// errConflictingHints is SQL Server's 1047: two hints of one group (the
// isolation levels; the granularities), or NOLOCK with a hint that locks.
var errConflictingHints = errorKind{1047, 15, 1, "Conflicting locking hints specified.", AbortStatement}

// errReadPastIsolation is SQL Server's 650: READPAST where rows must be
// held (SERIALIZABLE) or are never locked (READ UNCOMMITTED).
var errReadPastIsolation = errorKind{650, 16, 1, "You can only specify the READPAST lock in the READ COMMITTED or REPEATABLE READ isolation levels.", AbortStatement}

// parseLockHints reads the locking hints among hs (INDEX(…), NOEXPAND and
// the other optimizer hints are not its business). SQL Server allows one
// hint of each group — the isolation levels (NOLOCK, READUNCOMMITTED,
// READCOMMITTED, REPEATABLEREAD, SERIALIZABLE, HOLDLOCK) and the
// granularities (NOLOCK, READCOMMITTEDLOCK, ROWLOCK, PAGLOCK, TABLOCK,
// TABLOCKX) — and no UPDLOCK or XLOCK with NOLOCK (1047).
// iso is the session's isolation level, which READPAST must fit (650).
// isolation is the level a read under h runs at: h's isolation-level hint,
// or the session's level (nil h: no hints).
func (h *lockHints) isolation(session txn.Isolation) txn.Isolation {
	if h != nil && h.iso != txn.IsolationUnspecified {
		return h.iso
	}
	return session
}

func parseLockHints(hs []*ast.Option, iso txn.Isolation) (*lockHints, error) {
	if len(hs) == 0 {
		return nil, nil
	}
	var h lockHints
	var isoHints, grainHints, modeHints int
	nolock := false
	for _, o := range hs {
		switch strings.ToUpper(o.Name) {
		case "NOLOCK", "READUNCOMMITTED":
			h.iso, nolock = txn.ReadUncommitted, true
			isoHints++
			grainHints++
		case "READCOMMITTED":
			h.iso = txn.ReadCommitted
			isoHints++
		case "READCOMMITTEDLOCK":
			h.iso, h.rcLock = txn.ReadCommitted, true
			grainHints++
		case "REPEATABLEREAD":
			h.iso = txn.RepeatableRead
			isoHints++
		case "SERIALIZABLE", "HOLDLOCK":
			h.iso = txn.Serializable
			isoHints++
		case "UPDLOCK":
			h.mode = txn.ModeU
			modeHints++
		case "XLOCK":
			h.mode = txn.ModeX
			modeHints++
		case "TABLOCK":
			h.tableLock = true
			grainHints++
		case "TABLOCKX":
			h.tableX = true
			grainHints++
		case "ROWLOCK", "PAGLOCK":
			grainHints++
		case "NOWAIT":
			h.noWait = true
		case "READPAST":
			h.readPast = true
		default:
			continue
		}
	}
	if isoHints > 1 || grainHints > 1 || modeHints > 1 || nolock && (modeHints > 0 || h.readPast) {
		return nil, errConflictingHints.New()
	}
	if h.iso != txn.IsolationUnspecified {
		iso = h.iso
	}
	if h.readPast && iso != txn.ReadCommitted && iso != txn.RepeatableRead {
		return nil, errReadPastIsolation.New()
	}
	if h == (lockHints{}) {
		return nil, nil
	}
	return &h, nil
}

// errNoLockTarget is SQL Server's 1065: a table a statement writes cannot be
// read without locks.
var errNoLockTarget = errorKind{1065, 15, 1, "The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.", AbortStatement}

// checkTargetHints refuses NOLOCK or READUNCOMMITTED on the table an INSERT,
// UPDATE, DELETE or MERGE writes (1065), whether the hint is on the target
// itself or, for UPDATE/DELETE … FROM, on the FROM table the target names
// by its alias. A writer takes its X locks whatever the hint says, so
// accepting it would only mislead.
func checkTargetHints(st ast.Statement) error {
	var target ast.TableExpr
	var from []ast.TableExpr
	switch st := st.(type) {
	case *ast.InsertStmt:
		target = st.Target
	case *ast.UpdateStmt:
		target, from = st.Target, st.From
	case *ast.DeleteStmt:
		target, from = st.Target, st.From
	case *ast.MergeStmt:
		target = st.Target
	default:
		return nil
	}
	t, ok := target.(*ast.TableName)
	if !ok {
		return nil
	}
	if noLockHint(t.Hints) {
		return errNoLockTarget.New()
	}
	if len(from) == 0 || len(t.Name.Parts) != 1 {
		return nil
	}
	if f := fromTableNamed(from, t.Name.Last()); f != nil && noLockHint(f.Hints) {
		return errNoLockTarget.New()
	}
	return nil
}

func noLockHint(hs []*ast.Option) bool {
	for _, h := range hs {
		if n := strings.ToUpper(h.Name); n == "NOLOCK" || n == "READUNCOMMITTED" {
			return true
		}
	}
	return false
}

// fromTableNamed finds the table of from that name refers to: the one it
// is the alias of (fromAliasDecl, dml_source.go), or one without an alias
// named so.
func fromTableNamed(from []ast.TableExpr, name string) *ast.TableName {
	if t, ok := fromAliasDecl(from, name).(*ast.TableName); ok {
		return t
	}
	for _, te := range flattenFrom(from) {
		if t, ok := te.(*ast.TableName); ok && t.Alias == nil && strings.EqualFold(t.Name.Last(), name) {
			return t
		}
	}
	return nil
}
