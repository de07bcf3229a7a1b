package exec

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// parseObjectName parses 'db.schema.name' as written in a string argument.
func parseObjectName(text string) (*ast.Name, error) {
	e, err := tsql.ParseExpr(text)
	if err != nil {
		if n := looseObjectName(text); n != nil { // objname.go
			return n, nil
		}
		return nil, err
	}
	if cr, ok := e.(*ast.ColumnRef); ok {
		return cr.Name, nil
	}
	if n := looseObjectName(text); n != nil {
		return n, nil
	}
	return &ast.Name{Parts: []*ast.Ident{{Name: text}}}, nil
}

// ddlTarget resolves where a new object named n goes: its database, the
// transaction's catalog for it and the schema name.
func (s *Session) ddlTarget(ctx context.Context, n *ast.Name) (Database, *catalog.Database, string, error) {
	if strings.HasPrefix(n.Last(), "#") {
		temp := s.tempFor(n.Last()) // globaltemp.go
		if temp.shared {
			s.noteGlobalTempCreate(n.Last())
		}
		cat, err := s.mutableCatalog(ctx, temp)
		return temp, cat, "dbo", err
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return nil, nil, "", err
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return nil, nil, "", err
	}
	schema := n.Part(1)
	if schema == "" {
		schema = s.userSchema(cat) // names.go: a new object goes in the user's default schema
	}
	if cat.Schema(schema) == nil {
		return nil, nil, "", &Error{Number: 2760, Severity: 16, State: 1, Message: "The specified schema name \"" + schema + "\" either does not exist or you do not have permission to use it."}
	}
	return db, cat, cat.Schema(schema).Name, nil
}

// lockSchema takes a schema-modification lock on a table for the transaction
// and refreshes tr to the table's definition under the lock. tr was resolved
// before the lock was granted: a transaction that held it meanwhile may have
// dropped the table (208; its id is what the lock names, so a table created
// again under the name is not the one locked) or altered it (tr.t would
// describe rows that no longer exist in that shape).
func (s *Session) lockSchema(ctx context.Context, tr *tableRef) error {
	if err := s.lock(ctx, txn.ObjectResource(uint32(tr.db.ID()), uint32(tr.t.ID)), txn.ModeX, txn.ForTransaction); err != nil {
		return err
	}
	cat := s.catalogFor(tr.db)
	cur := cat.Table(tr.t.Schema, tr.t.Name)
	if cur == nil || cur.ID != tr.t.ID {
		return ErrInvalidObject.New(tr.displayName())
	}
	tr.cat, tr.t = cat, cur
	return nil
}

// alteredTable takes tr's table for DDL: its schema lock (lockSchema), the
// transaction's own copy of the catalog, and the table in that copy, which
// the statement changes.
func (s *Session) alteredTable(ctx context.Context, tr *tableRef) (*catalog.Database, *catalog.Table, error) {
	if err := s.lockSchema(ctx, tr); err != nil {
		return nil, nil, err
	}
	cat, err := s.mutableCatalog(ctx, tr.db)
	if err != nil {
		return nil, nil, err
	}
	return cat, cat.Table(tr.t.Schema, tr.t.Name), nil
}

func (s *Session) createTable(ctx context.Context, st *ast.CreateTableStmt) error {
	db, cat, schema, err := s.ddlTarget(ctx, st.Name)
	if err != nil {
		return err
	}
	name := st.Name.Last()
	if len(name) > 116 && strings.HasPrefix(name, "#") || len(name) > 128 {
		return &Error{Number: 103, Severity: 15, State: 4, Message: "The identifier that starts with '" + name[:128] + "' is too long. Maximum length is 128."}
	}
	if cat.ObjectExists(schema, name) && !(strings.HasPrefix(name, "#") && s.shadowCallerTemp(cat, name)) { // proctemp.go
		return ErrObjectExists.New(name)
	}
	t, err := s.tableFromDef(cat, db, st, schema, name)
	if err != nil {
		return err
	}
	if err := placeNewTable(cat, t, st); err != nil { // partition_place.go
		return err
	}
	if st.Versioning != nil && st.Versioning.On { // temporal.go
		if err := s.enableVersioning(db, cat, t, st.Versioning); err != nil {
			return err
		}
	}
	cat.Tables[cat.Key(schema, name)] = t
	return nil
}

