package ast

// NullKind says whether a column was declared NULL or NOT NULL.
type NullKind uint8

// Nullability.
const (
	NullUnspecified NullKind = iota
	Null
	NotNull
)

// Identity is IDENTITY[(seed, increment)]; Seed and Increment are nil when
// omitted (both default to 1).
type Identity struct {
	Span
	Seed, Increment Expr
}

// ColumnDef is a column definition of CREATE TABLE, ALTER TABLE ADD, ALTER
// COLUMN or DECLARE @t TABLE.
type ColumnDef struct {
	Span
	Name        *Ident
	Type        *DataType // nil for a computed column
	Computed    Expr      // AS expr
	Persisted   bool
	Collation   string
	Nullable    NullKind
	Identity    *Identity
	RowGUIDCol  bool
	DefaultName *Ident // CONSTRAINT name DEFAULT …
	Default     Expr
	// WithValues is ALTER TABLE … ADD column … DEFAULT x WITH VALUES: the
	// rows there get the default in a nullable column too.
	WithValues  bool
	Constraints []*Constraint // column-level PRIMARY KEY, UNIQUE, CHECK, REFERENCES
	// Generated is GENERATED ALWAYS AS ROW START / END (temporal.go);
	// Hidden is its HIDDEN: the column is left out of SELECT *.
	Generated GeneratedKind
	Hidden    bool
	Index     *InlineIndex // INDEX name … after the column (inlineindex.go)
	// Sparse is SPARSE; ColumnSet is COLUMN_SET FOR ALL_SPARSE_COLUMNS.
	Sparse    bool
	ColumnSet bool
}

// ConstraintKind is the kind of a table or column constraint.
type ConstraintKind uint8

// Constraint kinds.
const (
	PrimaryKey ConstraintKind = iota + 1
	UniqueKey
	CheckConstraint
	ForeignKey
	DefaultConstraint // ALTER TABLE … ADD [CONSTRAINT n] DEFAULT x FOR col
)

// ClusterKind is CLUSTERED, NONCLUSTERED or unspecified.
type ClusterKind uint8

// Cluster kinds.
const (
	ClusterUnspecified ClusterKind = iota
	Clustered
	NonClustered
)

// RefAction is a foreign key's ON DELETE / ON UPDATE action.
type RefAction uint8

// Referential actions.
const (
	RefUnspecified RefAction = iota
	RefNoAction
	RefCascade
	RefSetNull
	RefSetDefault
)

// Constraint is a PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or DEFAULT
// constraint. For a column-level constraint Columns is nil (it applies to
// its column).
type Constraint struct {
	Span
	Name       *Ident // CONSTRAINT name, or nil
	Kind       ConstraintKind
	Cluster    ClusterKind
	Columns    []*OrderItem // key columns (Expr is *ColumnRef)
	Check      Expr         // CHECK (expr); DEFAULT value
	RefTable   *Name
	RefColumns []*Ident
	OnDelete   RefAction
	OnUpdate   RefAction
	ForColumn  *Ident     // DEFAULT … FOR column
	On         *DataSpace // ON filegroup or scheme(column) of a key (partition.go)
	// Options are a PRIMARY KEY or UNIQUE constraint's WITH (index option
	// [, …]): FILLFACTOR, PAD_INDEX, IGNORE_DUP_KEY, DATA_COMPRESSION … as
	// written (upper-case name and word); the index keeps what the catalog
	// shows.
	Options []*Option
}

// CreateTableStmt is CREATE TABLE name (columns and constraints).
type CreateTableStmt struct {
	Span
	Name        *Name
	Columns     []*ColumnDef
	Constraints []*Constraint
	// Period is PERIOD FOR SYSTEM_TIME among the elements and Versioning
	// the WITH (SYSTEM_VERSIONING = …) option (temporal.go).
	Period     *PeriodDef
	Versioning *SystemVersioning
	Indexes    []*InlineIndex // INDEX … among the elements (inlineindex.go)
	On         *DataSpace     // ON filegroup or scheme(column) (partition.go)
	// Options are WITH (…)'s other options (DATA_COMPRESSION = PAGE,
	// XML_COMPRESSION …) as written (upper-case name and word).
	Options []*Option
}

// AlterTableAction is one of AlterTableAdd, AlterTableDrop,
// AlterTableAlterColumn.
type AlterTableAction interface {
	Node
	alterTableAction()
}

// AlterTableAdd is ADD column/constraint [, …]; Check is WITH CHECK/NOCHECK
// (0 unspecified, 1 CHECK, 2 NOCHECK).
type AlterTableAdd struct {
	Span
	Check       uint8
	Columns     []*ColumnDef
	Constraints []*Constraint
	Period      *PeriodDef // ADD … PERIOD FOR SYSTEM_TIME (s, e)
}

// DropItem is COLUMN name or CONSTRAINT name in ALTER TABLE … DROP.
type DropItem struct {
	Span
	Column   bool // COLUMN; otherwise CONSTRAINT
	IfExists bool
	Name     *Ident
}

