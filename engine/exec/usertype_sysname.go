package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sysname is a system-supplied alias type, nvarchar(128) NOT NULL, with
// user_type_id 256 (the "nchar and nvarchar" page; sys.types has its row).
// A column declared sysname keeps that: it is NOT NULL unless it says
// NULL, whatever ANSI_NULL_DFLT_ON says, sys.columns shows user_type_id
// 256 and TYPE_NAME gives sysname, as the system views' name columns do
// (sysviews_system.go). Scripts that copy catalog names into their own
// tables (CREATE TABLE #objs (name sysname, …)) rely on the NOT NULL, and
// joins of sys.columns to sys.types on user_type_id on the row.

// sysnameTypeID is sysname's user_type_id.
const sysnameTypeID = 256

// isSysnameType reports whether dt names sysname (or sys.sysname).
func isSysnameType(dt *ast.DataType) bool {
	return dt != nil && (dt.Schema == "" || strings.EqualFold(dt.Schema, "sys")) && strings.EqualFold(dt.Name, "sysname")
}

// sysnameTypeRow is sysname's row of sys.types (typesColumns).
func sysnameTypeRow() Row {
	return Row{str("sysname"), types.NewTinyInt(uint8(types.NVarChar)), i32(sysnameTypeID), i32(4),
		types.NewSmallInt(256), types.NewTinyInt(0), types.NewTinyInt(0), bit(false), bit(false), bit(false)}
}
