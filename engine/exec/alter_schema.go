package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER SCHEMA s TRANSFER [OBJECT::] name moves a table, view, procedure,
// function or synonym of the current database into schema s. A table
// takes its triggers along (they live in their table's schema) and the
// foreign keys that reference it follow it. Permissions granted on the
// object are dropped, as SQL Server drops them on a transfer. Stored
// module definitions keep the text they were created with, as in SQL
// Server (sys.sql_modules is not rewritten either).
func (s *Session) alterSchemaTransfer(ctx context.Context, st *ast.AlterSchemaStmt) error {
	if st.Class == "TYPE" {
		return s.alterSchemaTransferType(ctx, st)
	}
	if st.Class != "" && st.Class != "OBJECT" {
		return ErrNotSupported.New("ALTER SCHEMA TRANSFER " + st.Class)
	}
	db, err := s.resolveDatabase(st.Object.Part(2))
	if err != nil {
		return err
	}
	if s.catalogFor(db).Schema(st.Name.Name) == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the schema '" + st.Name.Name + "', because it does not exist or you do not have permission."}
	}
	from := st.Object.Part(1)
	if from == "" {
		from = "dbo"
	}
	name := st.Object.Last()
	oldKey := s.catalogFor(db).Key(from, name)
	committed := s.catalogFor(db)
	notFound := &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the object '" + name + "', because it does not exist or you do not have permission."}
	if committed.Tables[oldKey] == nil && committed.Views[oldKey] == nil && committed.Procedures[oldKey] == nil &&
		committed.Functions[oldKey] == nil && committed.Synonyms[oldKey] == nil {
		return notFound
	}
	to := st.Name.Name
	if strings.EqualFold(from, to) {
		return nil
	}
	if committed.ObjectExists(to, name) {
		return ErrObjectExists.New(name)
	}
	if t := committed.Tables[oldKey]; t != nil {
		tr, ok, err := s.resolveTable(st.Object)
		if err != nil || !ok {
			return notFound
		}
		if err := s.lockSchema(ctx, tr); err != nil {
			return err
		}
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	newKey := cat.Key(to, name)
	now := time.Now().UTC()
	var id int32
	switch {
	case cat.Tables[oldKey] != nil:
		t := rekey(cat.Tables, oldKey, newKey) // sprename_objects.go
		t.Schema, t.Modified, id = to, now, t.ID
		for _, other := range cat.Tables {
			for _, fk := range other.ForeignKeys {
				if fk.RefTable == oldKey {
					fk.RefTable = newKey
				}
			}
		}
		for k, m := range cat.Triggers {
			if m.Table == oldKey {
				delete(cat.Triggers, k)
				m.Table, m.Schema = newKey, to
				cat.Triggers[cat.Key(to, m.Name)] = m
			}
		}
	case cat.Views[oldKey] != nil:
		v := rekey(cat.Views, oldKey, newKey) // sprename_objects.go
		v.Schema, v.Modified, id = to, now, v.ID
		retargetTriggers(cat, oldKey, newKey) // INSTEAD OF triggers (instead_of.go)
	case cat.Procedures[oldKey] != nil:
		p := rekey(cat.Procedures, oldKey, newKey) // sprename_objects.go
		p.Schema, p.Modified, id = to, now, p.ID
	case cat.Functions[oldKey] != nil:
		m := rekey(cat.Functions, oldKey, newKey) // sprename_objects.go
		m.Schema, m.Modified, id = to, now, m.ID
	case cat.Synonyms[oldKey] != nil:
		y := rekey(cat.Synonyms, oldKey, newKey) // sprename_objects.go
		y.Schema, id = to, y.ID
	}
	kept := cat.Permissions[:0]
	for _, p := range cat.Permissions {
		if p.Class == catalog.ClassObject && p.ObjectID == id {
			continue
		}
		kept = append(kept, p)
	}
	cat.Permissions = kept
	return nil
}

// alterSchemaTransferType is ALTER SCHEMA s TRANSFER TYPE::name: the
// user-defined type (alias or table type) moves to schema s. Columns and
// table variables refer to a type by its user_type_id, so they follow it;
// a module's text that names the type keeps the old name, as SQL Server
// leaves module definitions alone on a transfer.
func (s *Session) alterSchemaTransferType(ctx context.Context, st *ast.AlterSchemaStmt) error {
	db, err := s.resolveDatabase(st.Object.Part(2))
	if err != nil {
		return err
	}
	committed := s.catalogFor(db)
	if committed.Schema(st.Name.Name) == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the schema '" + st.Name.Name + "', because it does not exist or you do not have permission."}
	}
	from := st.Object.Part(1)
	if from == "" {
		from = "dbo"
	}
	name := st.Object.Last()
	if committed.UserType(from, name) == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the type '" + name + "', because it does not exist or you do not have permission."}
	}
	to := st.Name.Name
	if strings.EqualFold(from, to) {
		return nil
	}
	if committed.UserType(to, name) != nil {
		return errTypeExists.New(name)
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	t := rekey(cat.Types, cat.Key(from, name), cat.Key(to, name)) // sprename_objects.go
	t.Schema = cat.Schema(to).Name
	return nil
}
