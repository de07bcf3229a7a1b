package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Per-session values applications attach to a connection: SESSION_CONTEXT
// (sp_set_session_context, read by row-level security predicates and
// auditing triggers) and CONTEXT_INFO (SET CONTEXT_INFO, 128 bytes). Both
// last until the session ends or its connection is reset.

type sessionValue struct {
	v        types.Value
	readOnly bool
}

// sessionValues is a session's SESSION_CONTEXT and CONTEXT_INFO.
type sessionValues struct {
	context     map[string]sessionValue // keys as given: they compare as binary
	contextInfo []byte                  // nil until SET CONTEXT_INFO
}

// spSetSessionContext runs sp_set_session_context @key, @value [, @read_only].
func (s *Session) spSetSessionContext(args []*ProcArg) error {
	const proc = "sp_set_session_context"
	key := ArgString(args, 0, "@key")
	if key == "" {
		return ErrProcMissingArg.New(proc, "@key")
	}
	v, _ := argValue(args, 1, "@value")
	ro, _ := ArgInt(args, 2, "@read_only")
	if old, ok := s.vals.context[key]; ok && old.readOnly {
		return &Error{Number: 15664, Severity: 16, State: 1, Proc: proc,
			Message: "Cannot set key '" + key + "' in the session context. The key has been set as read_only for this session."}
	}
	if s.vals.context == nil {
		s.vals.context = map[string]sessionValue{}
	}
	if v.IsNull() && ro == 0 {
		delete(s.vals.context, key)
		return nil
	}
	s.vals.context[key] = sessionValue{v: v, readOnly: ro != 0}
	return nil
}

// sessionContext is SESSION_CONTEXT(N'key'): the value as sql_variant, NULL
// when the key is not set.
func (s *Session) sessionContext(key types.Value) types.Value {
	if key.IsNull() {
		return types.Null(types.SQLVariant)
	}
	k, _ := asText(key)
	if sv, ok := s.vals.context[k]; ok {
		return sv.v
	}
	return types.Null(types.SQLVariant)
}

// setContextInfo runs SET CONTEXT_INFO value: up to 128 bytes, kept padded
// with zeros to 128 as SQL Server keeps them (CONTEXT_INFO() returns the
// padded value; scripts strip the CHAR(0)s).
func (s *Session) setContextInfo(ctx context.Context, arg ast.Expr) error {
	if arg == nil {
		return nil
	}
	vt, err := s.evalScalar(ctx, arg)
	if err != nil {
		return err
	}
	if vt.v.IsNull() {
		return &Error{Number: 8116, Severity: 16, State: 1, Message: "Argument data type NULL is invalid for argument 1 of set context_info function."}
	}
	b, err := types.Convert(vt.v, types.Type{ID: types.VarBinary, Length: 128}, 0)
	if err != nil {
		return err
	}
	info := make([]byte, 128)
	copy(info, b.Bytes())
	s.vals.contextInfo = info
	return nil
}

// contextInfo is CONTEXT_INFO(): NULL until SET CONTEXT_INFO.
func (s *Session) contextInfo() types.Value {
	if s.vals.contextInfo == nil {
		return types.Null(types.VarBinary)
	}
	return types.NewVarBinary(s.vals.contextInfo)
}
