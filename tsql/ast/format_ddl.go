package ast

import "strings"

func (p *printer) ddl(n Node) bool {
	switch n := n.(type) {
	case *Identity:
		p.w("IDENTITY")
		if n.Seed != nil {
			p.w("(")
			p.node(n.Seed)
			p.w(", ")
			p.node(n.Increment)
			p.w(")")
		}
	case *ColumnDef:
		p.columnDef(n)
	case *Constraint:
		p.constraint(n)
	case *CreateTableStmt:
		p.w("CREATE TABLE ")
		p.name(n.Name)
		p.w(" ")
		p.tableBody(n)
		p.dataSpace(n.On)
		if n.Versioning != nil || n.Options != nil {
			p.w(" WITH (")
			if n.Versioning != nil {
				p.node(n.Versioning)
				if n.Options != nil {
					p.w(", ")
				}
			}
			p.options(n.Options)
			p.w(")")
		}
	case *AlterTableStmt:
		p.w("ALTER TABLE ")
		p.name(n.Name)
		p.w(" ")
		p.node(n.Action)
	case *AlterTableAdd:
		switch n.Check {
		case 1:
			p.w("WITH CHECK ")
		case 2:
			p.w("WITH NOCHECK ")
		}
		p.w("ADD ")
		sep := ""
		for _, c := range n.Columns {
			p.w(sep)
			p.node(c)
			sep = ", "
		}
		for _, c := range n.Constraints {
			p.w(sep)
			p.node(c)
			sep = ", "
		}
		if n.Period != nil {
			p.w(sep)
			p.node(n.Period)
		}
	case *DropItem:
		if n.Column {
			p.w("COLUMN ")
		} else {
			p.w("CONSTRAINT ")
		}
		if n.IfExists {
			p.w("IF EXISTS ")
		}
		p.ident(n.Name)
	case *AlterTableDrop:
		p.w("DROP ")
		if n.Period {
			p.w("PERIOD FOR SYSTEM_TIME")
		}
		for i, it := range n.Items {
			if i > 0 {
				p.w(", ")
			}
			p.node(it)
		}
	case *AlterTableAlterColumn:
		p.w("ALTER COLUMN ")
		p.node(n.Column)
	case *AlterTableCheck:
		switch n.Check {
		case 1:
			p.w("WITH CHECK ")
		case 2:
			p.w("WITH NOCHECK ")
		}
		if n.Enable {
			p.w("CHECK CONSTRAINT ")
		} else {
			p.w("NOCHECK CONSTRAINT ")
		}
		if n.All {
			p.w("ALL")
		} else {
			p.idents(n.Names)
		}
	case *DropTableStmt:
		p.w("DROP TABLE ")
		p.ifExists(n.IfExists)
		p.names(n.Names)
	case *CreateIndexStmt:
		p.w("CREATE ")
		if n.Unique {
			p.w("UNIQUE ")
		}
		p.cluster(n.Cluster)
		p.w("INDEX ")
		p.ident(n.Name)
		p.w(" ON ")
		p.name(n.Table)
		p.w(" (")
		p.orderItems(n.Columns)
		p.w(")")
		if n.Include != nil {
			p.w(" INCLUDE ")
			p.parenIdents(n.Include)
		}
		if n.Where != nil {
			p.w(" WHERE ")
			p.node(n.Where)
		}
		if n.Options != nil {
			p.w(" WITH (")
			p.options(n.Options)
			p.w(")")
		}
		p.dataSpace(n.On)
	case *DropIndexItem:
		p.ident(n.Index)
		p.w(" ON ")
		p.name(n.Table)
		if n.Options != nil || n.MoveTo != nil {
			p.w(" WITH (")
			p.options(n.Options)
			if n.MoveTo != nil {
				if n.Options != nil {
					p.w(", ")
				}
				p.w("MOVE TO ")
				p.ident(n.MoveTo.Name)
				if n.MoveTo.Column != nil {
					p.w("(")
					p.ident(n.MoveTo.Column)
					p.w(")")
				}
			}
			p.w(")")
		}
	case *DropIndexStmt:
		p.w("DROP INDEX ")
		p.ifExists(n.IfExists)
		for i, it := range n.Items {
			if i > 0 {
				p.w(", ")
			}
			p.node(it)
		}
	case *CreateViewStmt:
		p.mode(n.Mode)
		p.w("VIEW ")
		p.name(n.Name)
		if n.Columns != nil {
			p.w(" ")
			p.parenIdents(n.Columns)
		}
		if n.Options != nil {
			p.w(" WITH ", strings.Join(n.Options, ", "))
		}
		p.w(" AS ")
		p.node(n.Query)
		if n.WithCheckOption {
			p.w(" WITH CHECK OPTION")
		}
	case *ProcParam:
		p.w(n.Name, " ")
		p.node(n.Type)
		if n.Varying {
			p.w(" VARYING")
		}
		if n.Default != nil {
			p.w(" = ")
			p.node(n.Default)
		}
		if n.Output {
			p.w(" OUTPUT")
		}
		if n.ReadOnly {
			p.w(" READONLY")
		}
	case *CreateProcStmt:
		p.mode(n.Mode)
		p.w("PROCEDURE ")
		p.name(n.Name)
		for i, prm := range n.Params {
			if i > 0 {
				p.w(",")
			}
			p.w(" ")
			p.node(prm)
		}
		if n.Options != nil {
			p.w(" WITH ", strings.Join(n.Options, ", "))
		}
		p.w(" AS")
		for i, st := range n.Body {
			if i > 0 {
				p.w(";")
			}
			p.w(" ")
			p.node(st)
		}
	case *CreateFunctionStmt:
		p.function(n)
	case *DropStmt:
		p.w("DROP ", n.Kind.String())
		if n.Names != nil || n.IfExists {
			p.w(" ")
		}
		p.ifExists(n.IfExists)
		p.names(n.Names)
		if n.Database {
			p.w(" ON DATABASE")
		}
	case *CreateSchemaStmt:
		p.w("CREATE SCHEMA ")
		p.ident(n.Name)
		if n.Authorization != nil {
			p.w(" AUTHORIZATION ")
			p.ident(n.Authorization)
		}
		for _, el := range n.Elements {
			p.w(" ")
			p.w(el.SQL())
		}
	default:
		return p.database(n)
	}
	return true
}

