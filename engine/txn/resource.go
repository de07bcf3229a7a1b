package txn

import "fmt"

// ResourceKind is the granularity of a lockable resource.
type ResourceKind uint8

const (
	// Database locks: S by every session using the database, X for exclusive
	// operations (RESTORE, ALTER DATABASE … SET SINGLE_USER, mirroring role changes).
	Database ResourceKind = iota + 1
	// Object locks: tables and other objects (IS, IX, S, SIX, X, Sch-S, Sch-M).
	Object
	// Key locks: one index key (row) of an object (S, U, X).
	Key
	// Application locks: sp_getapplock's named resources of a database
	// (Key holds the principal and the resource name).
	Application
)

// Resource names one lockable thing. It is comparable and used as a map key.
type Resource struct {
	Kind     ResourceKind
	Database uint32 // database id (all kinds)
	Object   uint32 // object id (Object and Key)
	Key      string // encoded index key (Key only)
}

// DatabaseResource names database db.
func DatabaseResource(db uint32) Resource { return Resource{Kind: Database, Database: db} }

// ObjectResource names object obj of database db.
func ObjectResource(db, obj uint32) Resource {
	return Resource{Kind: Object, Database: db, Object: obj}
}

// KeyResource names key (the encoded index key bytes) of object obj in database db.
func KeyResource(db, obj uint32, key []byte) Resource {
	return Resource{Kind: Key, Database: db, Object: obj, Key: string(key)}
}

// String renders the resource roughly as sys.dm_tran_locks does.
func (r Resource) String() string {
	switch r.Kind {
	case Database:
		return fmt.Sprintf("DATABASE: %d", r.Database)
	case Object:
		return fmt.Sprintf("OBJECT: %d:%d", r.Database, r.Object)
	case Key:
		return fmt.Sprintf("KEY: %d:%d (%x)", r.Database, r.Object, r.Key)
	case Application:
		return fmt.Sprintf("APPLICATION: %d:%s", r.Database, r.Key)
	}
	return "UNKNOWN"
}
