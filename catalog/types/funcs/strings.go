package funcs

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// strType is the varchar/nvarchar type a string function returns for an
// argument of type t with the given length (MaxLength keeps (max)).
func strType(t types.Type, length int) types.Type {
	id := types.VarChar
	if t.ID.IsUnicode() {
		id = types.NVarChar
	}
	if t.ID.IsBinary() {
		id = types.VarBinary
	}
	if t.Length == types.MaxLength {
		length = types.MaxLength
	}
	return types.Type{ID: id, Length: length, Collation: t.Collation}
}

// sameStr returns the string type of the first argument.
func sameStr(args []types.Type) (types.Type, error) {
	if len(args) == 0 || !args[0].ID.IsString() && !args[0].ID.IsBinary() {
		return types.NVarCharType(4000), nil
	}
	return strType(args[0], max(args[0].Length, 1)), nil
}

func strFullType(args []types.Type) (types.Type, error) {
	if len(args) > 0 && args[0].ID.IsBinary() {
		return strType(args[0], 8000), nil // STUFF, REPLACE, REPLICATE of bytes
	}
	if len(args) == 0 || !args[0].ID.IsString() {
		return types.NVarCharType(4000), nil
	}
	n := 8000
	if args[0].ID.IsUnicode() {
		n = 4000
	}
	return strType(args[0], n), nil
}

// intForMax is int, or bigint for (max) arguments (LEN, CHARINDEX,
// DATALENGTH).
func intForMax(args []types.Type) (types.Type, error) {
	for _, a := range args {
		if a.Length == types.MaxLength {
			return types.TypeBigInt, nil
		}
	}
	return types.TypeInt, nil
}

// mkStr builds a result of the same string kind as v.
func mkStr(v types.Value, s string) types.Value {
	switch v.TypeID() {
	case types.NVarChar, types.NChar:
		return types.NewNVarChar(s)
	case types.Binary, types.VarBinary:
		return types.NewBinaryString(types.VarBinary, s)
	}
	return types.NewVarChar(s)
}

// strArg converts a non-string argument to varchar text (numbers print as
// CAST does), keeping strings.
func strArg(v types.Value) (types.Value, error) {
	if v.TypeID().IsString() || v.TypeID().IsBinary() || v.IsNull() {
		return v, nil
	}
	return types.ImplicitConvert(v, types.VarCharType(types.MaxLength))
}

func lenFunc(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || v.IsNull() {
		return types.Null(types.Int), err
	}
	var n int
	if v.TypeID().IsBinary() {
		n = len(v.Str())
	} else {
		n = types.TextLength(strings.TrimRight(v.Str(), " "), unicodeText(v)) // utf16text.go
	}
	return types.NewInt(int32(n)), nil
}

func dataLength(_ *Context, a []types.Value) (types.Value, error) {
	v := a[0]
	if v.IsNull() {
		return types.Null(types.Int), nil
	}
	switch id := v.TypeID(); {
	case id.IsUnicode():
		return types.NewInt(int32(2 * len(utf16.Encode([]rune(v.Str()))))), nil
	case id.IsString():
		return types.NewInt(int32(len([]rune(v.Str())))), nil
	case id.IsBinary() || id == types.UniqueIdentifier:
		return types.NewInt(int32(len(v.Str()))), nil
	}
	t := types.Type{ID: v.TypeID(), Precision: v.Precision(), Scale: v.Scale()}
	return types.NewInt(int32(t.CatalogMaxLength())), nil
}

// runes returns the characters of a string value, or bytes for binary.
func substr(v types.Value, start, length int64) string {
	if v.TypeID().IsBinary() {
		b := v.Str()
		from, to := clampRange(start, length, int64(len(b)))
		return b[from:to]
	}
	r := textUnits(v.Str(), unicodeText(v)) // utf16text.go
	from, to := clampRange(start, length, int64(len(r)))
	return unitsText(r[from:to])
}

// clampRange maps SQL's 1-based (start, length) to a slice range: start
// below 1 eats into the length (SUBSTRING('abc', 0, 2) = 'a').
func clampRange(start, length, n int64) (int64, int64) {
	end := start + length // exclusive, 1-based
	if length > n+1 {     // avoid overflow for huge lengths
		end = n + 1
		if start > 1 {
			end = n + 1
		}
	}
	from := max(start, 1)
	end = min(end, n+1)
	if from > n || end <= from {
		return 0, 0
	}
	return from - 1, end - 1
}