// body prints a statement list as " stmt; stmt;" (each preceded by a space).
func (p *printer) body(stmts []Statement) {
	for _, s := range stmts {
		p.w(" ")
		p.node(s)
		p.w(";")
	}
}

func (p *printer) mode(m CreateMode) {
	switch m {
	case ModeAlter:
		p.w("ALTER ")
	case ModeCreateOrAlter:
		p.w("CREATE OR ALTER ")
	default:
		p.w("CREATE ")
	}
}

func (p *printer) ifExists(b bool) {
	if b {
		p.w("IF EXISTS ")
	}
}

func (p *printer) names(ns []*Name) {
	for i, n := range ns {
		if i > 0 {
			p.w(", ")
		}
		p.name(n)
	}
}

func (p *printer) cluster(c ClusterKind) {
	switch c {
	case Clustered:
		p.w("CLUSTERED ")
	case NonClustered:
		p.w("NONCLUSTERED ")
	}
}

func (p *printer) tableBody(t *CreateTableStmt) {
	p.w("(")
	sep := ""
	for _, c := range t.Columns {
		p.w(sep)
		p.node(c)
		sep = ", "
	}
	for _, c := range t.Constraints {
		p.w(sep)
		p.node(c)
		sep = ", "
	}
	for _, ix := range t.Indexes {
		p.w(sep)
		p.node(ix)
		sep = ", "
	}
	if t.Period != nil {
		p.w(sep)
		p.node(t.Period)
	}
	p.w(")")
}

