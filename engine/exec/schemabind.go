package exec

import (
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Schema binding: a view or function created WITH SCHEMABINDING holds what
// it names (two-part names, SQL Server's rule, checked at creation). While
// it exists, the tables, views and functions it references cannot be
// dropped (3729) and the columns it reads cannot be altered or dropped
// (5074, then 4922); dropping the module, or ALTER VIEW / ALTER FUNCTION
// without SCHEMABINDING, releases them. The binding is not stored apart:
// it is read from the modules' definitions, which the catalog keeps and the
// log carries to the mirror, when a DROP or ALTER asks — DDL is rare, so
// parsing the database's schema-bound modules then costs nothing that
// matters.

// boundModule is a schema-bound view's query or function's statement.
type boundModule struct {
	id           int32
	schema, name string
	node         ast.Node
}

// schemaBoundModules parses cat's schema-bound views and functions, oldest
// (lowest object id) first: the catalog keeps them in maps, and 3729 names
// "the" referencing module, which must be the same one on every run and on
// both partners.
func (s *Session) schemaBoundModules(cat *catalog.Database) []boundModule {
	var out []boundModule
	for _, v := range cat.Views {
		stmts, err := parseModuleShared(v.Text, v.ModuleSets) // module_sets.go
		if err != nil || len(stmts) == 0 {
			continue
		}
		if cv, ok := stmts[0].(*ast.CreateViewStmt); ok && isSchemaBound(cv) {
			out = append(out, boundModule{v.ID, v.Schema, v.Name, cv.Query})
		}
	}
	for _, f := range cat.Functions {
		stmts, err := parseModuleShared(f.Text, f.ModuleSets)
		if err != nil || len(stmts) == 0 {
			continue
		}
		if cf, ok := stmts[0].(*ast.CreateFunctionStmt); ok && hasOption(cf.Options, "SCHEMABINDING") {
			out = append(out, boundModule{f.ID, f.Schema, f.Name, cf})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func hasOption(opts []string, name string) bool {
	for _, o := range opts {
		if strings.EqualFold(o, name) {
			return true
		}
	}
	return false
}

// namesObject reports whether a two-part name in a module of cat is
// schema.name: the object's name compares under cat's collation, so in a
// case-sensitive database a view bound to T does not hold a table t.
func namesObject(cat *catalog.Database, n *ast.Name, schema, name string) bool {
	return n != nil && len(n.Parts) == 2 && strings.EqualFold(n.Part(1), schema) && cat.SameName(n.Last(), name)
}

// boundReferrer names a schema-bound module of cat (other than the object
// itself) that references schema.name as a table, view or function, or "".
func (s *Session) boundReferrer(cat *catalog.Database, schema, name string) string {
	for _, m := range s.schemaBoundModules(cat) {
		if strings.EqualFold(m.schema, schema) && cat.SameName(m.name, name) {
			continue
		}
		found := false
		ast.Inspect(m.node, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TableName:
				found = found || namesObject(cat, n.Name, schema, name)
			case *ast.FuncCall:
				found = found || namesObject(cat, n.Name, schema, name)
			}
			return !found
		})
		if found {
			return m.name
		}
	}
	return ""
}

// boundColumnReferrers names the schema-bound modules of cat that read
// column col of schema.table: a reference qualified with the table's name
// or its alias in the module, or unqualified in a query that reads the
// table.
func (s *Session) boundColumnReferrers(cat *catalog.Database, schema, table, col string) []string {
	var out []string
	for _, m := range s.schemaBoundModules(cat) {
		if moduleReadsColumn(cat, m.node, schema, table, col) {
			out = append(out, m.name)
		}
	}
	return out
}

// moduleReadsColumn looks for col of schema.table in each query level of
// node that names the table in its FROM.
func moduleReadsColumn(cat *catalog.Database, node ast.Node, schema, table, col string) bool {
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		core, ok := n.(*ast.SelectCore)
		if !ok || found {
			return !found
		}
		quals := map[string]bool{}
		for _, te := range flattenFrom(core.From) {
			if tn, ok := te.(*ast.TableName); ok && namesObject(cat, tn.Name, schema, table) {
				quals[strings.ToLower(table)] = true
				if tn.Alias != nil {
					quals[strings.ToLower(tn.Alias.Name)] = true
				}
			}
		}
		if len(quals) == 0 {
			return true // a nested level may read it
		}
		ast.Inspect(core, func(x ast.Node) bool {
			if c, ok := x.(*ast.ColumnRef); ok && strings.EqualFold(c.Name.Last(), col) {
				parts := c.Name.Parts
				if len(parts) == 1 || quals[strings.ToLower(parts[len(parts)-2].Name)] {
					found = true
				}
			}
			return !found
		})
		return !found
	})
	return found
}

// errBoundRename is sp_rename's refusal of a table, view, function or
// column a schema-bound module references; shown is @objname as given.
func errBoundRename(shown string) error {
	return &Error{Number: 15336, Severity: 16, State: 1, Message: "Object '" + shown + "' cannot be renamed because the object participates in enforced dependencies."}
}

func errBoundDrop(what, shown, by string) error {
	return &Error{Number: 3729, Severity: 16, State: 1, Message: "Cannot DROP " + what + " '" + shown + "' because it is being referenced by object '" + by + "'."}
}

// checkBoundRefs refuses a schema-bound module that references a view or
// function which is not itself schema-bound (4513): the binding would
// not reach what that object reads, so SQL Server keeps the graph closed.
func checkBoundRefs(cat *catalog.Database, kind, shown string, node ast.Node) error {
	var err error
	notBound := func(n *ast.Name) {
		if err != nil || n == nil || len(n.Parts) != 2 {
			return
		}
		key := cat.Key(n.Part(1), n.Last())
		bound := true
		if v := cat.Views[key]; v != nil {
			bound = false
			if stmts, perr := parseModuleShared(v.Text, v.ModuleSets); perr == nil && len(stmts) > 0 {
				if cv, ok := stmts[0].(*ast.CreateViewStmt); ok {
					bound = isSchemaBound(cv)
				}
			}
		} else if f := cat.Functions[key]; f != nil {
			bound = false
			if stmts, perr := parseModuleShared(f.Text, f.ModuleSets); perr == nil && len(stmts) > 0 {
				if cf, ok := stmts[0].(*ast.CreateFunctionStmt); ok {
					bound = hasOption(cf.Options, "SCHEMABINDING")
				}
			}
		}
		if !bound {
			err = &Error{Number: 4513, Severity: 16, State: 2, Message: "Cannot schema bind " + kind + " '" + shown + "'. '" + nameText(n) + "' is not schema bound."}
		}
	}
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TableName:
			notBound(n.Name)
		case *ast.FuncCall:
			notBound(n.Name)
		}
		return err == nil
	})
	return err
}
