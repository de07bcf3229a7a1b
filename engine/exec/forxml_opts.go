package exec

import (
	"encoding/base64"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// What FOR XML's three modes share: the directives, the result's shape,
// how a value is written and escaped, and SQL Server's errors for them.
// PATH is in forxml_path.go, RAW and AUTO in forxml.go.

const (
	forXMLColumn = "XML_F52E2B61-18A1-11d1-B105-00805F49916B"
	// xsiNamespace is the declaration ELEMENTS XSINIL puts on each
	// top-level element (on the ROOT element only when there is one).
	xsiNamespace = ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
)

var (
	errForXMLUnnamed        = errorKind{6809, 16, 1, "Unnamed tables cannot be used as XML identifiers as well as unnamed columns cannot be used for attribute names. Name unnamed columns/tables using AS in the SELECT statement.", AbortStatement}
	errForXMLRepeatedAttr   = errorKind{6810, 16, 1, "Column name '%s' is repeated. The same attribute cannot be generated more than once on the same XML tag.", AbortStatement}
	errForXMLAutoNoTable    = errorKind{6800, 16, 1, "FOR XML AUTO requires at least one table for generating XML tags. Use FOR XML RAW or add a FROM clause with a table name.", AbortStatement}
	errForXMLRawBinary      = errorKind{6829, 16, 1, `FOR XML EXPLICIT and RAW modes currently do not support addressing binary data as URLs in column '%s'. Remove the column, or use the BINARY BASE64 mode, or create the URL directly using the 'dbobject/TABLE[@PK1="V1"]/@COLUMN' syntax.`, AbortStatement}
	errForXMLAutoBinary     = errorKind{6830, 16, 1, `FOR XML AUTO could not find the table owning the following column '%s' to create a URL address for it. Remove the column, or use the BINARY BASE64 mode, or create the URL directly using the 'dbobject/TABLE[@PK1="V1"]/@COLUMN' syntax.`, AbortStatement}
	errForXMLBadChar        = errorKind{6841, 16, 1, "FOR XML could not serialize the data for node '%s' because it contains a character (0x%04X) which is not allowed in XML. To retrieve this data using FOR XML, convert it to binary, varbinary or image data type and use the BINARY BASE64 directive.", AbortStatement}
	errForXMLPathSlash      = errorKind{6849, 16, 1, "FOR XML PATH error in column '%s' - '//' and leading and trailing '/' are not allowed in simple path expressions.", AbortStatement}
	errForXMLBadName        = errorKind{6850, 16, 1, "Column name '%s' contains an invalid XML identifier as required by FOR XML; '%c'(0x%04X) is the first character at fault.", AbortStatement}
	errForXMLAttrType       = errorKind{6851, 16, 1, "Column '%s' has invalid data type for attribute-centric XML serialization in FOR XML PATH.", AbortStatement}
	errForXMLAttrAfter      = errorKind{6852, 16, 1, "Attribute-centric column '%s' must not come after a non-attribute-centric sibling in XML hierarchy in FOR XML PATH.", AbortStatement}
	errForXMLNodeTestXML    = errorKind{6853, 16, 1, "Column '%s': the last step in the path can't be applied to XML data type or CLR type in FOR XML PATH.", AbortStatement}
	errForXMLBadPI          = errorKind{6854, 16, 1, "Invalid column alias '%s' for formatting column as XML processing instruction in FOR XML PATH - it must be in 'processing-instruction(target)' format.", AbortStatement}
	errForXMLPathSchema     = errorKind{6855, 16, 1, "Inline schema is not supported with FOR XML PATH.", AbortStatement}
	errForXMLBadRowName     = errorKind{6856, 16, 1, "FOR XML row XML tag name contains an invalid XML identifier; '%c'(0x%04X) is the first character at fault.", AbortStatement}
	errForXMLBadRootName    = errorKind{6857, 16, 1, "FOR XML root XML tag name contains an invalid XML identifier; '%c'(0x%04X) is the first character at fault.", AbortStatement}
	errForXMLAutoRowName    = errorKind{6859, 16, 1, "Row tag name is only allowed with RAW or PATH mode of FOR XML.", AbortStatement}
	errForXMLDataWithNames  = errorKind{6860, 16, 1, "FOR XML directive XMLDATA is not allowed with ROOT directive or row tag name specified.", AbortStatement}
	errForXMLEmptyRoot      = errorKind{6861, 16, 1, "Empty root tag name can't be specified with FOR XML.", AbortStatement}
	errForXMLNoRowTagAttr   = errorKind{6864, 16, 1, "Row tag omission (empty row tag name) cannot be used with attribute-centric FOR XML serialization.", AbortStatement}
	errForXMLElementsMode   = errorKind{6825, 16, 1, "ELEMENTS option is only allowed in RAW, AUTO, and PATH modes of FOR XML.", AbortStatement}
	errForXMLNamespaces     = errorKind{6868, 16, 1, "The following FOR XML features are not supported with WITH XMLNAMESPACES list: EXPLICIT mode, XMLSCHEMA and XMLDATA directives.", AbortStatement}
	errForXMLExplicitXSD    = errorKind{3625, 16, 17, "'Inline XSD for FOR XML EXPLICIT' is not yet implemented.", AbortStatement}
	errForXMLEmptySchemaURI = errorKind{6862, 16, 1, "Empty FOR XML target inline schema URI is not allowed.", AbortStatement}
	errForXMLSchemaNoRowTag = errorKind{6863, 16, 1, "Row tag omission (empty row tag name) is not compatible with XMLSCHEMA FOR XML directive.", AbortStatement}
	errForXMLNoPrefix       = errorKind{6846, 16, 1, "XML name space prefix '%s' declaration is missing for FOR XML %s name '%s'.", AbortStatement}
	errXMLNSRedefined       = errorKind{6869, 16, 1, "Attempt to redefine namespace prefix '%s'", AbortStatement}
	errXMLNSBadPrefix       = errorKind{6870, 16, 1, "Prefix '%s' used in WITH XMLNAMESPACES clause contains an invalid XML identifier. '%c'(0x%04X) is the first character at fault.", AbortStatement}
	errXMLNSReserved        = errorKind{6871, 16, 1, "Prefix '%s' used in WITH XMLNAMESPACES is reserved and cannot be used as a user-defined prefix.", AbortStatement}
	errXMLNSXMLPrefix       = errorKind{6872, 16, 1, "XML namespace prefix 'xml' can only be associated with the URI http://www.w3.org/XML/1998/namespace. This URI cannot be used with other prefixes.", AbortStatement}
	errXMLNSXsi             = errorKind{6873, 16, 1, "Redefinition of 'xsi' XML namespace prefix is not supported with ELEMENTS XSINIL option of FOR XML.", AbortStatement}
	errXMLNSEmptyURI        = errorKind{6874, 16, 1, "Empty URI is not allowed in WITH XMLNAMESPACES clause.", AbortStatement}
)

// xmlNamespaceURI is the URI the prefix xml is bound to.
const xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"

// checkXMLNamespaces checks a FOR XML query's WITH XMLNAMESPACES list in
// order, with SQL Server's errors: an empty URI (6874), a prefix that is
// not an XML name (6870), xmlns (6871), xml and its URI bound to anything
// but each other (6872: state 1 the prefix, 2 the URI), a prefix (or
// DEFAULT) declared twice (6869), and xsi beside ELEMENTS XSINIL (6873).
func checkXMLNamespaces(nss []*ast.XMLNamespace, xsinil bool) error {
	seen := map[string]bool{}
	for _, ns := range nss {
		uri, prefix := ns.URI.Value, "default"
		if ns.Prefix != nil {
			prefix = ns.Prefix.Name
			if uri == "" {
				return errXMLNSEmptyURI.New()
			}
			if r, bad := badXMLName(prefix); bad || strings.ContainsRune(prefix, ':') {
				if !bad {
					r = ':'
				}
				return errXMLNSBadPrefix.New(prefix, r, r)
			}
			switch {
			case prefix == "xmlns":
				return errXMLNSReserved.New(prefix)
			case prefix == "xml" && uri != xmlNamespaceURI:
				return errXMLNSXMLPrefix.New()
			case prefix != "xml" && uri == xmlNamespaceURI:
				e := errXMLNSXMLPrefix.New()
				e.State = 2
				return e
			case prefix == "xsi" && xsinil:
				return errXMLNSXsi.New()
			}
		}
		if seen[prefix] {
			return errXMLNSRedefined.New(prefix)
		}
		seen[prefix] = true
	}
	return nil
}

// checkXMLPrefix reports 6846 when name (a FOR XML row, root or column
// name, kind says which; full is the name as written) has a prefix that
// WITH XMLNAMESPACES does not declare (xml always is).
func checkXMLPrefix(q *ast.Query, name, kind, full string) error {
	prefix, _, ok := strings.Cut(name, ":")
	if !ok || prefix == "xml" || prefix == "" {
		return nil
	}
	if q.With != nil {
		for _, ns := range q.With.Namespaces {
			if ns.Prefix != nil && ns.Prefix.Name == prefix {
				return nil
			}
		}
	}
	return errForXMLNoPrefix.New(prefix, kind, full)
}

// forXMLOptions are a FOR XML clause's mode argument and directives.
type forXMLOptions struct {
	rowName string // RAW('x') / PATH('x'); "row" when not given; "" omits it (PATH)
	root    string // ROOT('x'); "" without ROOT
	typ     bool   // TYPE: the result is xml
	// elements writes RAW/AUTO columns as subelements; xsinil writes a NULL
	// as an element with xsi:nil="true" instead of leaving it out.
	elements, xsinil bool
	base64           bool // BINARY BASE64
	// decls are the namespace declarations every top-level element (or
	// the ROOT element) carries: WITH XMLNAMESPACES' and, with XSINIL, xsi.
	decls string
	// schema is XMLDATA when EXPLICIT asks for it: the universal table's
	// columns are checked (some errors exist only with it) before it is
	// refused.
	schema string
}

// forXMLOptions evaluates and checks q's FOR XML argument and directives
// with SQL Server's errors. Inline schemas (XMLDATA, XMLSCHEMA) are not
// produced: PATH refuses them as SQL Server does (6855), RAW and AUTO
// with 40508.
func (s *Session) forXMLOptions(q *ast.Query) (forXMLOptions, error) {
	f := q.For
	o := forXMLOptions{rowName: "row"}
	// ELEMENTS XSINIL's declaration comes first, then WITH XMLNAMESPACES'
	// in reverse order, as SQL Server writes them.
	var d strings.Builder
	xsinil := false
	for _, dir := range f.Directives {
		if dir.Name == "ELEMENTS" && dir.Word == "XSINIL" {
			d.WriteString(xsiNamespace)
			xsinil = true
		}
	}
	if q.With != nil {
		if err := checkXMLNamespaces(q.With.Namespaces, xsinil); err != nil {
			return o, err
		}
	}
	if q.With != nil {
		for i := len(q.With.Namespaces) - 1; i >= 0; i-- {
			ns := q.With.Namespaces[i]
			d.WriteString(" xmlns")
			if ns.Prefix != nil {
				d.WriteString(":" + ns.Prefix.Name)
			}
			d.WriteString(`="`)
			if err := writeXMLEscaped(&d, ns.URI.Value, true, ""); err != nil {
				return o, err
			}
			d.WriteByte('"')
		}
	}
	o.decls = d.String()
	if f.Arg != nil {
		if f.Mode == "AUTO" || f.Mode == "EXPLICIT" {
			return o, errForXMLAutoRowName.New()
		}
		name, err := s.constText(f.Arg)
		if err != nil {
			return o, err
		}
		if r, ok := badXMLName(name); ok {
			return o, errForXMLBadRowName.New(r, r)
		}
		o.rowName = name
		if err := checkXMLPrefix(q, name, "row", name); err != nil {
			return o, err
		}
	}
	schema := ""
	var schemaURI *string // XMLSCHEMA('uri')
	for _, d := range f.Directives {
		switch d.Name {
		case "TYPE":
			o.typ = true
		case "ROOT":
			o.root = "root"
			if d.Value != nil {
				name, err := s.constText(d.Value)
				if err != nil {
					return o, err
				}
				if name == "" {
					return o, errForXMLEmptyRoot.New()
				}
				if r, ok := badXMLName(name); ok {
					return o, errForXMLBadRootName.New(r, r)
				}
				if err := checkXMLPrefix(q, name, "root", name); err != nil {
					return o, err
				}
				o.root = name
			}
		case "ELEMENTS":
			if f.Mode == "EXPLICIT" {
				return o, errForXMLElementsMode.New()
			}
			o.elements = true
			o.xsinil = d.Word == "XSINIL"
		case "BINARY":
			if d.Word != "BASE64" {
				return o, ErrNotSupported.New("FOR XML BINARY " + d.Word)
			}
			o.base64 = true
		case "XMLDATA", "XMLSCHEMA":
			schema = d.Name
			if d.Value != nil {
				uri, err := s.constText(d.Value)
				if err != nil {
					return o, err
				}
				schemaURI = &uri
			}
		default:
			return o, ErrNotSupported.New("FOR XML " + d.Name)
		}
	}
	if q.With != nil && len(q.With.Namespaces) > 0 && (f.Mode == "EXPLICIT" || schema != "") {
		return o, errForXMLNamespaces.New()
	}
	if f.Mode == "EXPLICIT" {
		if schema == "XMLSCHEMA" {
			return o, errForXMLExplicitXSD.New()
		}
		o.schema = schema
		return o, nil
	}
	if schema != "" {
		switch {
		case f.Mode == "PATH":
			return o, errForXMLPathSchema.New()
		case schema == "XMLDATA" && (o.root != "" || f.Arg != nil):
			return o, errForXMLDataWithNames.New()
		case schemaURI != nil && *schemaURI == "":
			return o, errForXMLEmptySchemaURI.New()
		case schema == "XMLSCHEMA" && o.rowName == "":
			return o, errForXMLSchemaNoRowTag.New()
		}
		return o, ErrNotSupported.New("FOR XML " + schema + " (an inline schema)")
	}
	return o, nil
}

// resultPlan is the plan of a FOR XML query's one result value, built by
// render from the rows of p: without TYPE an nvarchar(max) column named
// XML_F52E2B61-… and no row at all for an empty result; with TYPE an
// unnamed xml column and, for an empty result, one NULL.
func (o forXMLOptions) resultPlan(render func(ec *evalCtx) (string, int, error)) *plan {
	col := scopeCol{name: forXMLColumn, typ: types.NVarCharType(types.MaxLength)}
	if o.typ {
		col = scopeCol{typ: types.Type{ID: types.XML, Length: types.MaxLength}}
	}
	return &plan{cols: []scopeCol{col}, open: func(ec *evalCtx) (rowIter, error) {
		text, n, err := render(ec)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			if o.typ {
				return &sliceIter{rows: []Row{{types.Null(types.XML)}}}, nil
			}
			return &sliceIter{}, nil
		}
		if o.typ {
			return &sliceIter{rows: []Row{{types.NewString(types.XML, text)}}}, nil
		}
		return &sliceIter{rows: []Row{{types.NewNVarChar(text)}}}, nil
	}}
}

