package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// beforeTables returns, for each stored catalog before image, its LSN and
// the sorted table names of the catalog it holds.
func beforeTables(t *testing.T, db *Database) map[txlog.LSN]string {
	t.Helper()
	cs, err := db.catalogBefores()
	if err != nil {
		t.Fatal(err)
	}
	out := map[txlog.LSN]string{}
	for _, c := range cs {
		v, ok, err := db.store.Get(context.Background(), catalog.ObjectMeta, catalogBeforeKey(c.lsn), storage.Latest)
		if err != nil || !ok {
			t.Fatalf("before image %s listed but not read: %v", c.lsn, err)
		}
		full, err := decodeCatalogBefore(catalogBeforeKey(c.lsn), v)
		if err != nil {
			t.Fatal(err)
		}
		out[c.lsn] = tableNames(t, full.catalog)
	}
	return out
}

func tableNames(t *testing.T, enc []byte) string {
	t.Helper()
	if enc == nil {
		return "<none>"
	}
	c, err := catalog.Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tbl := range c.Tables {
		names = append(names, tbl.Name)
	}
	sort.Strings(names)
	return fmt.Sprint(names)
}

// TestCatalogBeforeImages: a mirrored principal's DDL stores the catalog it
// replaces; crash recovery, redoing DDL the store already holds, keeps the
// images written the first time (the store's newest catalog is then a later
// one); RevertTo takes the catalog as of the fork from the first tail DDL's
// image, not from the store's old versions (which compaction may have lost:
// here the image is marked to tell the two apart), and deletes the tail's
// images; the reclaim pass deletes images once the mirror hardened them.
func TestCatalogBeforeImages(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE a (k int PRIMARY KEY)")
	db := inst.Database("d")
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, 0)
	mustExec(t, s, "USE d; CREATE TABLE b (k int PRIMARY KEY)")
	ddl1 := db.RedoneLSN()
	mustExec(t, s, "USE d; CREATE TABLE c (k int PRIMARY KEY)")
	ddl2 := db.RedoneLSN()
	want := map[txlog.LSN]string{ddl1: "[a]", ddl2: "[a b]"}
	if got := beforeTables(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("before images: %v, want %v", got, want)
	}

	// Crash; recovery redoes both DDL over a store that holds them.
	inst.EndSession(s)
	crashInstance(t, inst)
	inst = openTestInstance(t, dir)
	inst.SetMirroring(f)
	defer inst.Close()
	db = inst.Database("d")
	db.SetMirrorWait(func(context.Context, txlog.LSN) error { return nil })
	if got := beforeTables(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("before images after recovery: %v, want %v", got, want)
	}

	// The tail after the fork at ddl1: one more DDL. Mark ddl2's image (the
	// catalog as of the fork) so the revert shows where it read it.
	fork := ddl1
	s = newTestSession(t, inst, "d")
	defer inst.EndSession(s)
	mustExec(t, s, "DROP TABLE a")
	marked := db.Catalog().Clone() // tables b and c: c becomes "marked"
	for k, tbl := range marked.Tables {
		if tbl.Name == "c" {
			delete(marked.Tables, k)
			tbl.Name = "marked"
			marked.Tables[catalog.Key(tbl.Schema, tbl.Name)] = tbl
		}
	}
	enc, err := marked.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var b storage.Batch
	b.Put(catalog.ObjectMeta, catalogBeforeKey(ddl2), encodeCatalogBefore(catalogBefore{version: db.version(ddl2), waitMirror: true, present: true, catalog: enc}))
	if err := db.store.Apply(&b, db.version(db.RedoneLSN())); err != nil {
		t.Fatal(err)
	}
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	if got := tableNames(t, mustEncode(t, db.Catalog())); got != "[b marked]" {
		t.Fatalf("catalog after the revert: %s, want the before image of the first tail DDL [b marked]", got)
	}
	if got := beforeTables(t, db); fmt.Sprint(got) != fmt.Sprint(map[txlog.LSN]string{ddl1: "[a]"}) {
		t.Fatalf("before images after the revert: %v, want only ddl1's (at the fork)", got)
	}

	f.set("d", 1, ddl1-1)
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(beforeTables(t, db)); got != 1 {
		t.Fatalf("%d before images after a checkpoint the mirror has not hardened, want 1", got)
	}
	f.set("d", 1, math.MaxUint64)
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := beforeTables(t, db); len(got) != 0 {
		t.Fatalf("before images after the mirror hardened them: %v, want none", got)
	}
}

func mustEncode(t *testing.T, c *catalog.Database) []byte {
	t.Helper()
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCatalogBeforeDecode: a malformed image is an error, not a panic.
func TestCatalogBeforeDecode(t *testing.T) {
	want := catalogBefore{lsn: 0x30004, version: 0x50006, waitMirror: true, present: true, catalog: []byte(`{"x":1}`)}
	got, err := decodeCatalogBefore(catalogBeforeKey(want.lsn), encodeCatalogBefore(want))
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("round trip: %+v, %v; want %+v", got, err, want)
	}
	bad := []struct {
		name       string
		key, value []byte
	}{
		{"short key", catalogBeforePrefix, encodeCatalogBefore(want)},
		{"short value", catalogBeforeKey(1), []byte{1, 2, 3, 4, 5, 6, 7, 8}},
		{"empty value", catalogBeforeKey(1), nil},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeCatalogBefore(tc.key, tc.value); !errors.Is(err, errBadCatalogBefore) {
				t.Fatalf("decode: %v, want errBadCatalogBefore", err)
			}
		})
	}
}
