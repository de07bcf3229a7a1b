package exec

import "github.com/mirrorsql/mirrorsql/catalog"

// A #temp table's object id is known in every database: OBJECT_ID('tempdb..#t')
// is run from the application's database, and COLUMNPROPERTY and
// OBJECTPROPERTY are then asked about that id there (the CREATE TABLE
// page's temporary-table example). Temp stores number their objects from
// 10^9 (newTempStore), above any database's, so such an id names one
// object of the session's temp store or of the shared ##global one.
const firstTempObjectID = 1_000_000_000

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
