package engine

import (
	"bytes"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// TestDatabaseOwnerEntry: master's owner_sid is what sys.databases,
// SUSER_SNAME and sp_helpdb show, ~~UNKNOWN~~ when no login has the SID;
// an entry written before entries kept an owner takes the one its
// database's catalog names when the instance opens, and keeps it.
func TestDatabaseOwnerEntry(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	sa := newTestSession(t, inst, "master")
	mustExec(t, sa, "CREATE LOGIN bob WITH PASSWORD = 'Passw0rd!bob'; ALTER SERVER ROLE dbcreator ADD MEMBER bob; CREATE DATABASE d")
	bob := newLoginSession(t, inst, "bob", "master")
	mustExec(t, bob, "CREATE DATABASE bobdb")
	bobSID := inst.Server().Login("bob").SID

	unknown := []byte{0xAA, 0xBB, 0xCC}
	setOwner := func(db string, sid []byte) {
		t.Helper()
		if err := inst.UpdateServer(func(s *catalog.Server) error {
			s.Database(db).OwnerSID = sid
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	setOwner("d", unknown)
	if got := mustExec(t, sa, "SELECT CONVERT(varchar(20), owner_sid, 1), ISNULL(SUSER_SNAME(owner_sid), 'NULL') FROM sys.databases WHERE name = 'd'"); len(got) != 1 || got[0] != "0xAABBCC,NULL" {
		t.Errorf("sys.databases for an owner no login has = %q", got)
	}
	if got := mustExec(t, sa, "EXEC sp_helpdb 'd'"); len(got) == 0 || !bytes.Contains([]byte(got[0]), []byte(",~~UNKNOWN~~,")) {
		t.Errorf("sp_helpdb for an owner no login has = %q, want owner ~~UNKNOWN~~", got)
	}
	setOwner("d", nil) // as written before entries kept owners
	setOwner("bobdb", nil)
	sa.Close()
	bob.Close()
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst = openTestInstance(t, dir)
	defer inst.Close()
	for db, want := range map[string][]byte{"d": catalog.SASID, "bobdb": bobSID} {
		if e := inst.Server().Database(db); !bytes.Equal(e.OwnerSID, want) {
			t.Errorf("%s: owner_sid filled at open = %x, want %x", db, e.OwnerSID, want)
		}
	}
}
