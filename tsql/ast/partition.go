package ast

// Table partitioning: partition functions and schemes, the ON clause that
// places a table or index on one, and the partition-level statements
// (ALTER TABLE … SWITCH, TRUNCATE TABLE … WITH (PARTITIONS …)).

// CreatePartitionFunctionStmt is CREATE PARTITION FUNCTION name (type) AS
// RANGE [LEFT | RIGHT] FOR VALUES (boundary, …).
type CreatePartitionFunctionStmt struct {
	Span
	Name   *Ident
	Type   *DataType
	Right  bool
	Values []Expr
}

// AlterPartitionFunctionStmt is ALTER PARTITION FUNCTION name () SPLIT
// RANGE (value) (Split) or MERGE RANGE (value).
type AlterPartitionFunctionStmt struct {
	Span
	Name  *Ident
	Split bool
	Value Expr
}

// CreatePartitionSchemeStmt is CREATE PARTITION SCHEME name AS PARTITION
// function [ALL] TO (filegroup, …).
type CreatePartitionSchemeStmt struct {
	Span
	Name       *Ident
	Function   *Ident
	All        bool
	FileGroups []*Ident
}

// AlterPartitionSchemeStmt is ALTER PARTITION SCHEME name NEXT USED
// [filegroup] (FileGroup nil: clear the next used filegroup).
type AlterPartitionSchemeStmt struct {
	Span
	Name      *Ident
	FileGroup *Ident
}

// DataSpace is the ON clause of CREATE TABLE, CREATE INDEX and a key
// constraint: a filegroup, or a partition scheme and its partitioning
// column (Column non-nil).
type DataSpace struct {
	Span
	Name   *Ident
	Column *Ident
}

// AlterTableSwitch is ALTER TABLE t SWITCH [PARTITION n] TO target
// [PARTITION m]; the partition numbers are nil when not written.
type AlterTableSwitch struct {
	Span
	Partition       Expr
	Target          *Name
	TargetPartition Expr
}

func (*AlterTableSwitch) alterTableAction() {}

// PartitionRange is one item of TRUNCATE TABLE … WITH (PARTITIONS (…)):
// a partition number, or From TO To (To non-nil).
type PartitionRange struct {
	Span
	From Expr
	To   Expr
}

func (*CreatePartitionFunctionStmt) stmtNode() {}
func (*AlterPartitionFunctionStmt) stmtNode()  {}
func (*CreatePartitionSchemeStmt) stmtNode()   {}
func (*AlterPartitionSchemeStmt) stmtNode()    {}

// SQL renders the node as T-SQL.
func (x *CreatePartitionFunctionStmt) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterPartitionFunctionStmt) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *CreatePartitionSchemeStmt) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterPartitionSchemeStmt) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *DataSpace) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterTableSwitch) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *PartitionRange) SQL() string { return Format(x) }

func (p *printer) partitioning(n Node) bool {
	switch n := n.(type) {
	case *CreatePartitionFunctionStmt:
		p.w("CREATE PARTITION FUNCTION ")
		p.ident(n.Name)
		p.w("(")
		p.node(n.Type)
		p.w(") AS RANGE ")
		if n.Right {
			p.w("RIGHT")
		} else {
			p.w("LEFT")
		}
		p.w(" FOR VALUES (")
		p.exprs(n.Values)
		p.w(")")
	case *AlterPartitionFunctionStmt:
		p.w("ALTER PARTITION FUNCTION ")
		p.ident(n.Name)
		if n.Split {
			p.w("() SPLIT RANGE (")
		} else {
			p.w("() MERGE RANGE (")
		}
		p.node(n.Value)
		p.w(")")
	case *CreatePartitionSchemeStmt:
		p.w("CREATE PARTITION SCHEME ")
		p.ident(n.Name)
		p.w(" AS PARTITION ")
		p.ident(n.Function)
		if n.All {
			p.w(" ALL")
		}
		p.w(" TO ")
		p.parenIdents(n.FileGroups)
	case *AlterPartitionSchemeStmt:
		p.w("ALTER PARTITION SCHEME ")
		p.ident(n.Name)
		p.w(" NEXT USED")
		if n.FileGroup != nil {
			p.w(" ")
			p.ident(n.FileGroup)
		}
	case *DataSpace:
		p.w("ON ")
		p.ident(n.Name)
		if n.Column != nil {
			p.w("(")
			p.ident(n.Column)
			p.w(")")
		}
	case *AlterTableSwitch:
		p.w("SWITCH ")
		if n.Partition != nil {
			p.w("PARTITION ")
			p.node(n.Partition)
			p.w(" ")
		}
		p.w("TO ")
		p.name(n.Target)
		if n.TargetPartition != nil {
			p.w(" PARTITION ")
			p.node(n.TargetPartition)
		}
	case *PartitionRange:
		p.node(n.From)
		if n.To != nil {
			p.w(" TO ")
			p.node(n.To)
		}
	default:
		return false
	}
	return true
}

// dataSpace prints " ON …" when ds is set.
func (p *printer) dataSpace(ds *DataSpace) {
	if ds != nil {
		p.w(" ")
		p.node(ds)
	}
}
