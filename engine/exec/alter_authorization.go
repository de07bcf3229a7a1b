package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// alterAuthorization runs ALTER AUTHORIZATION ON [class ::] entity TO
// { principal | SCHEMA OWNER }: the owner of a schema, an object, a
// database role or the database changes. The change is a catalog change
// like any DDL (mutableCatalog), so it is logged with the transaction,
// survives a restart and reaches the mirror. Only a db_owner member (or
// the database's owner, a sysadmin) may transfer ownership here; others
// get the 15151 SQL Server gives for a securable they cannot see.
func (s *Session) alterAuthorization(ctx context.Context, st *ast.AlterAuthorizationStmt) error {
	class := st.Class
	if class == "" {
		class = "OBJECT"
	}
	if st.SchemaOwner && class != "OBJECT" {
		return ErrNotSupported.New("ALTER AUTHORIZATION ON " + class + " TO SCHEMA OWNER")
	}
	if class == "DATABASE" {
		return s.alterAuthorizationDatabase(ctx, st)
	}
	db := s.db
	if class == "OBJECT" && st.Object.Part(2) != "" {
		d, err := s.resolveDatabase(st.Object.Part(2))
		if err != nil {
			return err
		}
		db = d
	}
	committed := s.catalogFor(db)
	notFound := func(what, name string) error {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the " + what + " '" + name + "', because it does not exist or you do not have permission."}
	}
	owner := ""
	if !st.SchemaOwner {
		owner = st.Principal.Name
		if _, ok := committed.PrincipalID(owner); !ok || strings.EqualFold(owner, "public") {
			return notFound("user", owner)
		}
	}
	mayControl := s.hasDatabasePerm(db, committed, "CONTROL")
	switch class {
	case "SCHEMA":
		name := st.Object.Last()
		if committed.Schema(name) == nil || !mayControl {
			return notFound("schema", name)
		}
		cat, err := s.mutableCatalog(ctx, db)
		if err != nil {
			return err
		}
		cat.Schema(name).Owner = owner
		return nil
	case "ROLE":
		name := st.Object.Last()
		role, fixed := committed.IsRole(name)
		if !role || !mayControl {
			return notFound("role", name)
		}
		if fixed {
			return errSpecialPrincipal(name)
		}
		cat, err := s.mutableCatalog(ctx, db)
		if err != nil {
			return err
		}
		for _, r := range cat.Roles {
			if strings.EqualFold(r.Name, name) {
				r.Owner = owner
			}
		}
		return nil
	case "OBJECT":
		schema := s.objectSchema(committed, st.Object.Part(1), st.Object.Last()) // names.go
		id, ok := objectIDByName(committed, schema, st.Object.Last())
		if !ok || !mayControl {
			return notFound("object", st.Object.Last())
		}
		cat, err := s.mutableCatalog(ctx, db)
		if err != nil {
			return err
		}
		if cat.ObjectOwners == nil {
			cat.ObjectOwners = map[int32]string{}
		}
		if st.SchemaOwner {
			delete(cat.ObjectOwners, id)
		} else {
			cat.ObjectOwners[id] = owner
		}
		return nil
	}
	return ErrNotSupported.New("ALTER AUTHORIZATION ON " + class)
}

// objectIDByName is the object_id of the schema-scoped object schema.name
// (a table, view, procedure, function, synonym or constraint: what
// sys.objects lists).
func objectIDByName(cat *catalog.Database, schema, name string) (int32, bool) {
	sc := cat.Schema(schema)
	if sc == nil {
		return 0, false
	}
	for _, r := range objectRows(cat, "") {
		if strings.EqualFold(r[0].Str(), name) && int32(r[3].Int64()) == sc.ID {
			return int32(r[1].Int64()), true
		}
	}
	return 0, false
}

// objectOwnerID is sys.objects.principal_id: the owner ALTER AUTHORIZATION
// gave the object, NULL when it has none of its own (its schema's owner
// owns it).
func objectOwnerID(cat *catalog.Database, id int32) (int32, bool) {
	if o, ok := cat.ObjectOwners[id]; ok {
		if pid, ok := cat.PrincipalID(o); ok {
			return pid, true
		}
	}
	return 0, false
}