// tableFromDef builds a table definition (CREATE TABLE, table variables)
// of schema.name; the schema is the table's while its constraints are
// made, so that a FOREIGN KEY referencing the table itself is keyed under
// its own schema.
func (s *Session) tableFromDef(cat *catalog.Database, db Database, st *ast.CreateTableStmt, schema, name string) (*catalog.Table, error) {
	now := time.Now().UTC()
	t := &catalog.Table{ID: cat.NewObjectID(), Schema: schema, Name: name, Created: now, Modified: now, Temporary: strings.HasPrefix(name, "#")}
	var constraints []*ast.Constraint
	for i, cd := range st.Columns {
		if _, c := t.Column(cd.Name.Name); c != nil {
			return nil, &Error{Number: 2705, Severity: 16, State: 3, Message: "Column names in each table must be unique. Column name '" + cd.Name.Name + "' in table '" + name + "' is specified more than once."}
		}
		col, err := s.columnFromDef(cat, name, cd, int32(i+1))
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, col)
		for _, c := range cd.Constraints {
			if len(c.Columns) == 0 {
				c.Columns = []*ast.OrderItem{{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{cd.Name}}}}}
			}
			constraints = append(constraints, c)
		}
	}
	if err := s.typeComputedColumns(t); err != nil {
		return nil, err
	}
	if st.Period != nil && strings.HasPrefix(name, "@") {
		return nil, errTableVariablePeriod.New()
	}
	if err := checkTemporalColumns(t, st.Period, st.Columns); err != nil { // temporal.go
		return nil, err
	}
	if t.IdentityColumn() >= 0 {
		n := 0
		for _, c := range t.Columns {
			if c.Identity {
				n++
			}
		}
		if n > 1 {
			return nil, &Error{Number: 2744, Severity: 16, State: 2, Message: "Multiple identity columns specified for table '" + name + "'. Only one identity column per table is allowed."}
		}
	}
	constraints = append(constraints, st.Constraints...)
	// A PRIMARY KEY on a column declared NULL explicitly is refused (8111).
	for _, c := range constraints {
		if c.Kind != ast.PrimaryKey {
			continue
		}
		for _, it := range c.Columns {
			cr, ok := it.Expr.(*ast.ColumnRef)
			if !ok {
				continue
			}
			for _, cd := range st.Columns {
				if strings.EqualFold(cd.Name.Name, cr.Name.Last()) && cd.Nullable == ast.Null {
					return nil, chainErrors([]error{&Error{Number: 8111, Severity: 16, State: 1, Message: "Cannot define PRIMARY KEY constraint on nullable column in table '" + name + "'."}},
						&Error{Number: 1750, Severity: 16, State: 0, Message: "Could not create constraint or index. See previous errors."})
				}
			}
		}
	}
	// The row store: clustered on the primary key (unless NONCLUSTERED) or a heap.
	t.Indexes = []*catalog.Index{{IndexID: 0, StoreID: cat.NewStoreID()}}
	for _, c := range constraints {
		if err := s.addConstraint(cat, t, c, false); err != nil {
			return nil, err
		}
	}
	if err := addInlineIndexes(cat, t, st); err != nil { // inlineindex.go
		return nil, err
	}
	// WITH (DATA_COMPRESSION = …) is the table's: its heap or clustered index.
	indexStorageOptions(t.RowStore(), st.Options) // ddl_objects.go
	return t, nil
}

