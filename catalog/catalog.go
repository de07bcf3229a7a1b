// Package catalog is what exists in a database: schemas, tables, columns, indexes,
// constraints, views and procedures, and at the server level logins, endpoints and
// the database directory.
//
// A catalog is an immutable value once published: DDL clones it (Clone), changes
// the clone and publishes the clone at commit, so readers never lock it. It is
// persisted as versioned JSON, carried by a DDL log record, so that crash recovery
// and a mirror's redo rebuild exactly the same catalog from the log.
package catalog

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// FormatVersion is the version of the JSON encoding written by Encode.
const FormatVersion = 1

// Reserved storage object ids. Storage itself reserves 0 and 0xFFFFFFFF.
const (
	// ObjectCatalog holds the encoded catalog under the key "catalog".
	ObjectCatalog uint32 = 1
	// ObjectIdentity holds each table's last identity value, keyed by table id.
	ObjectIdentity uint32 = 2
	// ObjectMeta holds the engine's per-database bookkeeping (store version offset).
	ObjectMeta uint32 = 3
	// FirstStoreID is the first storage object id given to tables and indexes.
	FirstStoreID uint32 = 100
)

// Database is the catalog of one database.
type Database struct {
	Version     int                   `json:"version"`
	Name        string                `json:"name"`
	ID          int32                 `json:"id"`
	Collation   types.Collation       `json:"collation"`
	Created     time.Time             `json:"created"`
	NextObject  int32                 `json:"next_object"`
	NextStore   uint32                `json:"next_store"`
	Schemas     []*Schema             `json:"schemas"`
	Tables      map[string]*Table     `json:"tables"`              // key: d.Key(schema, name)
	Views       map[string]*View      `json:"views"`               // key: d.Key(schema, name)
	Procedures  map[string]*Procedure `json:"procedures"`          // key: d.Key(schema, name)
	Functions   map[string]*Module    `json:"functions,omitempty"` // key: d.Key(schema, name)
	Triggers    map[string]*Module    `json:"triggers,omitempty"`  // key: d.Key(schema, name)
	Sequences   map[string]*Sequence  `json:"sequences,omitempty"` // key: d.Key(schema, name)
	Types       map[string]*UserType  `json:"types,omitempty"`     // key: d.Key(schema, name) (usertypes.go)
	Users       []*User               `json:"users,omitempty"`
	Roles       []*Role               `json:"roles,omitempty"`        // user-defined (roles.go)
	RoleMembers []RoleMember          `json:"role_members,omitempty"` // fixed and user-defined roles
	Permissions []*Permission         `json:"permissions,omitempty"`
	// OwnerSID is the SID of the login that is dbo here
	// (sys.database_principals' dbo row): nil for sa (0x01). It is the
	// database's own record of its owner and travels with it (backups,
	// mirroring); master's record, sys.databases.owner_sid, is
	// DatabaseEntry.OwnerSID, which a RESTORE gives the restoring login,
	// as SQL Server does, so the two differ for a database brought from
	// another instance until ALTER AUTHORIZATION sets both.
	OwnerSID []byte `json:"owner_sid,omitempty"`
	// LegacyOwner is the owning login's name, as catalogs recorded it
	// before OwnerSID; the engine resolves it to a SID when it loads the
	// catalog (engine/owner.go) and it is empty from then on.
	LegacyOwner string `json:"owner,omitempty"`
	// ExtendedProperties are the database's extended properties (extprops.go).
	ExtendedProperties []*ExtendedProperty `json:"extended_properties,omitempty"`
	// ScopedConfig holds ALTER DATABASE SCOPED CONFIGURATION values that
	// differ from the default, by upper-case name ("NAME/SECONDARY" for a
	// FOR SECONDARY value), as T-SQL text (engine/exec/scopedconfig.go).
	ScopedConfig map[string]string `json:"scoped_config,omitempty"`
	// Options are the ALTER DATABASE … SET options the database keeps
	// itself (dboptions.go); nil in a catalog written before they moved
	// here, whose options are master's (EntryOptions).
	Options *DatabaseOptions `json:"options,omitempty"`
	// Synonyms by d.Key(schema, name) (synonyms.go).
	Synonyms map[string]*Synonym `json:"synonyms,omitempty"`
	// DDLTriggers are the database's DDL triggers (CREATE TRIGGER … ON
	// DATABASE) by lower-case name: they are not schema-scoped objects, so
	// they are kept apart from Triggers (engine/exec/ddl_trigger.go).
	DDLTriggers map[string]*Module `json:"ddl_triggers,omitempty"`
	// PartitionFunctions and PartitionSchemes by lower-case name
	// (partitions.go).
	PartitionFunctions map[string]*PartitionFunction `json:"partition_functions,omitempty"`
	PartitionSchemes   map[string]*PartitionScheme   `json:"partition_schemes,omitempty"`
	// ObjectOwners are the owners given to objects by ALTER AUTHORIZATION
	// ON OBJECT::… TO principal, by object_id (sys.objects.principal_id);
	// an object not here belongs to its schema's owner (NULL principal_id).
	ObjectOwners map[int32]string `json:"object_owners,omitempty"`
}

