package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// TestDatabaseOptionsMigrateOnOpen: a data directory written before the
// options moved into the database (its catalog has none, master's entry
// has them) keeps its options, and the open writes them into the
// database's catalog, from where they are then read — master's copy is
// only a copy.
func TestDatabaseOptionsMigrateOnOpen(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	// Make d's catalog an old one: no options, which master holds.
	db := inst.Database("d")
	old := db.Catalog().Clone()
	old.Options = nil
	if err := db.Commit(context.Background(), &exec.Writes{TxnID: db.NewTxnID(), Set: storage.NewWriteSet(0), Catalog: old}); err != nil {
		t.Fatal(err)
	}
	if err := inst.UpdateServer(func(sc *catalog.Server) error {
		e := sc.Database("d")
		e.Options = map[string]string{"ALLOW_SNAPSHOT_ISOLATION": "ON", "COMPATIBILITY_LEVEL": "130", "TRUSTWORTHY": "ON"}
		e.RecoveryModel = "SIMPLE"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer func() { inst.Close() }()

	got := inst.Database("d").Catalog().Options
	want := &catalog.DatabaseOptions{RecoveryModel: "SIMPLE", UserAccess: "MULTI_USER", Set: map[string]string{"ALLOW_SNAPSHOT_ISOLATION": "ON", "COMPATIBILITY_LEVEL": "130"}}
	if !got.Equal(want) {
		t.Fatalf("catalog options after open = %+v, want %+v (TRUSTWORTHY stays master's)", got, want)
	}
	if si, _ := inst.Database("d").ReadVersioning(); !si {
		t.Error("ALLOW_SNAPSHOT_ISOLATION is not in effect after the migration")
	}
	// The database's catalog is the truth: master's copy is rewritten from
	// it at the next open.
	if err := inst.UpdateServer(func(sc *catalog.Server) error {
		sc.Database("d").Options["COMPATIBILITY_LEVEL"] = "100"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	rows := mustExec(t, s, "SELECT compatibility_level, snapshot_isolation_state, recovery_model_desc, is_trustworthy_on FROM sys.databases WHERE name = 'd'")
	if len(rows) != 1 || rows[0] != "130,1,SIMPLE,1" {
		t.Errorf("sys.databases after a restart = %q, want 130,1,SIMPLE,1", rows)
	}
}
