package exec

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// Global temporary tables (##name) are visible to every session of the
// server, unlike #name, which lives in the session's own temp store. They
// live in one shared temp store per server; the session that created one
// drops it when it ends (Close), as SQL Server does, once the other
// sessions' transactions that use it end: the drop takes the table's schema
// lock as DROP TABLE does, which waits for theirs.

// globalTempDatabaseID keys the shared store in transactions and locks; it
// differs from the session stores' (tempDatabaseID) so a transaction that
// writes both #t and ##t keeps them apart, and from table variables'.
const globalTempDatabaseID = -2

// globalTempStore is one server's ## tables and who created each.
type globalTempStore struct {
	db     *tempDatabase
	mu     sync.Mutex
	owners map[string]int32 // catalog key → SPID of the creating session
}

// globalTemps maps each Server to its globalTempStore. It is kept here
// rather than on Server so that no implementation of Server has to know.
var globalTemps sync.Map

func (s *Session) globalTemp() *globalTempStore {
	if g, ok := globalTemps.Load(s.srv); ok {
		return g.(*globalTempStore)
	}
	db := newTempStore(globalTempDatabaseID)
	db.shared = true
	g, _ := globalTemps.LoadOrStore(s.srv, &globalTempStore{db: db, owners: map[string]int32{}})
	return g.(*globalTempStore)
}

// isGlobalTempName reports whether name is a ##global temp table's.
func isGlobalTempName(name string) bool { return strings.HasPrefix(name, "##") }

// tempFor is the temp store a #name or ##name lives in.
func (s *Session) tempFor(name string) *tempDatabase {
	if isGlobalTempName(name) {
		return s.globalTemp().db
	}
	return s.tempDB()
}

// noteGlobalTempCreate records the session as the creator of ##name, which
// it is about to create, unless the table exists (CREATE then fails 2714).
func (s *Session) noteGlobalTempCreate(name string) {
	g := s.globalTemp()
	if g.db.Catalog().Table("dbo", name) != nil {
		return
	}
	g.mu.Lock()
	g.owners[catalog.Key("dbo", name)] = s.SPID
	g.mu.Unlock()
}

// dropGlobalTemps drops the ## tables the session created; Close calls it
// once the session's transaction has been rolled back.
func (s *Session) dropGlobalTemps() {
	g, ok := globalTemps.Load(s.srv)
	if !ok {
		return
	}
	gt := g.(*globalTempStore)
	var keys []string
	gt.mu.Lock()
	for k, spid := range gt.owners {
		if spid == s.SPID {
			keys = append(keys, k)
			delete(gt.owners, k)
		}
	}
	gt.mu.Unlock()
	if len(keys) == 0 {
		return
	}
	// Bounded, so that a session holding the table for good cannot hold
	// this connection's end (and the server's shutdown) for good; the table
	// then stays until the server restarts.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, k := range keys {
		if t := gt.db.Catalog().Tables[k]; t != nil {
			if err := s.lockSchema(ctx, &tableRef{db: gt.db, cat: gt.db.Catalog(), t: t}); err != nil && s.tx != nil { // ddl.go
				s.abortTx()
				return
			}
		}
	}
	cat, err := s.mutableCatalog(ctx, gt.db)
	if err != nil {
		s.abortTx()
		return
	}
	d := s.tx.dbTx(gt.db)
	for _, k := range keys {
		t := cat.Tables[k]
		if t == nil {
			continue // its CREATE rolled back, or another session dropped it
		}
		for _, ix := range t.Indexes {
			d.writes.Drops = append(d.writes.Drops, ix.StoreID)
		}
		delete(cat.Tables, k)
	}
	if err := s.commitTx(ctx); err != nil {
		s.abortTx()
	}
}
