package exec

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DDL for indexes, views, procedures and schemas, and DROP of those objects.

func (s *Session) createIndex(ctx context.Context, st *ast.CreateIndexStmt) error {
	if handled, err := s.createViewIndex(ctx, st); handled || err != nil { // indexed_view.go
		return err
	}
	if handled, err := s.dropExistingPlacement(ctx, st); handled || err != nil { // partition_place.go
		return err
	}
	tr, t, err := s.newIndexTarget(ctx, st.Table, st.Name.Name) // stats_user.go
	if err != nil {
		return err
	}
	cat := tr.cat
	cols, err := keyColumns(t, st.Columns)
	if err != nil {
		return err
	}
	ix := &catalog.Index{Name: st.Name.Name, Columns: cols, Unique: st.Unique}
	indexStorageOptions(ix, st.Options)
	if ix.IgnoreDupKey && !ix.Unique {
		return errIgnoreDupNonUnique
	}
	if st.Where != nil || indexHasComputed(t, ix) || includesComputed(t, st.Include) {
		if err := s.requireQuotedIdentifier("CREATE INDEX"); err != nil { // quoted_ident_required.go
			return err
		}
	}
	if st.Where != nil {
		if st.Cluster == ast.Clustered {
			return &Error{Number: 10611, Severity: 16, State: 1, Message: "Filtered clustered indexes are not supported."}
		}
		if err := checkIndexFilter(t, st.Name.Name, st.Where); err != nil { // filtered.go
			return err
		}
		ix.Filter = st.Where.SQL()
	}
	// A column is in an index once: as a key or as an included column.
	listed := map[int]bool{}
	dup := func(i int) error {
		if listed[i] {
			return &Error{Number: 1909, Severity: 16, State: 2, Message: "Cannot use duplicate column names in index. Column name '" + t.Columns[i].Name + "' listed more than once."}
		}
		listed[i] = true
		return nil
	}
	for _, kc := range cols {
		if err := dup(kc.Column); err != nil {
			return err
		}
	}
	for _, inc := range st.Include {
		i, c := t.Column(inc.Name)
		if c == nil {
			return ErrInvalidColumn.New(inc.Name)
		}
		if err := dup(i); err != nil {
			return err
		}
		ix.Included = append(ix.Included, i)
	}
	// A clustered index on a heap becomes its row store, unique or not
	// (clustered_index.go); a second one is SQL Server's 1902.
	if st.Cluster == ast.Clustered {
		if !t.RowStore().IsHeap() {
			return addIndex(cat, t, ix, true) // 1902
		}
		return s.clusterHeapIndex(ctx, tr, cat, t, ix, st.On)
	}
	if err := addIndex(cat, t, ix, false); err != nil {
		return err
	}
	if err := placeIndex(cat, t, ix, st.On); err != nil { // partition_place.go
		return err
	}
	return s.buildIndexes(ctx, tr, cat, t, []*catalog.Index{ix})
}

func (s *Session) dropIndexes(ctx context.Context, st *ast.DropIndexStmt) error {
	for _, item := range st.Items {
		tr, ok, err := s.resolveTable(item.Table)
		if err != nil {
			return err
		}
		if !ok {
			if handled, err := s.dropViewIndex(ctx, item); handled || err != nil { // indexed_view.go
				if err != nil {
					return err
				}
				continue
			}
		}
		if !ok || tr.t.Index(item.Index.Name) == nil {
			if st.IfExists {
				continue
			}
			return &Error{Number: 3701, Severity: 11, State: 7, Message: "Cannot drop the index '" + nameText(item.Table) + "." + item.Index.Name + "', because it does not exist or you do not have permission."}
		}
		cat, t, err := s.alteredTable(ctx, tr)
		if err != nil {
			return err
		}
		for i, ix := range t.Indexes {
			if ix.Name != "" && strings.EqualFold(ix.Name, item.Index.Name) {
				if ix.Constraint {
					return &Error{Number: 3723, Severity: 16, State: 4, Message: "An explicit DROP INDEX is not allowed on index '" + t.Name + "." + ix.Name + "'. It is being used for " + map[bool]string{true: "PRIMARY KEY", false: "UNIQUE KEY"}[ix.Primary] + " constraint enforcement."}
				}
				if i == 0 { // the clustered index: the table becomes a heap, where MOVE TO says
					if err := s.declusterTable(ctx, tr, cat, t); err != nil { // drop_key.go
						return err
					}
					if item.MoveTo != nil {
						if err := placeIndex(cat, t, t.RowStore(), item.MoveTo); err != nil { // partition_place.go
							return err
						}
					}
					break
				}
				t.Indexes = append(t.Indexes[:i], t.Indexes[i+1:]...)
				s.tx.dbTx(tr.db).writes.Drops = append(s.tx.dbTx(tr.db).writes.Drops, ix.StoreID)
				break
			}
		}
	}
	return nil
}

