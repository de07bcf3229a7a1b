package types

// The deprecated large-object types text, ntext and image, and untyped xml.
//
// They are stored and computed with exactly the semantics of varchar(max),
// nvarchar(max) and varbinary(max) (Value.s holds UTF-8 text or the raw
// bytes); only their TypeID differs, so result columns carry the right TDS
// type (TEXTTYPE, NTEXTTYPE, IMAGETYPE, XMLTYPE) and catalog views print the
// right name. xml is kept as its text: it is not parsed or validated and
// has no XQuery methods (value(), query(), nodes()); XML is Unicode.
//
// SQL Server refuses =, <, ORDER BY and string functions on text/ntext/image
// (306, 8116); we accept them with the (max) semantics, a deliberate
// leniency: clients only ever observe more statements succeeding.

// lobType returns the Type of a LOB or sql_variant column: Length is
// MaxLength for the LOB types, so IsMax reports them and conversions to them
// never truncate.
func lobType(id TypeID) Type {
	if id == SQLVariant {
		return Type{ID: SQLVariant}
	}
	return Type{ID: id, Length: MaxLength}
}

// IsLOB reports text, ntext, image and xml.
func (t TypeID) IsLOB() bool { return t == Text || t == NText || t == Image || t == XML }
