package exec

import (
	"context"
	"strings"
)

// Procedures deployment and maintenance scripts call after changing tables,
// which answered 2812 (Could not find stored procedure):
//
//   - sp_refreshview @viewname and sp_refreshsqlmodule @name [, @namespace]:
//     SQL Server re-reads a view's or module's metadata from its definition.
//     Here a view and a module are compiled from their definition whenever
//     they are used, so there is nothing stale to refresh: the procedures
//     check the name (15165 for one that is no view, or no module, as SQL
//     Server's sp_refreshsqlmodule_internal reports it) and succeed.
//   - sp_recompile @objname: marks a table's, procedure's, function's or
//     trigger's plans for recompilation; this frees the plan cache (the
//     plans of the object are among them) and prints 15070.

// moduleKinds are the sys.objects types sp_refreshsqlmodule accepts.
var moduleKinds = map[string]bool{"V": true, "P": true, "FN": true, "IF": true, "TF": true, "TR": true}

func (s *Session) spRefreshModule(ctx context.Context, args []*ProcArg, viewOnly bool) (int32, error) {
	param := "@name"
	if viewOnly {
		param = "@viewname"
	}
	name := ArgString(args, 0, param)
	id, ok := s.objectID(name)
	kind := ""
	if ok {
		kind = objectTypeOf(s.catalogFor(s.db), id)
	}
	if !ok || name == "" || id < 0 || !moduleKinds[kind] || viewOnly && kind != "V" {
		return 1, &Error{Number: 15165, Severity: 16, State: 1, Message: "Could not find object '" + name + "' or you do not have permission."}
	}
	return 0, nil
}

func (s *Session) spRecompile(ctx context.Context, args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@objname")
	id, ok := s.objectID(name)
	if !ok || strings.TrimSpace(name) == "" || id < 0 {
		return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	FreeProcCache(s) // dmv_plancache.go
	return 0, out.Message(&Error{Number: 15070, Severity: 10, State: 1, Message: "Object '" + name + "' was successfully marked for recompilation."})
}
