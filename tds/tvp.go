package tds

// Table-valued parameters in RPC requests ([MS-TDS] 2.2.5.5.5 TVP_TYPE_INFO,
// 2.2.6.6 TVP values). A TVP parameter's TYPE_INFO is the type byte 0xF3, the
// three parts of the table type's name, TVP_COLMETADATA and optional ordering
// tokens ended by TVP_END_TOKEN; its value is a list of rows, each
// TVP_ROW_TOKEN followed by one value per non-default column, ended by
// TVP_END_TOKEN.

// typeTVP is the TYPE_INFO id of a table-valued parameter.
const typeTVP = 0xF3

// TVP tokens and column flags.
const (
	tvpEndToken         = 0x00
	tvpRowToken         = 0x01
	tvpOrderUniqueToken = 0x10
	tvpColumnOrdering   = 0x11
	tvpNullToken        = 0xFFFF // column count of a TVP without metadata (a default TVP)
	tvpFlagDefault      = 0x0200 // fDefault: the column has no values in the rows
)

// maxTVPColumns is SQL Server's limit of columns in a table type; it bounds
// the metadata an untrusted request may make the server allocate.
const maxTVPColumns = 1024

// TVP is the value of a table-valued parameter. Schema and Name are the table
// type's name as the client sent it (Schema may be empty; the database part
// must be empty, as [MS-TDS] requires). Every row has one value per column,
// following the value model of doc.go; a Default column's values are nil and
// mean the column's default. A TVP sent without metadata (TVP_NULL_TOKEN) has
// no columns and no rows.
type TVP struct {
	Schema, Name string
	Columns      []TVPColumn
	Rows         [][]any
}

// TVPColumn is one column of a TVP's metadata.
type TVPColumn struct {
	Type TypeInfo
	// Default is set for columns whose values the client leaves out (fDefault):
	// identity and defaulted columns of the table type.
	Default bool
}

// TypeTVP is the TypeInfo of table-valued parameters (Param.Type.ID).
func TypeTVP() TypeInfo { return TypeInfo{ID: typeTVP} }

// IsTVP reports whether the type is a table-valued parameter's.
func (t TypeInfo) IsTVP() bool { return t.ID == typeTVP }

// readTVP reads a TVP parameter's TYPE_INFO (after its type byte) and its
// rows. Every count is checked against the bytes that remain, so a hostile
// request cannot make it allocate more than its own size allows.
func readTVP(r *rd) (*TVP, error) {
	if db := r.bVarchar(); db != "" && r.err == nil {
		return nil, errorf("TVP type name with database part %q", db)
	}
	v := &TVP{Schema: r.bVarchar(), Name: r.bVarchar()}
	n := r.u16()
	if r.err != nil {
		return nil, errorf("TVP type name: %v", r.err)
	}
	if v.Name == "" {
		return nil, errorf("TVP without a type name")
	}
	if n != tvpNullToken {
		if n == 0 || n > maxTVPColumns || int(n)*7 > r.remaining() {
			return nil, errorf("TVP with %d columns", n)
		}
		v.Columns = make([]TVPColumn, n)
		for i := range v.Columns {
			r.u32() // UserType
			flags := r.u16()
			t, err := readTypeInfo(r)
			if err != nil {
				return nil, errorf("TVP column %d: %v", i+1, err)
			}
			if name := r.bVarchar(); name != "" && r.err == nil {
				return nil, errorf("TVP column %d has a name", i+1) // [MS-TDS]: ColName must be empty
			}
			v.Columns[i] = TVPColumn{Type: t, Default: flags&tvpFlagDefault != 0}
		}
	}
	for r.err == nil {
		switch tok := r.u8(); tok {
		case tvpEndToken:
			return v, v.readRows(r, r.remaining()+maxTVPFreeCells)
		case tvpOrderUniqueToken:
			r.take(int(r.u16()) * 3) // ColNum u16, fOrderUniqueFlags u8: ordering hints only
		case tvpColumnOrdering:
			r.take(int(r.u16()) * 2)
		default:
			if r.err == nil {
				return nil, errorf("TVP metadata token 0x%02X", tok)
			}
		}
	}
	return nil, errorf("TVP metadata: %v", r.err)
}

// maxTVPFreeCells bounds, with the request's size, the values a TVP's rows
// may hold (see readRows).
const maxTVPFreeCells = 1 << 16

// readRows reads the TVP's rows up to TVP_END_TOKEN. A row costs one byte
// plus its non-default values but holds a value for every column, so rows
// of default columns would let a small request allocate without bound
// (1,024 default columns: 16 KB per byte received, a crash of the whole
// server from one 64 MB request). The rows may hold at most budget values:
// the request's remaining bytes plus maxTVPFreeCells.
func (v *TVP) readRows(r *rd, budget int) error {
	for {
		tok := r.u8()
		if r.err != nil {
			return errorf("TVP rows: %v", r.err)
		}
		switch tok {
		case tvpEndToken:
			return nil
		case tvpRowToken:
		default:
			return errorf("TVP row token 0x%02X", tok)
		}
		if len(v.Columns) == 0 {
			return errorf("TVP row without column metadata")
		}
		if budget -= len(v.Columns); budget < 0 {
			return errorf("TVP of more than %d rows of %d columns in a request of its size", len(v.Rows), len(v.Columns))
		}
		row := make([]any, len(v.Columns))
		for i, c := range v.Columns {
			if c.Default {
				continue
			}
			val, err := readValue(r, c.Type)
			if err != nil {
				return errorf("TVP row %d column %d: %v", len(v.Rows)+1, i+1, err)
			}
			row[i] = val
		}
		v.Rows = append(v.Rows, row)
	}
}
