package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Synonyms (catalog.Synonym): CREATE SYNONYM and DROP SYNONYM, and
// resolving a synonym to its base object where a table, view or procedure
// is named — FROM, the target of INSERT, UPDATE, DELETE and MERGE, EXEC.
// The base is looked up when the synonym is used, as in SQL Server, so it
// may be created after the synonym; a synonym whose base is missing is
// 5313 where it is used. A synonym does not resolve through another
// synonym. Permissions are checked on the base object.

var errSynonymInvalid = errorKind{5313, 16, 1, "Synonym '%s' refers to an invalid object.", AbortStatement}

// createSynonym is CREATE SYNONYM name FOR base.
func (s *Session) createSynonym(ctx context.Context, st *ast.CreateSynonymStmt) error {
	_, cat, schema, err := s.ddlTarget(ctx, st.Name)
	if err != nil {
		return err
	}
	name := st.Name.Last()
	if cat.ObjectExists(schema, name) {
		return ErrObjectExists.New(name)
	}
	parts := make([]string, 0, len(st.Target.Parts))
	for _, p := range st.Target.Parts {
		if p == nil || p.Name == "" {
			parts = append(parts, "")
			continue
		}
		parts = append(parts, "["+strings.ReplaceAll(p.Name, "]", "]]")+"]")
	}
	now := time.Now().UTC()
	if cat.Synonyms == nil {
		cat.Synonyms = map[string]*catalog.Synonym{}
	}
	cat.Synonyms[cat.Key(schema, name)] = &catalog.Synonym{ID: cat.NewObjectID(), Schema: schema, Name: name,
		Base: strings.Join(parts, "."), Created: now, Modified: now}
	return nil
}

// dropSynonym is DROP SYNONYM [IF EXISTS] name (3701 when missing).
func dropSynonym(cat *catalog.Database, key string, ifExists bool, shown string) error {
	if cat.Synonyms[key] == nil {
		if ifExists {
			return nil
		}
		return ErrCannotDropObject.New("synonym", shown)
	}
	delete(cat.Synonyms, key)
	return nil
}

// synonymBase is the base object name of the synonym n names (1 to 3
// parts), with the parts the synonym left out filled in: the synonym's
// database and schema dbo. ok is false when n names no synonym.
func (s *Session) synonymBase(n *ast.Name) (base *ast.Name, syn *catalog.Synonym, ok bool) {
	if len(n.Parts) > 3 || strings.HasPrefix(n.Last(), "#") {
		return nil, nil, false
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return nil, nil, false
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	syn = s.catalogFor(db).Synonym(schema, n.Last())
	if syn == nil {
		return nil, nil, false
	}
	b, err := parseObjectName(syn.Base)
	if err != nil || len(b.Parts) > 3 {
		return nil, syn, true // a linked server's object: nothing resolves it here
	}
	parts := make([]*ast.Ident, 3)
	for i := range parts {
		switch name := b.Part(2 - i); {
		case name != "":
			parts[i] = &ast.Ident{Name: name}
		case i == 0:
			parts[i] = &ast.Ident{Name: db.Name()}
		case i == 1:
			parts[i] = &ast.Ident{Name: "dbo"}
		}
	}
	return &ast.Name{Span: n.Span, Parts: parts}, syn, true
}

// synonymDisplay is how 5313 names a synonym: schema.name.
func synonymDisplay(syn *catalog.Synonym) string { return syn.Schema + "." + syn.Name }

// synonymRows are sys.synonyms' rows of cat.
func synonymRows(cat *catalog.Database) []Row {
	var out []Row
	for _, y := range cat.Synonyms {
		out = append(out, Row{str(y.Name), i32(y.ID), null, i32(schemaID(cat, y.Schema)), i32(0), objectType("SN"), str("SYNONYM"),
			dt(y.Created), dt(y.Modified), bit(false), bit(false), bit(false), types.NewNVarChar(y.Base)})
	}
	return out
}

func init() {
	cols := []vcol{{"name", vName}, {"object_id", vInt}, {"principal_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
		{"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc}, {"create_date", vDateTime}, {"modify_date", vDateTime},
		{"is_ms_shipped", vBit}, {"is_published", vBit}, {"is_schema_published", vBit}, {"base_object_name", types.NVarCharType(1035)}}
	systemViews["sys.synonyms"] = &virtualTable{cols: cols, rows: func(s *Session, db Database) ([]Row, error) {
		return synonymRows(s.catalogFor(db)), nil
	}}
}
