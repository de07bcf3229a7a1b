package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// looseObjectName splits an object name given as a string the way SQL
// Server's OBJECT_ID, sp_help and friends do when the text is not a plain
// T-SQL name: parts separated by dots outside [..] and "..", and an
// unquoted part may hold spaces. Northwind's install script relies on it:
// OBJECT_ID('dbo.Order Details') finds [dbo].[Order Details]. It returns
// nil for text that is no name of one to four parts (an unclosed bracket, a
// part of only spaces, more than four parts), so the caller's own rule
// applies.
func looseObjectName(text string) *ast.Name {
	var parts []*ast.Ident
	var cur strings.Builder
	quoted := false
	flush := func() bool {
		name := cur.String()
		if !quoted {
			name = strings.TrimSpace(name)
		}
		cur.Reset()
		parts = append(parts, &ast.Ident{Name: name, Quoted: quoted})
		quoted = false
		return len(parts) <= 4
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '.':
			if !flush() {
				return nil
			}
		case (c == '[' || c == '"') && strings.TrimSpace(cur.String()) == "":
			closer := byte(']')
			if c == '"' {
				closer = '"'
			}
			cur.Reset()
			j := i + 1
			for ; j < len(text); j++ {
				if text[j] == closer {
					if j+1 < len(text) && text[j+1] == closer { // ]] or "" escapes the closer
						cur.WriteByte(closer)
						j++
						continue
					}
					break
				}
				cur.WriteByte(text[j])
			}
			if j >= len(text) {
				return nil
			}
			quoted = true
			// Only spaces may follow the closing quote before the next dot.
			for j+1 < len(text) && text[j+1] == ' ' {
				j++
			}
			if j+1 < len(text) && text[j+1] != '.' {
				return nil
			}
			i = j
		default:
			if quoted {
				return nil
			}
			cur.WriteByte(c)
		}
	}
	if !flush() {
		return nil
	}
	// The last part (the object) must be named; db..t leaves a middle part empty.
	if parts[len(parts)-1].Name == "" {
		return nil
	}
	return &ast.Name{Parts: parts}
}
