package tds

import (
	"encoding/binary"
	"math"
	"math/big"

	"golang.org/x/text/encoding/charmap"
)

// readValue decodes one value of type t from untrusted bytes, returning the Go
// value model of doc.go. Every length is checked against what remains.
func readValue(r *rd, t TypeInfo) (any, error) {
	if t.ID == typeVariant {
		return readVariant(r)
	}
	if t.IsPLP() {
		return readPLP(r, t)
	}
	if n := fixedSize(t.ID); n >= 0 {
		if t.ID == typeNull {
			return nil, r.err
		}
		p := r.take(n)
		if r.err != nil {
			return nil, r.err
		}
		return decodeFixed(t.ID, p)
	}
	var p []byte
	if isLegacyLOB(t.ID) {
		n := r.u32()
		if n == 0xFFFFFFFF {
			return nil, r.err
		}
		if int64(n) > int64(r.remaining()) {
			return nil, errorf("value of %d bytes beyond the %d remaining", n, r.remaining())
		}
		p = r.take(int(n))
		if r.err != nil {
			return nil, r.err
		}
		return decodeChars(t, p), nil
	}
	if isShortLen(t.ID) {
		n := r.u16()
		if n == 0xFFFF {
			return nil, r.err
		}
		p = r.take(int(n))
	} else {
		n := int(r.u8())
		if n == 0 {
			return nil, r.err
		}
		p = r.take(n)
	}
	if r.err != nil {
		return nil, r.err
	}
	return decodeBytes(t, p)
}

// decodeBytes decodes the value bytes of a non-fixed, non-PLP type.
func decodeBytes(t TypeInfo, p []byte) (any, error) {
	switch t.ID {
	case typeIntN, typeBitN, typeFltN, typeMoneyN, typeDateTimeN:
		f := fixedOf(TypeInfo{ID: t.ID, Length: len(p)})
		if f.ID == 0 || (t.ID == typeBitN && len(p) != 1) {
			return nil, errorf("value of %d bytes for type %#x", len(p), t.ID)
		}
		return decodeFixed(f.ID, p)
	case typeDecimalN, typeNumericN:
		if len(p) < 2 || len(p) > 17 {
			return nil, errorf("decimal value of %d bytes", len(p))
		}
		mag := make([]byte, len(p)-1)
		for i := range mag {
			mag[i] = p[len(p)-1-i]
		}
		u := new(big.Int).SetBytes(mag)
		if t.Precision > 0 && t.Precision <= 38 && u.CmpAbs(decimalLimit[t.Precision]) >= 0 {
			return nil, errorf("decimal value beyond precision %d", t.Precision)
		}
		if p[0] == 0 {
			u.Neg(u)
		}
		return Decimal{Unscaled: u, Scale: t.Scale}, nil
	case typeGUID:
		if len(p) != 16 {
			return nil, errorf("uniqueidentifier of %d bytes", len(p))
		}
		return append([]byte(nil), p...), nil
	case typeDateN:
		if len(p) != 3 {
			return nil, errorf("date of %d bytes", len(p))
		}
		if uintN(p) > maxDays {
			return nil, errorf("date beyond 9999-12-31")
		}
		return dayTime(int64(uintN(p)), 0), nil
	case typeTimeN, typeDateTime2N, typeDateTimeOffset:
		if len(p) != t.Length {
			return nil, errorf("time value of %d bytes, want %d", len(p), t.Length)
		}
		n := timeSize(t.Scale)
		if err := checkTimeBytes(t, p, n); err != nil {
			return nil, err
		}
		switch t.ID {
		case typeTimeN:
			return dayTime(0, decodeTime(p, t.Scale)), nil
		case typeDateTime2N:
			return dayTime(int64(uintN(p[n:])), decodeTime(p[:n], t.Scale)), nil
		}
		return decodeDateTimeOffset(p, t.Scale), nil
	}
	return decodeChars(t, p), nil
}

// decodeChars converts character bytes to string and copies binary bytes.
func decodeChars(t TypeInfo, p []byte) any {
	switch t.ID {
	case typeNVarChar, typeNChar, typeNText, typeXML:
		return ucs2(p)
	case typeBigVarChar, typeBigChar, typeText:
		if t.Collation.UTF8() {
			return string(p)
		}
		if enc := t.Collation.charset(); enc != nil {
			return decodeCharset(enc, p)
		}
		return decodeCP1252(p)
	}
	return append([]byte{}, p...)
}

func decodeCP1252(p []byte) string {
	ascii := true
	for _, c := range p {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(p)
	}
	rs := make([]rune, len(p))
	for i, c := range p {
		rs[i] = charmap.Windows1252.DecodeByte(c)
	}
	return string(rs)
}

