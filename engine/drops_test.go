package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// fakeMirroring is a Mirroring whose Status the test sets: it stands for a
// mirroring session in the tests of deferred drops, which only ask Status.
type fakeMirroring struct {
	mu sync.Mutex
	st map[string]MirroringStatus
}

func newFakeMirroring() *fakeMirroring { return &fakeMirroring{st: map[string]MirroringStatus{}} }

// set reports role for db, in a session that is up (SYNCHRONIZED; see
// setState for another state).
func (f *fakeMirroring) set(db string, role int, hardened txlog.LSN) {
	f.setState(db, role, mirrorStateSynchronized, hardened)
}

// setState reports role and mirroring state for db.
func (f *fakeMirroring) setState(db string, role, state int, hardened txlog.LSN) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st[db] = MirroringStatus{Role: role, State: state, HardenedLSN: hardened}
}

func (f *fakeMirroring) StartEndpoint(EndpointSpec) error                          { return nil }
func (f *fakeMirroring) StopEndpoint() error                                       { return nil }
func (f *fakeMirroring) SetPartner(context.Context, string, string) error          { return nil }
func (f *fakeMirroring) PartnerCommand(context.Context, string, string, int) error { return nil }
func (f *fakeMirroring) SetWitness(context.Context, string, string) error          { return nil }
func (f *fakeMirroring) Witnessed() []WitnessStatus                                { return nil }
func (f *fakeMirroring) Connections() []MirroringConnection                        { return nil }
func (f *fakeMirroring) PartnerInstance(string) string                             { return "" }
func (f *fakeMirroring) Status(db string) (MirroringStatus, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st, ok := f.st[db]
	return st, ok
}

