package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Catalog views that ORMs and admin tools read and SQL Server always has:
//
//   - sys.default_constraints: EF Core's migrations find a column's default
//     constraint here (joined to sys.columns on parent_object_id and
//     parent_column_id) to drop it before ALTER COLUMN or DROP COLUMN;
//     SSMS and DBeaver list it in their object trees.
//   - sys.foreign_key_columns: one row per column pair of a foreign key,
//     which every schema browser and scripter joins to sys.foreign_keys.
//   - sys.identity_columns and sys.computed_columns: sys.columns' rows of
//     those columns with their seed/increment or definition.
//   - sys.extended_properties: the properties sp_addextendedproperty
//     records (extprops.go); tools LEFT JOIN it for MS_Description.
//   - INFORMATION_SCHEMA.KEY_COLUMN_USAGE, CONSTRAINT_COLUMN_USAGE and
//     REFERENTIAL_CONSTRAINTS, read by JDBC/ODBC-style metadata code and
//     many migration tools (TypeORM's schema diff among them).
func init() {
	vType2 := types.Type{ID: types.Char, Length: 2}
	vDef := types.NVarCharType(types.MaxLength)
	systemViews["sys.default_constraints"] = &virtualTable{
		cols: []vcol{{"name", vName}, {"object_id", vInt}, {"principal_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
			{"type", vType2}, {"type_desc", vDesc}, {"create_date", vDateTime}, {"modify_date", vDateTime}, {"is_ms_shipped", vBit},
			{"is_published", vBit}, {"is_schema_published", vBit}, {"parent_column_id", vInt}, {"definition", vDef},
			{"is_system_named", vBit}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, t := range cat.SortedTables() {
				for _, c := range t.Columns {
					if c.DefaultName == "" {
						continue
					}
					out = append(out, Row{str(c.DefaultName), i32(c.DefaultID), types.Null(types.Int), i32(schemaID(cat, t.Schema)), i32(t.ID),
						objectType("D"), str("DEFAULT_CONSTRAINT"), dt(t.Created), dt(t.Modified), bit(false), bit(false), bit(false),
						i32(c.ID), types.NewNVarChar(defaultDefinition(c.Default)), bit(isSystemNamed(c.DefaultName))})
				}
			}
			return out, nil
		},
	}
	systemViews["sys.foreign_key_columns"] = &virtualTable{
		cols: []vcol{{"constraint_object_id", vInt}, {"constraint_column_id", vInt}, {"parent_object_id", vInt}, {"parent_column_id", vInt},
			{"referenced_object_id", vInt}, {"referenced_column_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, t := range cat.SortedTables() {
				for _, fk := range t.ForeignKeys {
					ref := cat.Tables[fk.RefTable]
					for i, c := range fk.Columns {
						refObj, refCol := types.Null(types.Int), types.Null(types.Int)
						if ref != nil && i < len(fk.RefColumns) && fk.RefColumns[i] < len(ref.Columns) {
							refObj, refCol = i32(ref.ID), i32(ref.Columns[fk.RefColumns[i]].ID)
						}
						out = append(out, Row{i32(fk.ID), i32(int32(i + 1)), i32(t.ID), i32(t.Columns[c].ID), refObj, refCol})
					}
				}
			}
			return out, nil
		},
	}
	systemViews["sys.identity_columns"] = &virtualTable{
		cols: []vcol{{"object_id", vInt}, {"name", vName}, {"column_id", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
			{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"is_nullable", vBit}, {"is_identity", vBit},
			{"seed_value", types.Type{ID: types.SQLVariant}}, {"increment_value", types.Type{ID: types.SQLVariant}},
			{"is_not_for_replication", vBit}, {"last_value", types.Type{ID: types.SQLVariant}}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				for _, c := range t.Columns {
					if !c.Identity {
						continue
					}
					seed, err := identityVariant(c, c.Seed)
					if err != nil {
						return nil, err
					}
					inc, err := identityVariant(c, c.Increment)
					if err != nil {
						return nil, err
					}
					// last_value: the last value given, NULL before the first.
					last := types.Null(types.SQLVariant)
					if cur, ok := db.IdentityCurrent(t.ID); ok {
						if last, err = identityVariant(c, cur); err != nil {
							return nil, err
						}
					}
					out = append(out, Row{i32(t.ID), str(c.Name), i32(c.ID), types.NewTinyInt(uint8(c.Type.ID)), i32(int32(c.Type.ID)),
						types.NewSmallInt(c.Type.CatalogMaxLength()), types.NewTinyInt(c.Type.CatalogPrecision()), types.NewTinyInt(c.Type.CatalogScale()),
						bit(c.Nullable), bit(true), seed, inc, bit(false), last})
				}
			}
			return out, nil
		},
	}
	systemViews["sys.computed_columns"] = &virtualTable{
		cols: []vcol{{"object_id", vInt}, {"name", vName}, {"column_id", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
			{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"is_nullable", vBit}, {"is_computed", vBit},
			{"definition", vDef}, {"uses_database_collation", vBit}, {"is_persisted", vBit}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				for _, c := range t.Columns {
					if c.Computed == "" {
						continue
					}
					out = append(out, Row{i32(t.ID), str(c.Name), i32(c.ID), types.NewTinyInt(uint8(c.Type.ID)), i32(int32(c.Type.ID)),
						types.NewSmallInt(c.Type.CatalogMaxLength()), types.NewTinyInt(c.Type.CatalogPrecision()), types.NewTinyInt(c.Type.CatalogScale()),
						bit(c.Nullable), bit(true), types.NewNVarChar(defaultDefinition(c.Computed)), bit(true), bit(c.Persisted)})
				}
			}
			return out, nil
		},
	}
	systemViews["sys.extended_properties"] = &virtualTable{
		cols: []vcol{{"class", vTinyInt}, {"class_desc", vDesc}, {"major_id", vInt}, {"minor_id", vInt}, {"name", vName},
			{"value", types.Type{ID: types.SQLVariant}}},
		rows: func(s *Session, db Database) ([]Row, error) { return s.extendedPropertyRows(db), nil }, // extprops.go
	}
	systemViews["information_schema.key_column_usage"] = &virtualTable{
		cols: []vcol{{"CONSTRAINT_CATALOG", vName}, {"CONSTRAINT_SCHEMA", vName}, {"CONSTRAINT_NAME", vName}, {"TABLE_CATALOG", vName},
			{"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName}, {"ORDINAL_POSITION", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				add := func(name string, cols []int) {
					for i, c := range cols {
						out = append(out, Row{str(db.Name()), str(t.Schema), str(name), str(db.Name()), str(t.Schema), str(t.Name),
							str(t.Columns[c].Name), i32(int32(i + 1))})
					}
				}
				for _, ix := range t.Indexes {
					if ix.Constraint {
						add(ix.Name, indexColumnPositions(ix))
					}
				}
				for _, fk := range t.ForeignKeys {
					add(fk.Name, fk.Columns)
				}
			}
			return out, nil
		},
	}
	// One row per column a PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK
	// constraint uses; TypeORM joins it to TABLE_CONSTRAINTS to learn each
	// column's primary, unique and check constraints when it diffs its
	// entities against the database.
	systemViews["information_schema.constraint_column_usage"] = &virtualTable{
		cols: []vcol{{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName},
			{"CONSTRAINT_CATALOG", vName}, {"CONSTRAINT_SCHEMA", vName}, {"CONSTRAINT_NAME", vName}},
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, t := range s.catalogFor(db).SortedTables() {
				add := func(name string, cols []int) {
					for _, c := range cols {
						out = append(out, Row{str(db.Name()), str(t.Schema), str(t.Name), str(t.Columns[c].Name),
							str(db.Name()), str(t.Schema), str(name)})
					}
				}
				for _, ix := range t.Indexes {
					if ix.Constraint {
						add(ix.Name, indexColumnPositions(ix))
					}
				}
				for _, ck := range t.Checks {
					add(ck.Name, checkColumns(t, ck)) // constraint_state.go
				}
				for _, fk := range t.ForeignKeys {
					add(fk.Name, fk.Columns)
				}
			}
			return out, nil
		},
	}
	systemViews["information_schema.referential_constraints"] = &virtualTable{
		cols: []vcol{{"CONSTRAINT_CATALOG", vName}, {"CONSTRAINT_SCHEMA", vName}, {"CONSTRAINT_NAME", vName},
			{"UNIQUE_CONSTRAINT_CATALOG", vName}, {"UNIQUE_CONSTRAINT_SCHEMA", vName}, {"UNIQUE_CONSTRAINT_NAME", vName},
			{"MATCH_OPTION", types.VarCharType(7)}, {"UPDATE_RULE", types.VarCharType(11)}, {"DELETE_RULE", types.VarCharType(11)}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, t := range cat.SortedTables() {
				for _, fk := range t.ForeignKeys {
					uq, uqSchema := null, null
					if ref := cat.Tables[fk.RefTable]; ref != nil {
						uqSchema = str(ref.Schema)
						if ix := referencedKey(ref, fk.RefColumns); ix != nil {
							uq = str(ix.Name)
						}
					}
					out = append(out, Row{str(db.Name()), str(t.Schema), str(fk.Name), str(db.Name()), uqSchema, uq,
						types.NewVarChar("SIMPLE"), types.NewVarChar(ruleText(fk.OnUpdate)), types.NewVarChar(ruleText(fk.OnDelete))})
				}
			}
			return out, nil
		},
	}
}

