package engine

import (
	"bytes"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Database owners are kept by SID in master's entry and in the database's
// catalog (engine/exec/owner.go says which shows where). Data directories
// and backups written before that kept one thing, the owner's login name,
// in the database's catalog; these turn it into SIDs.

// resolveLegacyOwner gives a catalog that names its owner's login
// (catalog.Database.LegacyOwner) that login's SID on this instance, or
// sa's when no login has the name any more: what the name meant here.
// A backup taken before owners were SIDs, restored on another instance,
// is resolved there the same way, as the name was before.
func (db *Database) resolveLegacyOwner(c *catalog.Database) {
	if c == nil || c.LegacyOwner == "" || db.inst == nil {
		return
	}
	sid := catalog.SASID
	if l := db.inst.Server().Login(c.LegacyOwner); l != nil {
		sid = l.SID
	}
	c.SetDboSID(sid)
}

// fillEntryOwners gives master's entries written before entries kept an
// owner SID their owner: the SID the database's catalog names (its
// LegacyOwner, resolved when it was loaded), sa's for a database without
// one or that is not open. It runs once, at open, after the databases.
func (inst *Instance) fillEntryOwners() error {
	missing := false
	for _, e := range inst.Server().Databases {
		missing = missing || e.OwnerSID == nil
	}
	if !missing {
		return nil
	}
	return inst.UpdateServer(func(s *catalog.Server) error {
		for _, e := range s.Databases {
			if e.OwnerSID != nil {
				continue
			}
			e.OwnerSID = bytes.Clone(catalog.SASID)
			if db := inst.dbs[strings.ToLower(e.Name)]; db != nil {
				if cat := db.Catalog(); cat != nil {
					e.OwnerSID = bytes.Clone(cat.DboSID())
				}
			}
		}
		return nil
	})
}

// loginSID is the SID of the session's login, which owns what it creates
// or restores: sa's for a session without a login here (a contained
// database's user).
func (inst *Instance) loginSID(s *exec.Session) []byte {
	if l := inst.Server().Login(s.Login); l != nil {
		return bytes.Clone(l.SID)
	}
	return bytes.Clone(catalog.SASID)
}

// errLoginOwnsDatabase is DROP LOGIN's 15174: a login that owns a database
// (master's owner_sid) cannot be dropped.
func errLoginOwnsDatabase(name string) error {
	return &exec.Error{Number: 15174, Severity: 16, State: 1, Message: "Login '" + name + "' owns one or more database(s). Change the owner of the database(s) before dropping the login."}
}
