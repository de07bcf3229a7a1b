package funcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// JSON functions: ISJSON, JSON_VALUE, JSON_QUERY and JSON_MODIFY, plus the
// document walking OPENJSON (in the executor) shares through [JSONPath],
// [JSONLocate] and [JSONMembers].
//
// Documents are never rebuilt: every function works on byte ranges of the
// input text (found with encoding/json's Decoder and InputOffset), so
// JSON_QUERY returns a fragment exactly as written and JSON_MODIFY splices
// its change into the original text, as SQL Server does.

func init() {
	register(
		&Func{Name: "ISJSON", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: isJSON},
		&Func{Name: "JSON_PATH_EXISTS", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.TypeInt), Eval: jsonPathExists},
		&Func{Name: "JSON_VALUE", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.NVarCharType(4000)), Eval: jsonValue},
		&Func{Name: "JSON_QUERY", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: fixed(types.NVarCharType(types.MaxLength)), Eval: jsonQuery},
		&Func{Name: "JSON_MODIFY", MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: fixed(types.NVarCharType(types.MaxLength)), Eval: jsonModify(false)},
		&Func{Name: JSONModifyJSON, MinArgs: 3, MaxArgs: 3, Deterministic: true, ReturnType: fixed(types.NVarCharType(types.MaxLength)), Eval: jsonModify(true)},
	)
}

// JSON error numbers and texts (sys.messages 13607…13625).
func errJSONPath(c byte, pos int) error {
	return &types.Error{Number: 13607, Severity: 16, State: 3,
		Msg: "JSON path is not properly formatted. Unexpected character '" + string(rune(c)) + "' is found at position " + itoa(pos) + "."}
}

func errJSONText(doc []byte, pos int) error {
	c := "\x00"
	if pos >= 0 && pos < len(doc) {
		c = string(doc[pos : pos+1])
	}
	return &types.Error{Number: 13609, Severity: 16, State: 4,
		Msg: "JSON text is not properly formatted. Unexpected character '" + c + "' is found at position " + itoa(pos) + "."}
}

var (
	errJSONNoProperty = &types.Error{Number: 13608, Severity: 16, State: 1, Msg: "Property cannot be found on the specified JSON path."}
	errJSONNoScalar   = &types.Error{Number: 13623, Severity: 16, State: 1, Msg: "Scalar value cannot be found in the specified JSON path."}
	errJSONNoObject   = &types.Error{Number: 13624, Severity: 16, State: 1, Msg: "Object or array cannot be found in the specified JSON path."}
	errJSONTruncated  = &types.Error{Number: 13625, Severity: 16, State: 1, Msg: "String value in the specified JSON path would be truncated."}
)

// JSONStep is one step of a JSON path: a property key, or an array index
// when Index >= 0.
type JSONStep struct {
	Key   string
	Index int
}

// JSONPath is a parsed SQL Server JSON path: `[lax|strict] $(.key|."key"|[n])*`.
type JSONPath struct {
	Strict bool
	Steps  []JSONStep
	// Append is JSON_MODIFY's `append` prefix.
	Append bool
}

// ParseJSONPath parses a path as JSON_VALUE, JSON_QUERY, JSON_MODIFY and
// OPENJSON accept it; a malformed path is error 13607. allowAppend
// accepts JSON_MODIFY's leading `append` keyword.
func ParseJSONPath(s string, allowAppend bool) (JSONPath, error) {
	var p JSONPath
	i := 0
	skipSpace := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	word := func(w string) bool {
		if len(s)-i > len(w) && strings.EqualFold(s[i:i+len(w)], w) && s[i+len(w)] == ' ' {
			i += len(w)
			skipSpace()
			return true
		}
		return false
	}
	skipSpace()
	if allowAppend && word("append") {
		p.Append = true
	}
	if word("strict") {
		p.Strict = true
	} else {
		word("lax")
	}
	if i >= len(s) || s[i] != '$' {
		if i >= len(s) {
			return p, errJSONPath(' ', i+1)
		}
		return p, errJSONPath(s[i], i+1)
	}
	i++
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
			if i < len(s) && s[i] == '"' {
				j := i + 1
				var b strings.Builder
				for j < len(s) && s[j] != '"' {
					if s[j] == '\\' && j+1 < len(s) {
						j++
					}
					b.WriteByte(s[j])
					j++
				}
				if j >= len(s) {
					return p, errJSONPath(s[len(s)-1], len(s))
				}
				p.Steps = append(p.Steps, JSONStep{Key: b.String(), Index: -1})
				i = j + 1
				continue
			}
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				r := rune(s[j])
				if !(r == '_' || r == '$' || r >= 0x80 || unicode.IsLetter(r) || (j > i && unicode.IsDigit(r))) {
					return p, errJSONPath(s[j], j+1)
				}
				j++
			}
			if j == i {
				c := byte(' ')
				if i < len(s) {
					c = s[i]
				}
				return p, errJSONPath(c, i+1)
			}
			p.Steps = append(p.Steps, JSONStep{Key: s[i:j], Index: -1})
			i = j
		case '[':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j == i+1 || j >= len(s) || s[j] != ']' {
				c := byte(']')
				if j < len(s) {
					c = s[j]
				}
				return p, errJSONPath(c, j+1)
			}
			n, err := strconv.Atoi(s[i+1 : j])
			if err != nil {
				return p, errJSONPath(s[i+1], i+2)
			}
			p.Steps = append(p.Steps, JSONStep{Index: n})
			i = j + 1
		default:
			return p, errJSONPath(s[i], i+1)
		}
	}
	return p, nil
}

