package exec

import (
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"
)

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
				children[f.RefTable] = append(children[f.RefTable], cat.Key(child.Schema, child.Name))
			}
		}
		tkey := cat.Key(t.Schema, t.Name)
		for _, x := range cat.SortedTables() {
			if cat.Key(x.Schema, x.Name) == tkey {
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

// A catalog made before checkCascadePaths existed may still hold a key it
// refuses: a self-referencing ON DELETE CASCADE, or keys cascading round a
// cycle of tables. Run as written, deleting the root of a hierarchy
// recursed once per level (a deep one grew the server by gigabytes) and a
// row referencing itself recursed until the stack overflowed, which ends
// the process. SQL Server can never have such a key, so there is no
// behaviour of its to copy: the statement that would fire the key's action
// fails with 1785, naming the key and its table, before the action changes
// any row — whatever the rows, so that it does not depend on the data —
// and the message says what to change (ALTER TABLE … DROP CONSTRAINT and
// add it again with NO ACTION). Keys that reach a table by two paths
// without a cycle end by themselves and still run.

// cascadeRun is one statement's state of its referential actions: the
// tables whose rows the actions being run come from (outermost first),
// and each parent table's referencing keys, found once per statement
// instead of once per row.
type cascadeRun struct {
	chain []string
	cat   *catalog.Database
	refs  map[string][]referencingKey
	// targetsLocked: the statement X-locked all its target rows before
	// checking the first; children then holds, per foreign key, the child
	// rows by key value, read once (fk_children.go).
	targetsLocked bool
	children      map[*catalog.ForeignKey]map[string][]Row
	// atEnd: the statement checks its NO ACTION keys and the rows its
	// cascades change when it ends; deferred holds the parent rows to
	// check, cascaded the cascades' changes to write first (fk_deferred.go).
	atEnd    bool
	deferred []deferredRef
	cascaded cascadeWrites
}

// referencingKey is a foreign key of child that references some table.
type referencingKey struct {
	child *catalog.Table
	fk    *catalog.ForeignKey
}

// cascadeState is the statement's cascadeRun, made at its first use.
func (ec *evalCtx) cascadeState() *cascadeRun {
	if ec.cascade == nil {
		ec.cascade = &cascadeRun{}
	}
	return ec.cascade
}

// enter puts table key on the chain while its referencing rows are
// handled; the function returned takes it off.
func (cs *cascadeRun) enter(key string) func() {
	cs.chain = append(cs.chain, key)
	n := len(cs.chain)
	return func() { cs.chain = cs.chain[:n-1] }
}

// onChain reports whether an action already running started from table key.
func (cs *cascadeRun) onChain(key string) bool {
	return slices.Contains(cs.chain, key)
}

// referencing lists the foreign keys of cat that reference table key, in
// the order of their tables' ids. The catalog does not change during a
// statement, so the map is built once for each catalog the statement
// cascades in.
func (cs *cascadeRun) referencing(cat *catalog.Database, key string) []referencingKey {
	if cs.cat != cat || cs.refs == nil {
		cs.cat, cs.refs = cat, map[string][]referencingKey{}
		for _, child := range cat.SortedTables() {
			for _, fk := range child.ForeignKeys {
				cs.refs[fk.RefTable] = append(cs.refs[fk.RefTable], referencingKey{child, fk})
			}
		}
	}
	return cs.refs[key]
}