// documentPlan is the plan of a FOR XML query whose document is its rows
// written one after another, inside the ROOT element when there is one:
// each run asks start for a fresh writer, whose row writes one row and
// whose end (nil: none) closes what the rows left open. No rows give no
// document, not an empty ROOT element.
func (o forXMLOptions) documentPlan(p *plan, start func() (row func(*strings.Builder, Row) error, end func(*strings.Builder))) *plan {
	return o.resultPlan(func(ec *evalCtx) (string, int, error) {
		row, end := start()
		var b strings.Builder
		if o.root != "" {
			b.WriteString("<" + o.root + o.decls + ">")
		}
		n, err := eachRow(ec, p, func(r Row) error { return row(&b, r) })
		if err != nil || n == 0 {
			return "", n, err
		}
		if end != nil {
			end(&b)
		}
		if o.root != "" {
			b.WriteString("</" + o.root + ">")
		}
		return b.String(), n, nil
	})
}

// badXMLName reports the first character of name that an XML name does
// not allow (letters, '_' and ':' first; digits, '-' and '.' after).
func badXMLName(name string) (rune, bool) {
	for i, r := range name {
		if !xmlNameRune(r, i == 0) {
			return r, true
		}
	}
	return 0, false
}

func xmlNameRune(r rune, first bool) bool {
	switch {
	case r == '_' || r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		return true
	case r > 0x7f:
		return r != 0xFFFE && r != 0xFFFF
	}
	return !first && (r >= '0' && r <= '9' || r == '-' || r == '.')
}

