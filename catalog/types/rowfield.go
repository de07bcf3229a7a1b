package types

import "encoding/binary"

// RowLayout finds single columns inside rows encoded by EncodeRow without
// decoding the row, so that a scan can test a filter such as `val = 7` on the
// stored bytes and decode only the rows that pass (issue #5: most rows of a
// selective scan never become Values).
//
// Where every column before the wanted one has a fixed width and none of
// them is NULL in the row, the column's offset is a constant computed once;
// otherwise the columns before it are stepped over as DecodeRowProjected
// does. A RowLayout is immutable and safe for concurrent use.
type RowLayout struct {
	ids   []TypeID
	fixed []int // payload offset of column i if no column before it is NULL; -1: a column before it has a variable width
}

// NewRowLayout returns the layout of rows of the given column types.
func NewRowLayout(types []Type) *RowLayout {
	l := &RowLayout{ids: make([]TypeID, len(types)), fixed: make([]int, len(types))}
	off := 0
	for i, t := range types {
		l.ids[i] = t.ID
		l.fixed[i] = off
		if w := fixedWidth(t.ID); w > 0 && off >= 0 {
			off += w
		} else {
			off = -1
		}
	}
	return l
}

// fixedWidth is the encoded width of a value of type id, or 0 when it varies
// from value to value (decimal, strings, binary, sql_variant).
func fixedWidth(id TypeID) int {
	switch id {
	case Bit, TinyInt:
		return 1
	case SmallInt:
		return 2
	case Int, SmallMoney, Real:
		return 4
	case BigInt, Money, Float:
		return 8
	case UniqueIdentifier:
		return 16
	case Date:
		return 3
	case Time:
		return 6
	case DateTime2:
		return 9
	case DateTimeOffset:
		return 11
	case DateTime:
		return 7
	case SmallDateTime:
		return 5
	}
	return 0
}

// Int returns the value of column col of the encoded row src when the
// column is a tinyint, smallint, int or bigint. null reports a NULL,
// including a column missing from a row written before ADD COLUMN. ok is
// false when the value cannot be read this way: the column is of another
// type or src is malformed where Int looked. The caller then decodes the
// row the ordinary way, which reports any corruption; Int never panics.
func (l *RowLayout) Int(src []byte, col int) (x int64, null, ok bool) {
	if col < 0 || col >= len(l.ids) {
		return 0, false, false
	}
	id := l.ids[col]
	w := 0
	switch id {
	case TinyInt:
		w = 1
	case SmallInt:
		w = 2
	case Int:
		w = 4
	case BigInt:
		w = 8
	default:
		return 0, false, false
	}
	p, null, ok := l.locate(src, col)
	if !ok || null {
		return 0, null, ok
	}
	if len(p) < w {
		return 0, false, false
	}
	switch id {
	case TinyInt:
		return int64(p[0]), false, true
	case SmallInt:
		return int64(int16(binary.LittleEndian.Uint16(p))), false, true
	case Int:
		return int64(int32(binary.LittleEndian.Uint32(p))), false, true
	}
	return int64(binary.LittleEndian.Uint64(p)), false, true
}

// locate returns the encoded row from column col's value to its end.
func (l *RowLayout) locate(src []byte, col int) (rest []byte, null, ok bool) {
	var n, k int
	if len(src) > 0 && src[0] < 0x80 { // one-byte column count: every table under 128 columns
		n, k = int(src[0]), 1
	} else {
		n64, kk := canonicalUvarint(src)
		if kk <= 0 || n64 > uint64(len(l.ids)) {
			return nil, false, false
		}
		n, k = int(n64), kk
	}
	if n > len(l.ids) {
		return nil, false, false
	}
	if col >= n {
		return nil, true, true // written before the column was added
	}
	nb := (n + 7) / 8
	if len(src) < k+nb {
		return nil, false, false
	}
	bm, payload := src[k:k+nb], src[k+nb:]
	if bm[col/8]&(1<<(col%8)) != 0 {
		return nil, true, true
	}
	if off := l.fixed[col]; off >= 0 && noneSetBelow(bm, col) {
		if off > len(payload) {
			return nil, false, false
		}
		return payload[off:], false, true
	}
	for i := 0; i < col; i++ {
		if bm[i/8]&(1<<(i%8)) != 0 {
			continue
		}
		var err error
		if payload, err = skipRowValue(payload, l.ids[i]); err != nil {
			return nil, false, false
		}
	}
	return payload, false, true
}

// noneSetBelow reports whether bits 0..col-1 of the bitmap bm are all clear.
func noneSetBelow(bm []byte, col int) bool {
	for i := 0; i < col/8; i++ {
		if bm[i] != 0 {
			return false
		}
	}
	if r := col % 8; r != 0 && bm[col/8]&(1<<r-1) != 0 {
		return false
	}
	return true
}
