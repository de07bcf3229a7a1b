package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Catalog views and functions of user-defined types: sys.types rows for
// them (sysviews.go appends these), sys.table_types, and the TYPE_ID /
// TYPE_NAME lookups (sysfuncs.go).

// tableTypeSystemID is sys.types.system_type_id of table types (SQL Server's
// 243, the id their rows in sys.types carry).
const tableTypeSystemID = 243

// typesColumns are sys.types' columns; sys.table_types has them and two more.
var typesColumns = []vcol{{"name", vName}, {"system_type_id", vTinyInt}, {"user_type_id", vInt}, {"schema_id", vInt},
	{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"is_nullable", vBit}, {"is_user_defined", vBit},
	{"is_table_type", vBit}}

// userTypeRow is the sys.types row of a user-defined type (typesColumns).
func userTypeRow(cat *catalog.Database, ut *catalog.UserType) Row {
	sid := i32(schemaID(cat, ut.Schema))
	if ut.IsTable() {
		return Row{str(ut.Name), types.NewTinyInt(tableTypeSystemID), i32(ut.ID), sid,
			types.NewSmallInt(-1), types.NewTinyInt(0), types.NewTinyInt(0), bit(false), bit(true), bit(true)}
	}
	var t types.Type
	if dt, err := parsedDataType(ut.Base); err == nil {
		t, _ = declType(dt)
	}
	return Row{str(ut.Name), types.NewTinyInt(uint8(t.ID)), i32(ut.ID), sid,
		types.NewSmallInt(t.CatalogMaxLength()), types.NewTinyInt(t.CatalogPrecision()), types.NewTinyInt(t.CatalogScale()),
		bit(!ut.NotNull), bit(true), bit(false)}
}

// userTypeRows are the sys.types rows of db's user-defined types.
func userTypeRows(s *Session, db Database) []Row {
	cat := s.catalogFor(db)
	var out []Row
	for _, ut := range cat.SortedUserTypes() {
		out = append(out, userTypeRow(cat, ut))
	}
	return out
}

func init() {
	cols := append(append([]vcol(nil), typesColumns...), vcol{"type_table_object_id", vInt}, vcol{"is_memory_optimized", vBit})
	systemViews["sys.table_types"] = &virtualTable{cols: cols, rows: func(s *Session, db Database) ([]Row, error) {
		cat := s.catalogFor(db)
		var out []Row
		for _, ut := range cat.SortedUserTypes() {
			if ut.IsTable() {
				out = append(out, append(userTypeRow(cat, ut), i32(ut.ObjectID), bit(false)))
			}
		}
		return out, nil
	}}
}

// userTypeID is TYPE_ID for a user-defined type: 'name' (dbo) or
// 'schema.name', brackets allowed; ok is false when there is none.
func (s *Session) userTypeID(text string) (int32, bool) {
	n, err := parseObjectName(text)
	if err != nil || s.db == nil || len(n.Parts) > 2 {
		return 0, false
	}
	schema := n.Part(1)
	if schema == "" {
		schema = "dbo"
	}
	if ut := s.catalogFor(s.db).UserType(schema, n.Last()); ut != nil {
		return ut.ID, true
	}
	return 0, false
}

// userTypeName is TYPE_NAME for a user_type_id of a user-defined type.
func (s *Session) userTypeName(id int64) (string, bool) {
	if s.db == nil || id < int64(catalog.FirstUserTypeID) || id > int64(^uint32(0)>>1) {
		return "", false
	}
	if ut := s.catalogFor(s.db).UserTypeByID(int32(id)); ut != nil {
		return ut.Name, true
	}
	return "", false
}

// columnUserTypeID is sys.columns.user_type_id: the alias type's id, or the
// system type's.
func columnUserTypeID(c *catalog.Column) int32 {
	if c.RowVersion {
		return rowVersionTypeID // catalogprocs.go
	}
	if c.UserType != 0 {
		return c.UserType
	}
	return int32(c.Type.ID)
}
