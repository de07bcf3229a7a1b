package tds

import "encoding/binary"

// Column describes one result column for COLMETADATA ([MS-TDS] 2.2.7.4).
type Column struct {
	Name     string
	Type     TypeInfo
	Nullable bool
	// UserType and Flags are sent as given (Nullable sets fNullable 0x0001).
	UserType uint32
	Flags    uint16
}

const colNullable = 0x0001

// ColHidden is COLMETADATA's fHidden flag ([MS-TDS] 2.2.7.4): a column the
// client does not show, such as the ROWSTAT column that ends every API
// server cursor's rows. A result with a hidden column also carries a COLINFO
// token (appendColInfo), which is where FreeTDS reads it.
const ColHidden uint16 = 0x2000

const (
	tokenTabName = 0xA4
	tokenColInfo = 0xA5
	// colInfoHidden is COLINFO's HIDDEN status bit ([MS-TDS] 2.2.7.3).
	colInfoHidden = 0x10
)

// appendColMetadata appends COLMETADATA: Count USHORT, then per column UserType
// ULONG (USHORT before TDS 7.2, when pre72), Flags USHORT, TYPE_INFO and ColName
// B_VARCHAR ([MS-TDS] 2.2.7.4). TEXT/NTEXT/IMAGE columns (down-level clients
// only, downlevel.go) carry an empty TableName.
func appendColMetadata(b []byte, cols []Column, pre72 bool) ([]byte, error) {
	if len(cols) == 0 || len(cols) > 4096 {
		return b, errorf("result with %d columns", len(cols))
	}
	b = append(b, tokenColMetadata)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(cols)))
	for _, c := range cols {
		if err := validColumnType(c.Type); err != nil {
			return b, err
		}
		b = appendUserType(b, c.UserType, pre72)
		f := c.Flags
		if c.Nullable {
			f |= colNullable
		}
		b = binary.LittleEndian.AppendUint16(b, f)
		b = appendTypeInfo(b, c.Type)
		if isLegacyLOB(c.Type.ID) {
			// TableName: US_VARCHAR before TDS 7.2, NumParts + parts from 7.2;
			// empty either way (the value is not from a table).
			if pre72 {
				b = append(b, 0, 0)
			} else {
				b = append(b, 0)
			}
		}
		b = appendBVarchar(b, c.Name)
	}
	return appendColInfo(b, cols), nil
}

// appendColInfo appends COLINFO ([MS-TDS] 2.2.7.3) when a column is hidden:
// per column ColNum, TableNum 0 (no TABNAME precedes it) and Status with
// HIDDEN for the hidden ones. SQL Server sends it after the COLMETADATA of
// server cursors; FreeTDS's ODBC driver drops trailing hidden columns from
// the result it shows only when COLINFO marks them.
func appendColInfo(b []byte, cols []Column) []byte {
	hidden := false
	for _, c := range cols {
		hidden = hidden || c.Flags&ColHidden != 0
	}
	if !hidden || len(cols) > 255 {
		return b
	}
	b = append(b, tokenColInfo)
	b = binary.LittleEndian.AppendUint16(b, uint16(3*len(cols)))
	for i, c := range cols {
		var status byte
		if c.Flags&ColHidden != 0 {
			status = colInfoHidden
		}
		b = append(b, byte(i+1), 0, status)
	}
	return b
}

// appendUserType appends UserType: ULONG from TDS 7.2, USHORT before
// ([MS-TDS] 2.2.7.4, 2.2.7.18).
func appendUserType(b []byte, u uint32, pre72 bool) []byte {
	if pre72 {
		return binary.LittleEndian.AppendUint16(b, uint16(u))
	}
	return binary.LittleEndian.AppendUint32(b, u)
}

// validColumnType checks that t round-trips through readTypeInfo (or through
// readParamTypeInfo for TEXT/NTEXT/IMAGE, produced by the down-level mapping).
func validColumnType(t TypeInfo) error {
	if isLegacyLOB(t.ID) {
		if t.Length <= 0 {
			return errorf("invalid column type %#x (length %d)", t.ID, t.Length)
		}
		return nil
	}
	enc := appendTypeInfo(nil, t)
	_, err := readTypeInfo(&rd{b: enc})
	if err != nil || t.ID == typeNull {
		return errorf("invalid column type %#x (length %d)", t.ID, t.Length)
	}
	return nil
}

func readColMetadata(r *rd) ([]Column, error) {
	n := r.u16()
	if n == 0xFFFF {
		return nil, r.err
	}
	cols := make([]Column, 0, min(int(n), 256))
	for i := 0; i < int(n) && r.err == nil; i++ {
		c := Column{UserType: r.u32(), Flags: r.u16()}
		c.Nullable = c.Flags&colNullable != 0
		c.Flags &^= colNullable
		t, err := readParamTypeInfo(r)
		if err != nil {
			return nil, err
		}
		if isLegacyLOB(t.ID) { // TableName (TDS 7.2+): NumParts, then US_VARCHAR parts
			for parts := r.u8(); parts > 0 && r.err == nil; parts-- {
				r.take(int(r.u16()) * 2)
			}
		}
		c.Type = t
		c.Name = r.bVarchar()
		cols = append(cols, c)
	}
	return cols, r.err
}
