package exec

import (
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Shared caches of parse results (issues #2 and #5, performance).
//
// A session already keeps the batches it parsed (Session.parse), but every
// new connection started from nothing, and sp_executesql re-parsed its
// parameter declarations ("@p1 int") on every call — a fifth of an
// in-process point lookup. These caches are shared by every session of the
// process. That is sound because a parse depends on nothing but the text
// (tsql.ParseBatch takes no options; QUOTED_IDENTIFIER and the like are
// applied when the statement runs), so two instances in one process may
// share them too; binding, which does depend on the database and the
// catalog, is not cached here.
//
// Contract: a cached AST is shared by sessions running concurrently, so it
// must never be written after parsing. The executor does write some ASTs:
// SELECT … INTO clears Into while it plans the query (selectInto), and
// CREATE TABLE / DECLARE @t TABLE fill in a column constraint's column list
// (ddl.go). Batches are therefore shared only when every statement is of a
// kind that is known to be read-only (shareableBatch); anything else stays
// in the session's private cache, exactly as before.

const (
	// sharedBatchEntries and sharedBatchBytes bound the shared batch cache.
	// The byte budget is counted on an estimate of the AST's size
	// (astBytesPerChar per character of text), so one huge generated batch
	// cannot push out thousands of small statements.
	sharedBatchEntries = 4096
	sharedBatchBytes   = 32 << 20
	astBytesPerChar    = 16
	// sharedDeclEntries bounds the cache of sp_executesql parameter lists.
	sharedDeclEntries = 1024
	sharedDeclBytes   = 4 << 20
)

var (
	sharedBatches = newTextCache[[]ast.Statement](sharedBatchEntries, sharedBatchBytes)
	sharedDecls   = newTextCache[[]*ast.ProcParam](sharedDeclEntries, sharedDeclBytes)
)

// parseShared parses a batch through the shared cache. ok-to-share batches
// are stored there; others are parsed privately each time (the session's
// own cache keeps them).
func parseShared(text string) ([]ast.Statement, error) {
	if stmts, ok := sharedBatches.get(text); ok {
		return stmts, nil
	}
	stmts, err := tsql.ParseBatch(text)
	if err != nil {
		return nil, err
	}
	if shareableBatch(stmts) {
		sharedBatches.add(text, stmts, len(text)*astBytesPerChar)
	}
	return stmts, nil
}

// shareableBatch reports whether every statement of a batch is one the
// executor only reads: queries without INTO, DML, SET, PRINT and scalar
// DECLAREs. Anything defining columns (a table variable) is left out, as is
// every statement kind not listed, so a new statement kind is private until
// someone checks it.
func shareableBatch(stmts []ast.Statement) bool {
	for _, st := range stmts {
		switch st.(type) {
		case *ast.SelectStmt, *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt,
			*ast.SetOptionStmt, *ast.SetVariableStmt, *ast.PrintStmt, *ast.DeclareStmt:
		default:
			return false
		}
	}
	ok := true
	for _, st := range stmts {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectCore:
				if n.Into != nil {
					ok = false
				}
			case *ast.ColumnDef:
				ok = false
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// textCache is a bounded least-recently-used map from text to a value,
// safe for concurrent use. Values are shared, never copied: callers must not
// modify them.
type textCache[V any] struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int
	bytes      int
	order      *list.List // front: most recently used; elements hold *textEntry[V]
	byText     map[string]*list.Element
	hits       atomic.Int64
	misses     atomic.Int64
}

type textEntry[V any] struct {
	text string
	val  V
	size int
}

func newTextCache[V any](maxEntries, maxBytes int) *textCache[V] {
	return &textCache[V]{maxEntries: maxEntries, maxBytes: maxBytes, order: list.New(), byText: map[string]*list.Element{}}
}

// get returns the value cached for text and marks it recently used.
func (c *textCache[V]) get(text string) (V, bool) {
	c.mu.Lock()
	el, ok := c.byText[text]
	if ok {
		c.order.MoveToFront(el)
	}
	c.mu.Unlock()
	if !ok {
		c.misses.Add(1)
		var zero V
		return zero, false
	}
	c.hits.Add(1)
	return el.Value.(*textEntry[V]).val, true
}

// add caches val for text, counting size bytes against the budget, and
// evicts the least recently used entries over either bound. An entry larger
// than a sixteenth of the byte budget is not cached at all.
func (c *textCache[V]) add(text string, val V, size int) {
	size += len(text)
	if size > c.maxBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byText[text]; ok { // raced with another session: keep the first
		c.order.MoveToFront(el)
		return
	}
	c.byText[text] = c.order.PushFront(&textEntry[V]{text: text, val: val, size: size})
	c.bytes += size
	for c.order.Len() > c.maxEntries || c.bytes > c.maxBytes {
		old := c.order.Remove(c.order.Back()).(*textEntry[V])
		delete(c.byText, old.text)
		c.bytes -= old.size
	}
}

// len reports the number of cached entries.
func (c *textCache[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
