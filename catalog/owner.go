package catalog

import "bytes"

// SASID is sa's SID (sys.server_principals.sid of sa on every instance).
var SASID = []byte{1}

// DboSID is the SID of the login that is dbo in d: its owner's, sa's when
// it records none.
func (d *Database) DboSID() []byte {
	if d == nil || d.OwnerSID == nil {
		return SASID
	}
	return d.OwnerSID
}

// SetDboSID records sid as the SID of d's owner (nil for sa, as catalogs
// store it).
func (d *Database) SetDboSID(sid []byte) {
	d.LegacyOwner = ""
	if bytes.Equal(sid, SASID) {
		d.OwnerSID = nil
		return
	}
	d.OwnerSID = bytes.Clone(sid)
}

// Owner is sys.databases.owner_sid: the SID of the login that owns the
// database on this instance (sa's for an entry written before entries
// kept it and not yet given one at open).
func (e *DatabaseEntry) Owner() []byte {
	if e == nil || e.OwnerSID == nil {
		return SASID
	}
	return e.OwnerSID
}

// DatabasesOwnedBy reports whether the login with sid owns a database here
// (DROP LOGIN's 15174).
func (s *Server) DatabasesOwnedBy(sid []byte) bool {
	for _, e := range s.Databases {
		if bytes.Equal(e.Owner(), sid) {
			return true
		}
	}
	return false
}
