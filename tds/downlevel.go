package tds

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Down-level result encoding. A client's TDS version limits the types it can
// read, so a result is translated per connection as SQL Server does for old
// clients (the Session always speaks in 7.4 types):
//
//   - before TDS 7.3 ([MS-TDS] 2.2.5.4.2: DATEN, TIMEN, DATETIME2N and
//     DATETIMEOFFSETN are 7.3 types) date/time columns are sent as NVARCHAR
//     holding the value's ISO text: date nvarchar(10) 'yyyy-mm-dd', time(s)
//     'hh:mm:ss[.f…]', datetime2(s) 'yyyy-mm-dd hh:mm:ss[.f…]', datetimeoffset(s)
//     the same plus ' +hh:mm' (nvarchar(16/27/34) at scale 7);
//   - before TDS 7.2 (PLP, 2.2.5.2.3, is a 7.2 feature) varchar(max),
//     nvarchar(max), varbinary(max) and xml are sent as TEXT, NTEXT, IMAGE and
//     NTEXT;
//   - before TDS 7.3.B rows are never sent as NBCROW (2.2.7.15);
//   - sql_variant values with a date/time base type get an nvarchar base
//     before TDS 7.3.

// legacyLOBLength is the LONGLEN maximum length of TEXT/NTEXT/IMAGE columns.
const legacyLOBLength = 0x7FFFFFFF

// convFunc converts a value of the Session's type to the down-level column's.
type convFunc func(v any) (any, error)

// downlevelType returns the type a client of TDS version ver receives for t,
// and the value conversion (nil when values pass unchanged).
func downlevelType(t TypeInfo, ver uint32) (TypeInfo, convFunc) {
	if ver < TDS73A {
		switch t.ID {
		case typeVariant: // a date/time base type becomes an nvarchar base
			return t, func(v any) (any, error) {
				vv, ok := v.(Variant)
				if !ok || vv.Value == nil {
					return v, nil
				}
				bt, conv := downlevelType(vv.Type, ver)
				if conv == nil {
					return v, nil
				}
				x, err := conv(vv.Value)
				return Variant{Type: bt, Value: x}, err
			}
		case typeDateN, typeTimeN, typeDateTime2N, typeDateTimeOffset:
			layout := timeLayout(t)
			return TypeNVarChar(len(layout)), func(v any) (any, error) {
				if v == nil {
					return nil, nil
				}
				tm, ok := v.(time.Time)
				if !ok {
					return nil, typeErr(t, v)
				}
				return tm.Format(layout), nil
			}
		}
	}
	if ver < TDS72 && t.IsPLP() {
		switch t.ID {
		case typeNVarChar, typeXML:
			return TypeNText(), nil
		case typeBigVarBin:
			return TypeImage(), nil
		}
		lt := TypeText()
		lt.Collation = t.Collation
		return lt, nil
	}
	return t, nil
}

// timeLayout is the Go layout of a date/time type's text form (SQL Server's
// conversion style 121 with the type's scale).
func timeLayout(t TypeInfo) string {
	frac := ""
	if t.Scale > 0 {
		frac = "." + "0000000"[:t.Scale]
	}
	switch t.ID {
	case typeDateN:
		return "2006-01-02"
	case typeTimeN:
		return "15:04:05" + frac
	case typeDateTime2N:
		return "2006-01-02 15:04:05" + frac
	}
	return "2006-01-02 15:04:05" + frac + " -07:00"
}

// downlevelColumns maps cols for ver; convs is nil when no value changes.
func downlevelColumns(cols []Column, ver uint32) (out []Column, convs []convFunc) {
	out = cols
	for i, c := range cols {
		t, conv := downlevelType(c.Type, ver)
		if t == c.Type {
			continue
		}
		if &out[0] == &cols[0] {
			out = append([]Column(nil), cols...)
		}
		out[i].Type = t
		if conv != nil {
			if convs == nil {
				convs = make([]convFunc, len(cols))
			}
			convs[i] = conv
		}
	}
	return out, convs
}

// convertRow applies convs to vals into buf (reused) and returns it.
func convertRow(buf, vals []any, convs []convFunc) ([]any, error) {
	buf = append(buf[:0], vals...)
	if len(convs) != len(vals) {
		return buf, nil // the row's length is checked by writeRow
	}
	for i, conv := range convs {
		if conv == nil {
			continue
		}
		v, err := conv(vals[i])
		if err != nil {
			return buf, fmt.Errorf("column %d: %w", i+1, err)
		}
		buf[i] = v
	}
	return buf, nil
}

// textPtr and textTimestamp are sent with every non-NULL TEXT/NTEXT/IMAGE value
// ([MS-TDS] 2.2.5.2.4 TEXTPTR: 16-byte pointer, 8-byte timestamp); clients only
// test that the pointer is present.
var (
	textPtr       = [16]byte{0: 1}
	textTimestamp [8]byte
)

// appendLegacyLOB appends a TEXT/NTEXT/IMAGE value: TextPtr length 0 for NULL,
// otherwise 16, the pointer, the timestamp and LONGLEN length + bytes.
func appendLegacyLOB(b []byte, t TypeInfo, v any) ([]byte, error) {
	if v == nil {
		return append(b, 0), nil
	}
	b = append(b, byte(len(textPtr)))
	b = append(b, textPtr[:]...)
	b = append(b, textTimestamp[:]...)
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	ct := TypeInfo{ID: typeBigVarChar, Collation: t.Collation}
	switch t.ID {
	case typeNText:
		ct.ID = typeNVarChar
	case typeImage:
		ct.ID = typeBigVarBin
	}
	b, err := appendChars(b, ct, v)
	if err != nil {
		return b, err
	}
	binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	return b, nil
}
