package engine

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestDamagedCatalogSuspect: a user database whose stored catalog cannot be
// decoded (a damaged or hand-edited value; catalog.ErrCorrupt) is SUSPECT
// after a restart, as SQL Server leaves a database whose metadata it cannot
// read, while the instance, master and the other databases start.
func TestDamagedCatalogSuspect(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY); CREATE DATABASE other; CREATE TABLE other.dbo.t (k int); INSERT other.dbo.t VALUES (1)")
	// A table without its row store: valid JSON, not a catalog.
	var b storage.Batch
	b.Put(catalog.ObjectCatalog, catalogKey, []byte(`{"version":1,"tables":{"dbo.t":{"id":5,"schema":"dbo","name":"t","indexes":[]}}}`))
	if err := inst.Database("d").store.Apply(&b, txlog.MakeLSN(1<<40, 0)); err != nil {
		t.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst = openTestInstance(t, dir)
	defer inst.Close()
	s = newTestSession(t, inst, "master")
	if rows := mustExec(t, s, "SELECT name, state_desc FROM sys.databases WHERE name IN ('d', 'other') ORDER BY name"); len(rows) != 2 || rows[0] != "d,SUSPECT" || rows[1] != "other,ONLINE" {
		t.Fatalf("after the restart: %v, want d SUSPECT and other ONLINE", rows)
	}
	if rows := mustExec(t, s, "SELECT COUNT(*) FROM other.dbo.t"); len(rows) != 1 || rows[0] != "1" {
		t.Fatalf("other database reads %v, want 1", rows)
	}
}