func (s *Session) createView(ctx context.Context, st *ast.CreateViewStmt) error {
	_, cat, schema, err := s.ddlFor(ctx, st.Name, st.Mode) // names.go
	if err != nil {
		return err
	}
	key := cat.Key(schema, st.Name.Last())
	existing := cat.Views[key]
	switch {
	case st.Mode == ast.ModeCreate && cat.ObjectExists(schema, st.Name.Last()):
		return ErrObjectExists.New(st.Name.Last())
	case st.Mode == ast.ModeAlter && existing == nil:
		return ErrInvalidObject.New(st.Name.Last())
	}
	if len(st.Query.OrderBy) > 0 && st.Query.Offset == nil {
		if core, ok := st.Query.Body.(*ast.SelectCore); !ok || core.Top == nil {
			return ErrOrderByInView.New()
		}
	}
	if err := checkSchemaBinding(st); err != nil { // indexed_view.go
		return err
	}
	if isSchemaBound(st) {
		if err := checkBoundRefs(cat, "view", nameText(st.Name), st.Query); err != nil { // schemabind.go
			return err
		}
	}
	// Compile once now so that errors surface at CREATE time, as in SQL Server.
	p, err := s.buildQuery(st.Query, nil, nil)
	if err != nil {
		return err
	}
	if len(st.Columns) == 0 {
		// Every column of a view needs a name: SUM(x) without an alias is 4511.
		for i, c := range p.cols {
			if c.name == "" {
				return &Error{Number: 4511, Severity: 16, State: 1, Message: fmt.Sprintf("Create View or Function failed because no column name was specified for column %d.", i+1)}
			}
		}
	}
	now := time.Now().UTC()
	v := &catalog.View{Schema: schema, Name: st.Name.Last(), Text: s.moduleDefinition(st), Encrypted: encrypted(st.Options),
		ModuleSets: s.moduleSets(), Created: now, Modified: now} // module_source.go, module_sets.go
	if existing != nil {
		v.ID, v.Created = existing.ID, existing.Created
	} else {
		v.ID = cat.NewObjectID()
	}
	cat.Views[key] = v
	return nil
}

func (s *Session) createProc(ctx context.Context, st *ast.CreateProcStmt) error {
	_, cat, schema, err := s.ddlFor(ctx, st.Name, st.Mode) // names.go
	if err != nil {
		return err
	}
	key := cat.Key(schema, st.Name.Last())
	existing := cat.Procedures[key]
	switch {
	case st.Mode == ast.ModeCreate && cat.ObjectExists(schema, st.Name.Last()):
		return ErrObjectExists.New(st.Name.Last())
	case st.Mode == ast.ModeAlter && existing == nil:
		return &Error{Number: 208, Severity: 16, State: 6, Message: "Invalid object name '" + st.Name.Last() + "'."}
	}
	if err := s.checkTableTypeParams(st.Params); err != nil { // usertype.go
		return err
	}
	if err := procVarCheck(st); err != nil { // procbind.go: 137 now, not at EXEC
		return err
	}
	if err := s.procBindCheck(st); err != nil { // procbind.go: 207 now, not at EXEC
		return err
	}
	now := time.Now().UTC()
	p := &catalog.Procedure{Schema: schema, Name: st.Name.Last(), Text: s.moduleDefinition(st), Encrypted: encrypted(st.Options),
		ModuleSets: s.moduleSets(), Created: now, Modified: now} // module_source.go, module_sets.go
	if existing != nil {
		p.ID, p.Created = existing.ID, existing.Created
	} else {
		p.ID = cat.NewObjectID()
	}
	cat.Procedures[key] = p
	return nil
}