// JSONMember is one member of an object (Key set) or element of an array
// (Key is the index in decimal), with the raw text of its value and the
// value's byte range [Start, End) in the document.
type JSONMember struct {
	Key        string
	Raw        []byte
	Start, End int
}

// JSONMembers lists the members of the object or array whose text is
// doc[start:end], in document order. isObject reports which it was; for a
// scalar it returns nil members and ok false.
func JSONMembers(doc []byte, start, end int) (ms []JSONMember, isObject, ok bool, err error) {
	dec := json.NewDecoder(bytes.NewReader(doc[start:end]))
	tok, err := dec.Token()
	if err != nil {
		return nil, false, false, errJSONText(doc, start)
	}
	d, isDelim := tok.(json.Delim)
	if !isDelim || (d != '{' && d != '[') {
		return nil, false, false, nil
	}
	isObject = d == '{'
	for n := 0; dec.More(); n++ {
		key := itoa(n)
		if isObject {
			kt, err := dec.Token()
			if err != nil {
				return nil, isObject, true, errJSONText(doc, start+int(dec.InputOffset()))
			}
			key, _ = kt.(string)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, isObject, true, errJSONText(doc, start+int(dec.InputOffset()))
		}
		e := start + int(dec.InputOffset())
		ms = append(ms, JSONMember{Key: key, Raw: raw, Start: e - len(raw), End: e})
	}
	return ms, isObject, true, nil
}

// ValidateJSON checks doc is exactly one JSON value; the error is 13609 at
// the first bad byte.
func ValidateJSON(doc []byte) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return errJSONText(doc, syntaxOffset(err, doc))
	}
	if _, err := dec.Token(); err != io.EOF {
		return errJSONText(doc, int(dec.InputOffset()))
	}
	return nil
}

func syntaxOffset(err error, doc []byte) int {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 {
		return int(se.Offset) - 1
	}
	return len(doc)
}

// JSONLocate finds the value a path designates in doc (which must be
// valid JSON) and returns its byte range; found is false when a step is
// missing.
func JSONLocate(doc []byte, p JSONPath) (start, end int, found bool, err error) {
	start, end = 0, len(doc)
	for _, st := range p.Steps {
		ms, isObj, ok, err := JSONMembers(doc, start, end)
		if err != nil {
			return 0, 0, false, err
		}
		if !ok || isObj != (st.Index < 0) {
			return 0, 0, false, nil
		}
		want := st.Key
		if st.Index >= 0 {
			want = itoa(st.Index)
		}
		hit := false
		for _, m := range ms {
			if m.Key == want {
				start, end, hit = m.Start, m.End, true
				break
			}
		}
		if !hit {
			return 0, 0, false, nil
		}
	}
	// Trim the document's surrounding white space for the root.
	for start < end && isJSONSpace(doc[start]) {
		start++
	}
	for end > start && isJSONSpace(doc[end-1]) {
		end--
	}
	return start, end, true, nil
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// JSONScalarText is the text SQL Server gives a JSON scalar: the unescaped
// string, the number as written, true/false; isNull for null; isScalar is
// false for an object or array.
func JSONScalarText(raw []byte) (text string, isNull, isScalar bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", true, true
	}
	switch raw[0] {
	case '{', '[':
		return "", false, false
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return string(raw), false, true
		}
		return s, false, true
	case 'n':
		return "", true, true
	}
	return string(raw), false, true
}

