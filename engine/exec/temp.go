package exec

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// tempDatabase holds a session's #temp tables and table variables: an in-memory
// store with its own catalog. They take part in the session's transactions like
// any database (their writes go through the write set and are applied at
// commit), but nothing is logged: tempdb is recreated at every start anyway.
type tempDatabase struct {
	id int32
	// volatile marks a table variable's store: its changes are not undone by
	// ROLLBACK (SQL Server table variables are outside transactions).
	volatile bool
	// shared marks the store of ##global temp tables (globaltemp.go), which
	// every session changes: its DDL takes the catalog lock.
	shared bool
	store  *memstore.Store
	cat    atomic.Pointer[catalog.Database]
	mu     sync.Mutex
	lsn    txlog.LSN
	ident  map[int32]int64
	// block is the block of object ids the store holds (tempid.go), -1
	// for none: released when the session ends or its connection is reset.
	block int32
}

// tempDatabaseID marks the session temp database; it never collides with a
// real database_id, and DB_ID('tempdb') is 2 as in SQL Server.
const tempDatabaseID = 2

func newTempDatabase(spid int32) *tempDatabase {
	return newTempStore(tempDatabaseID)
}

// tempDB returns the session's temp database, made on first use.
func (s *Session) tempDB() *tempDatabase {
	if s.temp == nil {
		s.temp = newTempDatabase(s.SPID)
	}
	return s.temp
}

var tableVarIDs atomic.Int32

// newTableVariableStore makes the store of one table variable, with an id that
// no database uses.
func newTableVariableStore() *tempDatabase {
	t := newTempStore(-1000 - tableVarIDs.Add(1)%1000000)
	t.volatile = true
	return t
}

// newTempStore makes a temp store whose objects number from a block of ids
// of its own (tempid.go). A session's store (and the ##global one) holds its
// block until released; a table variable's only takes one that no live
// store holds, since nothing resolves its ids from another session.
//
// The same block numbers the store's row stores and indexes from
// firstTempStoreID, above any database's: a lock on a #temp table's row
// is the resource (tempdb, store, key), and with every session's stores
// numbered from 100 two sessions' own #t made each other's INSERT wait
// (1222), and sys.dm_tran_locks showed their keys, and a table
// variable's, under the hobt_id of the user table with that store id.
func newTempStore(id int32) *tempDatabase {
	t := &tempDatabase{id: id, store: memstore.New(), ident: map[int32]int64{}, block: -1}
	cat := catalog.NewDatabase("tempdb", tempDatabaseID, time.Now().UTC())
	hold := id == tempDatabaseID || id == globalTempDatabaseID
	block := tempIDBlocks.take(hold)
	if hold {
		t.block = block
	}
	cat.NextObject = firstTempObjectID + block*tempBlockIDs
	cat.NextStore = firstTempStoreID + uint32(block)*tempBlockIDs
	t.cat.Store(cat)
	return t
}

// firstTempStoreID is the first store id of the temp stores' blocks:
// 2^30 + 16,384 blocks × 65,536 ids stays below 2^31.
const firstTempStoreID uint32 = 1 << 30

// LockDatabaseID is the database_id the lock views (sys.dm_tran_locks,
// sp_lock, wait_resource) show for a lock resource's database id: a table
// variable's store has a negative id of its own (newTableVariableStore),
// and its rows are in tempdb.
func LockDatabaseID(db uint32) int32 {
	if int32(db) < 0 {
		return tempDatabaseID
	}
	return int32(db)
}

var _ Database = (*tempDatabase)(nil)

func (t *tempDatabase) ID() int32                  { return t.id }
func (t *tempDatabase) Name() string               { return "tempdb" }
func (t *tempDatabase) Catalog() *catalog.Database { return t.cat.Load() }
func (t *tempDatabase) Store() storage.Reader      { return t.store }
func (t *tempDatabase) CheckAccess() error         { return nil }

func (t *tempDatabase) Commit(_ context.Context, w *Writes) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lsn++
	for _, obj := range w.Drops {
		if err := t.store.DropObject(obj, t.lsn); err != nil {
			return err
		}
	}
	if b := w.Set.Batch(); b.Len() > 0 {
		if err := t.store.Apply(b, t.lsn); err != nil {
			return err
		}
	}
	if w.Catalog != nil {
		t.cat.Store(w.Catalog)
	}
	return nil
}

func (t *tempDatabase) NextIdentity(table int32, seed, increment int64) int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	cur, ok := t.ident[table]
	next := seed
	if ok {
		next = cur + increment
	}
	t.ident[table] = next
	return next
}

func (t *tempDatabase) IdentityCurrent(table int32) (int64, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.ident[table]
	return v, ok
}

func (t *tempDatabase) SeeIdentity(table int32, v int64, increment int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if cur, ok := t.ident[table]; !ok || (increment >= 0 && v > cur) || (increment < 0 && v < cur) {
		t.ident[table] = v
	}
}
