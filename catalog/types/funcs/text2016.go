package funcs

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/binary"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// SOUNDEX and DIFFERENCE, STRING_ESCAPE, COMPRESS and DECOMPRESS, and
// NEWSEQUENTIALID.

func init() {
	maxVarBinary := fixed(types.Type{ID: types.VarBinary, Length: types.MaxLength})
	register(
		&Func{Name: "SOUNDEX", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.VarCharType(4)), Eval: soundexFunc},
		&Func{Name: "DIFFERENCE", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: differenceFunc},
		&Func{Name: "STRING_ESCAPE", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: stringEscapeType, Eval: stringEscape},
		&Func{Name: "COMPRESS", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: maxVarBinary, Eval: compressFunc},
		&Func{Name: "DECOMPRESS", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: maxVarBinary, Eval: decompressFunc},
		&Func{Name: "NEWSEQUENTIALID", ReturnType: fixed(types.TypeUUID), Eval: newSequentialID},
	)
}

// soundexCodes maps a letter (A–Z) to its Soundex digit; 0 marks the
// letters that carry no code (vowels, H, W, Y).
var soundexCodes = [26]byte{
	'A' - 'A': 0, 'B' - 'A': '1', 'C' - 'A': '2', 'D' - 'A': '3', 'E' - 'A': 0, 'F' - 'A': '1',
	'G' - 'A': '2', 'H' - 'A': 0, 'I' - 'A': 0, 'J' - 'A': '2', 'K' - 'A': '2', 'L' - 'A': '4',
	'M' - 'A': '5', 'N' - 'A': '5', 'O' - 'A': 0, 'P' - 'A': '1', 'Q' - 'A': '2', 'R' - 'A': '6',
	'S' - 'A': '2', 'T' - 'A': '3', 'U' - 'A': 0, 'V' - 'A': '1', 'W' - 'A': 0, 'X' - 'A': '2',
	'Y' - 'A': 0, 'Z' - 'A': '2',
}

func upperLetter(r rune) (byte, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return byte(r - 'a' + 'A'), true
	case r >= 'A' && r <= 'Z':
		return byte(r), true
	}
	return 0, false
}

// soundex is the American Soundex code SQL Server documents (compatibility
// level 110 and later): the first letter upper-cased, then the digits of
// the following consonants, a digit equal to the previous one coded once
// even across H or W, zero-padded to four characters. Leading characters
// that are not letters are skipped; the code ends at the first non-letter
// after that, as SQL Server's does. A string without letters gives "".
func soundex(s string) string {
	out := make([]byte, 0, 4)
	var last byte
	started := false
	for _, r := range s {
		c, ok := upperLetter(r)
		if !ok {
			if started {
				break
			}
			continue
		}
		code := soundexCodes[c-'A']
		if !started {
			out, last, started = append(out, c), code, true
			continue
		}
		switch {
		case c == 'H' || c == 'W':
			// H and W do not separate consonants with the same code.
		case code == 0:
			last = 0 // a vowel separates them
		case code != last:
			out, last = append(out, code), code
		}
		if len(out) == 4 {
			break
		}
	}
	if !started {
		return ""
	}
	for len(out) < 4 {
		out = append(out, '0')
	}
	return string(out)
}

func soundexFunc(_ *Context, a []types.Value) (types.Value, error) {
	if a[0].IsNull() {
		return types.Null(types.VarChar), nil
	}
	v, err := strArg(a[0])
	if err != nil {
		return types.Null(types.VarChar), err
	}
	return types.NewVarChar(soundex(v.Str())), nil
}

// differenceFunc is DIFFERENCE(a, b): how many of the four characters of
// the two SOUNDEX codes agree, 0 (none) to 4 (the same code).
func differenceFunc(_ *Context, a []types.Value) (types.Value, error) {
	if anyNull(a) {
		return types.Null(types.Int), nil
	}
	x, err := strArg(a[0])
	if err != nil {
		return types.Null(types.Int), err
	}
	y, err := strArg(a[1])
	if err != nil {
		return types.Null(types.Int), err
	}
	sx, sy := soundex(x.Str()), soundex(y.Str())
	n := 0
	for i := 0; i < len(sx) && i < len(sy); i++ {
		if sx[i] == sy[i] {
			n++
		}
	}
	return types.NewInt(int32(n)), nil
}

// stringEscapeType is nvarchar(max); a text argument that is not a string
// is refused before the statement runs (8116), as SQL Server does.
func stringEscapeType(args []types.Type) (types.Type, error) {
	if len(args) > 0 && args[0].ID != types.Unknown && !args[0].ID.IsString() {
		return types.Type{}, errArgType(args[0].ID, 1, "STRING_ESCAPE")
	}
	return types.NVarCharType(types.MaxLength), nil
}

