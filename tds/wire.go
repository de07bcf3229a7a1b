package tds

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
	"unsafe"
)

// errShort is returned when a structure claims more bytes than remain.
var errShort = errors.New("tds: truncated data")

// rd reads little-endian primitives from an untrusted byte slice. The first
// failure sticks in err and every later read returns zero values, so decoders can
// read a whole structure and check err once.
type rd struct {
	b   []byte
	off int
	err error
}

func (r *rd) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *rd) remaining() int { return len(r.b) - r.off }

func (r *rd) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.fail(errShort)
		return nil
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *rd) u8() byte {
	p := r.take(1)
	if p == nil {
		return 0
	}
	return p[0]
}

func (r *rd) u16() uint16 {
	p := r.take(2)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint16(p)
}

func (r *rd) u32() uint32 {
	p := r.take(4)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(p)
}

func (r *rd) u64() uint64 {
	p := r.take(8)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(p)
}

// bVarchar reads B_VARCHAR: a byte character count and UTF-16LE text.
func (r *rd) bVarchar() string { return ucs2(r.take(int(r.u8()) * 2)) }

// usVarchar reads US_VARCHAR: a USHORT character count and UTF-16LE text.
func (r *rd) usVarchar() string { return ucs2(r.take(int(r.u16()) * 2)) }

// bVarbyte reads B_VARBYTE.
func (r *rd) bVarbyte() []byte { return r.take(int(r.u8())) }

// ucs2 decodes UTF-16LE bytes (surrogate pairs included; an odd trailing byte is
// ignored).
func ucs2(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	ascii := true
	for i := 1; i < len(b); i += 2 {
		if b[i] != 0 || b[i-1] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		// One allocation: the bytes become the string without a copy, as
		// strings.Builder does; s is never written after this.
		s := make([]byte, len(b)/2)
		for i := range s {
			s[i] = b[2*i]
		}
		return unsafe.String(unsafe.SliceData(s), len(s))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// appendUCS2 appends s as UTF-16LE.
func appendUCS2(b []byte, s string) []byte {
	for _, c := range s {
		if c >= 0x10000 {
			r1, r2 := utf16.EncodeRune(c)
			b = binary.LittleEndian.AppendUint16(b, uint16(r1))
			b = binary.LittleEndian.AppendUint16(b, uint16(r2))
			continue
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(c))
	}
	return b
}

// ucs2Len returns the number of UTF-16 code units of s.
func ucs2Len(s string) int {
	n := 0
	for _, c := range s {
		n++
		if c >= 0x10000 {
			n++
		}
	}
	return n
}

// appendBVarchar appends B_VARCHAR; s must be at most 255 UTF-16 units (longer
// strings are truncated).
func appendBVarchar(b []byte, s string) []byte {
	s = truncUCS2(s, 255)
	b = append(b, byte(ucs2Len(s)))
	return appendUCS2(b, s)
}

// appendUSVarchar appends US_VARCHAR (at most 65535 UTF-16 units).
func appendUSVarchar(b []byte, s string) []byte {
	s = truncUCS2(s, 65535)
	b = binary.LittleEndian.AppendUint16(b, uint16(ucs2Len(s)))
	return appendUCS2(b, s)
}

func truncUCS2(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i, c := range s {
		w := 1
		if c >= 0x10000 {
			w = 2
		}
		if n+w > max {
			return s[:i]
		}
		n += w
	}
	return s
}

func errorf(format string, args ...any) error { return fmt.Errorf("tds: "+format, args...) }
