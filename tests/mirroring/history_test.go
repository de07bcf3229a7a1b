package mirroring_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// kvInput is one operation on the register dbo.kv(k): a read, or a write of a
// value no other write uses (so a read can be traced to its write).
type kvInput struct {
	write bool
	key   int
	value int
}

// kvOutput is a read's result; writes have no output.
type kvOutput struct{ value int }

// kvModel is a set of independent registers, one per key, initially 0
// (newCluster's seed rows), partitioned by key.
var kvModel = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		by := map[int][]porcupine.Operation{}
		var keys []int
		for _, op := range history {
			k := op.Input.(kvInput).key
			if _, ok := by[k]; !ok {
				keys = append(keys, k)
			}
			by[k] = append(by[k], op)
		}
		var out [][]porcupine.Operation
		for _, k := range keys {
			out = append(out, by[k])
		}
		return out
	},
	Init: func() any { return 0 },
	Step: func(state, input, output any) (bool, any) {
		in := input.(kvInput)
		if in.write {
			return true, in.value
		}
		return output.(kvOutput).value == state.(int), state
	},
	DescribeOperation: func(input, output any) string {
		in := input.(kvInput)
		if in.write {
			return fmt.Sprintf("put(k%d, %d)", in.key, in.value)
		}
		return fmt.Sprintf("get(k%d) → %d", in.key, output.(kvOutput).value)
	},
	DescribeState: func(state any) string { return fmt.Sprint(state) },
}

// historyRecorder collects operations from concurrent clients.
type historyRecorder struct {
	start time.Time
	mu    sync.Mutex
	ops   []porcupine.Operation
	stats struct{ reads, writes, unknown, failedReads int }
}

func (h *historyRecorder) now() int64 { return int64(time.Since(h.start)) }

func (h *historyRecorder) add(op porcupine.Operation) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ops = append(h.ops, op)
}