func (p *printer) columnDef(c *ColumnDef) {
	p.ident(c.Name)
	if c.Computed != nil {
		p.w(" AS ")
		p.node(c.Computed)
		if c.Persisted {
			p.w(" PERSISTED")
		}
	} else if c.Type != nil {
		p.w(" ")
		p.node(c.Type)
	}
	if c.Collation != "" {
		p.w(" COLLATE ", c.Collation)
	}
	if c.Identity != nil {
		p.w(" ")
		p.node(c.Identity)
	}
	if c.RowGUIDCol {
		p.w(" ROWGUIDCOL")
	}
	if c.Sparse {
		p.w(" SPARSE")
	}
	if c.ColumnSet {
		p.w(" COLUMN_SET FOR ALL_SPARSE_COLUMNS")
	}
	switch c.Generated {
	case GeneratedRowStart:
		p.w(" GENERATED ALWAYS AS ROW START")
	case GeneratedRowEnd:
		p.w(" GENERATED ALWAYS AS ROW END")
	}
	if c.Hidden {
		p.w(" HIDDEN")
	}
	switch c.Nullable {
	case Null:
		p.w(" NULL")
	case NotNull:
		p.w(" NOT NULL")
	}
	if c.Default != nil {
		if c.DefaultName != nil {
			p.w(" CONSTRAINT ")
			p.ident(c.DefaultName)
		}
		p.w(" DEFAULT ")
		p.node(c.Default)
		if c.WithValues {
			p.w(" WITH VALUES")
		}
	}
	for _, k := range c.Constraints {
		p.w(" ")
		p.node(k)
	}
	if c.Index != nil {
		p.w(" ")
		p.node(c.Index)
	}
}

func refAction(a RefAction) string {
	return [...]string{"", "NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT"}[a]
}

func (p *printer) constraint(c *Constraint) {
	if c.Name != nil {
		p.w("CONSTRAINT ")
		p.ident(c.Name)
		p.w(" ")
	}
	switch c.Kind {
	case PrimaryKey, UniqueKey:
		if c.Kind == PrimaryKey {
			p.w("PRIMARY KEY")
		} else {
			p.w("UNIQUE")
		}
		switch c.Cluster {
		case Clustered:
			p.w(" CLUSTERED")
		case NonClustered:
			p.w(" NONCLUSTERED")
		}
		if c.Columns != nil {
			p.w(" (")
			p.orderItems(c.Columns)
			p.w(")")
		}
		if c.Options != nil {
			p.w(" WITH (")
			p.options(c.Options)
			p.w(")")
		}
		p.dataSpace(c.On)
	case CheckConstraint:
		p.w("CHECK (")
		p.node(c.Check)
		p.w(")")
	case ForeignKey:
		if c.Columns != nil {
			p.w("FOREIGN KEY (")
			p.orderItems(c.Columns)
			p.w(") ")
		}
		p.w("REFERENCES ")
		p.name(c.RefTable)
		if c.RefColumns != nil {
			p.w(" ")
			p.parenIdents(c.RefColumns)
		}
		if c.OnDelete != RefUnspecified {
			p.w(" ON DELETE ", refAction(c.OnDelete))
		}
		if c.OnUpdate != RefUnspecified {
			p.w(" ON UPDATE ", refAction(c.OnUpdate))
		}
	case DefaultConstraint:
		p.w("DEFAULT ")
		p.node(c.Check)
		if c.ForColumn != nil {
			p.w(" FOR ")
			p.ident(c.ForColumn)
		}
	}
}

func (p *printer) function(n *CreateFunctionStmt) {
	p.mode(n.Mode)
	p.w("FUNCTION ")
	p.name(n.Name)
	p.w("(")
	for i, prm := range n.Params {
		if i > 0 {
			p.w(", ")
		}
		p.node(prm)
	}
	p.w(") RETURNS ")
	switch {
	case n.Returns != nil:
		p.node(n.Returns)
	case n.ReturnTable != nil:
		p.w(n.ReturnVar, " TABLE ")
		p.tableBody(n.ReturnTable)
	default:
		p.w("TABLE")
	}
	if n.Options != nil {
		p.w(" WITH ", strings.Join(n.Options, ", "))
	}
	if n.Query != nil {
		p.w(" AS RETURN (")
		p.node(n.Query)
		p.w(")")
		return
	}
	p.w(" AS BEGIN")
	p.body(n.Body)
	p.w(" END")
}
