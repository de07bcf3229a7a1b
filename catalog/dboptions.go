package catalog

import (
	"maps"
	"strings"
)

// DatabaseOptions are the ALTER DATABASE … SET settings SQL Server keeps in
// the database itself (its boot page) rather than in master: the recovery
// model, the user access, READ_ONLY, ALLOW_SNAPSHOT_ISOLATION,
// READ_COMMITTED_SNAPSHOT, COMPATIBILITY_LEVEL, the ANSI_* defaults,
// PAGE_VERIFY, AUTO_* …. They live in the database's catalog, so a change is
// a logged DDL commit: crash recovery and a mirror's redo rebuild them, a
// backup carries them and a revert to a database snapshot puts back the
// snapshot's. Master's DatabaseEntry keeps a copy for sys.databases and
// DATABASEPROPERTYEX (engine/dboptions.go keeps it in step).
//
// The settings SQL Server keeps per instance stay in master only: the
// database state (ONLINE/OFFLINE), the mirroring configuration, and
// TRUSTWORTHY and DB_CHAINING, which a restored or mirrored copy starts
// with OFF (InstanceOption).
type DatabaseOptions struct {
	RecoveryModel string `json:"recovery_model"`
	UserAccess    string `json:"user_access,omitempty"` // MULTI_USER, SINGLE_USER, RESTRICTED_USER
	// Set are the other options, upper-case name → upper-case value
	// (READ_COMMITTED_SNAPSHOT → ON, COMPATIBILITY_LEVEL → 150 …), as
	// DatabaseEntry.Options shows them.
	Set map[string]string `json:"set,omitempty"`
}

// InstanceOption reports whether ALTER DATABASE … SET option (upper case) is
// kept per instance, in master, rather than in the database: TRUSTWORTHY
// and DB_CHAINING are OFF in a copy made by BACKUP (Microsoft's "Set Up a
// Mirror Database to Use the Trustworthy Property").
func InstanceOption(option string) bool {
	return option == "TRUSTWORTHY" || option == "DB_CHAINING"
}

// EntryOptions returns the database-kept options master's entry e shows:
// what a database whose catalog records none (a data directory written
// before the options moved into the database) has.
func EntryOptions(e *DatabaseEntry) *DatabaseOptions {
	o := &DatabaseOptions{RecoveryModel: e.RecoveryModel, UserAccess: e.UserAccess}
	for k, v := range e.Options {
		if !InstanceOption(k) {
			if o.Set == nil {
				o.Set = map[string]string{}
			}
			o.Set[k] = v
		}
	}
	return o
}

// ShownBy reports whether master's entry e already shows o.
func (o *DatabaseOptions) ShownBy(e *DatabaseEntry) bool {
	return e.RecoveryModel == o.RecoveryModel && e.UserAccess == o.UserAccess &&
		maps.Equal(EntryOptions(e).Set, o.Set)
}

// ShowIn makes master's entry e show o, keeping e's instance options.
func (o *DatabaseOptions) ShowIn(e *DatabaseEntry) {
	e.RecoveryModel, e.UserAccess = o.RecoveryModel, o.UserAccess
	opts := maps.Clone(o.Set)
	for k, v := range e.Options {
		if InstanceOption(k) {
			if opts == nil {
				opts = map[string]string{}
			}
			opts[k] = v
		}
	}
	e.Options = opts
}

// On reports whether option is ON (def when never set).
func (o *DatabaseOptions) On(option string, def bool) bool {
	return OptionOn(o.Set, option, def)
}

// OptionOn reports whether option is ON in set (def when it has none).
func OptionOn(set map[string]string, option string, def bool) bool {
	v, ok := set[option]
	if !ok {
		return def
	}
	return v == "ON" || strings.HasPrefix(v, "ON ") || v == "TRUE" || v == "1"
}

// Equal reports whether o and p hold the same options (nil only equals nil).
func (o *DatabaseOptions) Equal(p *DatabaseOptions) bool {
	if o == nil || p == nil {
		return o == p
	}
	return o.RecoveryModel == p.RecoveryModel && o.UserAccess == p.UserAccess && maps.Equal(o.Set, p.Set)
}