// kvClient runs reads and writes on the keys in turn through a
// failover-partner DSN until ctx ends. Each operation first takes a
// connection (db.Conn); when that fails (login refused, partner down) the
// operation was never sent and is not recorded. A write that fails after
// that has an unknown outcome (it may have committed before the connection
// broke) and returns at infinity; a failed read has no effect and is dropped.
func kvClient(ctx context.Context, id int, dsn string, h *historyRecorder) {
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for n := 1; ctx.Err() == nil; n++ {
		key := 1 + (id+n)%3
		in := kvInput{key: key}
		qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		conn, err := db.Conn(qctx)
		if err == nil {
			err = conn.PingContext(qctx)
			if err != nil {
				conn.Raw(func(any) error { return driver.ErrBadConn }) // discard it
				conn.Close()
			}
		}
		if err != nil {
			cancel()
			select {
			case <-ctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
			continue
		}
		call := h.now()
		if n%2 == 0 {
			in.write, in.value = true, id*10_000_000+n
			_, err = conn.ExecContext(qctx, "UPDATE dbo.kv SET v = @p1 WHERE k = @p2", in.value, key)
			ret := h.now()
			if err != nil {
				ret = math.MaxInt64
			}
			if ctx.Err() == nil || err == nil {
				h.add(porcupine.Operation{ClientId: id, Input: in, Call: call, Output: kvOutput{}, Return: ret})
				h.mu.Lock()
				h.stats.writes++
				if err != nil {
					h.stats.unknown++
				}
				h.mu.Unlock()
			}
		} else {
			var v int
			err = conn.QueryRowContext(qctx, "SELECT v FROM dbo.kv WHERE k = @p1", key).Scan(&v)
			ret := h.now()
			h.mu.Lock()
			if err == nil {
				h.ops = append(h.ops, porcupine.Operation{ClientId: id, Input: in, Call: call, Output: kvOutput{v}, Return: ret})
				h.stats.reads++
			} else {
				h.stats.failedReads++
			}
			h.mu.Unlock()
		}
		if err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // do not reuse a connection that failed
		}
		conn.Close()
		cancel()
		select { // pace the clients: the machine is shared
		case <-ctx.Done():
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// roleSample is one poll of a partner's sys.database_mirroring.
type roleSample struct {
	server string
	row    mirroringRow
}

// TestHistoryLinearizable: several clients read and write registers through
// failover-partner DSNs while the test kills and restarts the principal
// (automatic failover) and fails over manually, in cycles. The history must
// be linearizable (porcupine): no acknowledged write lost, no read of a value
// never written. Both partners are polled throughout: two partners never
// report PRINCIPAL at the same role sequence. ~40 s; minutes with
// MIRRORSQL_LONG=1.
func TestHistoryLinearizable(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	duration := 30 * time.Second
	if long() {
		duration = 5 * time.Minute
	}
	h := &historyRecorder{start: time.Now()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for id := 0; id < 4; id++ {
		first := c.principal
		if id%2 == 1 {
			first = c.mirror // some clients start on the other partner's name
		}
		wg.Add(1)
		go func() { defer wg.Done(); kvClient(ctx, id, c.failoverDSN(first), h) }()
	}

	// Role monitor: who claims PRINCIPAL at which role sequence.
	var monMu sync.Mutex
	principals := map[int64]map[string]bool{}
	var samples int
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			for _, s := range []*harness.Server{c.principal, c.mirror} {
				if r, err := c.row(s); err == nil && r.Role == "PRINCIPAL" {
					monMu.Lock()
					if principals[r.Seq] == nil {
						principals[r.Seq] = map[string]bool{}
					}
					principals[r.Seq][s.Name] = true
					samples++
					monMu.Unlock()
				}
			}
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()

	cur, oth := c.principal, c.mirror
	cycles := 0
	var anomalies []string
	for deadline := time.Now().Add(duration); cycles < 2 || time.Now().Before(deadline); cycles++ {
		c.waitRole(cur, "PRINCIPAL", "SYNCHRONIZED")
		c.waitRole(oth, "MIRROR", "SYNCHRONIZED")
		if cycles%2 == 0 {
			// Kill only once the witness has seen cur as a SYNCHRONIZED
			// principal (tryWaitFailoverable): cur may have been restarted
			// and made principal (the odd cycle's manual failover) within a
			// few hundred milliseconds, before its dial to the witness
			// completed.
			if !c.tryWaitFailoverable(cur, oth) {
				anomalies = append(anomalies, fmt.Sprintf("cycle %d: the witness never saw %s as a SYNCHRONIZED principal with all three connected: %s", cycles, cur.Name, c.describe()))
				break
			}
			cur.Kill()
			if _, ok := c.tryWaitRow(oth, func(r mirroringRow) bool { return r.Role == "PRINCIPAL" }); !ok {
				anomalies = append(anomalies, fmt.Sprintf("cycle %d: no automatic failover after kill -9 of %s: %s", cycles, cur.Name, c.describe()))
				break
			}
			cur.Restart()
		} else {
			// 1404 (mirror busy) asks to reissue the command later (§5).
			start := time.Now()
			err := c.alter(cur, "SET PARTNER FAILOVER")
			for errNumber(err) == 1404 && time.Since(start) < failoverBound {
				time.Sleep(100 * time.Millisecond)
				err = c.alter(cur, "SET PARTNER FAILOVER")
			}
			if err != nil {
				anomalies = append(anomalies, fmt.Sprintf("cycle %d: FAILOVER on %s: %v", cycles, cur.Name, err))
				break
			}
			c.waitRole(oth, "PRINCIPAL", "")
		}
		cur, oth = oth, cur
		if _, ok := c.tryWaitRow(oth, func(r mirroringRow) bool { return r.Role == "MIRROR" && r.State == "SYNCHRONIZED" }); !ok {
			anomalies = append(anomalies, fmt.Sprintf("cycle %d: %s did not rejoin as a SYNCHRONIZED mirror: %s", cycles, oth.Name, c.describe()))
			break
		}
	}
	time.Sleep(time.Second) // let the clients finish a few operations on the last principal
	cancel()
	wg.Wait()

	h.mu.Lock()
	ops := append([]porcupine.Operation(nil), h.ops...)
	stats := h.stats
	h.mu.Unlock()
	t.Logf("history: %d cycles, %d reads, %d writes (%d with unknown outcome), %d failed reads, %d role samples",
		cycles, stats.reads, stats.writes, stats.unknown, stats.failedReads, samples)
	for seq, who := range principals {
		if len(who) > 1 {
			t.Errorf("two principals at role sequence %d: %v", seq, who)
		}
	}
	res, info := porcupine.CheckOperationsVerbose(kvModel, ops, 2*time.Minute)
	switch res {
	case porcupine.Illegal:
		path := filepath.Join(t.TempDir(), "history.html")
		if err := porcupine.VisualizePath(kvModel, info, path); err != nil {
			t.Logf("visualize: %v", err)
		}
		t.Errorf("history is not linearizable (visualization: %s)", path)
	case porcupine.Unknown:
		t.Logf("linearizability check timed out (inconclusive)")
	default:
		t.Logf("history is linearizable")
	}
	if len(anomalies) > 0 {
		// Liveness: every cycle must end with a SYNCHRONIZED pair. (It was a
		// known-bug skip while a former principal could append a commit after
		// its log was cut and never resynchronize; engine Commit now refuses
		// once mirroring has set the access error.)
		t.Errorf("chaos cycle stopped after %d cycles: %v", cycles, anomalies)
	}
}