func errInvalidLength(fn string) error {
	return &types.Error{Number: types.ErrInvalidLengthParam, Severity: 16, State: 1,
		Msg: "Invalid length parameter passed to the " + fn + " function."}
}

func substring(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || anyNull(a) {
		return types.Null(mkStr(v, "").TypeID()), err
	}
	start, err := argInt(a[1])
	if err != nil {
		return types.Value{}, err
	}
	length, err := argInt(a[2])
	if err != nil {
		return types.Value{}, err
	}
	if length < 0 {
		return types.Value{}, errInvalidLength("substring")
	}
	return mkStr(v, substr(v, start, length)), nil
}

func leftRight(right bool) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		v, err := strArg(a[0])
		if err != nil || anyNull(a) {
			return types.Null(mkStr(v, "").TypeID()), err
		}
		n, err := argInt(a[1])
		if err != nil {
			return types.Value{}, err
		}
		if n < 0 {
			if right {
				return types.Value{}, errInvalidLength("RIGHT")
			}
			return types.Value{}, errInvalidLength("LEFT")
		}
		if !right {
			return mkStr(v, substr(v, 1, n)), nil
		}
		total := int64(types.TextLength(v.Str(), unicodeText(v)))
		if v.TypeID().IsBinary() {
			total = int64(len(v.Str()))
		}
		return mkStr(v, substr(v, max(total-n+1, 1), n)), nil
	}
}

// indexColl finds sub in s at or after rune index from under coll and
// returns the rune index of the match or -1.
func indexColl(s, sub []rune, from int, coll types.Collation) int {
	if len(sub) == 0 {
		return -1
	}
	for i := max(from, 0); i+len(sub) <= len(s); i++ {
		if runesEqual(s[i:i+len(sub)], sub, coll) {
			return i
		}
	}
	return -1
}

func runesEqual(a, b []rune, coll types.Collation) bool {
	for i := range a {
		if !runeEq(a[i], b[i], coll) {
			if coll.IsBinary() {
				return false
			}
			// Fall back to comparing the whole window (expansions, ligatures).
			// unitsText: a window of UTF-16 units may hold surrogate pairs.
			sa, sb := unitsText(a), unitsText(b)
			return sa == sb || types.CompareStrings(sa+"x", sb+"x", coll) == 0
		}
	}
	return true
}

func charIndex(ctx *Context, a []types.Value) (types.Value, error) {
	if anyNull(a[:2]) {
		return types.Null(types.Int), nil
	}
	find, err := argString(a[0])
	if err != nil {
		return types.Value{}, err
	}
	s, err := argString(a[1])
	if err != nil {
		return types.Value{}, err
	}
	start := int64(1)
	if len(a) > 2 {
		if a[2].IsNull() {
			return types.Null(types.Int), nil
		}
		if start, err = argInt(a[2]); err != nil {
			return types.Value{}, err
		}
	}
	units := unicodeText(a[0]) || unicodeText(a[1]) // utf16text.go
	i := indexColl(textUnits(s, units), textUnits(find, units), int(max(start, 1)-1), ctx.coll())
	return types.NewInt(int32(i + 1)), nil
}

func patIndexFunc(ctx *Context, a []types.Value) (types.Value, error) {
	if anyNull(a) {
		return types.Null(types.Int), nil
	}
	p, err := argString(a[0])
	if err != nil {
		return types.Value{}, err
	}
	s, err := argString(a[1])
	if err != nil {
		return types.Value{}, err
	}
	i := patIndex(s, p, ctx.coll())
	if i > 1 && unicodeText(a[1]) {
		// patIndex counts characters; nvarchar positions are UTF-16 units
		// (utf16text.go), as SUBSTRING and CHARINDEX take them.
		i = 1 + types.TextLength(string([]rune(s)[:i-1]), true)
	}
	return types.NewInt(int32(i)), nil
}