// JSONType is OPENJSON's type column: 0 null, 1 string, 2 number, 3
// true/false, 4 array, 5 object.
func JSONType(raw []byte) int {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	switch raw[0] {
	case 'n':
		return 0
	case '"':
		return 1
	case 't', 'f':
		return 3
	case '[':
		return 4
	case '{':
		return 5
	}
	return 2
}

// jsonArgs reads the document and path arguments; null reports a NULL
// argument (the result is then NULL).
func jsonArgs(args []types.Value, allowAppend bool) (doc []byte, p JSONPath, null bool, err error) {
	if anyNull(args[:min(len(args), 2)]) {
		return nil, p, true, nil
	}
	s, err := argString(args[0])
	if err != nil {
		return nil, p, false, err
	}
	path := "$"
	if len(args) > 1 {
		if path, err = argString(args[1]); err != nil {
			return nil, p, false, err
		}
	}
	if p, err = ParseJSONPath(path, allowAppend); err != nil {
		return nil, p, false, err
	}
	doc = []byte(s)
	return doc, p, false, ValidateJSON(doc)
}

// IsJSONTypeConstraint reports whether word is one of ISJSON's
// json_type_constraint keywords (SQL Server 2022).
func IsJSONTypeConstraint(word string) bool {
	switch strings.ToUpper(word) {
	case "VALUE", "ARRAY", "OBJECT", "SCALAR":
		return true
	}
	return false
}

// isJSON is ISJSON(expr [, json_type_constraint]): 1 for valid JSON of the
// kind asked for — without a constraint an object or array; VALUE any
// JSON value, including the literals true, false and null; ARRAY, OBJECT;
// SCALAR a number or string only.
func isJSON(_ *Context, args []types.Value) (types.Value, error) {
	if args[0].IsNull() {
		return types.Null(types.Int), nil
	}
	s, err := argString(args[0])
	if err != nil {
		return types.Value{}, err
	}
	kind := ""
	if len(args) > 1 {
		kind = strings.ToUpper(args[1].Str())
	}
	doc := bytes.TrimSpace([]byte(s))
	if len(doc) == 0 || ValidateJSON(doc) != nil {
		return types.NewInt(0), nil
	}
	var ok bool
	switch c := doc[0]; kind {
	case "":
		ok = c == '{' || c == '['
	case "VALUE":
		ok = true
	case "ARRAY":
		ok = c == '['
	case "OBJECT":
		ok = c == '{'
	case "SCALAR":
		ok = c == '"' || c == '-' || c >= '0' && c <= '9'
	}
	if ok {
		return types.NewInt(1), nil
	}
	return types.NewInt(0), nil
}

// jsonPathExists is JSON_PATH_EXISTS(doc, path): 1 when path designates a
// value of doc, 0 otherwise, NULL for a NULL argument. It gives no errors:
// a document that is not JSON or a malformed path is 0. A [*] step asks
// whether any element of the array there continues the path.
func jsonPathExists(_ *Context, args []types.Value) (types.Value, error) {
	if anyNull(args) {
		return types.Null(types.Int), nil
	}
	s, err := argString(args[0])
	if err != nil {
		return types.Value{}, err
	}
	path, err := argString(args[1])
	if err != nil {
		return types.Value{}, err
	}
	doc := []byte(s)
	if ValidateJSON(doc) != nil {
		return types.NewInt(0), nil
	}
	if pathExists(doc, 0, len(doc), strings.Split(path, "[*]")) {
		return types.NewInt(1), nil
	}
	return types.NewInt(0), nil
}

