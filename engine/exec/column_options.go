package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// checkDefaultExpr refuses a DEFAULT that names a column: a default is a
// constant expression (constants, functions, variables), so SQL Server
// stops at the first column name with 128.
func checkDefaultExpr(e ast.Expr) error {
	var bad *ast.ColumnRef
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch x := n.(type) {
		case *ast.ColumnRef:
			bad = x
			return false
		case *ast.FuncCall:
			// DATEADD(day, …) and the like: the datepart is a word, not a
			// column (call.go).
			if datepartFuncs[strings.ToUpper(x.Name.Last())] && len(x.Args) > 0 {
				for _, a := range x.Args[1:] {
					ast.Inspect(a, visit)
				}
				return false
			}
		}
		return true
	}
	ast.Inspect(e, visit)
	if bad == nil {
		return nil
	}
	return &Error{Number: 128, Severity: 15, State: 1, Message: "The name \"" + bad.Name.Last() + "\" is not permitted in this context. Valid expressions are constants, constant expressions, and (in some contexts) variables. Column names are not permitted."}
}

// checkSparse applies the CREATE TABLE page's sparse column rules to col,
// made from cd: a SPARSE column is nullable (NULL unless NOT NULL is
// written) and has no IDENTITY or ROWGUIDCOL, and is not text, ntext,
// image, rowversion or an alias type (1731); a column set is xml.
func checkSparse(cd *ast.ColumnDef, col *catalog.Column, typ types.Type, aliasType bool, table string) error {
	if !cd.Sparse {
		if cd.ColumnSet && typ.ID != types.XML {
			return errSparseColumn(col.Name, table)
		}
		if cd.ColumnSet {
			col.Nullable = true
		}
		return nil
	}
	switch {
	case cd.Nullable == ast.NotNull, cd.Identity != nil, cd.RowGUIDCol, aliasType, col.RowVersion,
		typ.ID == types.Text, typ.ID == types.NText, typ.ID == types.Image:
		return errSparseColumn(col.Name, table)
	}
	col.Nullable = true
	return nil
}

func errSparseColumn(col, table string) error {
	return &Error{Number: 1731, Severity: 16, State: 1, Message: "Cannot create the sparse column '" + col + "' in the table '" + table + "' because an option or data type specified is not valid. A sparse column must be nullable and cannot have the ROWGUIDCOL, IDENTITY, or FILESTREAM properties. A sparse column cannot be of the following data types: text, ntext, image, geometry, geography, or user-defined type."}
}

// errSparseDefault is 1791: a sparse column or column set has no DEFAULT.
func errSparseDefault(col *catalog.Column, table string) error {
	return &Error{Number: 1791, Severity: 16, State: 1, Message: "A DEFAULT constraint cannot be created on the column '" + col.Name + "' in the table '" + table + "' because the column is a sparse column or sparse column set. Sparse columns or sparse column sets cannot have a DEFAULT constraint."}
}
