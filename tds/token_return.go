package tds

import (
	"encoding/binary"
	"io"
)

// ReturnValue is a RETURNVALUE token ([MS-TDS] 2.2.7.18): an output parameter
// (Status 0x01) or a user-defined function's result (0x02).
type ReturnValue struct {
	Ordinal uint16
	Name    string // with its leading '@'; go-mssqldb binds by name
	Status  byte
	Type    TypeInfo
	Value   any
}

// ReturnValue status values.
const (
	ReturnOutputParam byte = 0x01
	ReturnUDF         byte = 0x02
)

// writeReturnValue writes the token; the value is encoded like a ROW column and
// an encoding error leaves nothing written.
func writeReturnValue(w io.Writer, rv ReturnValue, scratch []byte, pre72 bool) ([]byte, error) {
	if err := validColumnType(rv.Type); err != nil {
		return scratch, err
	}
	return writeRow(w, appendReturnHead(rv, pre72), false, []Column{{Type: rv.Type}}, []any{rv.Value}, scratch)
}

func appendReturnHead(rv ReturnValue, pre72 bool) []byte {
	b := []byte{tokenReturnValue}
	b = binary.LittleEndian.AppendUint16(b, rv.Ordinal)
	b = appendBVarchar(b, rv.Name)
	b = append(b, rv.Status)
	b = appendUserType(b, 0, pre72)
	b = binary.LittleEndian.AppendUint16(b, colNullable)
	return appendTypeInfo(b, rv.Type)
}

func readReturnValue(r *rd) (ReturnValue, error) {
	rv := ReturnValue{Ordinal: r.u16(), Name: r.bVarchar(), Status: r.u8()}
	r.u32()
	r.u16()
	t, err := readTypeInfo(r)
	if err != nil {
		return rv, err
	}
	rv.Type = t
	rv.Value, err = readValue(r, t)
	return rv, err
}

func appendReturnStatus(b []byte, status int32) []byte {
	b = append(b, tokenReturnStatus)
	return binary.LittleEndian.AppendUint32(b, uint32(status))
}
