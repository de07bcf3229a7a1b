package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_rename of an object that is not a table (@objtype omitted or
// 'OBJECT'): a view, procedure, function, trigger or synonym, or a
// constraint — CHECK, FOREIGN KEY, DEFAULT, PRIMARY KEY or UNIQUE (whose
// index is renamed with it). As in SQL Server the module's stored
// definition keeps the name it was created with, and permissions stay
// with the object (their rows name it by object id and by the new name).

// renameObject renames the non-table object n names to newName; found is
// false when n names none. shown is @objname as the caller gave it.
func (s *Session) renameObject(ctx context.Context, shown string, n *ast.Name, newName string) (found bool, err error) {
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return false, nil
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	leaf := n.Last()
	committed := s.catalogFor(db)
	key := committed.Key(schema, leaf)
	exists := committed.Views[key] != nil || committed.Procedures[key] != nil || committed.Functions[key] != nil ||
		committed.Triggers[key] != nil || committed.Synonyms[key] != nil || constraintOwner(committed, schema, leaf) != nil
	if !exists {
		return false, nil
	}
	if (committed.Views[key] != nil || committed.Functions[key] != nil) && s.boundReferrer(committed, schema, leaf) != "" {
		return true, errBoundRename(shown) // schemabind.go
	}
	if !committed.SameName(leaf, newName) && committed.ObjectExists(schema, newName) {
		return true, &Error{Number: 15335, Severity: 11, State: 1, Message: "Error: The new name '" + newName + "' is already in use as a object name and would cause a duplicate that is not permitted."}
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return true, err
	}
	newKey := cat.Key(schema, newName)
	now := time.Now().UTC()
	var id int32
	switch {
	case cat.Views[key] != nil:
		v := rekey(cat.Views, key, newKey)
		v.Name, v.Modified, id = newName, now, v.ID
	case cat.Procedures[key] != nil:
		p := rekey(cat.Procedures, key, newKey)
		p.Name, p.Modified, id = newName, now, p.ID
	case cat.Functions[key] != nil:
		m := rekey(cat.Functions, key, newKey)
		m.Name, m.Modified, id = newName, now, m.ID
	case cat.Triggers[key] != nil:
		m := rekey(cat.Triggers, key, newKey)
		m.Name, m.Modified, id = newName, now, m.ID
	case cat.Synonyms[key] != nil:
		y := rekey(cat.Synonyms, key, newKey)
		y.Name, id = newName, y.ID
	default:
		t := constraintOwner(cat, schema, leaf)
		renameConstraint(cat, t, leaf, newName)
		t.Modified = now
		return true, nil
	}
	old := schema + "." + leaf
	for _, p := range cat.Permissions {
		if p.Class == catalog.ClassObject && p.ObjectID == id && strings.EqualFold(p.Object, old) {
			p.Object = schema + "." + newName
		}
	}
	return true, nil
}

// rekey moves the catalog entry under key from to key to and returns it.
func rekey[T any](m map[string]*T, from, to string) *T {
	v := m[from]
	delete(m, from)
	m[to] = v
	return v
}

// constraintOwner is the table of schema that has a constraint named
// name (under the database's collation: a constraint is an object), or nil.
func constraintOwner(cat *catalog.Database, schema, name string) *catalog.Table {
	for _, t := range cat.Tables {
		if !strings.EqualFold(t.Schema, schema) {
			continue
		}
		for _, ck := range t.Checks {
			if cat.SameName(ck.Name, name) {
				return t
			}
		}
		for _, fk := range t.ForeignKeys {
			if cat.SameName(fk.Name, name) {
				return t
			}
		}
		for _, c := range t.Columns {
			if c.DefaultName != "" && cat.SameName(c.DefaultName, name) {
				return t
			}
		}
		for _, ix := range t.Indexes {
			if ix.Constraint && cat.SameName(ix.Name, name) {
				return t
			}
		}
	}
	return nil
}

// renameConstraint renames t's constraint name.
func renameConstraint(cat *catalog.Database, t *catalog.Table, name, newName string) {
	for _, ck := range t.Checks {
		if cat.SameName(ck.Name, name) {
			ck.Name = newName
		}
	}
	for _, fk := range t.ForeignKeys {
		if cat.SameName(fk.Name, name) {
			fk.Name = newName
		}
	}
	for _, c := range t.Columns {
		if c.DefaultName != "" && cat.SameName(c.DefaultName, name) {
			c.DefaultName = newName
		}
	}
	for _, ix := range t.Indexes {
		if ix.Constraint && cat.SameName(ix.Name, name) {
			ix.Name = newName
		}
	}
}
