package catalog

// ExtendedProperty is one extended property (sp_addextendedproperty): a
// named sql_variant on the database, a schema, an object or column, a
// parameter or an index. It is part of the database's catalog, so it is
// logged with the transaction that adds it, reaches the mirror, survives a
// restart and a restore, and rolls back with its transaction.
//
// The target is kept by id, as sys.extended_properties shows it (class,
// major_id, minor_id): renaming the object keeps its properties, and
// dropping it leaves a row that applies to nothing and is not listed
// (object ids are not reused).
type ExtendedProperty struct {
	// Class is sys.extended_properties.class: 0 database, 1 object or
	// column, 2 parameter, 3 schema, 7 index.
	Class   uint8  `json:"class"`
	MajorID int32  `json:"major_id"`
	MinorID int32  `json:"minor_id"`
	Name    string `json:"name"`
	// Value is the value's text and Type its SQL Server type (nvarchar(…),
	// int …); Null marks a NULL value.
	Value string `json:"value,omitempty"`
	Type  string `json:"type,omitempty"`
	Null  bool   `json:"null,omitempty"`
}
