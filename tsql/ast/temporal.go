package ast

// System-versioned temporal tables: the period columns (GENERATED ALWAYS AS
// ROW START / END), PERIOD FOR SYSTEM_TIME, the SYSTEM_VERSIONING table
// option and FOR SYSTEM_TIME in FROM.

// GeneratedKind marks a period column of a table.
type GeneratedKind uint8

// Generated kinds: sys.columns.generated_always_type 1 and 2.
const (
	GeneratedNone GeneratedKind = iota
	GeneratedRowStart
	GeneratedRowEnd
)

// PeriodDef is PERIOD FOR SYSTEM_TIME (start, end).
type PeriodDef struct {
	Span
	StartCol, EndCol *Ident
}

// SystemVersioning is SYSTEM_VERSIONING = ON [(HISTORY_TABLE = name
// [, DATA_CONSISTENCY_CHECK = ON|OFF] [, HISTORY_RETENTION_PERIOD = …])] or
// SYSTEM_VERSIONING = OFF. Options other than HISTORY_TABLE are kept as
// written (upper-case name and word).
type SystemVersioning struct {
	Span
	On      bool
	History *Name
	Options []*Option
}

// AlterTableSet is ALTER TABLE … SET (option [, …]): SYSTEM_VERSIONING, or
// options accepted and ignored (LOCK_ESCALATION = TABLE …) kept in Options.
type AlterTableSet struct {
	Span
	Versioning *SystemVersioning
	Options    []*Option
}

// AlterTableHidden is ALTER TABLE … ALTER COLUMN c ADD HIDDEN / DROP HIDDEN.
type AlterTableHidden struct {
	Span
	Column *Ident
	Hidden bool
}

// SystemTimeKind is the form of a FOR SYSTEM_TIME clause.
type SystemTimeKind uint8

// FOR SYSTEM_TIME forms.
const (
	SystemTimeAsOf        SystemTimeKind = iota + 1 // AS OF t
	SystemTimeFromTo                                // FROM a TO b
	SystemTimeBetween                               // BETWEEN a AND b
	SystemTimeContainedIn                           // CONTAINED IN (a, b)
	SystemTimeAll                                   // ALL
)

// SystemTime is FOR SYSTEM_TIME … after a table name in FROM. Lower is the
// AS OF point or the range's first bound, Upper the range's second.
type SystemTime struct {
	Span
	Kind         SystemTimeKind
	Lower, Upper Expr
}

func (*AlterTableSet) alterTableAction()    {}
func (*AlterTableHidden) alterTableAction() {}

// SQL renders the node as T-SQL.
func (x *PeriodDef) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *SystemVersioning) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterTableSet) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterTableHidden) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *SystemTime) SQL() string { return Format(x) }

// temporal prints the temporal nodes.
func (p *printer) temporal(n Node) bool {
	switch n := n.(type) {
	case *PeriodDef:
		p.w("PERIOD FOR SYSTEM_TIME (")
		p.ident(n.StartCol)
		p.w(", ")
		p.ident(n.EndCol)
		p.w(")")
	case *SystemVersioning:
		if !n.On {
			p.w("SYSTEM_VERSIONING = OFF")
			return true
		}
		p.w("SYSTEM_VERSIONING = ON")
		if n.History == nil && len(n.Options) == 0 {
			return true
		}
		p.w(" (")
		sep := ""
		if n.History != nil {
			p.w("HISTORY_TABLE = ")
			p.name(n.History)
			sep = ", "
		}
		for _, o := range n.Options {
			p.w(sep)
			p.node(o)
			sep = ", "
		}
		p.w(")")
	case *AlterTableSet:
		p.w("SET (")
		sep := ""
		if n.Versioning != nil {
			p.node(n.Versioning)
			sep = ", "
		}
		for _, o := range n.Options {
			p.w(sep)
			p.node(o)
			sep = ", "
		}
		p.w(")")
	case *AlterTableHidden:
		p.w("ALTER COLUMN ")
		p.ident(n.Column)
		if n.Hidden {
			p.w(" ADD HIDDEN")
		} else {
			p.w(" DROP HIDDEN")
		}
	case *SystemTime:
		p.w("FOR SYSTEM_TIME ")
		switch n.Kind {
		case SystemTimeAsOf:
			p.w("AS OF ")
			p.node(n.Lower)
		case SystemTimeFromTo:
			p.w("FROM ")
			p.node(n.Lower)
			p.w(" TO ")
			p.node(n.Upper)
		case SystemTimeBetween:
			p.w("BETWEEN ")
			p.node(n.Lower)
			p.w(" AND ")
			p.node(n.Upper)
		case SystemTimeContainedIn:
			p.w("CONTAINED IN (")
			p.node(n.Lower)
			p.w(", ")
			p.node(n.Upper)
			p.w(")")
		default:
			p.w("ALL")
		}
	default:
		return false
	}
	return true
}