func replaceFunc(ctx *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || anyNull(a) {
		return types.Null(mkStr(v, "").TypeID()), err
	}
	if v.TypeID().IsBinary() && a[1].TypeID().IsBinary() && a[2].TypeID().IsBinary() {
		// Bytes match bytes exactly; no collation applies.
		if a[1].Str() == "" {
			return v, nil
		}
		return mkStr(v, strings.ReplaceAll(v.Str(), a[1].Str(), a[2].Str())), nil
	}
	find, err := argString(a[1])
	if err != nil {
		return types.Value{}, err
	}
	repl, err := argString(a[2])
	if err != nil {
		return types.Value{}, err
	}
	units := unicodeText(v) || unicodeText(a[1]) // utf16text.go
	s, f := textUnits(v.Str(), units), textUnits(find, units)
	if len(f) == 0 {
		return v, nil
	}
	var b strings.Builder
	i := 0
	for {
		j := indexColl(s, f, i, ctx.coll())
		if j < 0 {
			b.WriteString(unitsText(s[i:]))
			break
		}
		b.WriteString(unitsText(s[i:j]))
		b.WriteString(repl)
		i = j + len(f)
	}
	return mkStr(v, b.String()), nil
}

func replicate(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || anyNull(a) {
		return types.Null(mkStr(v, "").TypeID()), err
	}
	n, err := argInt(a[1])
	if err != nil {
		return types.Value{}, err
	}
	if n < 0 {
		return types.Null(mkStr(v, "").TypeID()), nil
	}
	// The result is bounded here at maxResultBytes; the executor's
	// conversion to ReturnType (varchar(8000) unless the argument is (max))
	// applies SQL Server's length.
	s := v.Str()
	if len(s) > 0 && n > int64(maxResultBytes/len(s)) {
		n = int64(maxResultBytes / len(s))
	}
	out := strings.Repeat(s, int(n))
	return mkStr(v, out), nil
}

// maxResultBytes bounds strings built by REPLICATE (SQL Server's (max)
// limit is 2 GB; ours is smaller to keep one call from exhausting memory).
const maxResultBytes = 1 << 26

func stuff(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || anyNull(a[:3]) {
		return types.Null(mkStr(v, "").TypeID()), err
	}
	start, err := argInt(a[1])
	if err != nil {
		return types.Value{}, err
	}
	length, err := argInt(a[2])
	if err != nil {
		return types.Value{}, err
	}
	repl := ""
	if !a[3].IsNull() {
		if repl, err = argString(a[3]); err != nil {
			return types.Value{}, err
		}
	}
	if v.TypeID().IsBinary() {
		// Bytes are replaced by bytes: start and length count bytes.
		b := v.Str()
		if start < 1 || start > int64(len(b)) || length < 0 {
			return types.Null(types.VarBinary), nil
		}
		if !a[3].IsNull() && a[3].TypeID().IsBinary() {
			repl = a[3].Str()
		}
		end := min(start-1+length, int64(len(b)))
		return mkStr(v, b[:start-1]+repl+b[end:]), nil
	}
	r := textUnits(v.Str(), unicodeText(v)) // utf16text.go
	if start < 1 || start > int64(len(r)) || length < 0 {
		return types.Null(mkStr(v, "").TypeID()), nil
	}
	end := min(start-1+length, int64(len(r)))
	return mkStr(v, unitsText(r[:start-1])+repl+unitsText(r[end:])), nil
}

func concatType(args []types.Type) (types.Type, error) {
	t := types.Type{ID: types.VarChar}
	for _, a := range args {
		n := a.Length
		if !a.ID.IsString() {
			n = 30
		}
		if a.ID.IsUnicode() {
			t.ID = types.NVarChar
		}
		if n == types.MaxLength || t.Length == types.MaxLength {
			t.Length = types.MaxLength
		} else {
			t.Length += n
		}
	}
	limit := 8000
	if t.ID == types.NVarChar {
		limit = 4000
	}
	if t.Length > limit {
		t.Length = types.MaxLength
	}
	return t, nil
}

func concat(_ *Context, a []types.Value) (types.Value, error) {
	var b strings.Builder
	unicode := false
	for _, v := range a {
		if v.TypeID().IsUnicode() {
			unicode = true
		}
		if v.IsNull() {
			continue
		}
		s, err := strArg(v)
		if err != nil {
			return types.Value{}, err
		}
		b.WriteString(s.Str())
	}
	if unicode {
		return types.NewNVarChar(b.String()), nil
	}
	return types.NewVarChar(b.String()), nil
}