// stringEscape is STRING_ESCAPE(text, 'json'): the JSON escapes SQL Server
// documents — quotation mark, reverse solidus and solidus, \b \f \n \r \t,
// and \u00XX for the other control characters.
func stringEscape(_ *Context, a []types.Value) (types.Value, error) {
	null := types.Null(types.NVarChar)
	if !a[1].IsNull() {
		kind, err := argString(a[1])
		if err != nil {
			return null, err
		}
		if !strings.EqualFold(strings.TrimSpace(kind), "json") {
			// SQL Server's number for this refusal is not documented;
			// 8116 on argument 2 says what is wrong in its words.
			return null, errArgType(a[1].TypeID(), 2, "STRING_ESCAPE")
		}
	}
	if !a[0].IsNull() && !a[0].TypeID().IsString() {
		return null, errArgType(a[0].TypeID(), 1, "STRING_ESCAPE") // SQL Server: 8116, no conversion
	}
	if anyNull(a) {
		return null, nil
	}
	s := a[0].Str()
	var b strings.Builder
	b.Grow(len(s) + 8)
	AppendJSONEscaped(&b, s)
	return types.NewNVarChar(b.String()), nil
}

// AppendJSONEscaped writes s to b with JSON's escapes as SQL Server writes
// them (STRING_ESCAPE 'json', FOR JSON): quotation mark, reverse solidus
// and solidus, \b \f \n \r \t, and \u00xx for other control characters.
func AppendJSONEscaped(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '/':
			b.WriteString(`\/`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&15])
				continue
			}
			b.WriteRune(r)
		}
	}
}

// compressFunc is COMPRESS(x): the GZIP stream of x's stored bytes
// (UTF-16LE for nvarchar, the code page for varchar), as varbinary(max).
// The deflate bytes differ from SQL Server's, but either side's
// DECOMPRESS (and any gzip reader) gives back the same input.
func compressFunc(_ *Context, a []types.Value) (types.Value, error) {
	null := types.Null(types.VarBinary)
	if a[0].IsNull() {
		return null, nil
	}
	in, err := strArg(a[0])
	if err != nil {
		return null, err
	}
	raw, err := valueBytes(in)
	if err != nil {
		return null, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.OS = 0 // as SQL Server's header has it
	if _, err := zw.Write(raw); err != nil {
		return null, err
	}
	if err := zw.Close(); err != nil {
		return null, err
	}
	return types.NewVarBinary(buf.Bytes()), nil
}

// maxDecompressed bounds DECOMPRESS's output at varbinary(max)'s 2 GB, so
// a crafted stream cannot exhaust memory beyond what SQL Server accepts.
const maxDecompressed = 1<<31 - 1

// decompressFunc is DECOMPRESS(x): x's GZIP stream inflated, as
// varbinary(max); input that is not a GZIP stream gives NULL, as SQL
// Server's does.
func decompressFunc(_ *Context, a []types.Value) (types.Value, error) {
	null := types.Null(types.VarBinary)
	if a[0].IsNull() {
		return null, nil
	}
	raw, err := valueBytes(a[0])
	if err != nil {
		return null, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return null, nil
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxDecompressed))
	if err != nil {
		return null, nil
	}
	return types.NewVarBinary(out), nil
}

// sequentialIDs hands out NEWSEQUENTIALID values: a per-process random
// node (the last 8 bytes) and a 64-bit tick that never goes backwards,
// laid out so that each value sorts after the one before under SQL
// Server's uniqueidentifier order (types.guidKey: bytes 10–15, 8–9, 6–7,
// 4–5, 0–3 of the stored form). Like SQL Server's, the sequence may start
// lower after a restart.
var sequentialIDs struct {
	sync.Mutex
	node [8]byte
	last uint64
	once sync.Once
}

func newSequentialID(_ *Context, _ []types.Value) (types.Value, error) {
	g := &sequentialIDs
	g.once.Do(func() {
		if _, err := rand.Read(g.node[:]); err != nil {
			binary.BigEndian.PutUint64(g.node[:], uint64(time.Now().UnixNano()))
		}
	})
	g.Lock()
	tick := uint64(time.Now().UnixNano() / 100)
	if tick <= g.last {
		tick = g.last + 1
	}
	g.last = tick
	g.Unlock()
	// stored holds the value in SQL Server's storage byte order; the tick's
	// most significant byte goes where the comparison looks first.
	var stored [16]byte
	copy(stored[8:], g.node[:])
	for i, pos := range [8]int{6, 7, 4, 5, 0, 1, 2, 3} {
		stored[pos] = byte(tick >> (56 - 8*i))
	}
	// uuid.UUID is RFC order: the first three groups are the stored bytes
	// reversed within each group.
	var u uuid.UUID
	u[0], u[1], u[2], u[3] = stored[3], stored[2], stored[1], stored[0]
	u[4], u[5] = stored[5], stored[4]
	u[6], u[7] = stored[7], stored[6]
	copy(u[8:], stored[8:])
	return types.NewUUID(u), nil
}