// Schema is a namespace for objects.
type Schema struct {
	ID    int32  `json:"id"`
	Name  string `json:"name"`
	Owner string `json:"owner,omitempty"`
}

// User is a database principal (CREATE USER). A user made FOR LOGIN
// records its login's SID (sys.database_principals.sid), the login's
// identity on every instance (logins.go); Login is the login name recorded
// by users made before SIDs, which map by name.
type User struct {
	ID          int32     `json:"id"`
	Name        string    `json:"name"`
	SID         []byte    `json:"sid,omitempty"`
	Login       string    `json:"login,omitempty"`
	Certificate string    `json:"certificate,omitempty"`
	Created     time.Time `json:"created"`
	// DefaultSchema is CREATE/ALTER USER … WITH DEFAULT_SCHEMA = s
	// (sys.database_principals.default_schema_name); "" is dbo.
	DefaultSchema string `json:"default_schema,omitempty"`
}

// Permission is a GRANT/DENY recorded for a principal.
type Permission struct {
	State      string `json:"state"` // GRANT or DENY
	Permission string `json:"permission"`
	Class      string `json:"class"`
	Object     string `json:"object,omitempty"`
	Principal  string `json:"principal"`
	Grantor    string `json:"grantor,omitempty"` // the database principal that granted it (REVOKE … CASCADE)
	// ObjectID is the object_id of an OBJECT_OR_COLUMN row: a row applies to
	// that object only, so a dropped object's grants do not pass to a new
	// one of the same name (perms.go).
	ObjectID int32 `json:"object_id,omitempty"`
	// ColumnID is the column_id of a column-level row (GRANT SELECT (c) ON
	// t), sys.database_permissions.minor_id; 0 for a row on the whole
	// object. Rows name columns by id, as SQL Server does, so a renamed
	// column keeps its permissions (perms.go).
	ColumnID int32 `json:"column_id,omitempty"`
}

// Table is a user table.
type Table struct {
	ID          int32         `json:"id"` // object_id
	Schema      string        `json:"schema"`
	Name        string        `json:"name"`
	Columns     []*Column     `json:"columns"`
	Indexes     []*Index      `json:"indexes"` // Indexes[0] is the row store: clustered index or heap
	Checks      []*Check      `json:"checks,omitempty"`
	ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
	// Statistics are the statistics objects made by CREATE STATISTICS (an
	// index's own statistics are the index's).
	Statistics []*Statistics `json:"statistics,omitempty"`
	Created    time.Time     `json:"created"`
	Modified   time.Time     `json:"modified"`
	Temporary  bool          `json:"temporary,omitempty"`
	// Period is the table's PERIOD FOR SYSTEM_TIME (nil if none).
	// HistoryID is, while SYSTEM_VERSIONING is ON, the object_id of its
	// history table, and HistoryOf, on that history table, the current
	// table's (engine/exec/temporal.go).
	Period    *Period `json:"period,omitempty"`
	HistoryID int32   `json:"history_id,omitempty"`
	HistoryOf int32   `json:"history_of,omitempty"`
	// LockEscalation is ALTER TABLE … SET (LOCK_ESCALATION = …) as
	// sys.tables.lock_escalation shows it: 0 TABLE (the default),
	// 1 DISABLE, 2 AUTO.
	LockEscalation uint8 `json:"lock_escalation,omitempty"`
}