// xmlName is a column or table name as an XML name for RAW and AUTO: each
// character XML names do not allow is written _xHHHH_, as SQL Server does
// ([full name] → full_x0020_name).
func xmlName(n string) string {
	if _, bad := badXMLName(n); !bad {
		return n
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i, r := range n {
		if xmlNameRune(r, i == 0) && r != ':' {
			b.WriteRune(r)
			continue
		}
		b.WriteString("_x")
		for sh := 12; sh >= 0; sh -= 4 {
			b.WriteByte(hex[(r>>uint(sh))&0xF])
		}
		b.WriteByte('_')
	}
	return b.String()
}

// writeXMLValue writes v (not NULL) as FOR XML does, escaped for an
// element's text or, with attr, an attribute's value: bit as 0/1, float
// and real in scientific notation, money with four decimals, date and
// time in ISO 8601 (xs:dateTime), binary in base64, xml as its markup
// (never in an attribute: callers refuse that).
// node names the column in error 6841 (a character XML does not allow).
func writeXMLValue(b *strings.Builder, v types.Value, attr bool, node string) error {
	id := v.TypeID()
	switch {
	case id == types.XML:
		b.WriteString(v.Str())
		return nil
	case id.IsString():
		return writeXMLEscaped(b, v.Str(), attr, node)
	case id == types.Int || id == types.BigInt || id == types.SmallInt || id == types.TinyInt:
		var buf [24]byte
		b.Write(strconv.AppendInt(buf[:0], v.Int64(), 10))
		return nil
	case id == types.Bit:
		if v.Bool() {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
		return nil
	case id == types.Float || id == types.Real:
		writeXMLFloat(b, v.Float64(), id == types.Real)
		return nil
	case id.IsBinary():
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(v.Str())))
		return nil
	case id == types.Money || id == types.SmallMoney:
		// Four decimals (CONVERT style 2), where CONVERT's default has two.
		c, err := types.ConvertWith(v, types.VarCharType(40), 2, types.ConvertOptions{})
		if err != nil {
			return err
		}
		b.WriteString(c.Str())
		return nil
	case id.IsDateTime():
		c, err := types.ConvertWith(v, types.NVarCharType(100), 126, types.ConvertOptions{})
		if err != nil {
			return err
		}
		t := c.Str()
		if id == types.DateTimeOffset {
			// xs:dateTime: the offset follows the time directly.
			t = strings.Replace(t, " ", "", 1)
		}
		b.WriteString(t)
		return nil
	}
	t, err := asText(v)
	if err != nil {
		return err
	}
	return writeXMLEscaped(b, t, attr, node)
}

