package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sessionProperty is SESSIONPROPERTY(option): 1 when the session's SET
// option is ON, 0 when OFF, NULL for anything else. Inside a procedure,
// function or trigger QUOTED_IDENTIFIER and ANSI_NULLS are the module's own
// (module_sets.go). SQL Server types the result sql_variant; its base type
// is int, which is what this returns.
func (s *Session) sessionProperty(v types.Value) types.Value {
	name, err := asText(v)
	if v.IsNull() || err != nil {
		return types.Null(types.Int)
	}
	on := oneZero
	o := s.Opts
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "QUOTED_IDENTIFIER":
		return on(o.QuotedIdentifier)
	case "ANSI_NULLS":
		return on(o.AnsiNulls)
	case "CONCAT_NULL_YIELDS_NULL":
		return on(o.ConcatNullYieldsNull)
	case "ANSI_WARNINGS":
		return on(o.Flags&optionBit["ANSI_WARNINGS"] != 0)
	case "ANSI_PADDING":
		return on(o.Flags&optionBit["ANSI_PADDING"] != 0)
	case "ARITHABORT":
		return on(o.Flags&optionBit["ARITHABORT"] != 0)
	case "NUMERIC_ROUNDABORT":
		return on(o.Flags&optionBit["NUMERIC_ROUNDABORT"] != 0)
	}
	return types.Null(types.Int)
}

// oneZero is an int 1 for true, 0 for false: what SESSIONPROPERTY,
// OBJECTPROPERTY and the like return for a property that is on or off.
func oneZero(b bool) types.Value {
	if b {
		return types.NewInt(1)
	}
	return types.NewInt(0)
}