// Period is a table's SYSTEM_TIME period: its row start and row end
// columns, by column_id.
type Period struct {
	StartCol int32 `json:"start_col"`
	EndCol   int32 `json:"end_col"`
}

// Column is a table column.
type Column struct {
	ID          int32      `json:"id"` // column_id, 1-based
	Name        string     `json:"name"`
	Type        types.Type `json:"type"`
	Nullable    bool       `json:"nullable"`
	Identity    bool       `json:"identity,omitempty"`
	Seed        int64      `json:"seed,omitempty"`
	Increment   int64      `json:"increment,omitempty"`
	Default     string     `json:"default,omitempty"` // T-SQL text of the DEFAULT expression
	DefaultName string     `json:"default_name,omitempty"`
	DefaultID   int32      `json:"default_id,omitempty"`
	Computed    string     `json:"computed,omitempty"`
	// RowVersion marks a rowversion (timestamp) column: binary(8) that the
	// database sets on every insert and update of the row (engine/exec/rowversion.go).
	RowVersion bool `json:"rowversion,omitempty"`
	// UserType is the user_type_id of the alias type the column was declared
	// with (usertypes.go); 0 for system types.
	UserType int32 `json:"user_type,omitempty"`
	// Generated is sys.columns.generated_always_type: 1 AS ROW START, 2 AS
	// ROW END of a temporal table's period; Hidden leaves the column out
	// of SELECT * and of INSERT without a column list.
	Generated uint8 `json:"generated,omitempty"`
	Hidden    bool  `json:"hidden,omitempty"`
	// Persisted is a computed column's PERSISTED; RowGUIDCol the column's
	// ROWGUIDCOL property (sys.columns.is_rowguidcol).
	Persisted  bool `json:"persisted,omitempty"`
	RowGUIDCol bool `json:"rowguidcol,omitempty"`
	// Sparse is SPARSE (sys.columns.is_sparse); ColumnSet is an xml
	// COLUMN_SET FOR ALL_SPARSE_COLUMNS (is_column_set), kept as metadata.
	Sparse    bool `json:"sparse,omitempty"`
	ColumnSet bool `json:"column_set,omitempty"`
}

// IndexColumn is one key column of an index.
type IndexColumn struct {
	Column int  `json:"column"` // position in Table.Columns
	Desc   bool `json:"desc,omitempty"`
}

