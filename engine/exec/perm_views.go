package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.database_permissions: the GRANT/DENY rows of the database (perm.go),
// with the CONNECT every user mapped to a login holds, as SQL Server lists
// it; a column's row has the column_id as minor_id (colperm.go). Server rows are engine/perm.go's sys.server_permissions.

var classCodes = map[string]int32{catalog.ClassDatabase: 0, catalog.ClassObject: 1, catalog.ClassSchema: 3,
	"DATABASE_PRINCIPAL": 4, "ASSEMBLY": 5, "TYPE": 6, "XML_SCHEMA_COLLECTION": 10, "MESSAGE_TYPE": 15,
	"SERVICE_CONTRACT": 16, "SERVICE": 17, "REMOTE_SERVICE_BINDING": 18, "ROUTE": 19, "FULLTEXT_CATALOG": 23,
	"SYMMETRIC_KEY": 24, "CERTIFICATE": 25, "ASYMMETRIC_KEY": 26}

// permTypeCodes are sys.database_permissions.type for the common
// permissions; others are the initials of their words.
var permTypeCodes = map[string]string{
	"SELECT": "SL", "INSERT": "IN", "UPDATE": "UP", "DELETE": "DL", "EXECUTE": "EX", "REFERENCES": "RF",
	"ALTER": "AL", "CONTROL": "CL", "CONNECT": "CO", "VIEW DEFINITION": "VW", "TAKE OWNERSHIP": "TO",
	"CREATE TABLE": "CRTB", "CREATE VIEW": "CRVW", "CREATE PROCEDURE": "CRPR", "CREATE FUNCTION": "CRFN",
	"CREATE SCHEMA": "CRSC", "CREATE ROLE": "CRRL", "BACKUP DATABASE": "BADB", "BACKUP LOG": "BALO",
	"SHOWPLAN": "SPLN", "VIEW DATABASE STATE": "VWDS",
}

func permTypeCode(perm string) string {
	if c, ok := permTypeCodes[perm]; ok {
		return c
	}
	var b strings.Builder
	for _, w := range strings.Fields(perm) {
		b.WriteByte(w[0])
	}
	return b.String()
}

// securableID is the major_id of a permission row: the object's id, the
// schema's id, 0 for the database.
func securableID(cat *catalog.Database, p *catalog.Permission) int32 {
	switch p.Class {
	case catalog.ClassSchema:
		for _, sc := range cat.Schemas {
			if strings.EqualFold(sc.Name, p.Object) {
				return sc.ID
			}
		}
	case catalog.ClassObject:
		return p.ObjectID
	}
	return 0
}

// objectIDOf is the object_id of the table, view, procedure, function or
// sequence schema.name in cat, 0 if there is none.
func objectIDOf(cat *catalog.Database, schema, name string) int32 {
	k := cat.Key(schema, name)
	switch {
	case cat.Table(schema, name) != nil:
		return cat.Table(schema, name).ID
	case cat.Views[k] != nil:
		return cat.Views[k].ID
	case cat.Procedures[k] != nil:
		return cat.Procedures[k].ID
	case cat.Functions[k] != nil:
		return cat.Functions[k].ID
	case cat.Sequences[k] != nil:
		return cat.Sequences[k].ID
	}
	return 0
}

// objectAlive reports whether an OBJECT_OR_COLUMN row's object still
// exists (a dropped object's rows stay in the catalog but apply to
// nothing and are not listed).
func objectAlive(cat *catalog.Database, p *catalog.Permission) bool {
	schema, name, _ := strings.Cut(p.Object, ".")
	return p.ObjectID != 0 && objectIDOf(cat, schema, name) == p.ObjectID
}

func init() {
	systemViews["sys.database_permissions"] = &virtualTable{cols: []vcol{{"class", vTinyInt}, {"class_desc", vDesc},
		{"major_id", vInt}, {"minor_id", vInt}, {"grantee_principal_id", vInt}, {"grantor_principal_id", vInt},
		{"type", types.Type{ID: types.Char, Length: 4}}, {"permission_name", vName}, {"state", types.Type{ID: types.Char, Length: 1}}, {"state_desc", vDesc}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			row := func(class string, major, minor, grantee, grantor int32, perm, state string) Row {
				return Row{types.NewTinyInt(uint8(classCodes[class])), str(class), i32(major), i32(minor), i32(grantee), i32(grantor),
					types.NewString(types.Char, permTypeCode(perm)), str(perm), types.NewString(types.Char, state[:1]), str(state)}
			}
			var out []Row
			for _, u := range cat.Users {
				if u.MapsToLogin() {
					out = append(out, row(catalog.ClassDatabase, 0, 0, u.ID, 1, "CONNECT", catalog.StateGrant))
				}
			}
			for _, p := range cat.Permissions {
				grantee, ok := cat.PrincipalID(p.Principal)
				if !ok || p.Class == catalog.ClassObject && !objectAlive(cat, p) {
					continue
				}
				grantor, _ := cat.PrincipalID(p.Grantor)
				if p.Grantor == "" {
					grantor = 1
				}
				out = append(out, row(p.Class, securableID(cat, p), p.ColumnID, grantee, grantor, p.Permission, p.State))
			}
			return out, nil
		}}
}