func (s *Session) dropObjects(ctx context.Context, st *ast.DropStmt) error {
	for _, n := range st.Names {
		_, cat, schema, err := s.ddlExisting(ctx, n) // names.go
		if err != nil {
			return err
		}
		key := cat.Key(schema, n.Last())
		switch st.Kind {
		case ast.ObjView:
			if cat.Views[key] == nil {
				if st.IfExists {
					continue
				}
				return ErrCannotDropObject.New("view", nameText(n))
			}
			if by := s.boundReferrer(cat, schema, n.Last()); by != "" { // schemabind.go
				return errBoundDrop("VIEW", cat.Views[key].Schema+"."+cat.Views[key].Name, by)
			}
			delete(cat.Views, key)
			dropObjectTriggers(cat, key) // instead_of.go
		case ast.ObjProcedure:
			if cat.Procedures[key] == nil {
				if st.IfExists {
					continue
				}
				return ErrCannotDropObject.New("procedure", nameText(n))
			}
			delete(cat.Procedures, key)
		case ast.ObjSchema:
			sc := cat.Schema(n.Last())
			if sc == nil {
				if st.IfExists {
					continue
				}
				return ErrCannotDropObject.New("schema", n.Last())
			}
			for _, name := range schemaObjects(cat, sc.Name) {
				return &Error{Number: 3729, Severity: 16, State: 1, Message: "Cannot drop schema '" + sc.Name + "' because it is being referenced by object '" + name + "'."}
			}
			for i, x := range cat.Schemas {
				if x == sc {
					cat.Schemas = append(cat.Schemas[:i], cat.Schemas[i+1:]...)
					break
				}
			}
		default:
			return ErrNotSupported.New("DROP " + st.Kind.String())
		}
	}
	return nil
}

func (s *Session) createSchema(ctx context.Context, st *ast.CreateSchemaStmt) error {
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	if cat.Schema(st.Name.Name) != nil {
		return &Error{Number: 2714, Severity: 16, State: 6, Message: "There is already an object named '" + st.Name.Name + "' in the database."}
	}
	next := int32(5)
	for _, sc := range cat.Schemas {
		if sc.ID >= next {
			next = sc.ID + 1
		}
	}
	owner := "dbo"
	if st.Authorization != nil {
		owner = st.Authorization.Name
	}
	cat.Schemas = append(cat.Schemas, &catalog.Schema{ID: next, Name: st.Name.Name, Owner: owner})
	return nil
}

// schemaObjects lists the objects that live in a schema.
func schemaObjects(cat *catalog.Database, schema string) []string {
	var out []string
	for _, t := range cat.SortedTables() {
		if strings.EqualFold(t.Schema, schema) {
			out = append(out, t.Name)
		}
	}
	for _, v := range cat.Views {
		if strings.EqualFold(v.Schema, schema) {
			out = append(out, v.Name)
		}
	}
	for _, p := range cat.Procedures {
		if strings.EqualFold(p.Schema, schema) {
			out = append(out, p.Name)
		}
	}
	return out
}

// indexStorageOptions keeps an index's FILLFACTOR, PAD_INDEX and
// IGNORE_DUP_KEY for sys.indexes (pages are not filled to a factor here;
// the settings are what scripts read back and rebuild with). IGNORE_DUP_KEY
// also changes what an INSERT does (table.go).
func indexStorageOptions(ix *catalog.Index, opts []*ast.Option) {
	for _, o := range opts {
		switch strings.ToUpper(o.Name) {
		case "FILLFACTOR":
			if l, ok := o.Value.(*ast.Literal); ok {
				if n, err := strconv.Atoi(l.Value); err == nil && n >= 0 && n <= 100 {
					ix.FillFactor = uint8(n)
				}
			}
		case "PAD_INDEX":
			ix.Padded = optionWord(o) == "ON"
		case "IGNORE_DUP_KEY":
			ix.IgnoreDupKey = optionWord(o) == "ON"
		case "DATA_COMPRESSION":
			if c, ok := compressionCodes[optionWord(o)]; ok {
				ix.Compression = c
			}
		case "ALLOW_ROW_LOCKS":
			ix.NoRowLocks = optionWord(o) == "OFF"
		case "ALLOW_PAGE_LOCKS":
			ix.NoPageLocks = optionWord(o) == "OFF"
		case "STATISTICS_NORECOMPUTE":
			ix.NoRecompute = optionWord(o) == "ON"
		}
	}
}

// compressionCodes are DATA_COMPRESSION's values as
// sys.partitions.data_compression numbers them (compressionDesc).
var compressionCodes = map[string]uint8{"NONE": 0, "ROW": 1, "PAGE": 2}

// compressionDesc is sys.partitions.data_compression_desc.
var compressionDesc = [...]string{"NONE", "ROW", "PAGE"}

// lockEscalationDesc is sys.tables.lock_escalation_desc by
// catalog.Table.LockEscalation.
var lockEscalationDesc = [...]string{"TABLE", "DISABLE", "AUTO"}

// optionWord is an option's value as an upper-case word: ON, OFF, or an
// identifier such as ROW or PAGE (parsed as a column name).
func optionWord(o *ast.Option) string {
	if o.Word != "" {
		return strings.ToUpper(o.Word)
	}
	if c, ok := o.Value.(*ast.ColumnRef); ok && len(c.Name.Parts) == 1 {
		return strings.ToUpper(c.Name.Last())
	}
	return ""
}