// pathExists reports whether the path made of parts joined by [*] steps
// exists in doc[start:end]; parts after the first are relative to each
// element of the array the previous part reached.
func pathExists(doc []byte, start, end int, parts []string) bool {
	text := parts[0]
	if t := strings.TrimSpace(text); t == "" || !strings.HasPrefix(t, "$") && !strings.HasPrefix(strings.ToLower(t), "lax") && !strings.HasPrefix(strings.ToLower(t), "strict") {
		text = "$" + text
	}
	p, err := ParseJSONPath(text, false)
	if err != nil {
		return false
	}
	s, e, found, err := locateFrom(doc, start, end, p)
	if err != nil || !found {
		return false
	}
	if len(parts) == 1 {
		return true
	}
	ms, isObj, ok, err := JSONMembers(doc, s, e)
	if err != nil || !ok || isObj {
		return false
	}
	for _, m := range ms {
		if pathExists(doc, m.Start, m.End, parts[1:]) {
			return true
		}
	}
	return false
}

// locateFrom is JSONLocate for a path relative to the value doc[start:end].
func locateFrom(doc []byte, start, end int, p JSONPath) (int, int, bool, error) {
	s, e, found, err := JSONLocate(doc[start:end], JSONPath{Steps: p.Steps})
	return s + start, e + start, found, err
}

// jsonFind evaluates the (doc, path) arguments of JSON_VALUE and JSON_QUERY
// and locates the path: found is false for a NULL argument and, in lax mode,
// for a missing path (the caller returns NULL); strict mode makes a missing
// path error 13608.
func jsonFind(args []types.Value) (doc []byte, p JSONPath, start, end int, found bool, err error) {
	doc, p, isNull, err := jsonArgs(args, false)
	if isNull || err != nil {
		return nil, p, 0, 0, false, err
	}
	start, end, found, err = JSONLocate(doc, p)
	if err == nil && !found && p.Strict {
		err = errJSONNoProperty
	}
	return doc, p, start, end, found, err
}

// jsonValue is JSON_VALUE(doc, path): the scalar at path as nvarchar(4000);
// in lax mode a missing path, an object or array, or a value longer than
// 4000 characters is NULL, in strict mode an error.
func jsonValue(_ *Context, args []types.Value) (types.Value, error) {
	null := types.Null(types.NVarChar)
	doc, p, start, end, found, err := jsonFind(args)
	if !found || err != nil {
		return null, err
	}
	text, tnull, scalar := JSONScalarText(doc[start:end])
	switch {
	case !scalar:
		if p.Strict {
			return null, errJSONNoScalar
		}
		return null, nil
	case tnull:
		return null, nil
	case len([]rune(text)) > 4000:
		if p.Strict {
			return null, errJSONTruncated
		}
		return null, nil
	}
	return types.NewNVarChar(text), nil
}

// jsonQuery is JSON_QUERY(doc [, path]): the object or array at path, as
// written; a scalar or missing path is NULL (lax) or an error (strict).
func jsonQuery(_ *Context, args []types.Value) (types.Value, error) {
	null := types.Null(types.NVarChar)
	doc, p, start, end, found, err := jsonFind(args)
	if !found || err != nil {
		return null, err
	}
	if c := doc[start]; c != '{' && c != '[' {
		if p.Strict {
			return null, errJSONNoObject
		}
		return null, nil
	}
	return types.NewNVarChar(string(doc[start:end])), nil
}

// JSONModifyJSON names the variant of JSON_MODIFY whose new value is JSON
// text, inserted as is: the executor calls it when the value is written
// as JSON_QUERY(…) or a FOR JSON subquery, which is how SQL Server tells
// JSON from a string. (The space keeps it from being called by name.)
const JSONModifyJSON = "JSON_MODIFY JSON"

// jsonModify returns JSON_MODIFY(doc, path, newValue): the document with
// the value at path replaced (a string quoted, unless raw: JSON text), a
// missing key added (lax), a key deleted when newValue is NULL (lax), or
// newValue appended to the array at path (append).
func jsonModify(raw bool) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, args []types.Value) (types.Value, error) {
		return modifyJSON(args, raw)
	}
}

