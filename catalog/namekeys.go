package catalog

import (
	"fmt"
	"strings"
)

// Object names compare under the database's collation, as SQL Server's
// system tables do (sys.sysschobjs' unique index on schema and name): in a
// case-insensitive database T and t are one name, in a case-sensitive one
// two, and both tables may exist. The maps of a Database are therefore
// keyed by d.Key, which keeps the name's case where the collation is
// case-sensitive. Schema names stay case-insensitive in the key (the
// engine matches their case where a case-sensitive database wants it).
// The package-level Key is the case-insensitive form, for tempdb and the
// server's own lookups.

// Key is the map key of the object schema.name in d.
func (d *Database) Key(schema, name string) string {
	if d != nil && d.Collation.CaseSensitive() {
		return strings.ToLower(schema) + "." + name
	}
	return Key(schema, name)
}

// SameName reports whether two names of objects or columns of d are one
// name under d's collation.
func (d *Database) SameName(a, b string) bool {
	if d != nil && d.Collation.CaseSensitive() {
		return a == b
	}
	return strings.EqualFold(a, b)
}

// NameCollision is two objects of one kind whose names are one name under
// a collation: what Rekey meets when a case-sensitive database holding T
// and t is made case-insensitive.
type NameCollision struct {
	SchemaID int32
	Name     string // the second object's name, as SQL Server's 1505 shows it
}

func (c *NameCollision) Error() string {
	return fmt.Sprintf("duplicate object name %q in schema %d", c.Name, c.SchemaID)
}

// Rekey keys d's object maps, and the keys recorded in its foreign keys
// (RefTable) and triggers (Table), under d.Key for d's collation. It runs
// after the collation changed (ALTER DATABASE … COLLATE) and when a
// catalog is decoded, whose keys an older release wrote lower-cased. Two
// objects whose keys collide are a *NameCollision and d is left unchanged.
func (d *Database) Rekey() error {
	moved := map[string]string{} // old key of a table or view → new
	tables, err := rekeyed(d, d.Tables, func(t *Table) (string, string) { return t.Schema, t.Name }, moved)
	if err != nil {
		return err
	}
	views, err := rekeyed(d, d.Views, func(v *View) (string, string) { return v.Schema, v.Name }, moved)
	if err != nil {
		return err
	}
	procs, err := rekeyed(d, d.Procedures, func(p *Procedure) (string, string) { return p.Schema, p.Name }, nil)
	if err != nil {
		return err
	}
	funcs, err := rekeyed(d, d.Functions, func(m *Module) (string, string) { return m.Schema, m.Name }, nil)
	if err != nil {
		return err
	}
	trigs, err := rekeyed(d, d.Triggers, func(m *Module) (string, string) { return m.Schema, m.Name }, nil)
	if err != nil {
		return err
	}
	seqs, err := rekeyed(d, d.Sequences, func(q *Sequence) (string, string) { return q.Schema, q.Name }, nil)
	if err != nil {
		return err
	}
	types, err := rekeyed(d, d.Types, func(t *UserType) (string, string) { return t.Schema, t.Name }, nil)
	if err != nil {
		return err
	}
	syns, err := rekeyed(d, d.Synonyms, func(s *Synonym) (string, string) { return s.Schema, s.Name }, nil)
	if err != nil {
		return err
	}
	d.Tables, d.Views, d.Procedures, d.Functions, d.Triggers, d.Sequences, d.Types = tables, views, procs, funcs, trigs, seqs, types
	if d.Synonyms != nil {
		d.Synonyms = syns
	}
	for _, t := range d.Tables {
		for _, fk := range t.ForeignKeys {
			if k, ok := moved[fk.RefTable]; ok {
				fk.RefTable = k
			}
		}
	}
	for _, m := range d.Triggers {
		if k, ok := moved[m.Table]; ok {
			m.Table = k
		}
	}
	return nil
}

// rekeyed is m keyed by d.Key of each value's schema and name; moved, when
// not nil, records each old key's new one.
func rekeyed[V any](d *Database, m map[string]V, name func(V) (string, string), moved map[string]string) (map[string]V, error) {
	out := make(map[string]V, len(m))
	for old, v := range m {
		schema, n := name(v)
		k := d.Key(schema, n)
		if other, dup := out[k]; dup {
			id := int32(0)
			if sc := d.Schema(schema); sc != nil {
				id = sc.ID
			}
			if _, on := name(other); on > n { // the same one whatever the maps' order
				n = on
			}
			return nil, &NameCollision{SchemaID: id, Name: n}
		}
		out[k] = v
		if moved != nil {
			moved[old] = k
		}
	}
	return out, nil
}

// CheckNamespace reports two objects whose names are one under d's
// collation although they are of different kinds — a table T and a view t
// of a case-sensitive database made case-insensitive — as a
// *NameCollision. Tables, views, procedures, functions, triggers,
// sequences and synonyms share one namespace per schema (sysschobjs'
// unique index); types have their own (sys.types). Rekey finds the
// collisions within one kind; ALTER DATABASE … COLLATE checks this after
// it (a catalog being decoded is not refused for it).
func (d *Database) CheckNamespace() error {
	ns := map[string]string{}
	for _, err := range []error{
		claimNames(d, ns, d.Tables, func(t *Table) (string, string) { return t.Schema, t.Name }),
		claimNames(d, ns, d.Views, func(v *View) (string, string) { return v.Schema, v.Name }),
		claimNames(d, ns, d.Procedures, func(p *Procedure) (string, string) { return p.Schema, p.Name }),
		claimNames(d, ns, d.Functions, func(m *Module) (string, string) { return m.Schema, m.Name }),
		claimNames(d, ns, d.Triggers, func(m *Module) (string, string) { return m.Schema, m.Name }),
		claimNames(d, ns, d.Sequences, func(q *Sequence) (string, string) { return q.Schema, q.Name }),
		claimNames(d, ns, d.Synonyms, func(s *Synonym) (string, string) { return s.Schema, s.Name }),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// claimNames records the keys of m (one kind of object, keyed by d.Key) in
// ns, the schema-scoped namespace, with their names; a key another kind
// already holds is a *NameCollision naming the one that sorts last (the
// same whatever the maps' order).
func claimNames[V any](d *Database, ns map[string]string, m map[string]V, name func(V) (string, string)) error {
	for k, v := range m {
		schema, n := name(v)
		if on, dup := ns[k]; dup {
			id := int32(0)
			if sc := d.Schema(schema); sc != nil {
				id = sc.ID
			}
			return &NameCollision{SchemaID: id, Name: max(n, on)}
		}
		ns[k] = n
	}
	return nil
}

// View finds a view by schema and name (under d's collation).
func (d *Database) View(schema, name string) *View { return d.Views[d.Key(schema, name)] }

// Procedure finds a procedure by schema and name (under d's collation).
func (d *Database) Procedure(schema, name string) *Procedure {
	return d.Procedures[d.Key(schema, name)]
}

// Function finds a user-defined function by schema and name (under d's
// collation).
func (d *Database) Function(schema, name string) *Module { return d.Functions[d.Key(schema, name)] }

// Synonym finds a synonym by schema and name (under d's collation).
func (d *Database) Synonym(schema, name string) *Synonym { return d.Synonyms[d.Key(schema, name)] }
