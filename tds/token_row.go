package tds

import (
	"errors"
	"io"
	"slices"
)

// noNullInRow is nullCost for a fixed-length type: a ROW token has no way
// to carry its NULL, so any row with one must be an NBCROW.
const noNullInRow = 1 << 30

// nullCost is how many bytes a NULL of type t takes in a ROW token.
func nullCost(t TypeInfo) int {
	switch {
	case fixedSize(t.ID) > 0:
		return noNullInRow
	case t.IsPLP():
		return 8
	case t.ID == typeVariant:
		return 4
	case isShortLen(t.ID):
		return 2
	}
	return 1
}

// writeRow writes a ROW ([MS-TDS] 2.2.7.19) or, when it is shorter, an NBCROW
// (2.2.7.15: a null bitmap of ⌈n/8⌉ bytes, bit i set = column i NULL, then the
// non-NULL values); a NULL in a fixed-length column always makes it an
// NBCROW, and without allowNBC it is an encoding error. All non-PLP values are encoded into scratch before anything is
// written, so an encoding error leaves the stream untouched; PLP values are
// streamed in chunks. It returns scratch for reuse.
//
// head is written before the values (the ROW token byte, or a RETURNVALUE's
// header); when allowNBC is set and NBCROW is shorter, it is replaced by the
// NBCROW token and bitmap.
func writeRow(w io.Writer, head []byte, allowNBC bool, cols []Column, vals []any, scratch []byte) ([]byte, error) {
	if len(vals) != len(cols) {
		return scratch, errorf("row with %d values for %d columns", len(vals), len(cols))
	}
	b, nbc := append(scratch[:0], head...), false
	if allowNBC && slices.Contains(vals, nil) {
		b, nbc = appendRowHead(scratch[:0], head, allowNBC, cols, func(i int) bool { return vals[i] == nil })
	}
	// plpAt[i] is the offset in b where PLP column i goes.
	var plp []int
	var err error
	for i, v := range vals {
		t := cols[i].Type
		if nbc && v == nil {
			continue
		}
		if t.IsPLP() {
			if v != nil {
				if _, err := charLen(t, v); err != nil {
					return b, err
				}
			}
			plp = append(plp, i, len(b))
			continue
		}
		if b, err = appendValue(b, t, v); err != nil {
			return b, columnErr(i, cols[i], err)
		}
	}
	if len(plp) == 0 {
		_, err = w.Write(b)
		return b, err
	}
	var tmp []byte
	prev := 0
	for k := 0; k < len(plp); k += 2 {
		i, at := plp[k], plp[k+1]
		if _, err := w.Write(b[prev:at]); err != nil {
			return b, err
		}
		prev = at
		if tmp, err = writePLP(w, cols[i].Type, vals[i], tmp); err != nil {
			return b, err
		}
	}
	_, err = w.Write(b[prev:])
	return b, err
}

// appendRowHead appends head (the ROW token, or a RETURNVALUE's header) or,
// when allowNBC is set and it is shorter, the NBCROW token and its null bitmap
// ([MS-TDS] 2.2.7.15: ⌈n/8⌉ bytes, bit i set = column i NULL); null(i) reports
// whether column i is NULL. It reports whether NBCROW was chosen, in which
// case the NULL columns are left out of the values that follow.
func appendRowHead(b, head []byte, allowNBC bool, cols []Column, null func(i int) bool) ([]byte, bool) {
	saved := 0
	for i := range cols {
		if null(i) {
			saved += nullCost(cols[i].Type)
		}
	}
	if !allowNBC || saved <= (len(cols)+7)/8 {
		return append(b, head...), false
	}
	b = append(b, tokenNBCRow)
	at := len(b)
	b = append(b, make([]byte, (len(cols)+7)/8)...)
	for i := range cols {
		if null(i) {
			b[at+i/8] |= 1 << (i % 8)
		}
	}
	return b, true
}

// columnErr names the column a value failed to encode in.
func columnErr(i int, c Column, err error) error {
	return errors.Join(errorf("column %d (%s)", i+1, c.Name), err)
}

// readRow decodes the values of a ROW (nbc=false) or NBCROW token.
func readRow(r *rd, cols []Column, nbc bool) ([]any, error) {
	var bitmap []byte
	if nbc {
		bitmap = r.take((len(cols) + 7) / 8)
	}
	vals := make([]any, len(cols))
	for i, c := range cols {
		if r.err != nil {
			return nil, r.err
		}
		if nbc && bitmap[i/8]&(1<<(i%8)) != 0 {
			continue
		}
		if isLegacyLOB(c.Type.ID) { // TEXTPTR ([MS-TDS] 2.2.5.2.4); 0 = NULL
			n := r.u8()
			if n == 0 {
				continue
			}
			r.take(int(n) + 8) // the pointer and the 8-byte timestamp
		}
		v, err := readValue(r, c.Type)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, r.err
}
