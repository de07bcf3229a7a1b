package funcs

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// PARSENAME(object_name, object_piece): one part of a up-to-four-part name
// (1 object, 2 schema, 3 database, 4 server), without its [] or ""
// delimiters; NULL when that part is absent or empty, or when the name is
// not a valid multi-part name (more than four parts, an unclosed
// delimiter, text after a closing one).

func init() {
	register(&Func{Name: "PARSENAME", MinArgs: 2, MaxArgs: 2, Deterministic: true,
		ReturnType: func([]types.Type) (types.Type, error) { return types.NVarCharType(128), nil }, Eval: parseName})
}

func parseName(_ *Context, args []types.Value) (types.Value, error) {
	if anyNull(args) {
		return types.Null(types.NVarChar), nil
	}
	name, err := argString(args[0])
	if err != nil {
		return types.Value{}, err
	}
	piece, err := argInt(args[1])
	if err != nil {
		return types.Value{}, err
	}
	parts, ok := splitName(name)
	n := int(piece)
	if !ok || n < 1 || n > len(parts) {
		return types.Null(types.NVarChar), nil
	}
	p := parts[len(parts)-n]
	if p == "" {
		return types.Null(types.NVarChar), nil
	}
	return types.NewNVarChar(p), nil
}

// splitName splits a multi-part name at the dots outside delimiters.
func splitName(s string) ([]string, bool) {
	var parts []string
	var cur strings.Builder
	quoted := false // the current part was delimited
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '.':
			parts = append(parts, cur.String())
			cur.Reset()
			quoted = false
			i++
		case (c == '[' || c == '"') && cur.Len() == 0 && !quoted:
			closer := byte(']')
			if c == '"' {
				closer = '"'
			}
			i++
			for {
				if i >= len(s) {
					return nil, false // unclosed
				}
				if s[i] == closer {
					if i+1 < len(s) && s[i+1] == closer {
						cur.WriteByte(closer)
						i += 2
						continue
					}
					i++
					break
				}
				cur.WriteByte(s[i])
				i++
			}
			quoted = true
			if i < len(s) && s[i] != '.' {
				return nil, false
			}
		default:
			if quoted {
				return nil, false
			}
			cur.WriteByte(c)
			i++
		}
		if len(parts) > 3 {
			return nil, false
		}
	}
	parts = append(parts, cur.String())
	return parts, len(parts) <= 4
}
