package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// dbccOut keeps a DBCC's errors and messages as "number text" lines, in order.
type dbccOut struct {
	collect
	lines []string
}

func (o *dbccOut) Message(m *exec.Error) error {
	o.lines = append(o.lines, fmt.Sprintf("%d %s", m.Number, m.Message))
	return nil
}

func (o *dbccOut) Error(err error) error {
	var e *exec.Error
	if !errors.As(err, &e) {
		return err
	}
	o.lines = append(o.lines, fmt.Sprintf("%d %s", e.Number, e.Message))
	return nil
}

func runDBCC(t *testing.T, s *exec.Session, sql string) ([]string, error) {
	t.Helper()
	out := &dbccOut{}
	err := s.ExecBatch(context.Background(), sql, out)
	return out.lines, err
}

// TestDBCCCheckFindsIndexDisagreement: DBCC CHECKDB and CHECKTABLE compare
// each nonclustered index with its table's rows, and report an index entry
// lost from the store (8951) and one without a row (8952) — they printed
// "0 consistency errors" without looking, for any database name.
func TestDBCCCheckFindsIndexDisagreement(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d")
	mustExec(t, s, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NOT NULL, INDEX ix_v (v)); INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30)")
	mustExec(t, s, "CREATE TABLE dbo.f (id int NOT NULL PRIMARY KEY, v int NULL, INDEX ix_f (v) WHERE v IS NOT NULL); INSERT dbo.f VALUES (1, NULL), (2, 5)")

	clean := []struct{ sql, want string }{
		{"DBCC CHECKDB", "[8989 CHECKDB found 0 allocation errors and 0 consistency errors in database 'd'. 2528 DBCC execution completed. If DBCC printed error messages, contact your system administrator.]"},
		{"DBCC CHECKDB WITH NO_INFOMSGS", "[]"},
		{"DBCC CHECKDB('master') WITH DATA_PURITY", "[8989 CHECKDB found 0 allocation errors and 0 consistency errors in database 'master'. 2528 DBCC execution completed. If DBCC printed error messages, contact your system administrator.]"},
		{"DBCC CHECKTABLE('dbo.t')", "[2528 DBCC execution completed. If DBCC printed error messages, contact your system administrator.]"},
	}
	for _, c := range clean {
		got, err := runDBCC(t, s, c.sql)
		if err != nil || fmt.Sprint(got) != c.want {
			t.Errorf("%s on a sound database:\n got %v, %v\nwant %s", c.sql, got, err, c.want)
		}
	}
	if got, _ := runDBCC(t, s, "DBCC CHECKDB('nosuchdb')"); fmt.Sprint(got) != "[2520 Could not find database 'nosuchdb'. The database either does not exist, or was dropped before a statement tried to use it. Verify if the database exists by querying the sys.databases catalog view.]" {
		t.Errorf("DBCC CHECKDB of a missing database: %v, want 2520", got)
	}
	if got, _ := runDBCC(t, s, "DBCC CHECKTABLE('dbo.nosuch')"); fmt.Sprint(got) != `[2501 Cannot find a table or object with the name "dbo.nosuch". Check the system catalog.]` {
		t.Errorf("DBCC CHECKTABLE of a missing table: %v, want 2501", got)
	}

	// Lose ix_v's first entry and give it one that matches no row.
	db := inst.Database("d")
	tbl := db.Catalog().Table("dbo", "t")
	var ix uint32
	for _, x := range tbl.Indexes {
		if x.Name == "ix_v" {
			ix = x.StoreID
		}
	}
	it, err := db.store.NewIterator(ix, nil, nil, false, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	if !it.Next() {
		t.Fatal("ix_v is empty")
	}
	first := append([]byte(nil), it.Key()...)
	it.Close()
	var b storage.Batch
	b.Delete(ix, first)
	b.Put(ix, append(append([]byte(nil), first...), 0xEE), nil)
	if err := db.store.Apply(&b, db.store.AppliedLSN()+1); err != nil {
		t.Fatal(err)
	}
	const (
		e8951 = "8951 Table error: table 't' (ID %d). Data row does not have a matching index row in the index 'ix_v' (ID 2). Possible missing or invalid keys for the index row matching:"
		e8952 = "8952 Table error: table 't' (ID %d). Index row in index 'ix_v' (ID 2) does not match any data row. Possible extra or invalid keys for:"
	)
	id := tbl.ID
	want := fmt.Sprint([]string{fmt.Sprintf(e8951, id), fmt.Sprintf(e8952, id),
		fmt.Sprintf("8990 CHECKDB found 0 allocation errors and 2 consistency errors in table 't' (object ID %d).", id),
		"8989 CHECKDB found 0 allocation errors and 2 consistency errors in database 'd'."})
	if got, err := runDBCC(t, s, "DBCC CHECKDB WITH NO_INFOMSGS"); err != nil || fmt.Sprint(got) != want {
		t.Errorf("DBCC CHECKDB of a damaged index:\n got %v, %v\nwant %s", got, err, want)
	}
	want = fmt.Sprint([]string{fmt.Sprintf(e8951, id), fmt.Sprintf(e8952, id),
		fmt.Sprintf("8990 CHECKTABLE found 0 allocation errors and 2 consistency errors in table 't' (object ID %d).", id),
		"2528 DBCC execution completed. If DBCC printed error messages, contact your system administrator."})
	if got, err := runDBCC(t, s, "DBCC CHECKTABLE('dbo.t')"); err != nil || fmt.Sprint(got) != want {
		t.Errorf("DBCC CHECKTABLE of a damaged index:\n got %v, %v\nwant %s", got, err, want)
	}
	if got, err := runDBCC(t, s, "DBCC CHECKDB(N'd', NOINDEX) WITH NO_INFOMSGS"); err != nil || len(got) != 0 {
		t.Errorf("DBCC CHECKDB (NOINDEX) looked at the indexes: %v, %v", got, err)
	}
}