// Index is the row store (index_id 0 heap or 1 clustered) or a nonclustered index.
type Index struct {
	IndexID      int32         `json:"index_id"`
	Name         string        `json:"name,omitempty"`
	StoreID      uint32        `json:"store_id"` // storage object id
	Columns      []IndexColumn `json:"columns,omitempty"`
	Included     []int         `json:"included,omitempty"`
	Unique       bool          `json:"unique,omitempty"`
	Primary      bool          `json:"primary,omitempty"`
	Constraint   bool          `json:"constraint,omitempty"` // made by a PRIMARY KEY/UNIQUE constraint
	ConstraintID int32         `json:"constraint_id,omitempty"`
	Clustered    bool          `json:"clustered,omitempty"`
	// Filter is a filtered index's WHERE predicate (T-SQL text): only the
	// rows it is TRUE for have an entry, so a UNIQUE filtered index is
	// unique among them only (engine/exec/filtered.go).
	Filter string `json:"filter,omitempty"`
	// Scheme is the partition scheme the index is placed on ("": not
	// partitioned) and PartitionColumn its partitioning column's position
	// in Table.Columns (partitions.go).
	Scheme          string `json:"scheme,omitempty"`
	PartitionColumn int    `json:"partition_column,omitempty"`
	// Disabled is ALTER INDEX … DISABLE: a nonclustered index keeps its
	// definition but no entries (it is neither maintained nor read); a
	// disabled clustered index keeps its rows but the table cannot be read
	// or written until ALTER INDEX … REBUILD (engine/exec/index_disable.go).
	Disabled bool `json:"disabled,omitempty"`
	// FillFactor and Padded are CREATE INDEX … WITH (FILLFACTOR = n,
	// PAD_INDEX = ON) as sys.indexes shows them (0: the default).
	FillFactor uint8 `json:"fill_factor,omitempty"`
	Padded     bool  `json:"padded,omitempty"`
	// IgnoreDupKey is a unique index's IGNORE_DUP_KEY = ON: an INSERT
	// leaves out a row whose key is already there (or earlier in the
	// statement) with the warning 3604 instead of failing (engine/exec
	// table.go); an UPDATE still fails.
	IgnoreDupKey bool `json:"ignore_dup_key,omitempty"`
	// Compression is DATA_COMPRESSION (sys.partitions.data_compression:
	// 0 NONE, 1 ROW, 2 PAGE) of every partition of the index; rows are
	// stored the same way whatever it says. NoRowLocks and NoPageLocks are
	// ALLOW_ROW_LOCKS = OFF and ALLOW_PAGE_LOCKS = OFF (sys.indexes).
	Compression uint8 `json:"compression,omitempty"`
	NoRowLocks  bool  `json:"no_row_locks,omitempty"`
	NoPageLocks bool  `json:"no_page_locks,omitempty"`
	// NoRecompute is STATISTICS_NORECOMPUTE = ON (or UPDATE STATISTICS …
	// WITH NORECOMPUTE, sp_autostats … 'OFF'): the index's statistics are
	// not updated automatically (sys.stats.no_recompute).
	NoRecompute bool `json:"no_recompute,omitempty"`
}

// IsHeap reports a row store without a clustered key: rows are keyed by row id.
func (ix *Index) IsHeap() bool { return ix.IndexID == 0 }

// Statistics is a CREATE STATISTICS object: which columns (and filter) a
// DBA asked the optimizer to keep statistics on. mirrorsql's planner does
// not read them; they are kept so scripts that create, update, list and
// drop them run as on SQL Server.
type Statistics struct {
	ID          int32  `json:"id"` // stats_id, above the table's index ids
	Name        string `json:"name"`
	Columns     []int  `json:"columns"`
	Filter      string `json:"filter,omitempty"`
	NoRecompute bool   `json:"no_recompute,omitempty"`
	// AutoDrop is SQL Server 2022's WITH AUTO_DROP = ON: the statistics
	// do not block schema changes (sys.stats.auto_drop).
	AutoDrop bool `json:"auto_drop,omitempty"`
}

// Check is a CHECK constraint.
type Check struct {
	ID   int32  `json:"id"`
	Name string `json:"name"`
	Expr string `json:"expr"` // T-SQL text
	ConstraintState
}

// ConstraintState is what ALTER TABLE … NOCHECK / CHECK CONSTRAINT and
// WITH NOCHECK ADD change on a CHECK or FOREIGN KEY constraint: a disabled
// one is not enforced; an untrusted one was not checked against every row
// (sys.check_constraints / sys.foreign_keys is_disabled, is_not_trusted).
type ConstraintState struct {
	Disabled   bool `json:"disabled,omitempty"`
	NotTrusted bool `json:"not_trusted,omitempty"`
}

// ForeignKey is a FOREIGN KEY constraint.
type ForeignKey struct {
	ID         int32  `json:"id"`
	Name       string `json:"name"`
	Columns    []int  `json:"columns"`
	RefTable   string `json:"ref_table"` // Key of the referenced table
	RefColumns []int  `json:"ref_columns"`
	OnDelete   string `json:"on_delete,omitempty"` // NO_ACTION, CASCADE, SET_NULL, SET_DEFAULT
	OnUpdate   string `json:"on_update,omitempty"`
	ConstraintState
}