// writeXMLFloat writes f as SQL Server's FOR XML does: 16 significant
// digits for float (1.500000000000000e+000), 8 for real, a three-digit
// exponent.
func writeXMLFloat(b *strings.Builder, f float64, real bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		return
	}
	prec, bits := 15, 64
	if real {
		prec, bits = 7, 32
	}
	s := strconv.FormatFloat(f, 'e', prec, bits)
	mant, exp, _ := strings.Cut(s, "e")
	b.WriteString(mant)
	b.WriteByte('e')
	b.WriteByte(exp[0])
	for range 4 - len(exp) {
		b.WriteByte('0')
	}
	b.WriteString(exp[1:])
}

// writeXMLEscaped writes s with &, < and > as entities, a carriage return
// as &#x0D; and, in an attribute, " and tab and line feed as entities too.
// The other control characters XML 1.0 does not allow are error 6841.
func writeXMLEscaped(b *strings.Builder, s string, attr bool, node string) error {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var rep string
		switch {
		case c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"':
			continue
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '\r':
			rep = "&#x0D;"
		case c == '"':
			if !attr {
				continue
			}
			rep = "&quot;"
		case c == '\n':
			if !attr {
				continue
			}
			rep = "&#x0A;"
		case c == '\t':
			if !attr {
				continue
			}
			rep = "&#x09;"
		default:
			if node == "" {
				node = "NoName"
			}
			return errForXMLBadChar.New(node, int(c))
		}
		b.WriteString(s[start:i])
		b.WriteString(rep)
		start = i + 1
	}
	b.WriteString(s[start:])
	return nil
}

