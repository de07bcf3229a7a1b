package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
)

// TestReviewReadAfterFailover (review of read visibility on a new principal):
// writers insert into a table with a secondary index on the principal; the
// moment they stop, a manual failover runs, and the moment the mirror is
// principal every acknowledged row must be there — counted through the
// clustered index and through the secondary index. Then rows committed on
// the new principal must be visible to another session the moment each
// commit returns (the store write of a commit there is queued as on any
// principal, storage.Badger.ApplyLater).
func TestReviewReadAfterFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	c.mustExec(c.principal, "USE "+dbName+"; CREATE INDEX ix_on ON dbo.events (written_on, id)")
	pool, err := sql.Open("sqlserver", c.principal.DSN(dbName))
	if err != nil {
		t.Fatal(err)
	}
	pool.SetMaxOpenConns(4)
	var mu sync.Mutex
	acked := map[int]bool{}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 120; i++ {
				id := w*100000 + i
				if _, err := pool.Exec("INSERT dbo.events VALUES (@p1, @@SERVERNAME)", id); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				mu.Lock()
				acked[id] = true
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	pool.Close()
	if t.Failed() {
		return
	}
	c.manualFailover(c.principal, c.mirror)
	np := c.mirror // the new principal
	db := np.DB(dbName)
	var n, viaIndex int
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM dbo.events WITH (INDEX(1))), (SELECT COUNT(*) FROM dbo.events WITH (INDEX(ix_on)) WHERE written_on >= '')").Scan(&n, &viaIndex); err != nil {
		t.Fatal(err)
	}
	if n != len(acked) || viaIndex != n {
		t.Fatalf("right after failover the new principal has %d rows by the clustered index, %d by ix_on; %d were acknowledged", n, viaIndex, len(acked))
	}
	ids, err := c.ids(np)
	if err != nil {
		t.Fatal(err)
	}
	for id := range acked {
		if !ids[id] {
			t.Errorf("acknowledged row %d is missing on the new principal", id)
		}
	}

	ctx := context.Background()
	wc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer wc.Close()
	rc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	for i := 0; i < 100; i++ {
		id := 900000 + i
		if _, err := wc.ExecContext(ctx, "INSERT dbo.events VALUES (@p1, 'after')", id); err != nil {
			t.Fatalf("insert %d on the new principal: %v", id, err)
		}
		var point, seek int
		q := "SELECT (SELECT COUNT(*) FROM dbo.events WHERE id = @p1), (SELECT COUNT(*) FROM dbo.events WITH (INDEX(ix_on)) WHERE written_on = 'after')"
		if err := rc.QueryRowContext(ctx, q, id).Scan(&point, &seek); err != nil {
			t.Fatal(err)
		}
		if point != 1 || seek != i+1 {
			t.Fatalf("%s", fmt.Sprintf("row %d committed on the new principal: another session found it %d times by key and %d rows through ix_on, want 1 and %d", id, point, seek, i+1))
		}
	}
	if _, err := db.Exec("DBCC CHECKDB WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKDB on the new principal: %v", err)
	}
}
