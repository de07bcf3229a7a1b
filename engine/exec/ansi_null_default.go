package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// A column declared without NULL or NOT NULL (CREATE TABLE, ALTER TABLE
// ADD, table variables) allows NULLs when the session has SET
// ANSI_NULL_DFLT_ON ON, does not when it has SET ANSI_NULL_DFLT_OFF ON,
// and otherwise follows the database's ANSI_NULL_DEFAULT option, OFF (NOT
// NULL) unless ALTER DATABASE turned it on (SET ANSI_NULL_DFLT_ON, ALTER
// DATABASE SET ANSI_NULL_DEFAULT in SQL Server's documentation). ODBC
// clients start with ANSI_NULL_DFLT_ON (LoginOptions), so only DB-Library
// clients, and tedious before its SET batch, reach the database option:
// `CREATE TABLE t (c int)` from bsqldb makes c NOT NULL, as on SQL Server.

const (
	ansiNullDfltOn  = 1024 // @@OPTIONS bit of ANSI_NULL_DFLT_ON
	ansiNullDfltOff = 2048 // and of ANSI_NULL_DFLT_OFF
)

// columnNullByDefault reports whether a column without NULL or NOT NULL
// allows NULLs.
func (s *Session) columnNullByDefault() bool {
	switch {
	case s.Opts.Flags&ansiNullDfltOn != 0:
		return true
	case s.Opts.Flags&ansiNullDfltOff != 0:
		return false
	}
	for _, d := range s.srv.DatabaseList() {
		if d.Entry != nil && strings.EqualFold(d.Entry.Name, s.db.Name()) {
			return catalog.OptionOn(d.Entry.Options, "ANSI_NULL_DEFAULT", false)
		}
	}
	return false
}

// setAnsiNullDflt records SET ANSI_NULL_DFLT_ON or _OFF (bit): turning one
// ON turns the other OFF, as in SQL Server, where both cannot be ON.
func (s *Session) setAnsiNullDflt(bit int32, on bool) {
	if !on {
		s.Opts.Flags &^= bit
		return
	}
	s.Opts.Flags &^= ansiNullDfltOn | ansiNullDfltOff
	s.Opts.Flags |= bit
}