func concatWS(_ *Context, a []types.Value) (types.Value, error) {
	sep := ""
	if !a[0].IsNull() {
		s, err := strArg(a[0])
		if err != nil {
			return types.Value{}, err
		}
		sep = s.Str()
	}
	var parts []string
	unicode := a[0].TypeID().IsUnicode()
	for _, v := range a[1:] {
		if v.TypeID().IsUnicode() {
			unicode = true
		}
		if v.IsNull() {
			continue
		}
		s, err := strArg(v)
		if err != nil {
			return types.Value{}, err
		}
		parts = append(parts, s.Str())
	}
	out := strings.Join(parts, sep)
	if unicode {
		return types.NewNVarChar(out), nil
	}
	return types.NewVarChar(out), nil
}

func strMap(f func(string) string) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		v, err := strArg(a[0])
		if err != nil || v.IsNull() {
			return types.Null(mkStr(v, "").TypeID()), err
		}
		return mkStr(v, f(v.Str())), nil
	}
}

// trimmer is TRIM([chars FROM] s) (strings.Trim), LTRIM(s [, chars])
// (strings.TrimLeft) and RTRIM(s [, chars]) (strings.TrimRight): without
// chars only spaces are removed; with them (the executor passes TRIM's as the
// second argument; LTRIM's and RTRIM's are SQL Server 2022's) any character
// in chars. A NULL s or chars gives NULL.
func trimmer(trim func(s, cut string) string) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		v, err := strArg(a[0])
		if err != nil || v.IsNull() {
			return types.Null(mkStr(v, "").TypeID()), err
		}
		cut := " "
		if len(a) > 1 {
			if a[1].IsNull() {
				return types.Null(mkStr(v, "").TypeID()), nil
			}
			if cut, err = argString(a[1]); err != nil {
				return types.Value{}, err
			}
		}
		return mkStr(v, trim(v.Str(), cut)), nil
	}
}

// strFunc is STR(float [, length [, decimals]]): right-aligned text of the
// given length (default 10) with decimals (default 0, at most 16); a number
// that does not fit prints as length asterisks.
func strFunc(_ *Context, a []types.Value) (types.Value, error) {
	if anyNull(a) {
		return types.Null(types.VarChar), nil
	}
	fv, err := types.ImplicitConvert(a[0], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	length, dec := int64(10), int64(0)
	if len(a) > 1 {
		if length, err = argInt(a[1]); err != nil {
			return types.Value{}, err
		}
	}
	if len(a) > 2 {
		if dec, err = argInt(a[2]); err != nil {
			return types.Value{}, err
		}
	}
	if length <= 0 || length > 8000 || dec < 0 {
		return types.Null(types.VarChar), nil
	}
	dec = min(dec, 16)
	f := fv.Float64()
	s := strconv.FormatFloat(f, 'f', int(dec), 64)
	for int64(len(s)) > length && dec > 0 {
		dec--
		s = strconv.FormatFloat(f, 'f', int(dec), 64)
	}
	if int64(len(s)) > length {
		return types.NewVarChar(strings.Repeat("*", int(length))), nil
	}
	return types.NewVarChar(strings.Repeat(" ", int(length)-len(s)) + s), nil
}

// reverse is REVERSE: an nvarchar's UTF-16 units in reverse order (a
// surrogate pair's halves swap and are then lone, as under SQL Server's
// collations without _SC; utf16text.go), a varchar's characters.
func reverse(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || v.IsNull() {
		return types.Null(mkStr(v, "").TypeID()), err
	}
	r := textUnits(v.Str(), unicodeText(v))
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return mkStr(v, unitsText(r)), nil
}

func space(_ *Context, a []types.Value) (types.Value, error) {
	if a[0].IsNull() {
		return types.Null(types.VarChar), nil
	}
	n, err := argInt(a[0])
	if err != nil {
		return types.Value{}, err
	}
	if n < 0 {
		return types.Null(types.VarChar), nil
	}
	return types.NewVarChar(strings.Repeat(" ", int(min(n, 8000)))), nil
}

// asciiFunc is ASCII (code page 1252 code of the first character of a
// varchar) and UNICODE (code point of the first character).
func asciiFunc(_ *Context, a []types.Value) (types.Value, error) {
	v, err := strArg(a[0])
	if err != nil || v.IsNull() || v.Str() == "" {
		return types.Null(types.Int), err
	}
	r := textUnits(v.Str(), unicodeText(v))[0] // utf16text.go: UNICODE(N'😀') is the high surrogate
	if v.TypeID().IsUnicode() || r < 0x80 {
		return types.NewInt(int32(r)), nil
	}
	b, err := types.Convert(types.NewVarChar(string(r)), types.Type{ID: types.VarBinary, Length: 1}, 0)
	if err != nil || b.Str() == "" {
		return types.Null(types.Int), err
	}
	return types.NewInt(int32(b.Str()[0])), nil
}

func charFunc(unicode bool) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		if a[0].IsNull() {
			return types.Null(types.VarChar), nil
		}
		n, err := argInt(a[0])
		if err != nil {
			return types.Value{}, err
		}
		if unicode {
			if n < 0 || n > 0xFFFF { // no _SC collation: utf16text.go
				return types.Null(types.NVarChar), nil
			}
			return types.NewNVarChar(string(rune(n))), nil
		}
		if n < 0 || n > 255 {
			return types.Null(types.VarChar), nil
		}
		b, _ := types.Convert(types.NewVarBinary([]byte{byte(n)}), types.VarCharType(1), 0)
		return b, nil
	}
}

