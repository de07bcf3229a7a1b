package catalog

import (
	"sort"
	"time"
)

// FirstUserTypeID is the first user_type_id of user-defined types: SQL Server
// numbers its system types below it, and clients (sys.types readers, SSMS)
// tell user types by is_user_defined, not by range, but expect ids ≥ 257.
const FirstUserTypeID int32 = 257

// UserType is a user-defined data type (CREATE TYPE): an alias of a system
// type or a table type. Types live in the database catalog, so CREATE and DROP
// TYPE are logged, persisted and mirrored like any DDL.
type UserType struct {
	ID     int32  `json:"id"` // user_type_id
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Base is an alias type's system type as written in CREATE TYPE, with its
	// length, precision and scale (e.g. "varchar(20)"); empty for table types.
	Base    string `json:"base,omitempty"`
	NotNull bool   `json:"not_null,omitempty"` // alias type declared NOT NULL
	// Text is a table type's CREATE TYPE statement, re-parsed where the type
	// is used (as Module.Text), so the catalog carries no compiled form.
	Text string `json:"text,omitempty"`
	// ObjectID is a table type's type_table_object_id (sys.table_types).
	ObjectID int32     `json:"object_id,omitempty"`
	Created  time.Time `json:"created"`
}

// IsTable reports whether the type is a table type.
func (t *UserType) IsTable() bool { return t.Base == "" }

// UserType returns the user-defined type schema.name, or nil.
func (d *Database) UserType(schema, name string) *UserType {
	return d.Types[d.Key(schema, name)]
}

// UserTypeByID returns the user-defined type with user_type_id id, or nil.
func (d *Database) UserTypeByID(id int32) *UserType {
	for _, t := range d.Types {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// NewUserTypeID returns an unused user_type_id (one above the largest in use).
func (d *Database) NewUserTypeID() int32 {
	id := FirstUserTypeID
	for _, t := range d.Types {
		if t.ID >= id {
			id = t.ID + 1
		}
	}
	return id
}

// SortedUserTypes lists the user-defined types by user_type_id.
func (d *Database) SortedUserTypes() []*UserType {
	out := make([]*UserType, 0, len(d.Types))
	for _, t := range d.Types {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (d *Database) fillTypeMaps() {
	if d.Types == nil {
		d.Types = map[string]*UserType{}
	}
}
