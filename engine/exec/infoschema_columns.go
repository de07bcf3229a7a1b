package exec

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// INFORMATION_SCHEMA.COLUMNS in SQL Server's 23 columns. SQLAlchemy's
// mssql dialect reflects a table by selecting COLLATION_NAME among them,
// and ORMs read CHARACTER_OCTET_LENGTH, DATETIME_PRECISION and the radix;
// a view with only the first eleven failed every reflection with 207.
var infoSchemaColumnsCols = []vcol{{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName},
	{"ORDINAL_POSITION", vInt}, {"COLUMN_DEFAULT", types.NVarCharType(4000)}, {"IS_NULLABLE", types.VarCharType(3)}, {"DATA_TYPE", vName},
	{"CHARACTER_MAXIMUM_LENGTH", vInt}, {"CHARACTER_OCTET_LENGTH", vInt}, {"NUMERIC_PRECISION", vTinyInt},
	{"NUMERIC_PRECISION_RADIX", vSmallInt}, {"NUMERIC_SCALE", vInt}, {"DATETIME_PRECISION", vSmallInt},
	{"CHARACTER_SET_CATALOG", vName}, {"CHARACTER_SET_SCHEMA", vName}, {"CHARACTER_SET_NAME", vName},
	{"COLLATION_CATALOG", vName}, {"COLLATION_SCHEMA", vName}, {"COLLATION_NAME", vName},
	{"DOMAIN_CATALOG", vName}, {"DOMAIN_SCHEMA", vName}, {"DOMAIN_NAME", vName}}

// infoSchemaColumnsRows lists the tables' columns, then the views'
// (view_columns.go).
func infoSchemaColumnsRows(s *Session, db Database) ([]Row, error) {
	var out []Row
	cat := s.catalogFor(db)
	for _, t := range cat.SortedTables() {
		for _, c := range t.Columns {
			out = append(out, infoSchemaColumnRow(db.Name(), cat, t.Schema, t.Name, c))
		}
	}
	for _, v := range sortedViews(cat) {
		for _, c := range s.viewColumns(db, v) {
			out = append(out, infoSchemaColumnRow(db.Name(), cat, v.Schema, v.Name, c))
		}
	}
	return out, nil
}

// sortedViews lists cat's views by schema and name.
func sortedViews(cat *catalog.Database) []*catalog.View {
	return slices.SortedFunc(maps.Values(cat.Views), func(a, b *catalog.View) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Schema), strings.ToLower(b.Schema)), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
}

// infoSchemaColumnRow is column c of table or view schema.name. A column
// of an alias type shows its base type in DATA_TYPE and the alias in
// DOMAIN_CATALOG/SCHEMA/NAME, as SQL Server's view does.
func infoSchemaColumnRow(dbName string, cat *catalog.Database, schema, name string, c *catalog.Column) Row {
	def := null
	if c.Default != "" {
		def = str(defaultDefinition(c.Default))
	}
	nullable := "NO"
	if c.Nullable {
		nullable = "YES"
	}
	id := c.Type.ID
	charLen, octetLen := null, null
	switch {
	case id == types.Text || id == types.Image:
		charLen, octetLen = i32(2147483647), i32(2147483647)
	case id == types.NText:
		charLen, octetLen = i32(1073741823), i32(2147483646)
	case id == types.XML || (id.IsString() || id.IsBinary()) && c.Type.IsMax():
		charLen, octetLen = i32(-1), i32(-1)
	case id.IsString() || id.IsBinary():
		charLen, octetLen = i32(int32(c.Type.Length)), i32(int32(c.Type.CatalogMaxLength()))
	}
	prec, radix, scale := null, null, null
	if id.IsNumeric() && id != types.Bit { // SQL Server's view leaves bit's NULL
		prec, radix, scale = types.NewTinyInt(c.Type.CatalogPrecision()), types.NewSmallInt(10), i32(int32(c.Type.CatalogScale()))
		if id == types.Float || id == types.Real {
			radix, scale = types.NewSmallInt(2), null
		}
	}
	dtPrec := null
	switch id {
	case types.DateTime:
		dtPrec = types.NewSmallInt(3)
	case types.Date, types.SmallDateTime:
		dtPrec = types.NewSmallInt(0)
	case types.Time, types.DateTime2, types.DateTimeOffset:
		dtPrec = types.NewSmallInt(int16(c.Type.Scale))
	}
	charset, collation := null, null
	if id.IsString() && id != types.XML { // xml has no collation_name, and its type is in neither of the view's charset lists
		charset, collation = str("iso_1"), str(c.Type.Collation.Name())
		if id.IsUnicode() {
			charset = str("UNICODE")
		}
	}
	domCat, domSchema, domName := null, null, null
	if ut := cat.UserTypeByID(c.UserType); c.UserType != 0 && ut != nil {
		domCat, domSchema, domName = str(dbName), str(ut.Schema), str(ut.Name)
	}
	return Row{str(dbName), str(schema), str(name), str(c.Name), i32(c.ID), def, types.NewVarChar(nullable), str(columnTypeName(c)),
		charLen, octetLen, prec, radix, scale, dtPrec, null, null, charset, null, null, collation, domCat, domSchema, domName}
}
