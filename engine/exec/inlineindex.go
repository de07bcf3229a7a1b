package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Indexes declared inside a table definition (INDEX ix … among CREATE
// TABLE's or DECLARE @t TABLE's elements, or after a column): SQL Server
// 2014's inline index syntax, which maintenance scripts and table variables
// use. They are made with the table, which is empty, so nothing is built.

// addInlineIndexes adds the inline indexes of st to t, a table being made.
func addInlineIndexes(cat *catalog.Database, t *catalog.Table, st *ast.CreateTableStmt) error {
	for _, cd := range st.Columns {
		if x := cd.Index; x != nil {
			col := []*ast.OrderItem{{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{cd.Name}}}}}
			if err := addInlineIndex(cat, t, x, col); err != nil {
				return err
			}
		}
	}
	for _, x := range st.Indexes {
		if err := addInlineIndex(cat, t, x, x.Columns); err != nil {
			return err
		}
	}
	return nil
}

func addInlineIndex(cat *catalog.Database, t *catalog.Table, x *ast.InlineIndex, items []*ast.OrderItem) error {
	for _, other := range t.Indexes {
		if strings.EqualFold(other.Name, x.Name.Name) {
			return &Error{Number: 1913, Severity: 16, State: 1, Message: "The operation failed because an index or statistics with name '" + x.Name.Name + "' already exists on table '" + t.Name + "'."}
		}
	}
	cols, err := keyColumns(t, items)
	if err != nil {
		return err
	}
	ix := &catalog.Index{Name: x.Name.Name, Columns: cols, Unique: x.Unique}
	if x.Where != nil {
		if x.Cluster == ast.Clustered {
			return &Error{Number: 10611, Severity: 16, State: 1, Message: "Filtered clustered indexes are not supported."}
		}
		if err := checkIndexFilter(t, x.Name.Name, x.Where); err != nil { // filtered.go
			return err
		}
		ix.Filter = x.Where.SQL()
	}
	for _, inc := range x.Include {
		i, c := t.Column(inc.Name)
		if c == nil {
			return ErrInvalidColumn.New(inc.Name)
		}
		ix.Included = append(ix.Included, i)
	}
	// A clustered index, unique or not, is the row store (uniquifier.go):
	// the table is new and empty, so nothing moves; a second one is 1902.
	return addIndex(cat, t, ix, x.Cluster == ast.Clustered)
}
