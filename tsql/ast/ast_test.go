package ast_test

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func ident(s string) *ast.Ident { return &ast.Ident{Name: s} }

func name(parts ...string) *ast.Name {
	n := &ast.Name{}
	for _, p := range parts {
		n.Parts = append(n.Parts, ident(p))
	}
	return n
}

func col(parts ...string) *ast.ColumnRef { return &ast.ColumnRef{Name: name(parts...)} }

func num(s string) *ast.Literal { return &ast.Literal{Kind: ast.LitInt, Text: s, Value: s} }

func TestQuoteIdent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "abc"},
		{"a_b1$#@", "a_b1$#@"},
		{"#temp", "#temp"},
		{"##global", "##global"},
		{"$action", "$action"},
		{"", ""},
		{"select", "[select]"},
		{"Select", "[Select]"},
		{"my table", "[my table]"},
		{"a]b", "[a]]b]"},
		{"1abc", "[1abc]"},
		{"#", "[#]"},
		{"名前", "名前"},
		{"partner", "partner"},
	}
	for _, tt := range tests {
		if got := ast.QuoteIdent(tt.in); got != tt.want {
			t.Errorf("QuoteIdent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFormatBuilt formats trees built by hand, as the engine might build
// them, rather than by the parser.
func TestFormatBuilt(t *testing.T) {
	tests := []struct {
		node ast.Node
		want string
	}{
		{&ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: num("1")}, "a + 1"},
		{&ast.UnaryExpr{Op: ast.OpNeg, X: &ast.UnaryExpr{Op: ast.OpNeg, X: num("1")}}, "- -1"},
		{&ast.Literal{Kind: ast.LitString, National: true, Value: "it's"}, "N'it''s'"},
		{&ast.Literal{Kind: ast.LitMoney, Value: "-1.50"}, "$-1.50"},
		{&ast.BinaryExpr{Op: ast.OpSub, X: col("a"), Y: &ast.BinaryExpr{Op: ast.OpSub, X: col("b"), Y: col("c")}}, "a - (b - c)"},
		{&ast.BinaryExpr{Op: ast.OpMul, X: &ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: num("1")}, Y: num("2")}, "(a + 1) * 2"},
		{&ast.BinaryExpr{Op: ast.OpAnd, X: &ast.BinaryExpr{Op: ast.OpOr, X: col("a"), Y: col("b")}, Y: col("c")}, "(a OR b) AND c"},
		{&ast.UnaryExpr{Op: ast.OpNot, X: &ast.BinaryExpr{Op: ast.OpAnd, X: col("a"), Y: col("b")}}, "NOT (a AND b)"},
		{&ast.UnaryExpr{Op: ast.OpNeg, X: &ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: num("1")}}, "-(a + 1)"},
		{&ast.BetweenExpr{X: col("a"), Low: &ast.BinaryExpr{Op: ast.OpEq, X: col("b"), Y: num("1")}, High: num("2")}, "a BETWEEN (b = 1) AND 2"},
		{&ast.IsNullExpr{X: &ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: num("1")}}, "a + 1 IS NULL"},
		{&ast.CollateExpr{X: &ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: col("b")}, Collation: "Latin1_General_BIN"}, "(a + b) COLLATE Latin1_General_BIN"},
		{&ast.FuncCall{Name: name("COUNT"), Star: true}, "COUNT(*)"},
		{&ast.FuncCall{Name: name("coalesce"), Args: []ast.Expr{col("a"), num("0")}}, "COALESCE(a, 0)"},
		{&ast.DataType{Name: "decimal", Params: 2, Precision: 10, Scale: 2}, "decimal(10, 2)"},
		{&ast.DataType{Name: "datetime2", Params: 1, Scale: 0}, "datetime2(0)"},
		{&ast.DataType{Name: "nvarchar", Params: 1, Max: true}, "nvarchar(MAX)"},
		{&ast.DataType{Name: "varchar", Params: 1, Length: 20}, "varchar(20)"},
		{&ast.Star{Qualifier: name("t")}, "t.*"},
		{name("db", "", "t"), "db..t"},
		{&ast.SelectStmt{Query: &ast.Query{Body: &ast.SelectCore{
			Items: []*ast.SelectItem{{Expr: col("a"), Alias: ident("select")}},
			From:  []ast.TableExpr{&ast.TableName{Name: name("dbo", "t")}},
			Where: &ast.IsNullExpr{X: col("b"), Not: true},
		}}}, "SELECT a AS [select] FROM dbo.t WHERE b IS NOT NULL"},
		{&ast.AlterDatabaseStmt{Name: ident("db"), Options: []ast.DatabaseOption{&ast.SetPartner{Action: ast.PartnerAddress, Address: "TCP://h:7022"}}}, "ALTER DATABASE db SET PARTNER = 'TCP://h:7022'"},
		{&ast.AlterDatabaseStmt{Options: []ast.DatabaseOption{&ast.SetDBState{State: "SINGLE_USER"}}, Termination: ast.TermRollbackImmediate}, "ALTER DATABASE CURRENT SET SINGLE_USER WITH ROLLBACK IMMEDIATE"},
		{&ast.TransactionStmt{Kind: ast.CommitTran, Name: ident("t1")}, "COMMIT TRANSACTION t1"},
		{&ast.DropStmt{Kind: ast.ObjMasterKey}, "DROP MASTER KEY"},
	}
	for _, tt := range tests {
		if got := tt.node.SQL(); got != tt.want {
			t.Errorf("SQL() = %q, want %q", got, tt.want)
		}
	}
}

