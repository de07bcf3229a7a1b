package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestApplyGroup: concurrent commits' writes go through applyGroup, each
// combined or alone; every apply returns only once its row is visible at
// Latest, each row carries its own commit's version (absent as of the LSN
// before it), and every row is there at the end.
func TestApplyGroup(t *testing.T) {
	for _, tc := range []struct {
		committers, each int
	}{
		{committers: 1, each: 50},
		{committers: 4, each: 200},
		{committers: 32, each: 100},
	} {
		t.Run(fmt.Sprintf("committers=%d", tc.committers), func(t *testing.T) {
			st, err := storage.OpenBadger(storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			g := &applyGroup{store: st}
			const obj = 100
			var lsn atomic.Uint64
			var wg sync.WaitGroup
			errs := make(chan error, tc.committers)
			for range tc.committers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range tc.each {
						// Distinct versions two apart, so at-1 is never a version.
						at := txlog.LSN(lsn.Add(2))
						key := binary.BigEndian.AppendUint64(nil, uint64(at))
						var b storage.Batch
						b.Put(obj, key, []byte("v"))
						if err := g.apply(&b, at); err != nil {
							errs <- err
							return
						}
						if _, ok, err := st.Get(context.Background(), obj, key, storage.Latest); err != nil || !ok {
							errs <- fmt.Errorf("row of %s not visible after apply returned (err %v)", at, err)
							return
						}
						if _, ok, err := st.Get(context.Background(), obj, key, at-1); err != nil || ok {
							errs <- fmt.Errorf("row of %s visible as of %s: wrong version (err %v)", at, at-1, err)
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			it, err := st.NewIterator(obj, nil, nil, false, storage.Latest)
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
			if want := tc.committers * tc.each; n != want {
				t.Errorf("%d rows, want %d", n, want)
			}
			if got, want := st.AppliedLSN(), txlog.LSN(lsn.Load()); got != want {
				t.Errorf("applied LSN %s, want %s (the highest applied)", got, want)
			}
			g.mu.Lock()
			leading, queued := g.leading, len(g.queue)
			g.mu.Unlock()
			if leading || queued != 0 {
				t.Errorf("after the last apply: leading %v, %d queued; want idle", leading, queued)
			}
		})
	}
}
