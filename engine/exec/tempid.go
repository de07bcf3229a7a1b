package exec

import (
	"sync"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// A #temp table's object id is known in every database: OBJECT_ID('tempdb..#t')
// is run from the application's database, and COLUMNPROPERTY and
// OBJECTPROPERTY are then asked about that id there (the CREATE TABLE
// page's temporary-table example). Temp stores number their objects from
// 10^9 (newTempStore), above any database's, so such an id names one
// object of the session's temp store or of the shared ##global one.
const firstTempObjectID = 1_000_000_000

// Temp stores share the ids above 10^9 in blocks of tempBlockIDs, one
// block to a store: tempdb.sys.tables lists every session's #temp tables
// together (tempdb_views.go), and OBJECT_ID('tempdb..#t') must name one of
// them only, as SQL Server's object ids are unique in tempdb.
const (
	tempBlockIDs = 65536
	tempBlocks   = 16384
)

// tempIDBlocks hands out the blocks. A session's store holds its block
// until it ends or its connection is reset (releaseTempIDs): the blocks
// used to be taken in turn from a ring, so a pooled connection reset
// 16,384 times (go-mssqldb resets before every pooled request) was handed
// the block of a session still holding its #t, and both tables had one id.
var tempIDBlocks = tempBlockRing{held: make([]bool, tempBlocks)}

type tempBlockRing struct {
	mu   sync.Mutex
	held []bool
	next int32
}

// take returns the next block in turn that no store holds, marked held
// when hold is set. With every block held (16,384 live sessions) it
// returns the next in turn anyway: ids may then repeat, as before.
func (r *tempBlockRing) take(hold bool) int32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.next
	for range tempBlocks {
		if !r.held[b] {
			break
		}
		b = (b + 1) % tempBlocks
	}
	r.next = (b + 1) % tempBlocks
	if hold {
		r.held[b] = true
	}
	return b
}

// release gives back a block take(true) returned.
func (r *tempBlockRing) release(b int32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held[b] = false
}

// releaseTempIDs gives back the block of ids of the session's temp store,
// which is being dropped: its #temp tables are gone with it.
func (s *Session) releaseTempIDs() {
	if s.temp != nil && s.temp.block >= 0 {
		tempIDBlocks.release(s.temp.block)
		s.temp.block = -1
	}
}

// tempCatalogOf is the catalog of the session's or the global temp store
// that holds the object id (a table or one of its constraints), or nil.
func (s *Session) tempCatalogOf(id int32) *catalog.Database {
	if id < firstTempObjectID {
		return nil
	}
	var stores []*tempDatabase
	if s.temp != nil {
		stores = append(stores, s.temp)
	}
	if g, ok := globalTemps.Load(s.srv); ok {
		stores = append(stores, g.(*globalTempStore).db)
	}
	for _, db := range stores {
		cat := s.catalogFor(db)
		if cat.TableByID(id) != nil {
			return cat
		}
		for _, r := range objectRows(cat, "") {
			if int32(r[1].Int64()) == id {
				return cat
			}
		}
	}
	return nil
}

// tempTableByID is the #temp or ##global temp table with object id id.
func (s *Session) tempTableByID(id int32) *tableRef {
	if id < firstTempObjectID {
		return nil
	}
	if s.temp != nil {
		cat := s.catalogFor(s.temp)
		if t := cat.TableByID(id); t != nil {
			return &tableRef{db: s.temp, cat: cat, t: t}
		}
	}
	if g, ok := globalTemps.Load(s.srv); ok {
		db := g.(*globalTempStore).db
		cat := s.catalogFor(db)
		if t := cat.TableByID(id); t != nil {
			return &tableRef{db: db, cat: cat, t: t}
		}
	}
	return nil
}
