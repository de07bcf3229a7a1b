package tds

import (
	"bytes"
	"encoding/binary"
)

// rpcReuse keeps the parameter names and the short NVARCHAR/NCHAR values of a
// connection's last RPC request, so that the next request carrying the same
// bytes in the same place gets the same strings back without decoding them
// again (issue #4). A driver's sp_executesql call sends its statement text,
// its parameter declarations and its parameter names afresh with every
// execution; decoding them from UTF-16 and boxing the values were ~8 of the
// ~100 allocations of a single-row write through TDS.
//
// Handing out the same value again is exact: a Go string is immutable, and
// for these two types the value depends only on the bytes (UTF-16LE, no
// collation involved), which are compared in full. One connection's
// requests are decoded one at a time (its loop goroutine), so it needs no
// lock. It holds at most maxKeptParams texts of at most maxKeptRPCText bytes.
type rpcReuse struct {
	names []keptText
	vals  []keptText
}

// keptText is one kept text: the wire bytes it was decoded from (a copy),
// the type it was read as, and the decoded value.
type keptText struct {
	raw []byte
	id  byte
	v   any
}

const (
	maxKeptParams  = 8
	maxKeptRPCText = 1 << 10
)

// slot returns the kept text of position i in ks, growing ks, or nil when i
// is past maxKeptParams.
func slot(ks *[]keptText, i int) *keptText {
	if i >= maxKeptParams {
		return nil
	}
	for len(*ks) <= i {
		*ks = append(*ks, keptText{})
	}
	return &(*ks)[i]
}

// keep records raw (copied) and v in k.
func (k *keptText) keep(raw []byte, id byte, v any) {
	if len(raw) > maxKeptRPCText {
		k.raw, k.v = k.raw[:0], nil
		return
	}
	k.raw, k.id, k.v = append(k.raw[:0], raw...), id, v
}

// name reads parameter i's B_VARCHAR name, reusing the last request's string
// when the bytes are the same.
func (k *rpcReuse) name(r *rd, i int) string {
	if k == nil || r.err != nil || r.remaining() < 1 {
		return r.bVarchar()
	}
	n := int(r.b[r.off]) * 2
	kt := slot(&k.names, i)
	if n == 0 || kt == nil || n > r.remaining()-1 {
		return r.bVarchar()
	}
	raw := r.b[r.off+1 : r.off+1+n]
	if s, ok := kt.v.(string); ok && bytes.Equal(kt.raw, raw) {
		r.off += 1 + n
		return s
	}
	s := r.bVarchar()
	kt.keep(raw, 0, s)
	return s
}

// value reads parameter i's value of type t: readValue, except that a short
// NVARCHAR/NCHAR value whose bytes equal the last request's value at i is
// that value again.
func (k *rpcReuse) value(r *rd, i int, t TypeInfo) (any, error) {
	if k == nil || (t.ID != typeNVarChar && t.ID != typeNChar) || t.IsPLP() || r.err != nil || r.remaining() < 2 {
		return readValue(r, t)
	}
	n := int(binary.LittleEndian.Uint16(r.b[r.off:]))
	kt := slot(&k.vals, i)
	if n == 0xFFFF || kt == nil || n > r.remaining()-2 {
		return readValue(r, t)
	}
	raw := r.b[r.off+2 : r.off+2+n]
	if kt.v != nil && kt.id == t.ID && bytes.Equal(kt.raw, raw) {
		r.off += 2 + n
		return kt.v, nil
	}
	v, err := readValue(r, t)
	if err == nil {
		kt.keep(raw, t.ID, v)
	}
	return v, err
}
