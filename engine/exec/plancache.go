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
// and the one parse-time option, QUOTED_IDENTIFIER (tsql.ParseOptions: the
// same text reads "…" as a name under ON and as a string under OFF), so
// batches read under OFF have a cache of their own and two instances in one
// process may share them too; binding, which does depend on the database
// and the catalog, is not cached here. The caches of what is compiled from
// a parse (bound SELECT plans, DML plans, constant plans) are keyed on the
// statement's AST, so they follow the parse.
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
	// sharedBatches holds batches read from their start under
	// QUOTED_IDENTIFIER ON, sharedBatchesQIOff those read under OFF.
	sharedBatches      = newTextCache[parsedBatch](sharedBatchEntries, sharedBatchBytes)
	sharedBatchesQIOff = newTextCache[parsedBatch](sharedBatchEntries/4, sharedBatchBytes/4)
	sharedDecls        = newTextCache[[]*ast.ProcParam](sharedDeclEntries, sharedDeclBytes)
)

// parsedBatch is a batch's statements and whether QUOTED_IDENTIFIER is
// OFF at its end (a SET QUOTED_IDENTIFIER in it changes that at parse
// time; a top-level batch leaves it to the session, batch.go).
type parsedBatch struct {
	stmts   []ast.Statement
	qiOffAt bool
	// refused is the compile error that refuses the whole batch
	// (compile_check.go), found once when the batch is parsed.
	refused *Error
}

// parseShared parses a batch through the shared cache, read from its
// start under QUOTED_IDENTIFIER OFF when qiOff. ok-to-share batches are
// stored there; others are parsed privately each time (the session's own
// cache keeps them).
func parseShared(text string, qiOff bool) (parsedBatch, error) {
	cache := sharedBatches
	if qiOff {
		cache = sharedBatchesQIOff
	}
	if pb, ok := cache.get(text); ok {
		return pb, nil
	}
	stmts, end, err := tsql.ParseBatchOptions(text, tsql.ParseOptions{QuotedIdentifierOff: qiOff})
	if err != nil {
		return parsedBatch{}, err
	}
	pb := parsedBatch{stmts: stmts, qiOffAt: end.QuotedIdentifierOff, refused: compileCheck(text, stmts)}
	if shareableBatch(stmts) {
		cache.add(text, pb, len(text)*astBytesPerChar)
	}
	return pb, nil
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