func init() {
	int1 := fixed(types.TypeInt)
	register(
		&Func{Name: "LEN", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: intForMax, Eval: lenFunc},
		&Func{Name: "DATALENGTH", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: intForMax, Eval: dataLength},
		&Func{Name: "SUBSTRING", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: sameStr, Eval: substring},
		&Func{Name: "LEFT", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: sameStr, Eval: leftRight(false)},
		&Func{Name: "RIGHT", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: sameStr, Eval: leftRight(true)},
		&Func{Name: "CHARINDEX", MinArgs: 2, MaxArgs: 3, Deterministic: true, ReturnType: intForMax, Eval: charIndex},
		&Func{Name: "PATINDEX", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: intForMax, Eval: patIndexFunc},
		&Func{Name: "REPLACE", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: strFullType, Eval: replaceFunc},
		&Func{Name: "REPLICATE", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: strFullType, Eval: replicate},
		&Func{Name: "STUFF", MinArgs: 4, MaxArgs: 4, Deterministic: true, ReturnType: strFullType, Eval: stuff},
		&Func{Name: "CONCAT", MinArgs: 2, MaxArgs: 254, Deterministic: true, ReturnType: concatType, Eval: concat},
		&Func{Name: "CONCAT_WS", MinArgs: 3, MaxArgs: 254, Deterministic: true, ReturnType: concatType, Eval: concatWS},
		&Func{Name: "LTRIM", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: sameStr, Eval: trimmer(strings.TrimLeft)},
		&Func{Name: "RTRIM", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: sameStr, Eval: trimmer(strings.TrimRight)},
		&Func{Name: "TRIM", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: sameStr, Eval: trimmer(strings.Trim)},
		&Func{Name: "UPPER", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: sameStr, Eval: strMap(strings.ToUpper)},
		&Func{Name: "LOWER", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: sameStr, Eval: strMap(strings.ToLower)},
		&Func{Name: "REVERSE", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: sameStr, Eval: reverse},
		&Func{Name: "STR", MinArgs: 1, MaxArgs: 3, Deterministic: true, ReturnType: fixed(types.VarCharType(10)), Eval: strFunc},
		&Func{Name: "SPACE", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.VarCharType(8000)), Eval: space},
		&Func{Name: "ASCII", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: int1, Eval: asciiFunc},
		&Func{Name: "UNICODE", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: int1, Eval: asciiFunc},
		&Func{Name: "CHAR", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.Type{ID: types.Char, Length: 1}), Eval: charFunc(false)},
		&Func{Name: "NCHAR", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: fixed(types.Type{ID: types.NChar, Length: 1}), Eval: charFunc(true)},
	)
}