func (s *Session) columnFromDef(cat *catalog.Database, table string, cd *ast.ColumnDef, id int32) (*catalog.Column, error) {
	if cd.Type == nil {
		if cd.Computed == nil {
			return nil, ErrNotSupported.New("A column without a type")
		}
		return computedColumn(cd, id), nil // typed by typeComputedColumns
	}
	typ, ut, err := s.declTypeOf(cd.Type) // usertype.go
	if err != nil {
		return nil, err
	}
	if ut != nil && ut.IsTable() {
		return nil, errTableTypeCol.New(cd.Name.Name)
	}
	if cd.Collation != "" {
		coll, err := lookupCollation(s, cd.Collation) // collation_names.go
		if err != nil {
			return nil, err
		}
		typ.Collation = coll
	} else if collatable(typ.ID) {
		typ.Collation = cat.Collation // the database's default (dbcollation.go)
	}
	col := &catalog.Column{ID: id, Name: cd.Name.Name, Type: typ, Nullable: cd.Nullable == ast.Null, RowGUIDCol: cd.RowGUIDCol, Sparse: cd.Sparse, ColumnSet: cd.ColumnSet}
	if cd.Nullable != ast.Null && cd.Nullable != ast.NotNull {
		col.Nullable = s.columnNullByDefault() // ansi_null_default.go
	}
	if ut != nil { // an alias type: its NOT NULL holds unless the column says NULL
		col.UserType = ut.ID
		col.Nullable = cd.Nullable == ast.Null || cd.Nullable != ast.NotNull && !ut.NotNull
	} else if isSysnameType(cd.Type) { // the system alias type sysname: NOT NULL too (usertype_sysname.go)
		col.UserType = sysnameTypeID
		col.Nullable = cd.Nullable == ast.Null
	}
	if isRowVersionType(cd.Type) { // rowversion.go
		col.RowVersion, col.Nullable = true, false
	}
	col.Generated, col.Hidden = uint8(cd.Generated), cd.Hidden // temporal.go
	if cd.Identity != nil {
		if !typ.ID.IsInteger() && typ.ID != types.Decimal && typ.ID != types.Numeric || typ.ID == types.Bit {
			return nil, &Error{Number: 2749, Severity: 16, State: 2, Message: "Identity column '" + cd.Name.Name + "' must be of data type int, bigint, smallint, tinyint, or decimal or numeric with a scale of 0, unencrypted, and constrained to be nonnullable."}
		}
		col.Identity, col.Seed, col.Increment, col.Nullable = true, 1, 1, false
		if cd.Identity.Seed != nil {
			if v, err := s.evalScalar(context.Background(), cd.Identity.Seed); err == nil {
				col.Seed = v.v.Int64()
			}
			if v, err := s.evalScalar(context.Background(), cd.Identity.Increment); err == nil {
				col.Increment = v.v.Int64()
			}
		}
	}
	if err := checkSparse(cd, col, typ, ut != nil, table); err != nil { // column_options.go
		return nil, err
	}
	if cd.Default != nil {
		if err := checkNewSequentialID(cd.Default, typ); err != nil {
			return nil, err
		}
		if err := checkDefaultExpr(cd.Default); err != nil { // column_options.go
			return nil, err
		}
		if col.Sparse || col.ColumnSet {
			return nil, errSparseDefault(col, table)
		}
		col.Default = cd.Default.SQL()
		col.DefaultID = cat.NewObjectID()
		if cd.DefaultName != nil {
			col.DefaultName = cd.DefaultName.Name
		} else {
			col.DefaultName = systemConstraintName("DF", table, cd.Name.Name, col.DefaultID)
		}
	}
	for _, c := range cd.Constraints {
		if c.Kind == ast.PrimaryKey {
			col.Nullable = false
		}
	}
	return col, nil
}

