package exec

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// System names for unnamed constraints, in SQL Server's shapes, which DBA
// scripts match on (LIKE 'PK[_][_]%', LIKE 'DF[_][_]%') and which
// sys.*.is_system_named reports:
//
//	PK__Customer__9AA3001A15FDE023   PK/UQ: 8 characters of the table, 16 hex digits
//	DF__sysmail_p__last___251C81ED   DF/FK/column CK: up to 9 of the table and the
//	DF__MyTable__LastNam__4AB81AF0   column's first characters up to 14 in all, 8 hex
//	CK__T1__5070F446                 a table-level CHECK: no column part
//
// The trailing hex is the constraint's object id (SQL Server's is an offset
// of it), which keeps the name unique in the database; the first 8 hex
// digits of a key's name are a hash of the table name (SQL Server's are
// as opaque).
func systemConstraintName(prefix, table, column string, id int32) string {
	switch prefix {
	case "PK", "UQ":
		h := fnv.New32a()
		h.Write([]byte(strings.ToLower(table)))
		return fmt.Sprintf("%s__%s__%08X%08X", prefix, truncName(table, 8), h.Sum32(), uint32(id))
	}
	t := truncName(table, 9)
	if column == "" {
		return fmt.Sprintf("%s__%s__%08X", prefix, t, uint32(id))
	}
	return fmt.Sprintf("%s__%s__%s__%08X", prefix, t, truncName(column, 14-len([]rune(t))), uint32(id))
}

// systemNamePattern matches the names systemConstraintName makes.
var systemNamePattern = regexp.MustCompile(`^(PK|UQ|DF|CK|FK)__.*__[0-9A-F]+$`)

// isSystemNamed is sys.*.is_system_named for a constraint name.
func isSystemNamed(name string) bool { return systemNamePattern.MatchString(name) }

// firstColumnName is the column a constraint's system name shows: its only
// or first column, or "" for a table-level CHECK.
func firstColumnName(t *catalog.Table, cols []catalog.IndexColumn) string {
	if len(cols) == 0 {
		return ""
	}
	return t.Columns[cols[0].Column].Name
}
