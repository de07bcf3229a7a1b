package exec

import (
	"encoding/binary"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// rowversion (timestamp) columns: binary(8) values the database sets on
// every insert and update of a row, from one counter per database that only
// grows — what optimistic concurrency (EF Core's [Timestamp] properties,
// "WHERE RowVer = @original") and change tracking read. @@DBTS is the
// counter's last value.
//
// The counter lives with the identity counters (catalog.ObjectIdentity,
// key rowVersionCounter): the transaction that takes a value writes it, and
// commit stores the counter's value at that time (engine/database.go
// refreshIdentityCounters), so after a restart, and on the mirror after a
// failover, new values follow every committed one.

// rowVersionCounter is the identity-counter slot of a database's rowversion
// counter (table ids are positive, heap row-id counters negative).
const rowVersionCounter int32 = 0

// rowVersionSeed is the first value of a new database's counter, as
// @@DBTS of a new SQL Server database starts at 0x7D0.
const rowVersionSeed = 2001

var errExplicitRowVersion = errorKind{273, 16, 1, "Cannot insert an explicit value into a timestamp column. Use INSERT with a column list to exclude the timestamp column, or insert a DEFAULT into the timestamp column.", AbortStatement}

// isRowVersionType reports a column declared rowversion or timestamp.
func isRowVersionType(dt *ast.DataType) bool {
	return dt != nil && dt.Schema == "" && (strings.EqualFold(dt.Name, "rowversion") || strings.EqualFold(dt.Name, "timestamp"))
}

// rowVersionColumn is the position of t's rowversion column, or -1.
func rowVersionColumn(t *catalog.Table) int {
	for i, c := range t.Columns {
		if c.RowVersion {
			return i
		}
	}
	return -1
}

// nextRowVersion takes db's next rowversion value for a row being written
// by the session's transaction.
func (s *Session) nextRowVersion(db Database) types.Value {
	v := db.NextIdentity(rowVersionCounter, rowVersionSeed, 1)
	_ = s.writes(db).Put(catalog.ObjectIdentity, catalog.IdentityKey(rowVersionCounter), bigEndian(v))
	return rowVersionValue(v)
}

func rowVersionValue(v int64) types.Value {
	return types.NewBinaryString(types.Binary, string(binary.BigEndian.AppendUint64(nil, uint64(v))))
}

// dbts is @@DBTS: the last rowversion value db handed out.
func dbts(db Database) types.Value {
	v, ok := db.IdentityCurrent(rowVersionCounter)
	if !ok {
		v = rowVersionSeed - 1
	}
	return types.NewVarBinary(binary.BigEndian.AppendUint64(nil, uint64(v)))
}
