package catalog

import "strings"

// Permissions (issues #2 and #5): GRANT, DENY and REVOKE are recorded here,
// in the database's catalog (so they are logged as DDL, survive restart and
// travel with the database in BACKUP/RESTORE and to the mirror) and, for
// server-level permissions, in the server catalog. engine/exec and engine
// enforce them; this file only keeps the rows, one per (class, securable,
// permission, grantee), as sys.database_permissions shows them: a later
// GRANT or DENY of the same permission replaces the earlier state.

// Permission states, as sys.database_permissions.state_desc spells them.
const (
	StateGrant          = "GRANT"
	StateGrantWithGrant = "GRANT_WITH_GRANT_OPTION"
	StateDeny           = "DENY"
)

// Securable classes, as sys.database_permissions.class_desc spells them.
// Object is "schema.name" for ClassObject, the schema's name for
// ClassSchema, the endpoint's or login's name for those, "" otherwise.
const (
	ClassDatabase = "DATABASE"
	ClassObject   = "OBJECT_OR_COLUMN"
	ClassSchema   = "SCHEMA"
	ClassServer   = "SERVER"
)

// Same reports whether p and q are the same permission row (everything but
// the state and grantor).
func (p *Permission) Same(q *Permission) bool {
	return strings.EqualFold(p.Permission, q.Permission) && p.Class == q.Class && p.ObjectID == q.ObjectID &&
		p.ColumnID == q.ColumnID && strings.EqualFold(p.Object, q.Object) && strings.EqualFold(p.Principal, q.Principal)
}

// SetPermission records p, replacing the row for the same permission (a
// DENY replaces a GRANT and the other way round, as in SQL Server).
func SetPermission(list []*Permission, p *Permission) []*Permission {
	for i, q := range list {
		if q.Same(p) {
			list[i] = p
			return list
		}
	}
	return append(list, p)
}

// RevokePermission removes the row for p's permission, and with cascade
// the rows of the same permission on the same securable that p's grantee
// granted to others, and those their grantees granted on, down the whole
// chain of WITH GRANT OPTION grants (CascadeGrants). It reports whether a
// row was removed.
func RevokePermission(list []*Permission, p *Permission, cascade bool) ([]*Permission, bool) {
	kept := list[:0]
	found := false
	for _, q := range list {
		if q.Same(p) {
			found = true
			continue
		}
		kept = append(kept, q)
	}
	if cascade {
		kept = CascadeGrants(kept, p)
	}
	return kept, found
}

// CascadeGrants removes the rows of p's permission on p's securable that
// p's grantee granted, then those granted by their grantees, and so on:
// what REVOKE … CASCADE, DENY … CASCADE and REVOKE GRANT OPTION FOR …
// CASCADE take back along with the grantee's right to grant.
func CascadeGrants(list []*Permission, p *Permission) []*Permission {
	from := map[string]bool{strings.ToLower(p.Principal): true}
	for {
		kept := list[:0]
		removed := false
		for _, q := range list {
			if strings.EqualFold(q.Permission, p.Permission) && q.Class == p.Class && q.ObjectID == p.ObjectID &&
				q.ColumnID == p.ColumnID && strings.EqualFold(q.Object, p.Object) && from[strings.ToLower(q.Grantor)] &&
				!strings.EqualFold(q.Principal, p.Principal) {
				from[strings.ToLower(q.Principal)] = true
				removed = true
				continue
			}
			kept = append(kept, q)
		}
		list = kept
		if !removed {
			return list
		}
	}
}

// FindPermission returns the row for p's permission, or nil.
func FindPermission(list []*Permission, p *Permission) *Permission {
	for _, q := range list {
		if q.Same(p) {
			return q
		}
	}
	return nil
}

// DropPermissionsOf removes every row granted to or by principal (DROP
// USER, DROP ROLE, DROP LOGIN).
func DropPermissionsOf(list []*Permission, principal string) []*Permission {
	kept := list[:0]
	for _, q := range list {
		if !strings.EqualFold(q.Principal, principal) {
			kept = append(kept, q)
		}
	}
	return kept
}

// DropPermissionsOn removes every row on a securable (DROP TABLE, VIEW,
// PROCEDURE, FUNCTION, SCHEMA), so a new object of the same name starts
// with none, as in SQL Server where the rows belong to the object's id.
func DropPermissionsOn(list []*Permission, class, object string) []*Permission {
	kept := list[:0]
	for _, q := range list {
		if q.Class != class || !strings.EqualFold(q.Object, object) {
			kept = append(kept, q)
		}
	}
	return kept
}

// IsGrant reports whether the state grants (with or without grant option).
func (p *Permission) IsGrant() bool { return p.State == StateGrant || p.State == StateGrantWithGrant }

// ServerRoleMember reports whether login l is a member of the fixed server
// role named role (sysadmin is the Sysadmin flag; public is everyone's).
func (l *Login) ServerRoleMember(role string) bool {
	switch {
	case strings.EqualFold(role, "public"):
		return true
	case strings.EqualFold(role, "sysadmin"):
		return l.Sysadmin
	}
	for _, r := range l.ServerRoles {
		if strings.EqualFold(r, role) {
			return true
		}
	}
	return false
}

// DropColumnRows removes principal's column-level rows of permission on the
// object objectID. SQL Server does this when the same permission is
// granted, denied or revoked on the whole object: the object-level
// statement replaces what was said about its columns (a GRANT SELECT ON t
// after DENY SELECT (c) ON t leaves c readable). It reports whether a row
// was removed.
func DropColumnRows(list []*Permission, objectID int32, permission, principal string) ([]*Permission, bool) {
	kept := list[:0]
	found := false
	for _, q := range list {
		if q.ColumnID != 0 && q.Class == ClassObject && q.ObjectID == objectID &&
			strings.EqualFold(q.Permission, permission) && strings.EqualFold(q.Principal, principal) {
			found = true
			continue
		}
		kept = append(kept, q)
	}
	return kept, found
}

// DropColumnPermissions removes every row on column columnID of the object
// objectID (ALTER TABLE … DROP COLUMN), so a column added later with the
// same id starts with none.
func DropColumnPermissions(list []*Permission, objectID, columnID int32) []*Permission {
	if columnID == 0 {
		return list
	}
	kept := list[:0]
	for _, q := range list {
		if q.Class != ClassObject || q.ObjectID != objectID || q.ColumnID != columnID {
			kept = append(kept, q)
		}
	}
	return kept
}
