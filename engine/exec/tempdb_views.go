package exec

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// tempdb's catalog views list every session's #temp tables, as SQL Server's
// do: DBA scripts find a temp table's columns with
//
//	SELECT * FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#t')
//
// and monitoring scripts count tempdb.sys.tables. Each session keeps its
// #temp tables in a catalog of its own (temp.go), so the views of tempdb
// read a catalog made of tempdb's own objects and every session's temp
// tables, named as SQL Server stores them: the name padded with '_' to 116
// characters and a 12-digit hexadecimal suffix (#t___…___00000000A5C1).
// Only the session's own temp tables resolve by name (OBJECT_ID, FROM #t):
// the padded names are what the views show, not names a query may use.

// tempNameLength is the length SQL Server pads a #temp table's name to
// before its suffix.
const tempNameLength = 116

// storedTempName is the name tempdb.sys.objects shows for temp table t.
func storedTempName(t *catalog.Table) string {
	name := tempDisplayName(t.Name) // a caller's table a procedure's #t hides (proctemp.go)
	pad := max(tempNameLength-len(name), 0)
	return name + strings.Repeat("_", pad) + fmt.Sprintf("%012X", uint32(t.ID))
}

// tempdbViewDatabase is tempdb as its catalog views see it.
type tempdbViewDatabase struct {
	Database
	cat *catalog.Database
	// rowsIn is the database that stores a temp table's rows, by table id:
	// the session's own temp database, or the global temp tables' (another
	// session's #tables are in its own, which this session cannot read).
	rowsIn map[int32]Database
}

// storeOf is the database holding t's rows: db itself, or for a temp
// table in tempdb's views the database that stores it (nil when none this
// session can read).
func storeOf(db Database, t *catalog.Table) Database {
	tv, ok := db.(tempdbViewDatabase)
	if !ok || !strings.HasPrefix(t.Name, "#") {
		return db
	}
	return tv.rowsIn[t.ID]
}

func (t tempdbViewDatabase) Catalog() *catalog.Database { return t.cat }

// ID is not tempdb's: the session's temp database has tempdb's id, and
// catalogFor must not take the session's own transaction's catalog for
// this one.
func (t tempdbViewDatabase) ID() int32 { return -tempDatabaseID }

// tempdbForViews returns db, or for tempdb itself a database whose catalog
// adds every session's #temp tables to tempdb's objects: the session's own
// as its transaction sees them, the others' as committed.
func (s *Session) tempdbForViews(db Database) Database {
	if _, own := db.(*tempDatabase); own || !strings.EqualFold(db.Name(), "tempdb") {
		return db
	}
	base := db.Catalog()
	merged := *base
	merged.Tables = make(map[string]*catalog.Table, len(base.Tables))
	for k, t := range base.Tables {
		merged.Tables[k] = t
	}
	rowsIn := map[int32]Database{}
	add := func(cat *catalog.Database, store Database) {
		if cat == nil {
			return
		}
		for _, t := range cat.Tables {
			if store != nil {
				rowsIn[t.ID] = store
			}
			shown := *t
			if !strings.HasPrefix(t.Name, "##") { // global temp tables keep their names
				shown.Name = storedTempName(t)
			}
			merged.Tables[merged.Key(shown.Schema, shown.Name)] = &shown
		}
	}
	if s.temp != nil {
		add(s.catalogFor(s.temp), s.temp)
	}
	if g, ok := globalTemps.Load(s.srv); ok { // ##tables (globaltemp.go)
		gdb := g.(*globalTempStore).db
		add(s.catalogFor(gdb), gdb)
	}
	for _, info := range s.srv.SessionList() {
		if info.SPID != s.SPID {
			add(info.Temp, nil)
		}
	}
	return tempdbViewDatabase{Database: db, cat: &merged, rowsIn: rowsIn}
}