func TestWalkAndInspect(t *testing.T) {
	// SELECT a + 1 FROM t WHERE b IN (1, 2)
	tree := &ast.SelectStmt{Query: &ast.Query{Body: &ast.SelectCore{
		Items: []*ast.SelectItem{{Expr: &ast.BinaryExpr{Op: ast.OpAdd, X: col("a"), Y: num("1")}}},
		From:  []ast.TableExpr{&ast.TableName{Name: name("t")}},
		Where: &ast.InExpr{X: col("b"), List: []ast.Expr{num("1"), num("2")}},
	}}}
	var seen []string
	ast.Inspect(tree, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ColumnRef:
			seen = append(seen, "col:"+n.Name.Last())
			return false // skip the Name and Ident below
		case *ast.Literal:
			seen = append(seen, "lit:"+n.Value)
		case *ast.TableName:
			seen = append(seen, "table:"+n.Name.Last())
		}
		return true
	})
	if got, want := strings.Join(seen, " "), "col:a lit:1 table:t col:b lit:1 lit:2"; got != want {
		t.Errorf("Inspect order = %q, want %q", got, want)
	}
	count := 0
	ast.Inspect(tree, func(n ast.Node) bool {
		if _, ok := n.(*ast.Ident); ok {
			count++
		}
		return true
	})
	if count != 3 {
		t.Errorf("Inspect found %d identifiers, want 3", count)
	}
}

type countVisitor struct{ enter, leave int }

func (v *countVisitor) Visit(n ast.Node) ast.Visitor {
	if n == nil {
		v.leave++
		return nil
	}
	v.enter++
	return v
}

func TestWalkBalanced(t *testing.T) {
	tree := &ast.IfStmt{Cond: col("x"), Then: &ast.PrintStmt{X: num("1")}, Else: &ast.BlockStmt{}}
	v := &countVisitor{}
	ast.Walk(v, tree)
	// IfStmt, ColumnRef, Name, Ident, PrintStmt, Literal, BlockStmt.
	if v.enter != v.leave || v.enter != 7 {
		t.Errorf("enter %d leave %d, want 7 each", v.enter, v.leave)
	}
	ast.Walk(v, nil) // no panic on nil
	var nilStmt *ast.SelectStmt
	ast.Walk(v, nilStmt)
}

func TestDump(t *testing.T) {
	n := &ast.BinaryExpr{Op: ast.OpEq, X: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: "a", Quoted: true}}}}, Y: &ast.Literal{Kind: ast.LitString, Text: "N'x'", Value: "x", National: true}}
	want := `BinaryExpr Op==
  X: ColumnRef
    Name: Name
      Parts[0]: Ident Name="a" Quoted=true
  Y: Literal Kind=String National=true Text="N'x'" Value="x"
`
	if got := ast.Dump(n); got != want {
		t.Errorf("Dump =\n%s\nwant\n%s", got, want)
	}
	if got := ast.DumpCanonical(n); strings.Contains(got, "Quoted") || strings.Contains(got, "Text=") {
		t.Errorf("DumpCanonical kept source spelling:\n%s", got)
	}
}
