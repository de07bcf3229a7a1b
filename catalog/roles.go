package catalog

import (
	"strings"
	"time"
)

// Database roles and server roles, as SQL Server names and numbers them.
// Membership is recorded (and shown by sys.database_role_members,
// sys.server_role_members, IS_ROLEMEMBER, IS_SRVROLEMEMBER) and enforced:
// the fixed roles imply the permissions SQL Server gives them
// (engine/exec/perm.go), and GRANT/DENY to a role apply to its members.

// FixedDatabaseRole is one of SQL Server's fixed database roles.
type FixedDatabaseRole struct {
	Name string
	ID   int32 // principal_id, the same in every database
}

// FixedDatabaseRoles are the fixed database roles with their principal_id.
var FixedDatabaseRoles = []FixedDatabaseRole{
	{"db_owner", 16384}, {"db_accessadmin", 16385}, {"db_securityadmin", 16386}, {"db_ddladmin", 16387},
	{"db_backupoperator", 16389}, {"db_datareader", 16390}, {"db_datawriter", 16391},
	{"db_denydatareader", 16392}, {"db_denydatawriter", 16393},
}

// FixedServerRoles are the fixed server roles with their principal_id
// (public, 2, is every login's and has no members listed).
var FixedServerRoles = []FixedDatabaseRole{
	{"public", 2}, {"sysadmin", 3}, {"securityadmin", 4}, {"serveradmin", 5}, {"setupadmin", 6},
	{"processadmin", 7}, {"diskadmin", 8}, {"dbcreator", 9}, {"bulkadmin", 10},
}

// FixedServerRole returns the fixed server role named name.
func FixedServerRole(name string) (FixedDatabaseRole, bool) {
	for _, r := range FixedServerRoles {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return FixedDatabaseRole{}, false
}

// Role is a user-defined database role (CREATE ROLE).
type Role struct {
	ID      int32     `json:"id"`
	Name    string    `json:"name"`
	Owner   string    `json:"owner,omitempty"`
	Created time.Time `json:"created"`
}

// RoleMember records that Member (a user or a role of the database) belongs
// to Role (a fixed or user-defined database role).
type RoleMember struct {
	Role   string `json:"role"`
	Member string `json:"member"`
}

// Built-in database principals other than the fixed roles.
var builtinPrincipals = []struct {
	name string
	id   int32
}{{"public", 0}, {"dbo", 1}, {"guest", 2}, {"INFORMATION_SCHEMA", 3}, {"sys", 4}}

// PrincipalID returns the principal_id of the database principal named name
// (a built-in one, a fixed role, a user or a user-defined role) and whether
// it exists. Names compare case-insensitively, as under the default
// collation.
func (d *Database) PrincipalID(name string) (int32, bool) {
	for _, b := range builtinPrincipals {
		if strings.EqualFold(b.name, name) {
			return b.id, true
		}
	}
	for _, r := range FixedDatabaseRoles {
		if strings.EqualFold(r.Name, name) {
			return r.ID, true
		}
	}
	for _, u := range d.Users {
		if strings.EqualFold(u.Name, name) {
			return u.ID, true
		}
	}
	for _, r := range d.Roles {
		if strings.EqualFold(r.Name, name) {
			return r.ID, true
		}
	}
	return 0, false
}

// IsRole reports whether name is a database role (fixed, user-defined or
// public) and whether it is a fixed one (or public).
func (d *Database) IsRole(name string) (role, fixed bool) {
	_, fixed, role = d.RoleNamed(name)
	return role, fixed
}

// RoleNamed finds the database role called name (any case): its name as it
// was made, whether it is fixed (or public), and whether there is one.
func (d *Database) RoleNamed(name string) (canonical string, fixed, ok bool) {
	if strings.EqualFold(name, "public") {
		return "public", true, true
	}
	for _, r := range FixedDatabaseRoles {
		if strings.EqualFold(r.Name, name) {
			return r.Name, true, true
		}
	}
	for _, r := range d.Roles {
		if strings.EqualFold(r.Name, name) {
			return r.Name, false, true
		}
	}
	return "", false, false
}

// NextPrincipalID is the principal_id for a new user or role: one above the
// highest given so far (5 is the first, after the built-in principals).
func (d *Database) NextPrincipalID() int32 {
	next := int32(5)
	for _, u := range d.Users {
		next = max(next, u.ID+1)
	}
	for _, r := range d.Roles {
		next = max(next, r.ID+1)
	}
	return next
}

// IsRoleMember reports whether member belongs to role, directly or through
// roles it is a member of. dbo is always a member of db_owner, and every
// principal of public.
func (d *Database) IsRoleMember(role, member string) bool {
	seen := map[string]bool{}
	var walk func(m string) bool
	walk = func(m string) bool {
		key := strings.ToLower(m)
		if seen[key] {
			return false
		}
		seen[key] = true
		if strings.EqualFold(m, "dbo") && strings.EqualFold(role, "db_owner") {
			return true
		}
		for _, rm := range d.RoleMembers {
			if strings.EqualFold(rm.Member, m) && (strings.EqualFold(rm.Role, role) || walk(rm.Role)) {
				return true
			}
		}
		return false
	}
	return strings.EqualFold(role, "public") || walk(member)
}

// RemovePrincipal drops every membership of name, as a role or as a member
// (DROP USER, DROP ROLE).
func (d *Database) RemovePrincipal(name string) {
	kept := d.RoleMembers[:0]
	for _, rm := range d.RoleMembers {
		if !strings.EqualFold(rm.Role, name) && !strings.EqualFold(rm.Member, name) {
			kept = append(kept, rm)
		}
	}
	d.RoleMembers = kept
}