// View is a view; Text is the batch that created it (see Module).
type View struct {
	ID     int32  `json:"id"`
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Text is the definition as the user wrote it (see Module.Text).
	Text string `json:"text"`
	// Encrypted is WITH ENCRYPTION: the definition is not shown.
	Encrypted bool `json:"encrypted,omitempty"`
	ModuleSets
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
	// Indexes are the indexes of an indexed (schema-bound) view; ALTER VIEW
	// drops them, as SQL Server does.
	Indexes []*ViewIndex `json:"indexes,omitempty"`
}

// ViewIndex is an index on a view: the first is its unique clustered
// index (IndexID 1). The view's rows are computed from its base tables
// when read; the index is metadata (sys.indexes) and a uniqueness check
// made when it is created.
type ViewIndex struct {
	Name      string   `json:"name"`
	IndexID   int32    `json:"index_id"`
	Columns   []string `json:"columns"` // view column names, key order
	Desc      []bool   `json:"desc,omitempty"`
	Unique    bool     `json:"unique,omitempty"`
	Clustered bool     `json:"clustered,omitempty"`
}

// Procedure is a stored procedure; Text is the batch that created it (see
// Module).
type Procedure struct {
	ID     int32  `json:"id"`
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Text is the definition as the user wrote it (see Module.Text).
	Text string `json:"text"`
	// Encrypted is WITH ENCRYPTION: the definition is not shown.
	Encrypted bool `json:"encrypted,omitempty"`
	ModuleSets
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// Key is the map key of an object: lower-case "schema.name". Object names compare
// case-insensitively, as under the default collation.
func Key(schema, name string) string {
	return strings.ToLower(schema) + "." + strings.ToLower(name)
}

// NewDatabase returns the catalog of a new, empty database with SQL Server's
// fixed schemas.
func NewDatabase(name string, id int32, now time.Time) *Database {
	return &Database{
		Version:    FormatVersion,
		Name:       name,
		ID:         id,
		Created:    now,
		NextObject: 245575913, // user object ids in SQL Server start in this range
		NextStore:  FirstStoreID,
		Schemas: []*Schema{
			{ID: 1, Name: "dbo", Owner: "dbo"},
			{ID: 2, Name: "guest", Owner: "guest"},
			{ID: 3, Name: "INFORMATION_SCHEMA", Owner: "INFORMATION_SCHEMA"},
			{ID: 4, Name: "sys", Owner: "sys"},
		},
		Tables:     map[string]*Table{},
		Views:      map[string]*View{},
		Procedures: map[string]*Procedure{},
	}
}

// Clone returns a deep copy that DDL may change without affecting readers of d.
func (d *Database) Clone() *Database {
	b, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("catalog: clone: %v", err)) // the catalog is always encodable
	}
	var c Database
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("catalog: clone: %v", err))
	}
	c.fillMaps()
	return &c
}

func (d *Database) fillMaps() {
	if d.Tables == nil {
		d.Tables = map[string]*Table{}
	}
	if d.Views == nil {
		d.Views = map[string]*View{}
	}
	if d.Procedures == nil {
		d.Procedures = map[string]*Procedure{}
	}
	d.fillModuleMaps()
	d.fillTypeMaps()
}

// Encode returns the catalog's persistent form.
func (d *Database) Encode() ([]byte, error) {
	d.Version = FormatVersion
	return json.Marshal(d)
}

// Decode reads a catalog written by Encode.
func Decode(b []byte) (*Database, error) {
	var d Database
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("decode catalog: %w: %v", ErrCorrupt, err)
	}
	if d.Version > FormatVersion {
		return nil, &NewerFormatError{What: "catalog", Version: d.Version}
	}
	if d.Version != FormatVersion {
		return nil, fmt.Errorf("decode catalog: %w: unsupported version %d", ErrCorrupt, d.Version)
	}
	if err := d.check(); err != nil { // database_check.go
		return nil, fmt.Errorf("decode catalog: %w", err)
	}
	d.fillMaps()
	if d.Collation.CaseSensitive() {
		// An older release keyed a case-sensitive database's objects
		// lower-cased (namekeys.go).
		if err := d.Rekey(); err != nil {
			return nil, fmt.Errorf("decode catalog: %w: %v", ErrCorrupt, err)
		}
	}
	return &d, nil
}