// identityVariant is an identity column's seed or increment as
// sys.identity_columns shows it: a sql_variant of the column's type.
func identityVariant(c *catalog.Column, n int64) (types.Value, error) {
	v, err := types.Convert(types.NewBigInt(n), c.Type, 0)
	if err != nil {
		return types.Value{}, err
	}
	return types.Convert(v, types.Type{ID: types.SQLVariant}, 0)
}

// indexColumnPositions lists ix's key columns as positions in its table.
func indexColumnPositions(ix *catalog.Index) []int {
	out := make([]int, len(ix.Columns))
	for i, kc := range ix.Columns {
		out[i] = kc.Column
	}
	return out
}

// referencedKey finds the PRIMARY KEY or UNIQUE index of t whose key is
// exactly cols (in any order), the key a foreign key on cols refers to.
func referencedKey(t *catalog.Table, cols []int) *catalog.Index {
	for _, ix := range t.Indexes {
		if !ix.Unique || ix.Name == "" || len(ix.Columns) != len(cols) {
			continue
		}
		match := true
		for _, kc := range ix.Columns {
			found := false
			for _, c := range cols {
				found = found || c == kc.Column
			}
			match = match && found
		}
		if match {
			return ix
		}
	}
	return nil
}

// ruleText is a referential action as INFORMATION_SCHEMA spells it.
func ruleText(action string) string {
	if action == "" {
		return "NO ACTION"
	}
	return strings.ReplaceAll(action, "_", " ")
}

// buildListExtendedProperty compiles fn_listextendedproperty (extprops.go).
func (s *Session) buildListExtendedProperty(t *ast.TableFunc, outer *scope) (*source, error) {
	return s.buildListExtendedPropertyRows(t, outer)
}

// referentialAction is sys.foreign_keys' delete/update_referential_action:
// 0 NO_ACTION, 1 CASCADE, 2 SET_NULL, 3 SET_DEFAULT.
func referentialAction(action string) uint8 {
	switch action {
	case "CASCADE":
		return 1
	case "SET_NULL":
		return 2
	case "SET_DEFAULT":
		return 3
	}
	return 0
}
