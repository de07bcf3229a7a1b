package exec

import "github.com/mirrorsql/mirrorsql/catalog"

// errCascadePaths is SQL Server's refusal of a FOREIGN KEY whose cascading
// action would reach a table twice, or come back to where it started
// (always followed by 1750).
var errCascadePaths = errorKind{1785, 16, 0, "Introducing FOREIGN KEY constraint '%s' on table '%s' may cause cycles or multiple cascade paths. Specify ON DELETE NO ACTION or ON UPDATE NO ACTION, or modify other FOREIGN KEY constraints.", AbortStatement}

// checkCascadePaths refuses foreign key fk of table t (1785) when, with it,
// the cascading actions a DELETE (or an UPDATE) starts would reach some
// table by two paths or in a cycle — a self-referencing key with ON DELETE
// CASCADE among them. SQL Server does not look at the rows: "a table cannot
// appear more than one time in the list of all the cascading referential
// actions that are started by either a DELETE or an UPDATE statement".
// The rule is also what bounds a cascade's depth by the number of tables:
// a self-referencing cascade over a deep hierarchy recursed once per row.
func checkCascadePaths(cat *catalog.Database, t *catalog.Table, fk *catalog.ForeignKey) error {
	events := []func(*catalog.ForeignKey) string{
		func(f *catalog.ForeignKey) string { return f.OnDelete },
		func(f *catalog.ForeignKey) string { return f.OnUpdate },
	}
	for _, action := range events {
		if !cascades(action(fk)) {
			continue
		}
		// children: parent table's key → the tables its cascades change.
		children := map[string][]string{}
		add := func(child *catalog.Table, f *catalog.ForeignKey) {
			if cascades(action(f)) {
				children[f.RefTable] = append(children[f.RefTable], catalog.Key(child.Schema, child.Name))
			}
		}
		tkey := catalog.Key(t.Schema, t.Name)
		for _, x := range cat.SortedTables() {
			if catalog.Key(x.Schema, x.Name) == tkey {
				continue // t is walked below, with its keys as they are now
			}
			for _, f := range x.ForeignKeys {
				add(x, f)
			}
		}
		for _, f := range t.ForeignKeys {
			add(t, f)
		}
		add(t, fk)
		// Every cascade the new key takes part in starts at a table from
		// which its parent is reached (the parent itself included).
		for root := range children {
			if reaches(children, root, fk.RefTable) && !singlePaths(children, root) {
				return errCascadePaths.New(fk.Name, t.Name)
			}
		}
	}
	return nil
}

// reaches reports whether table to is root or is reached from it.
func reaches(children map[string][]string, root, to string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(k string) bool {
		if k == to {
			return true
		}
		if seen[k] {
			return false
		}
		seen[k] = true
		for _, c := range children[k] {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(root)
}

// singlePaths reports whether the cascades from root reach every table at
// most once and never root again.
func singlePaths(children map[string][]string, root string) bool {
	seen := map[string]bool{root: true}
	stack := []string{root}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range children[k] {
			if seen[c] {
				return false
			}
			seen[c] = true
			stack = append(stack, c)
		}
	}
	return true
}
