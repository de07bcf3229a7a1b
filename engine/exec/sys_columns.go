package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.columns in SQL Server 2022's columns and order (SELECT * and
// schema-compare tools read them by position): a row per column of every
// table and view (view_columns.go). What the server has no notion of —
// replication, FILESTREAM, sparse columns and column sets, Always
// Encrypted, dynamic data masking, graph tables, data retention, ledger
// views — is 0 or NULL, as SQL Server shows for a column without it.
var sysColumnsCols = []vcol{{"object_id", vInt}, {"name", vName}, {"column_id", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
	{"max_length", vSmallInt}, {"precision", vTinyInt}, {"scale", vTinyInt}, {"collation_name", vName}, {"is_nullable", vBit},
	{"is_ansi_padded", vBit}, {"is_rowguidcol", vBit}, {"is_identity", vBit}, {"is_computed", vBit}, {"is_filestream", vBit},
	{"is_replicated", vBit}, {"is_non_sql_subscribed", vBit}, {"is_merge_published", vBit}, {"is_dts_replicated", vBit},
	{"is_xml_document", vBit}, {"xml_collection_id", vInt}, {"default_object_id", vInt}, {"rule_object_id", vInt},
	{"is_sparse", vBit}, {"is_column_set", vBit}, {"generated_always_type", vTinyInt}, {"generated_always_type_desc", vDesc},
	{"encryption_type", vInt}, {"encryption_type_desc", types.NVarCharType(64)}, {"encryption_algorithm_name", vName},
	{"column_encryption_key_id", vInt}, {"column_encryption_key_database_name", vName}, {"is_hidden", vBit}, {"is_masked", vBit},
	{"graph_type", vInt}, {"graph_type_desc", vDesc}, {"is_data_deletion_filter_column", vBit},
	{"ledger_view_column_type", vInt}, {"ledger_view_column_type_desc", vDesc}, {"is_dropped_ledger_column", vBit}}

func sysColumnsRows(s *Session, db Database) ([]Row, error) {
	var out []Row
	cat := s.catalogFor(db)
	for _, t := range cat.SortedTables() {
		for _, c := range t.Columns {
			out = append(out, sysColumnRow(t.ID, c))
		}
	}
	for _, v := range sortedViews(cat) { // infoschema_columns.go
		for _, c := range s.viewColumns(db, v) {
			out = append(out, sysColumnRow(v.ID, c))
		}
	}
	return out, nil
}

// sysColumnRow is column c of object id. is_ansi_padded is 1 for the
// character and binary types (ANSI_PADDING is always ON here).
func sysColumnRow(id int32, c *catalog.Column) Row {
	coll := null
	if collatable(c.Type.ID) { // xml has none (dbcollation.go)
		coll = str(c.Type.Collation.Name())
	}
	padded := (c.Type.ID.IsString() && c.Type.ID != types.XML) || c.Type.ID.IsBinary() || c.Type.ID == types.SQLVariant
	no := bit(false)
	return Row{i32(id), str(c.Name), i32(c.ID), types.NewTinyInt(columnSystemTypeID(c)), i32(columnUserTypeID(c)),
		types.NewSmallInt(c.Type.CatalogMaxLength()), types.NewTinyInt(c.Type.CatalogPrecision()), types.NewTinyInt(c.Type.CatalogScale()),
		coll, bit(c.Nullable),
		bit(padded), bit(c.RowGUIDCol), bit(c.Identity), bit(c.Computed != ""), no, // no FILESTREAM
		no, no, no, no, // not replicated
		no, i32(0), i32(c.DefaultID), i32(0), // no typed XML, no bound rules
		bit(c.Sparse), bit(c.ColumnSet), types.NewTinyInt(c.Generated), str(generatedAlwaysDesc[c.Generated%3]), // temporal_query.go
		types.Null(types.Int), types.Null(types.NVarChar), types.Null(types.NVarChar), // no Always Encrypted
		types.Null(types.Int), types.Null(types.NVarChar), bit(c.Hidden), no,
		types.Null(types.Int), types.Null(types.NVarChar), no,
		types.Null(types.Int), types.Null(types.NVarChar), no}
}