// restoreLogAsMirror appends a log backup's blocks to name, a restoring
// database the fake mirroring already reports in a session, as the
// mirroring stream would: RESTORE LOG itself refuses such a database (3104).
func restoreLogAsMirror(t *testing.T, inst *Instance, name, path string) {
	t.Helper()
	sets, err := readBackupSets(path, inst.backupKeys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.restoreLog(context.Background(), name, sets[0], false, nil); err != nil {
		t.Fatalf("restore log of %s from %s: %v", name, path, err)
	}
}

// mirrorAsPrincipal makes d a mirrored principal whose mirror has hardened
// the log up to hardened: the commit wait is installed (so DDL drops wait for
// the mirror) and Status reports the role.
func mirrorAsPrincipal(inst *Instance, f *fakeMirroring, db *Database, hardened txlog.LSN) {
	f.set(db.Name(), 1, hardened)
	inst.SetMirroring(f)
	db.SetMirrorWait(func(context.Context, txlog.LSN) error { return nil })
}

// crashInstance stops inst as a crash would, after the store writes reached
// badger: no checkpoint, no reclaim pass; recovery redoes from the last
// checkpoint.
func crashInstance(t *testing.T, inst *Instance) {
	t.Helper()
	close(inst.stop)
	inst.wg.Wait()
	if err := inst.closeDatabases(); err != nil {
		t.Fatal(err)
	}
	inst.dirLock.release() // the process would have gone, and its flock with it
}

// objectKeys counts the keys storage object obj holds now.
func objectKeys(t *testing.T, db *Database, obj uint32) int {
	t.Helper()
	it, err := db.store.NewIterator(obj, nil, nil, false, math.MaxUint64)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	n := 0
	for it.Next() {
		n++
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// storeIDs lists the storage objects of table dbo.t (row store first, then
// indexes).
func storeIDs(t *testing.T, db *Database) []uint32 {
	t.Helper()
	tbl := db.Catalog().Table("dbo", "t")
	if tbl == nil {
		t.Fatal("table dbo.t not in the catalog")
	}
	var ids []uint32
	for _, ix := range tbl.Indexes {
		ids = append(ids, ix.StoreID)
	}
	return ids
}

func mustPendingDrops(t *testing.T, db *Database) []uint32 {
	t.Helper()
	drops, err := db.pendingDrops()
	if err != nil {
		t.Fatal(err)
	}
	var objs []uint32
	for _, d := range drops {
		objs = append(objs, d.obj)
	}
	return objs
}

const dropsSetup = "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10), w int, x int, CONSTRAINT uq_w UNIQUE (w)); " +
	"CREATE INDEX ix_v ON t (v); INSERT t VALUES (1,'a',10,100),(2,'b',20,200)"

// dropTails are divergent tails that drop or rewrite storage, with a query
// whose answer as of the fork is want.
var dropTails = []struct {
	name, tail, query, want string
}{
	{"drop table", "DROP TABLE t", "SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
	{"truncate table", "TRUNCATE TABLE t", "SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
	{"drop index", "DROP INDEX ix_v ON t", "SELECT k FROM t WITH (INDEX(ix_v)) WHERE v = 'b'", "[2]"},
	{"drop unique constraint", "ALTER TABLE t DROP CONSTRAINT uq_w", "SELECT k FROM t WITH (INDEX(uq_w)) WHERE w = 20", "[2]"},
	{"drop column", "ALTER TABLE t DROP COLUMN x", "SELECT k, v, x FROM t ORDER BY k", "[1,a,100 2,b,200]"},
	{"insert then drop table", "INSERT t VALUES (3,'c',30,300); DROP TABLE t", "SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
	{"truncate then insert", "TRUNCATE TABLE t; INSERT t VALUES (7,'g',70,700)", "SELECT k, v, w FROM t ORDER BY k", "[1,a,10 2,b,20]"},
	{"drop and create again", "DROP TABLE t; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); INSERT t VALUES (9,'z')",
		"SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
}

// TestRevertDeferredDrop: RevertTo over a divergent tail that drops storage
// brings back the catalog as of the fork and the data with it, leaves no
// pending drop of the tail behind (a later reclaim pass must not remove the
// revived objects), and the result survives a restart. Mirrored, a
// checkpoint (a reclaim pass) between the tail and the revert must not
// perform drops the mirror has not hardened.
func TestRevertDeferredDrop(t *testing.T) {
	for _, mirrored := range []bool{false, true} {
		for _, tc := range dropTails {
			t.Run(fmt.Sprintf("%s/mirrored=%v", tc.name, mirrored), func(t *testing.T) {
				dir := t.TempDir()
				inst, s := openTestDatabase(t, dir)
				mustExec(t, s, dropsSetup)
				db := inst.Database("d")
				if got := mustExec(t, s, "USE d; "+tc.query); fmt.Sprint(got) != tc.want {
					t.Fatalf("before the tail: %v, want %s", got, tc.want)
				}
				fork := db.RedoneLSN()
				f := newFakeMirroring()
				if mirrored {
					mirrorAsPrincipal(inst, f, db, fork)
				}
				mustExec(t, s, "USE d; "+tc.tail)
				if mirrored {
					// The mirror hardened only up to the fork: nothing is safe.
					if err := db.Checkpoint(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
				if err := db.RevertTo(context.Background(), fork); err != nil {
					t.Fatal(err)
				}
				if err := db.Log().TruncateAfter(fork); err != nil {
					t.Fatal(err)
				}
				if got := mustPendingDrops(t, db); len(got) != 0 {
					t.Fatalf("pending drops after the revert: %v, want none (the tail's drops are undone)", got)
				}
				if got := mustExec(t, s, "USE d; "+tc.query); fmt.Sprint(got) != tc.want {
					t.Fatalf("after reverting %q: %v, want the rows as of the fork %s", tc.tail, got, tc.want)
				}
				// Everything safe now: a reclaim pass must leave the revived
				// objects alone.
				f.set("d", 1, math.MaxUint64)
				if err := db.Checkpoint(context.Background()); err != nil {
					t.Fatal(err)
				}
				inst, s = restartTestInstance(t, inst, dir, "d", s)
				defer inst.Close()
				defer inst.EndSession(s)
				if got := mustExec(t, s, tc.query); fmt.Sprint(got) != tc.want {
					t.Fatalf("after revert, reclaim and restart: %v, want %s", got, tc.want)
				}
			})
		}
	}
}

// TestDeferredDropFreesSpace: in a database that is not mirrored, the storage
// a DDL drops is still there right after the commit (invisible: the catalog
// no longer names it) and gone after the next checkpoint, with its pending
// entry; the table's new storage works.
func TestDeferredDropFreesSpace(t *testing.T) {
	tests := []struct {
		name, ddl string
		// dropped picks, from the table's storage ids before the DDL, the ones
		// it drops.
		dropped     func(ids []uint32) []uint32
		query, want string
	}{
		{"drop table", "DROP TABLE t", func(ids []uint32) []uint32 { return ids },
			"SELECT name FROM sys.tables", "[]"},
		{"truncate table", "TRUNCATE TABLE t; INSERT t VALUES (5,'e',50,500)", func(ids []uint32) []uint32 { return ids },
			"SELECT k, v FROM t WITH (INDEX(ix_v)) WHERE v = 'e'", "[5,e]"},
		{"drop index", "DROP INDEX ix_v ON t", func(ids []uint32) []uint32 { return ids[2:3] },
			"SELECT k FROM t WHERE v = 'b'", "[2]"},
		{"drop unique constraint", "ALTER TABLE t DROP CONSTRAINT uq_w; INSERT t VALUES (3,'c',20,300)", func(ids []uint32) []uint32 { return ids[1:2] },
			"SELECT k FROM t WHERE w = 20 ORDER BY k", "[2 3]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst, s := openTestDatabase(t, t.TempDir())
			defer inst.Close()
			mustExec(t, s, dropsSetup)
			db := inst.Database("d")
			ids := storeIDs(t, db)
			if len(ids) != 3 {
				t.Fatalf("storage ids of t: %v, want row store, uq_w, ix_v", ids)
			}
			dropped := tc.dropped(ids)
			mustExec(t, s, "USE d; "+tc.ddl)
			if got := mustPendingDrops(t, db); !reflect.DeepEqual(got, dropped) {
				t.Fatalf("pending drops after the DDL: %v, want %v", got, dropped)
			}
			for _, obj := range dropped {
				if objectKeys(t, db, obj) == 0 {
					t.Fatalf("object %d emptied at commit; its removal must wait", obj)
				}
			}
			mustExec(t, s, "USE d; CHECKPOINT")
			for _, obj := range dropped {
				if n := objectKeys(t, db, obj); n != 0 {
					t.Errorf("object %d holds %d keys after the checkpoint, want 0", obj, n)
				}
			}
			if got := mustPendingDrops(t, db); len(got) != 0 {
				t.Errorf("pending drops after the checkpoint: %v, want none", got)
			}
			if got := mustExec(t, s, "USE d; "+tc.query); fmt.Sprint(got) != tc.want {
				t.Errorf("%s: %v, want %s", tc.query, got, tc.want)
			}
		})
	}
}

// TestDeferredDropCrash: a crash between a mirrored principal's DROP TABLE
// and the physical removal keeps the drop pending across recovery while the
// mirror has not hardened it (the table stays invisible, its data stays), and
// the first reclaim pass after the mirror hardened it removes the data. A
// crash inside the pass, after DropObject and before the entry is deleted,
// only repeats the DropObject at the next pass.
func TestDeferredDropCrash(t *testing.T) {
	for _, crashInPass := range []bool{false, true} {
		t.Run(fmt.Sprintf("crash in pass=%v", crashInPass), func(t *testing.T) {
			dir := t.TempDir()
			inst, s := openTestDatabase(t, dir)
			mustExec(t, s, dropsSetup)
			db := inst.Database("d")
			ids := storeIDs(t, db)
			f := newFakeMirroring()
			mirrorAsPrincipal(inst, f, db, db.RedoneLSN())
			mustExec(t, s, "USE d; DROP TABLE t")
			dropLSN := db.RedoneLSN()
			if crashInPass {
				f.set("d", 1, dropLSN)
				injected := errors.New("injected crash")
				reclaimFault = func(string, uint32) error { return injected }
				err := db.reclaimDrops()
				reclaimFault = nil
				if !errors.Is(err, injected) {
					t.Fatalf("reclaim pass: %v, want the injected crash", err)
				}
				if n := objectKeys(t, db, ids[0]); n != 0 {
					t.Fatalf("first object holds %d keys after its DropObject", n)
				}
			}
			inst.EndSession(s)
			crashInstance(t, inst)

			f.set("d", 1, dropLSN-1) // reopened, the mirror is still behind
			inst = openTestInstance(t, dir)
			inst.SetMirroring(f)
			defer inst.Close()
			db = inst.Database("d")
			if err := db.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := mustPendingDrops(t, db); !reflect.DeepEqual(got, ids) {
				t.Fatalf("pending drops after recovery: %v, want %v", got, ids)
			}
			if !crashInPass {
				for _, obj := range ids {
					if objectKeys(t, db, obj) == 0 {
						t.Fatalf("object %d emptied before the mirror hardened its drop", obj)
					}
				}
			}
			s = newTestSession(t, inst, "d")
			defer inst.EndSession(s)
			if got := mustExec(t, s, "SELECT COUNT(*) FROM sys.tables WHERE name = 't'"); fmt.Sprint(got) != "[0]" {
				t.Fatalf("dropped table visible after recovery: %v", got)
			}

			f.set("d", 1, dropLSN)
			if err := db.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, obj := range ids {
				if n := objectKeys(t, db, obj); n != 0 {
					t.Errorf("object %d holds %d keys after the mirror hardened the drop", obj, n)
				}
			}
			if got := mustPendingDrops(t, db); len(got) != 0 {
				t.Errorf("pending drops after the reclaim: %v, want none", got)
			}
		})
	}
}

// TestPendingDropsRedo: the pending-drop entries redo writes from the log are
// exactly those the live commits wrote (the list is consistent with redo:
// crash recovery and a mirror rebuild it from the DDL records).
func TestPendingDropsRedo(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	db := inst.Database("d")
	start := db.Log().EndOfLog()
	mustExec(t, s, dropsSetup)
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, 0)
	mustExec(t, s, "USE d; DROP INDEX ix_v ON t")
	db.SetMirrorWait(nil)
	inst.mirroring.Store(nil)
	mustExec(t, s, "USE d; TRUNCATE TABLE t")

	live, err := db.pendingDrops()
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != 3 {
		t.Fatalf("live pending drops: %+v, want 3 (ix_v, then t's row store and uq_w)", live)
	}
	if waits := []bool{live[0].waitMirror, live[1].waitMirror, live[2].waitMirror}; fmt.Sprint(waits) != "[false false true]" {
		t.Fatalf("waitMirror of %+v: %v, want only ix_v's (dropped while mirrored)", live, waits)
	}
	ms := memstore.New()
	rd := newRedoer(ms, func(l txlog.LSN) txlog.LSN { return l }, nil)
	if err := db.Log().Scan(start, rd.apply); err != nil {
		t.Fatal(err)
	}
	if err := rd.flush(); err != nil {
		t.Fatal(err)
	}
	redone, err := listPendingDrops(ms)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(redone, live) {
		t.Fatalf("redo wrote pending drops %+v, the commits %+v", redone, live)
	}
	if !rd.sawDeferred {
		t.Fatal("redo did not note the drops it recorded")
	}
}

// TestDropSafety: which pending drops may be performed, by mirroring state
// and by whether the drop was committed as a mirrored principal.
func TestDropSafety(t *testing.T) {
	const redone = 777
	tests := []struct {
		name     string
		wired    bool // Instance.SetMirroring called
		role     int  // 0: no session for the database
		hardened txlog.LSN
		state    string
		// allowed, for drops at LSN 500 and 800, committed while not mirrored
		// and while mirrored (waitMirror): [500 800 500w 800w].
		want string
	}{
		{"mirroring not wired", false, 0, 0, StateOnline, "[true true false false]"},
		{"not mirrored", true, 0, 0, StateOnline, "[true true true true]"},
		{"principal, mirror hardened 500", true, 1, 500, StateOnline, "[true false true false]"},
		{"principal, nothing hardened", true, 1, 0, StateOnline, "[false false false false]"},
		{"mirror without a log to read the principal's synced end from", true, 2, 0, StateRestoring, "[false false false false]"},
		{"mirror role but online (in transition)", true, 2, 0, StateOnline, "[false false false false]"},
		{"no role (in transition)", true, 3, 0, StateOnline, "[false false false false]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := &Instance{}
			db := &Database{inst: inst, name: "d"}
			db.state.Store(tc.state)
			db.redone.Store(redone)
			if tc.wired {
				f := newFakeMirroring()
				if tc.role != 0 {
					f.set("d", tc.role, tc.hardened)
				}
				inst.SetMirroring(f)
			}
			s := db.dropSafety()
			var got []bool
			for _, wait := range []bool{false, true} {
				for _, lsn := range []txlog.LSN{500, 800} {
					got = append(got, s.allows(pendingDrop{obj: 100, lsn: lsn, waitMirror: wait}))
				}
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("allowed %v, want %s (safety %+v)", got, tc.want, s)
			}
		})
	}
}

// TestMirrorDropSafety: a mirror performs a drop once redo applied it and
// its block lies below what the principal had made durable (the synced field
// of the mirror's last block): a principal's crash can cut the rest.
func TestMirrorDropSafety(t *testing.T) {
	a, b := txlog.MakeLSN(4096, 2), txlog.MakeLSN(8192, 3) // drops in the blocks at 4096 and 8192
	tests := []struct {
		name   string
		redone txlog.LSN
		synced uint64
		err    error
		want   string // allowed for drops a and b
	}{
		{"redone and durable on the principal", b, 12288, nil, "[true true]"},
		{"redo has not reached b", b - 1, 12288, nil, "[true false]"},
		{"principal durable only below b's block", b, 8192, nil, "[true false]"},
		{"principal durable only below a's block", b, 4096, nil, "[false false]"},
		{"synced end unknown", b, 0, nil, "[false false]"},
		{"synced end unreadable", b, 12288, errors.New("read error"), "[false false]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mirrorDropSafety(tc.redone, tc.synced, tc.err)
			var got []bool
			for _, lsn := range []txlog.LSN{a, b} {
				got = append(got, s.allows(pendingDrop{obj: 100, lsn: lsn, waitMirror: true}))
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("allowed %v, want %s (safety %+v)", got, tc.want, s)
			}
		})
	}
}

// TestPendingDropDecode: a malformed entry is an error, not a panic or a
// wrong object.
func TestPendingDropDecode(t *testing.T) {
	want := pendingDrop{obj: 123, lsn: 0x10002, version: 0x20003, waitMirror: true}
	got, err := decodePendingDrop(pendingDropKey(want.obj), encodePendingDrop(want))
	if err != nil || got != want {
		t.Fatalf("round trip: %+v, %v; want %+v", got, err, want)
	}
	bad := []struct {
		name       string
		key, value []byte
	}{
		{"short key", pendingDropPrefix, encodePendingDrop(want)},
		{"short value", pendingDropKey(1), []byte{1, 2, 3}},
		{"empty value", pendingDropKey(1), nil},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodePendingDrop(tc.key, tc.value); !errors.Is(err, errBadPendingDrop) {
				t.Fatalf("decode: %v, want errBadPendingDrop", err)
			}
		})
	}
}

// TestDeferredDropRedoOnMirror: a RESTORING database redoing a log that
// drops a table records the drop like the principal did, and its redo
// reclaims it after the scan once it may: as a mirror, once later log shows
// the principal had made the drop durable (no principal crash can cut it
// then), not while its role is in transition.
func TestDeferredDropRedoOnMirror(t *testing.T) {
	for _, role := range []int{2, 3} {
		t.Run(fmt.Sprintf("role=%d", role), func(t *testing.T) {
			dir := t.TempDir()
			inst, s := openTestDatabase(t, dir)
			defer inst.Close()
			mustExec(t, s, dropsSetup)
			db := inst.Database("d")
			ids := storeIDs(t, db)
			f := newFakeMirroring()
			mirrorAsPrincipal(inst, f, db, 0)
			full, logb := dir+"/full.bak", dir+"/log.bak"
			mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+full+"'")
			mustExec(t, s, "USE d; DROP TABLE t")
			// A later commit, in a block that says the principal made the
			// drop durable (a mirror reclaims nothing a principal's crash
			// could cut: TestReviewMirrorReclaimThenCut).
			mustExec(t, s, "USE d; CREATE TABLE dbo.later (i int)")
			mustExec(t, s, "USE master; BACKUP LOG d TO DISK = '"+logb+"'")

			f.set("d2", role, 0)
			mustExec(t, s, "USE master; RESTORE DATABASE d2 FROM DISK = '"+full+"' WITH NORECOVERY")
			restoreLogAsMirror(t, inst, "d2", logb)
			d2 := inst.Database("d2")
			if d2.State() != StateRestoring {
				t.Fatalf("d2 is %s, want RESTORING", d2.State())
			}
			if role != 2 {
				if got := mustPendingDrops(t, d2); !reflect.DeepEqual(got, ids) {
					t.Fatalf("pending drops redone in transition: %v, want %v kept", got, ids)
				}
				for _, obj := range ids {
					if objectKeys(t, d2, obj) == 0 {
						t.Fatalf("object %d emptied in transition", obj)
					}
				}
				f.set("d2", 2, 0) // the role settles; the next pass reclaims
				if err := d2.reclaimDrops(); err != nil {
					t.Fatal(err)
				}
			}
			if got := mustPendingDrops(t, d2); len(got) != 0 {
				t.Fatalf("pending drops on the mirror after redo: %v, want none", got)
			}
			for _, obj := range ids {
				if n := objectKeys(t, d2, obj); n != 0 {
					t.Errorf("object %d holds %d keys on the mirror after redo", obj, n)
				}
			}
		})
	}
}
