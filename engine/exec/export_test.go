package exec

import (
	"strings"
	"unsafe"
)

// SetScanReadAhead switches scan read-ahead (readahead.go) on or off for the
// engine-level tests in package exec_test and returns the previous setting.
// Not safe while statements run.
func SetScanReadAhead(on bool) bool {
	old := scanReadAhead
	scanReadAhead = on
	return old
}

// ReadAheadStarts is how many scans have started reading ahead.
func ReadAheadStarts() int64 { return readAheadStarts.Load() }

// HashJoinBuilds is how many hash tables joins have started to build.
func HashJoinBuilds() int64 { return hashJoinBuilds.Load() }

// HasTempDatabase reports whether the session has made its temp database
// (tempDB): a session that never used a #table or #procedure has none.
func (s *Session) HasTempDatabase() bool { return s.temp != nil }

// SessionSize is the size of a Session value (TestSessionSizeBudget).
func SessionSize() uintptr { return unsafe.Sizeof(Session{}) }

// SetForeignKeyActions gives foreign key name of table dbo.table, in the
// session's current database, the ON DELETE and ON UPDATE actions given
// without the checks CREATE and ALTER TABLE make: a catalog written before
// those checks existed (TestLegacyCascadeCycle).
func (s *Session) SetForeignKeyActions(table, name, onDelete, onUpdate string) bool {
	t := s.catalogFor(s.db).Table("dbo", table)
	if t == nil {
		return false
	}
	for _, fk := range t.ForeignKeys {
		if strings.EqualFold(fk.Name, name) {
			fk.OnDelete, fk.OnUpdate = onDelete, onUpdate
			return true
		}
	}
	return false
}
