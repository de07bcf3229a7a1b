package exec

import (
	"sort"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// System views asked for by client test suites (go-mssqldb's):
//
//   - sys.system_columns: the columns of the system views, in sys.columns'
//     shape; object_id is a stable negative id per view (SQL Server's
//     system objects have negative ids too), by sorted view name.
//   - sys.dm_tran_session_transactions: one row for the calling session
//     while it has a transaction open. Other sessions' transactions are
//     not listed (a simplification: the DMV needs VIEW SERVER STATE for
//     them in SQL Server anyway).
//   - sys.system_views: the system views themselves, in sys.views' shape,
//     with the object_ids sys.system_columns gives them. SQLAlchemy's
//     mssql dialect asks it which sessions DMV exists before it reads
//     the isolation level, on every new connection.
func init() {
	// The system views' columns, in sys.columns' shape (sysviews_system.go).
	systemViews["sys.system_columns"] = &virtualTable{cols: sysColumnsCols,
		rows: func(*Session, Database) ([]Row, error) { return systemColumnRows(), nil }}
	systemViews["sys.system_views"] = &virtualTable{
		cols: []vcol{{"name", vName}, {"object_id", vInt}, {"principal_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
			{"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc}, {"create_date", vDateTime}, {"modify_date", vDateTime},
			{"is_ms_shipped", vBit}, {"is_published", vBit}, {"is_schema_published", vBit}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for i, n := range sortedSystemViewNames() {
				schema, name, _ := strings.Cut(n, ".")
				var schemaID int32
				switch schema {
				case "sys":
					schemaID = 4
				case "information_schema":
					schemaID, name = 3, strings.ToUpper(name)
				default:
					continue
				}
				out = append(out, Row{str(name), i32(systemViewID(n, i)), null, i32(schemaID), i32(0), objectType("V"), str("VIEW"),
					dt(systemObjectsDate), dt(systemObjectsDate), bit(true), bit(false), bit(false)})
			}
			return out, nil
		},
	}
	systemViews["sys.dm_tran_session_transactions"] = &virtualTable{
		cols: []vcol{{"session_id", vInt}, {"transaction_id", vBigInt}, {"transaction_descriptor", types.Type{ID: types.Binary, Length: 8}},
			{"enlist_count", vInt}, {"is_user_transaction", vBit}, {"is_local", vBit}, {"is_enlisted", vBit}, {"is_bound", vBit},
			{"open_transaction_count", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			if s.TranCount() == 0 {
				return nil, nil
			}
			desc := types.NewBinaryString(types.Binary, "\x00\x00\x00\x00\x00\x00\x00\x00")
			return []Row{{i32(s.SPID), types.NewBigInt(int64(s.SPID)), desc, i32(1), bit(true), bit(true), bit(false), bit(false),
				i32(int32(s.TranCount()))}}, nil
		},
	}
}

// systemObjectsDate is create_date and modify_date of the system views: a
// fixed date, as SQL Server's come from its resource database's build.
var systemObjectsDate = time.Date(2022, 10, 8, 0, 0, 0, 0, time.UTC)

// sortedSystemViewNames lists the registered system views ("schema.name",
// lower case) sorted, so a view's position gives it a stable object_id.
func sortedSystemViewNames() []string {
	names := make([]string, 0, len(systemViews))
	for n := range systemViews {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