// decodeFixed decodes a fixed-length value (p has the type's size).
func decodeFixed(id byte, p []byte) (any, error) {
	switch id {
	case typeInt1:
		return int64(p[0]), nil
	case typeBit:
		return p[0] != 0, nil
	case typeInt2:
		return int64(int16(binary.LittleEndian.Uint16(p))), nil
	case typeInt4:
		return int64(int32(binary.LittleEndian.Uint32(p))), nil
	case typeInt8:
		return int64(binary.LittleEndian.Uint64(p)), nil
	case typeFlt4:
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(p))), nil
	case typeFlt8:
		return math.Float64frombits(binary.LittleEndian.Uint64(p)), nil
	case typeMoney4:
		return NewDecimal(int64(int32(binary.LittleEndian.Uint32(p))), 4), nil
	case typeMoney:
		hi := int64(int32(binary.LittleEndian.Uint32(p)))
		lo := int64(binary.LittleEndian.Uint32(p[4:]))
		return NewDecimal(hi<<32|lo, 4), nil
	case typeDateTime, typeDateTim4:
		if err := checkDateTimeBytes(p); err != nil {
			return nil, err
		}
		return decodeDateTime(p), nil
	}
	return nil, errorf("cannot decode type %#x", id)
}

// maxPLP bounds a PLP value (go-mssqldb rejects more than 0x7FFFFFFF too).
const maxPLP = math.MaxInt32

// readPLP decodes a PLP value of known or unknown length ([MS-TDS] 2.2.5.2.3).
func readPLP(r *rd, t TypeInfo) (any, error) {
	total := r.u64()
	if r.err != nil {
		return nil, r.err
	}
	if total == math.MaxUint64 {
		return nil, nil
	}
	known := total != math.MaxUint64-1
	if known && total > uint64(r.remaining()) {
		return nil, errorf("PLP length %d beyond the %d remaining bytes", total, r.remaining())
	}
	var buf []byte
	if known {
		buf = make([]byte, 0, total)
	}
	for {
		n := r.u32()
		if r.err != nil {
			return nil, r.err
		}
		if n == 0 {
			break
		}
		p := r.take(int(n))
		if r.err != nil {
			return nil, r.err
		}
		if len(buf)+len(p) > maxPLP {
			return nil, errorf("PLP value too large")
		}
		buf = append(buf, p...)
	}
	if known && uint64(len(buf)) != total {
		return nil, errorf("PLP chunks total %d bytes, header said %d", len(buf), total)
	}
	return decodeChars(t, buf), nil
}

// checkTimeBytes rejects TIME/DATETIME2/DATETIMEOFFSET bytes outside the types'
// ranges ([MS-TDS] 2.2.5.5.1.8): a time of day of 24 h or more, a date beyond
// 9999-12-31, a zone offset beyond ±14:00. n is the time part's size.
func checkTimeBytes(t TypeInfo, p []byte, n int) error {
	if decodeTime(p[:n], t.Scale) >= nsPerDay {
		return errorf("time of day beyond 24 hours")
	}
	if t.ID == typeTimeN {
		return nil
	}
	if uintN(p[n:n+3]) > maxDays {
		return errorf("date beyond 9999-12-31")
	}
	if t.ID == typeDateTimeOffset {
		if off := int16(binary.LittleEndian.Uint16(p[n+3:])); off < -840 || off > 840 {
			return errorf("time zone offset of %d minutes", off)
		}
	}
	return nil
}

// decimalLimit[p] is 10^p, the first magnitude a decimal(p,s) cannot hold.
var decimalLimit = func() (l [39]*big.Int) {
	for p := range l {
		l[p] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	}
	return l
}()

// checkDateTimeBytes rejects DATETIME/SMALLDATETIME bytes outside the types'
// ranges ([MS-TDS] 2.2.5.5.1.7): smalldatetime minutes past 23:59, datetime days
// outside 1753-01-01..9999-12-31 or ticks (1/300 s) past the day.
func checkDateTimeBytes(p []byte) error {
	if len(p) == 4 {
		if binary.LittleEndian.Uint16(p[2:]) >= 1440 {
			return errorf("smalldatetime minutes beyond 23:59")
		}
		return nil
	}
	days := int32(binary.LittleEndian.Uint32(p))
	if days < -53690 || days > 2958463 || binary.LittleEndian.Uint32(p[4:]) >= 300*secPerDay {
		return errorf("datetime beyond its range")
	}
	return nil
}