func modifyJSON(args []types.Value, raw bool) (types.Value, error) {
	null := types.Null(types.NVarChar)
	doc, p, isNull, err := jsonArgs(args, true)
	if isNull || err != nil {
		return null, err
	}
	if len(p.Steps) == 0 && !p.Append {
		return null, errJSONPath('$', 1)
	}
	newText, err := jsonLiteral(args[2], raw)
	if err != nil {
		return null, err
	}
	out := func(b []byte) (types.Value, error) { return types.NewNVarChar(string(b)), nil }
	start, end, found, err := JSONLocate(doc, p)
	if err != nil {
		return null, err
	}
	if p.Append {
		if !found {
			if p.Strict {
				return null, errJSONNoProperty
			}
			return types.NewNVarChar(string(doc)), nil
		}
		if args[2].IsNull() {
			return types.NewNVarChar(string(doc)), nil
		}
		ms, isObj, ok, err := JSONMembers(doc, start, end)
		if err != nil {
			return null, err
		}
		if !ok || isObj {
			if p.Strict {
				return null, errJSONNoObject
			}
			return types.NewNVarChar(string(doc)), nil
		}
		sep := ","
		if len(ms) == 0 {
			sep = ""
		}
		return out(splice(doc, end-1, end-1, sep+newText))
	}
	if found {
		if args[2].IsNull() && !p.Strict {
			return out(deleteMember(doc, p))
		}
		if args[2].IsNull() {
			newText = "null"
		}
		return out(splice(doc, start, end, newText))
	}
	if p.Strict {
		return null, errJSONNoProperty
	}
	if args[2].IsNull() {
		return types.NewNVarChar(string(doc)), nil
	}
	// Add a missing key to its parent object.
	last := p.Steps[len(p.Steps)-1]
	if last.Index >= 0 {
		return types.NewNVarChar(string(doc)), nil
	}
	parent := JSONPath{Steps: p.Steps[:len(p.Steps)-1]}
	ps, pe, pfound, err := JSONLocate(doc, parent)
	if err != nil {
		return null, err
	}
	if !pfound || doc[ps] != '{' {
		return types.NewNVarChar(string(doc)), nil
	}
	ms, _, _, err := JSONMembers(doc, ps, pe)
	if err != nil {
		return null, err
	}
	key, _ := json.Marshal(last.Key)
	sep := ","
	if len(ms) == 0 {
		sep = ""
	}
	return out(splice(doc, pe-1, pe-1, sep+string(key)+":"+newText))
}

// jsonLiteral is the JSON text JSON_MODIFY inserts for v: numbers and bits
// bare (bit as true/false), strings quoted, or as they are when raw (text
// that is not valid JSON is then still quoted).
func jsonLiteral(v types.Value, raw bool) (string, error) {
	if v.IsNull() {
		return "null", nil
	}
	id := v.TypeID()
	switch {
	case id == types.Bit:
		if v.Bool() {
			return "true", nil
		}
		return "false", nil
	case id.IsNumeric():
		s, err := argString(v)
		return s, err
	}
	s, err := argString(v)
	if err != nil {
		return "", err
	}
	if raw && json.Valid([]byte(s)) {
		return s, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func splice(doc []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(doc)-(end-start)+len(text))
	out = append(out, doc[:start]...)
	out = append(out, text...)
	return append(out, doc[end:]...)
}

// deleteMember removes the member p designates (with its key and one
// separating comma) from doc.
func deleteMember(doc []byte, p JSONPath) []byte {
	parent := JSONPath{Steps: p.Steps[:len(p.Steps)-1]}
	ps, pe, found, err := JSONLocate(doc, parent)
	if err != nil || !found {
		return doc
	}
	ms, _, _, err := JSONMembers(doc, ps, pe)
	if err != nil {
		return doc
	}
	last := p.Steps[len(p.Steps)-1]
	want := last.Key
	if last.Index >= 0 {
		want = itoa(last.Index)
	}
	for i, m := range ms {
		if m.Key != want {
			continue
		}
		// The member starts after the previous value's end (or the
		// opening bracket) and its comma.
		from := ps + 1
		if i > 0 {
			from = ms[i-1].End
		}
		to := m.End
		if i == 0 && len(ms) > 1 {
			// Remove through the following comma instead.
			to = ms[1].Start
			for j := m.End; j < ms[1].Start; j++ {
				if doc[j] == ',' {
					to = j + 1
					break
				}
			}
			for to < ms[1].Start && isJSONSpace(doc[to]) {
				to++
			}
			// Keep the key of the next member: back up to its quote.
			if doc[ps] == '{' {
				to = keyStart(doc, to, ms[1].Start)
			}
		}
		return splice(doc, from, to, "")
	}
	return doc
}

// keyStart returns where the member whose value starts at valueStart
// begins: its key's opening quote at or after from.
func keyStart(doc []byte, from, valueStart int) int {
	for j := from; j < valueStart; j++ {
		if doc[j] == '"' {
			return j
		}
	}
	return from
}