// NewerFormatError is a catalog written by a newer release (a FormatVersion
// above this one's, docs/compatibility.md): downgrade is not supported, and
// the engine reports it as SQL Server's 948.
type NewerFormatError struct {
	What    string // "catalog" or "server catalog"
	Version int
}

func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("decode %s: version %d is newer than this release reads (%d)", e.What, e.Version, FormatVersion)
}

// NewObjectID allocates an object_id.
func (d *Database) NewObjectID() int32 {
	d.NextObject++
	return d.NextObject
}

// NewStoreID allocates a storage object id for a row store or index.
func (d *Database) NewStoreID() uint32 {
	id := d.NextStore
	d.NextStore++
	return id
}

// Schema finds a schema by name (case-insensitive).
func (d *Database) Schema(name string) *Schema {
	for _, s := range d.Schemas {
		if strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}

// SchemaByID finds a schema by id.
func (d *Database) SchemaByID(id int32) *Schema {
	for _, s := range d.Schemas {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Table finds a table by schema and name (under d's collation, namekeys.go).
func (d *Database) Table(schema, name string) *Table { return d.Tables[d.Key(schema, name)] }

// TableByID finds a table by object id.
func (d *Database) TableByID(id int32) *Table {
	for _, t := range d.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// ObjectExists reports whether any schema-scoped object (table, view, procedure,
// constraint) is named name in schema: object names share one namespace.
func (d *Database) ObjectExists(schema, name string) bool {
	k := d.Key(schema, name)
	if d.Tables[k] != nil || d.Views[k] != nil || d.Procedures[k] != nil || d.moduleExists(k) {
		return true
	}
	for _, t := range d.Tables {
		if !strings.EqualFold(t.Schema, schema) {
			continue
		}
		for _, n := range t.ConstraintNames() {
			if d.SameName(n, name) {
				return true
			}
		}
	}
	return false
}

// SortedTables lists tables by object id, for catalog views.
func (d *Database) SortedTables() []*Table {
	out := make([]*Table, 0, len(d.Tables))
	for _, t := range d.Tables {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Column finds a column by name (case-insensitive) and returns its position.
func (t *Table) Column(name string) (int, *Column) {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i, c
		}
	}
	return -1, nil
}

// RowStore is the index that holds the rows (clustered index or heap).
func (t *Table) RowStore() *Index { return t.Indexes[0] }

// PrimaryKey returns the PRIMARY KEY index, or nil.
func (t *Table) PrimaryKey() *Index {
	for _, ix := range t.Indexes {
		if ix.Primary {
			return ix
		}
	}
	return nil
}

// Index finds an index by name.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if ix.Name != "" && strings.EqualFold(ix.Name, name) {
			return ix
		}
	}
	return nil
}

// IdentityColumn returns the position of the identity column, or -1.
func (t *Table) IdentityColumn() int {
	for i, c := range t.Columns {
		if c.Identity {
			return i
		}
	}
	return -1
}

// ColumnTypes lists the column types in order, for row encoding.
func (t *Table) ColumnTypes() []types.Type {
	out := make([]types.Type, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Type
	}
	return out
}

// ConstraintNames lists the names of the table's constraints (key, check, foreign
// key, default), which live in the schema's object namespace.
func (t *Table) ConstraintNames() []string {
	var out []string
	for _, ix := range t.Indexes {
		if ix.Constraint {
			out = append(out, ix.Name)
		}
	}
	for _, c := range t.Checks {
		out = append(out, c.Name)
	}
	for _, f := range t.ForeignKeys {
		out = append(out, f.Name)
	}
	for _, c := range t.Columns {
		if c.DefaultName != "" {
			out = append(out, c.DefaultName)
		}
	}
	return out
}

// IdentityKey is the storage key of a table's last identity value under
// ObjectIdentity; the value is the int64 big-endian.
func IdentityKey(table int32) []byte {
	return []byte{byte(uint32(table) >> 24), byte(uint32(table) >> 16), byte(uint32(table) >> 8), byte(table)}
}
