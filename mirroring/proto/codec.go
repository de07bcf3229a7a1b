package proto

import (
	"encoding/binary"
	"math"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The payload primitives. Encoders append to a caller-owned slice; the decoder reads
// from a slice it does not retain beyond the call that returns the decoded message
// (byte fields are copied), unless the payload was handed over (decoder.owned).

func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendVarint(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendBytes(b []byte, p []byte) []byte {
	b = appendUvarint(b, uint64(len(p)))
	return append(b, p...)
}

func appendString(b []byte, s string) []byte {
	b = appendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendGUID(b []byte, g uuid.UUID) []byte { return append(b, g[:]...) }

func appendLSN(b []byte, l txlog.LSN) []byte { return appendUvarint(b, uint64(l)) }

// maxString bounds every string field (instance, database and witness names are
// sysname-sized in SQL Server; 4 KB leaves room for network addresses and messages).
const maxString = 4096

// decoder reads payload primitives with bounds checks. The first error sticks: later
// reads return zero values, so a message decoder reads all its fields and checks err
// once at the end.
type decoder struct {
	typ MsgType
	b   []byte
	err error
	// owned: the payload belongs to the message being decoded (Conn.ReadMessage
	// allocates one per frame and never reuses it), so view may return
	// sub-slices of it instead of copies.
	owned bool
}

func (d *decoder) fail(field, reason string) {
	if d.err == nil {
		d.err = &DecodeError{Type: d.typ, Field: field, Reason: reason}
	}
}

func (d *decoder) uvarint(field string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(field, "bad or truncated varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint(field string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(field, "bad or truncated varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) u32(field string) uint32 {
	v := d.uvarint(field)
	if v > math.MaxUint32 {
		d.fail(field, "out of range")
		return 0
	}
	return uint32(v)
}

func (d *decoder) u16(field string) uint16 {
	v := d.uvarint(field)
	if v > math.MaxUint16 {
		d.fail(field, "out of range")
		return 0
	}
	return uint16(v)
}

func (d *decoder) i32(field string) int32 {
	v := d.varint(field)
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail(field, "out of range")
		return 0
	}
	return int32(v)
}

func (d *decoder) byte1(field string) byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 1 {
		d.fail(field, "truncated")
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) boolean(field string) bool {
	switch d.byte1(field) {
	case 0:
		return false
	case 1:
		return true
	default:
		d.fail(field, "bad boolean")
		return false
	}
}

// enum reads one byte that must be below limit.
func (d *decoder) enum(field string, limit byte) byte {
	v := d.byte1(field)
	if d.err == nil && v >= limit {
		d.fail(field, "unknown value")
		return 0
	}
	return v
}

// fieldLen reads the length of a byte field of at most max bytes that the
// rest of the payload holds; ok is false (and d.err set) otherwise.
func (d *decoder) fieldLen(field string, max int) (n uint64, ok bool) {
	n = d.uvarint(field)
	switch {
	case d.err != nil:
		return 0, false
	case n > uint64(max):
		d.fail(field, "too long")
		return 0, false
	case n > uint64(len(d.b)):
		d.fail(field, "truncated")
		return 0, false
	}
	return n, true
}

func (d *decoder) bytes(field string, max int) []byte {
	n, ok := d.fieldLen(field, max)
	if !ok {
		return nil
	}
	p := make([]byte, n)
	copy(p, d.b[:n])
	d.b = d.b[n:]
	return p
}

// view is bytes for a large field: without a copy when the payload is owned
// (the result's capacity ends at the field, so an append cannot overwrite
// what follows).
func (d *decoder) view(field string, max int) []byte {
	if !d.owned {
		return d.bytes(field, max)
	}
	n, ok := d.fieldLen(field, max)
	if !ok {
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) str(field string) string {
	p := d.bytes(field, maxString)
	return string(p)
}

func (d *decoder) guid(field string) uuid.UUID {
	var g uuid.UUID
	if d.err != nil {
		return g
	}
	if len(d.b) < len(g) {
		d.fail(field, "truncated")
		return g
	}
	copy(g[:], d.b)
	d.b = d.b[len(g):]
	return g
}

// crc reads a fixed 4-byte big-endian checksum.
func (d *decoder) crc(field string) uint32 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 4 {
		d.fail(field, "truncated")
		return 0
	}
	v := binary.BigEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) lsn(field string) txlog.LSN { return txlog.LSN(d.uvarint(field)) }

// count reads a list length and checks that at least min bytes per element remain,
// so a hostile count cannot make the decoder allocate more than the frame holds.
func (d *decoder) count(field string, minElem int) int {
	n := d.uvarint(field)
	if d.err != nil {
		return 0
	}
	if n > uint64(len(d.b)/minElem) {
		d.fail(field, "count exceeds payload")
		return 0
	}
	return int(n)
}

// finish reports trailing bytes as an error.
func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("(end)", "trailing bytes")
	}
	return d.err
}