// truncName is s's first n characters.
func truncName(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// addConstraint adds a PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or DEFAULT.
// existing is set for ALTER TABLE … ADD on a table that may hold rows.
func (s *Session) addConstraint(cat *catalog.Database, t *catalog.Table, c *ast.Constraint, existing bool) error {
	name := ""
	if c.Name != nil {
		name = c.Name.Name
		if cat.ObjectExists(t.Schema, name) {
			return ErrObjectExists.New(name)
		}
	}
	cols, err := constraintColumns(t, c.Columns)
	if err != nil {
		return err
	}
	id := cat.NewObjectID()
	switch c.Kind {
	case ast.PrimaryKey, ast.UniqueKey:
		if _, err := keyColumns(t, c.Columns); err != nil {
			var e *Error
			if errors.As(err, &e) && e.Number == 1919 {
				return chainErrors([]error{err}, &Error{Number: 1750, Severity: 16, State: 0, Message: "Could not create constraint or index. See previous errors."})
			}
			return err
		}
		primary := c.Kind == ast.PrimaryKey
		if primary && t.PrimaryKey() != nil {
			return &Error{Number: 8111, Severity: 16, State: 1, Message: "Cannot add multiple PRIMARY KEY constraints to table '" + t.Name + "'."}
		}
		if name == "" {
			prefix := "UQ"
			if primary {
				prefix = "PK"
			}
			name = systemConstraintName(prefix, t.Name, "", id)
		}
		for _, kc := range cols {
			if primary {
				t.Columns[kc.Column].Nullable = false
			}
		}
		clustered := (primary && c.Cluster != ast.NonClustered) || (!primary && c.Cluster == ast.Clustered)
		if clustered && existing && t.RowStore().IsHeap() {
			return ErrNotSupported.New("A clustered key on a table with rows here")
		}
		ix := &catalog.Index{Name: name, Columns: cols, Unique: true, Primary: primary, Constraint: true, ConstraintID: id}
		indexStorageOptions(ix, c.Options) // ddl_objects.go
		return addIndex(cat, t, ix, clustered)
	case ast.CheckConstraint:
		if name == "" {
			name = systemConstraintName("CK", t.Name, firstColumnName(t, cols), id)
		}
		t.Checks = append(t.Checks, &catalog.Check{ID: id, Name: name, Expr: c.Check.SQL()})
	case ast.ForeignKey:
		if t.Temporary {
			// SQL Server creates the table without the constraint and says so
			// (1756, severity 10), naming the constraint or, when it has no
			// name, the table; the referenced table is not even looked up.
			if name == "" {
				name = t.Name
			}
			s.note(&Error{Number: 1756, Severity: 10, State: 0, Message: "Skipping FOREIGN KEY constraint '" + name + "' definition for temporary table. FOREIGN KEY constraints are not enforced on local or global temporary tables."})
			return nil
		}
		if name == "" {
			name = systemConstraintName("FK", t.Name, firstColumnName(t, cols), id)
		}
		schema := s.objectSchema(cat, c.RefTable.Part(1), c.RefTable.Last()) // names.go
		parent := cat.Table(schema, c.RefTable.Last())
		// The table being created references itself: by its name under the
		// database's collation (in a case-sensitive one T is not t), in its
		// own schema or with none written. a.Tab referenced from b.Tab is
		// a.Tab, not b.Tab itself.
		if cat.SameName(c.RefTable.Last(), t.Name) && (c.RefTable.Part(1) == "" || strings.EqualFold(schema, t.Schema)) {
			parent = t
		}
		if parent == nil {
			return &Error{Number: 1767, Severity: 16, State: 0, Message: "Foreign key '" + name + "' references invalid table '" + nameText(c.RefTable) + "'."}
		}
		var refCols []int
		if len(c.RefColumns) == 0 {
			pk := parent.PrimaryKey()
			if pk == nil {
				return &Error{Number: 1773, Severity: 16, State: 0, Message: "Foreign key '" + name + "' has implicit reference to object '" + parent.Name + "' which does not have a primary key defined on it."}
			}
			for _, kc := range pk.Columns {
				refCols = append(refCols, kc.Column)
			}
		} else {
			for _, rc := range c.RefColumns {
				i, col := parent.Column(rc.Name)
				if col == nil {
					return &Error{Number: 1770, Severity: 16, State: 0, Message: "Foreign key '" + name + "' references invalid column '" + rc.Name + "' in referenced table '" + parent.Name + "'."}
				}
				refCols = append(refCols, i)
			}
		}
		if indexOn(parent, refCols) == nil {
			return &Error{Number: 1776, Severity: 16, State: 0, Message: "There are no primary or candidate keys in the referenced table '" + parent.Schema + "." + parent.Name + "' that match the referencing column list in the foreign key '" + name + "'."}
		}
		fk := &catalog.ForeignKey{ID: id, Name: name, RefTable: cat.Key(parent.Schema, parent.Name), RefColumns: refCols, OnDelete: refAction(c.OnDelete), OnUpdate: refAction(c.OnUpdate)}
		for _, kc := range cols {
			fk.Columns = append(fk.Columns, kc.Column)
		}
		if err := s.checkCascadeTarget(cat, t, fk); err != nil {
			return err // cascade_triggers.go
		}
		if err := checkCascadePaths(cat, t, fk); err != nil { // cascade_paths.go
			return chainErrors([]error{err}, &Error{Number: 1750, Severity: 16, State: 0, Message: "Could not create constraint or index. See previous errors."})
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	case ast.DefaultConstraint:
		if c.ForColumn == nil {
			return ErrNotSupported.New("DEFAULT without FOR")
		}
		_, col := t.Column(c.ForColumn.Name)
		if col == nil {
			return ErrInvalidColumn.New(c.ForColumn.Name)
		}
		if err := checkNewSequentialID(c.Check, col.Type); err != nil {
			return err
		}
		if err := checkDefaultExpr(c.Check); err != nil { // column_options.go
			return err
		}
		if col.Sparse || col.ColumnSet {
			return errSparseDefault(col, t.Name)
		}
		if col.Default != "" { // a column has one DEFAULT
			return chainErrors([]error{&Error{Number: 1781, Severity: 16, State: 1, Message: "Column already has a DEFAULT bound to it."}},
				&Error{Number: 1750, Severity: 16, State: 0, Message: "Could not create constraint or index. See previous errors."})
		}
		if name == "" {
			name = systemConstraintName("DF", t.Name, col.Name, id)
		}
		col.Default, col.DefaultName, col.DefaultID = c.Check.SQL(), name, id
	}
	return nil
}

func refAction(a ast.RefAction) string {
	switch a {
	case ast.RefCascade:
		return "CASCADE"
	case ast.RefSetNull:
		return "SET_NULL"
	case ast.RefSetDefault:
		return "SET_DEFAULT"
	}
	return "NO_ACTION"
}

// keyColumns is constraintColumns for an index's key: a (max), text,
// ntext, image or xml column is 1919.
func keyColumns(t *catalog.Table, items []*ast.OrderItem) ([]catalog.IndexColumn, error) {
	cols, err := constraintColumns(t, items)
	if err != nil {
		return nil, err
	}
	for _, kc := range cols {
		if col := t.Columns[kc.Column]; col.Type.IsMax() {
			return nil, &Error{Number: 1919, Severity: 16, State: 1, Message: "Column '" + col.Name + "' in table '" + t.Name + "' is of a type that is invalid for use as a key column in an index."}
		}
	}
	return cols, nil
}

func constraintColumns(t *catalog.Table, items []*ast.OrderItem) ([]catalog.IndexColumn, error) {
	var out []catalog.IndexColumn
	for _, it := range items {
		cr, ok := it.Expr.(*ast.ColumnRef)
		if !ok {
			return nil, ErrNotSupported.New("Expressions in key columns")
		}
		i, col := t.Column(cr.Name.Last())
		if col == nil {
			return nil, &Error{Number: 1911, Severity: 16, State: 1, Message: "Column name '" + cr.Name.Last() + "' does not exist in the target table or view."}
		}
		out = append(out, catalog.IndexColumn{Column: i, Desc: it.Desc})
	}
	return out, nil
}

// addIndex installs an index on t. A clustered index becomes the row store
// (index_id 1); others get the next index_id.
func addIndex(cat *catalog.Database, t *catalog.Table, ix *catalog.Index, clustered bool) error {
	if clustered {
		if !t.RowStore().IsHeap() {
			return &Error{Number: 1902, Severity: 16, State: 3, Message: "Cannot create more than one clustered index on table '" + t.Name + "'. Drop the existing clustered index '" + t.RowStore().Name + "' before creating another."}
		}
		ix.IndexID, ix.Clustered, ix.StoreID = 1, true, t.RowStore().StoreID
		t.Indexes[0] = ix
		return nil
	}
	next := int32(2)
	for _, other := range t.Indexes {
		if other.IndexID >= next {
			next = other.IndexID + 1
		}
	}
	ix.IndexID, ix.StoreID = next, cat.NewStoreID()
	t.Indexes = append(t.Indexes, ix)
	return nil
}

func (s *Session) dropTables(ctx context.Context, st *ast.DropTableStmt) error {
	for _, n := range st.Names {
		tr, ok, err := s.resolveTable(n)
		if err != nil {
			return err
		}
		if !ok {
			if st.IfExists {
				continue
			}
			return ErrCannotDropTable.New(nameText(n))
		}
		if err := temporalDDLCheck(tr, errDropTemporal); err != nil {
			return err
		}
		key := tr.cat.Key(tr.t.Schema, tr.t.Name)
		for _, other := range tr.cat.Tables {
			if other.ID == tr.t.ID {
				continue
			}
			for _, fk := range other.ForeignKeys {
				if fk.RefTable == key {
					return &Error{Number: 3726, Severity: 16, State: 1, Message: "Could not drop object '" + tr.displayName() + "' because it is referenced by a FOREIGN KEY constraint."}
				}
			}
		}
		if v := s.boundReferrer(tr.cat, tr.t.Schema, tr.t.Name); v != "" { // schemabind.go
			return &Error{Number: 3729, Severity: 16, State: 1, Message: "Cannot DROP TABLE '" + tr.t.Schema + "." + tr.t.Name + "' because it is being referenced by object '" + v + "'."}
		}
		if err := s.lockSchema(ctx, tr); err != nil {
			if e := (*Error)(nil); errors.As(err, &e) && e.Number == ErrInvalidObject.number {
				// Dropped by the transaction that held the lock.
				if st.IfExists {
					continue
				}
				return ErrCannotDropTable.New(nameText(n))
			}
			return err
		}
		cat, err := s.mutableCatalog(ctx, tr.db)
		if err != nil {
			return err
		}
		d := s.tx.dbTx(tr.db)
		for _, ix := range tr.t.Indexes {
			d.writes.Drops = append(d.writes.Drops, ix.StoreID)
		}
		delete(cat.Tables, key)
		dropObjectTriggers(cat, key) // instead_of.go
	}
	return nil
}

// rewriteRows changes a table's columns (change mutates nt) and rewrites every
// row in the new layout, filling added columns with their defaults.
func (s *Session) rewriteRows(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, change func(nt *catalog.Table) error) error {
	return s.rewriteRowsNull(ctx, tr, cat, t, change, nil)
}

// rewriteRowsNull is rewriteRows where the added columns named in keepNull
// stay NULL in the rows there: a nullable column added with a DEFAULT but
// without WITH VALUES (the default is for rows inserted later).
func (s *Session) rewriteRowsNull(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, change func(nt *catalog.Table) error, keepNull map[string]bool) error {
	ec := newEvalCtx(ctx, s)
	it, err := s.scan(ec, tr, nil, nil, false)
	if err != nil {
		return err
	}
	rows, err := drain(it)
	if err != nil {
		return err
	}
	oldCols := append([]*catalog.Column(nil), t.Columns...)
	if err := change(t); err != nil {
		return err
	}
	ntr := &tableRef{db: tr.db, cat: cat, t: t, versioning: true}
	rb, err := s.newRowBuilder(ntr, "ALTER TABLE")
	if err != nil {
		return err
	}
	for _, old := range rows {
		nrow := make(Row, len(t.Columns)+1)
		for i, c := range t.Columns {
			found := false
			for j, oc := range oldCols {
				if oc.ID == c.ID && oc.Name == c.Name {
					nrow[i], found = old[j], true
					if oc.Type != c.Type && !old[j].IsNull() {
						// ALTER COLUMN: convert, refusing to lose data (2628).
						if err := types.CheckFits(old[j], c.Type, t.Name, c.Name); err != nil {
							return err
						}
						v, err := types.Convert(old[j], c.Type, 0)
						if err != nil {
							return err
						}
						nrow[i] = v
					}
					if !c.Nullable && nrow[i].IsNull() {
						return &Error{Number: 515, Severity: 16, State: 2, Message: "Cannot insert the value NULL into column '" + c.Name + "', table '" + (&tableRef{db: tr.db, t: t}).nullErrorName() + "'; column does not allow nulls. UPDATE fails."}
					}
				}
			}
			if !found && c.Identity {
				// An added IDENTITY column numbers the existing rows.
				v, err := types.ImplicitConvert(types.NewBigInt(tr.db.NextIdentity(t.ID, c.Seed, c.Increment)), c.Type)
				if err != nil {
					return err
				}
				nrow[i], found = v, true
			}
			if !found && keepNull[c.Name] {
				nrow[i], found = types.Null(c.Type.ID), true
			}
			if !found {
				dv, err := rb.defaultValue(ec, i)
				if err != nil {
					return err
				}
				if nrow[i], err = rb.store(i, dv); err != nil {
					return err
				}
				if !c.Nullable && nrow[i].IsNull() && c.Computed == "" { // computed: filled below
					return &Error{Number: 4901, Severity: 16, State: 1, Message: "ALTER TABLE only allows columns to be added that can contain nulls, or have a DEFAULT definition specified, or the column being added is an identity or timestamp column, or alternatively if none of the previous conditions are satisfied the table must be empty to allow addition of this column. Column '" + c.Name + "' cannot be added to non-empty table '" + t.Name + "' because it does not satisfy these conditions."}
				}
			}
		}
		nrow[len(t.Columns)] = old[len(oldCols)]
		if err := rb.fillComputed(ec, nrow); err != nil { // an added computed column
			return err
		}
		enc, err := types.EncodeRow(nil, nrow[:len(t.Columns)], t.ColumnTypes())
		if err != nil {
			return err
		}
		if err := s.writes(tr.db).Put(t.RowStore().StoreID, []byte(nrow[len(t.Columns)].Str()), enc); err != nil {
			return err
		}
	}
	for i, c := range t.Columns {
		c.ID = int32(i + 1)
	}
	return nil
}

// buildIndexes fills secondary indexes (and checks uniqueness) from the
// table's rows, after CREATE INDEX or ADD CONSTRAINT.
func (s *Session) buildIndexes(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, ixs []*catalog.Index) error {
	ntr := &tableRef{db: tr.db, cat: cat, t: t, versioning: true}
	ec := newEvalCtx(ctx, s)
	it, err := s.scan(ec, ntr, nil, nil, false)
	if err != nil {
		return err
	}
	defer it.Close()
	for {
		row, err := it.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		key := []byte(row[len(t.Columns)].Str())
		for _, ix := range ixs {
			if err := s.addIndexEntry(ctx, ntr, ix, row, key, false); err != nil {
				var e *Error
				if errors.As(err, &e) && (e.Number == 2601 || e.Number == 2627) {
					return errCreateUniqueDuplicate(t, ix, row) // clustered_index.go
				}
				return err
			}
		}
	}
}

// clusteredKey reports a PRIMARY KEY (clustered unless NONCLUSTERED) or a
// UNIQUE CLUSTERED constraint: one that becomes the row store.
func clusteredKey(c *ast.Constraint) bool {
	return (c.Kind == ast.PrimaryKey && c.Cluster != ast.NonClustered) || (c.Kind == ast.UniqueKey && c.Cluster == ast.Clustered)
}