// AlterTableDrop is DROP item [, …].
type AlterTableDrop struct {
	Span
	Items  []*DropItem
	Period bool // DROP PERIOD FOR SYSTEM_TIME
}

// AlterTableAlterColumn is ALTER COLUMN name type [COLLATE c] [NULL|NOT NULL].
type AlterTableAlterColumn struct {
	Span
	Column *ColumnDef
}

// AlterTableStmt is ALTER TABLE name action.
type AlterTableStmt struct {
	Span
	Name   *Name
	Action AlterTableAction
}

// DropTableStmt is DROP TABLE [IF EXISTS] name [, …].
type DropTableStmt struct {
	Span
	IfExists bool
	Names    []*Name
}

// CreateIndexStmt is CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] INDEX name ON
// table (columns) [INCLUDE (…)] [WHERE …] [WITH (…)].
type CreateIndexStmt struct {
	Span
	Unique  bool
	Cluster ClusterKind
	Name    *Ident
	Table   *Name
	Columns []*OrderItem
	Include []*Ident
	Where   Expr
	Options []*Option
	On      *DataSpace // ON filegroup or scheme(column) (partition.go)
}

// DropIndexItem is one index of DROP INDEX: ix ON table, or table.ix (Index
// is the last part, Table the rest).
// Options are its WITH options (ONLINE = ON, MAXDOP = n …) and MoveTo its
// WITH (MOVE TO filegroup | scheme(column)), where a dropped clustered
// index leaves the heap (MoveTo is printed MOVE TO, not ON).
type DropIndexItem struct {
	Span
	Index   *Ident
	Table   *Name
	Options []*Option
	MoveTo  *DataSpace
}

// DropIndexStmt is DROP INDEX [IF EXISTS] item [, …].
type DropIndexStmt struct {
	Span
	IfExists bool
	Items    []*DropIndexItem
}

// CreateMode says CREATE, ALTER or CREATE OR ALTER.
type CreateMode uint8

// Create modes.
const (
	ModeCreate CreateMode = iota
	ModeAlter
	ModeCreateOrAlter
)

// CreateViewStmt is CREATE|ALTER|CREATE OR ALTER VIEW name [(cols)] AS query.
type CreateViewStmt struct {
	Span
	Mode            CreateMode
	Name            *Name
	Columns         []*Ident
	Options         []string // WITH SCHEMABINDING …, upper case
	Query           *Query
	WithCheckOption bool
}

// ProcParam is one procedure parameter.
type ProcParam struct {
	Span
	Name     string // including '@'
	Type     *DataType
	Varying  bool
	Default  Expr
	Output   bool // OUTPUT or OUT
	ReadOnly bool
}

// CreateProcStmt is CREATE|ALTER|CREATE OR ALTER PROC[EDURE] name params
// [WITH options] AS body; the body runs to the end of the batch.
type CreateProcStmt struct {
	Span
	Mode    CreateMode
	Name    *Name
	Params  []*ProcParam
	Options []string // WITH RECOMPILE, EXECUTE AS …: upper case
	Body    []Statement
}

// ObjectKind names the kind of object of a generic DROP.
type ObjectKind uint8

// Object kinds of DropStmt.
const (
	ObjView ObjectKind = iota + 1
	ObjProcedure
	ObjFunction
	ObjSchema
	ObjLogin
	ObjUser
	ObjEndpoint
	ObjCertificate
	ObjMasterKey
	ObjTrigger
	ObjSynonym
	ObjType
	ObjSequence
	ObjRole
	ObjPartitionFunction
	ObjPartitionScheme
)

var objText = [...]string{"?", "VIEW", "PROCEDURE", "FUNCTION", "SCHEMA", "LOGIN", "USER", "ENDPOINT", "CERTIFICATE", "MASTER KEY", "TRIGGER", "SYNONYM", "TYPE", "SEQUENCE", "ROLE", "PARTITION FUNCTION", "PARTITION SCHEME"}

func (k ObjectKind) String() string {
	if int(k) < len(objText) {
		return objText[k]
	}
	return "?"
}

// DropStmt is DROP kind [IF EXISTS] name [, …] for views, procedures,
// functions, schemas, logins, users, endpoints, certificates, the master key
// (Names nil), triggers, synonyms and types.
type DropStmt struct {
	Span
	Kind     ObjectKind
	IfExists bool
	Names    []*Name
	Database bool // DROP TRIGGER … ON DATABASE
}

// CreateSchemaStmt is CREATE SCHEMA name [AUTHORIZATION owner].
type CreateSchemaStmt struct {
	Span
	Name          *Ident
	Authorization *Ident
	// Elements are the CREATE TABLE, CREATE VIEW, GRANT, REVOKE and DENY
	// statements that follow in the same CREATE SCHEMA statement; a table
	// or view named with one part is created in the new schema.
	Elements []Statement
}