// eachRow runs p and calls fn with each of its rows; it returns the row
// count.
func eachRow(ec *evalCtx, p *plan, fn func(r Row) error) (int, error) {
	it, err := p.open(ec)
	if err != nil {
		return 0, err
	}
	defer it.Close()
	for n := 0; ; n++ {
		r, err := it.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if err := fn(r); err != nil {
			return n, err
		}
	}
}

// badXMLChar reports the first control character of s that XML 1.0 does
// not allow (all below 0x20 but tab, line feed and carriage return).
func badXMLChar(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return int(c), true
		}
	}
	return 0, false
}

// forClauseNotAllowed is SQL Server's error for a FOR XML or FOR JSON
// clause on a SELECT whose rows do not go to the client: an INSERT's
// source, SELECT … INTO, or a SELECT that assigns variables (state 3,
// where SQL Server names FOR XML for FOR JSON too). A nested FOR clause
// (a subquery, a derived table, SET @v = (SELECT …)) is allowed.
func forClauseNotAllowed(f *ast.ForClause, assign bool, stmt string) error {
	if assign {
		return &Error{Number: 6819, Severity: 16, State: 3, Message: "The FOR XML clause is not allowed in a " + stmt + " statement.", Abort: AbortStatement}
	}
	if f.Kind == "JSON" {
		return &Error{Number: 13602, Severity: 16, State: 1, Message: "The FOR JSON clause is not allowed in a " + stmt + " statement.", Abort: AbortStatement}
	}
	return &Error{Number: 6819, Severity: 16, State: 1, Message: "The FOR XML clause is not allowed in a " + stmt + " statement.", Abort: AbortStatement}
}
