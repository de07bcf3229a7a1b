package main

import (
	"context"
	"fmt"
	"log"
	"sync"
	"syscall"
	"time"
)

// memoryConns measures many connections on the memory suite's instance,
// whose RSS before its first connection was idleKiB (issue #2: 1,000
// concurrent connections work, memory bounded under load). The figures per
// connection are counted from idleKiB: a process's RSS does not shrink when
// connections close (the Go heap keeps the pages for reuse), so a baseline
// taken after the earlier connections would leave out what they reuse.
//
//   - r.idleConns connections that each run a small query at the same moment
//     (a barrier releases them together): every one must get its own answer
//     (its @@SPID, distinct from every other's), and the RSS while they are
//     open is reported per connection;
//   - r.manyConns idle connections, when the open-file limit allows them.
func (r *runner) memoryConns(ctx context.Context, in *instance, idleKiB int64) error {
	cs, err := openClients(ctx, target{label: "mirrorsql", dsn: in.dsn("master")}, r.idleConns)
	if err != nil {
		return err
	}
	spids, took, err := queryAllAtOnce(ctx, cs)
	if err != nil {
		closeAll(cs)
		return err
	}
	time.Sleep(2 * time.Second)
	busy, err := in.rssKiB()
	closeAll(cs)
	if err != nil {
		return err
	}
	res := r.b.res
	res.add(secMemory, "RSS per connection after a query each, all at once", "mirrorsql", r.idleConns, "KiB", float64(busy-idleKiB)/float64(r.idleConns))
	res.add(secMemory, "queries answered, all at once (distinct @@SPIDs)", "mirrorsql", r.idleConns, "answers", float64(spids))
	res.add(secMemory, "time for all of them to be answered", "mirrorsql", r.idleConns, "ms", float64(took.Milliseconds()))
	log.Printf("memory: %d connections, a query each at once: %d distinct answers in %s, RSS %d KiB", r.idleConns, spids, took.Round(time.Millisecond), busy)

	if r.manyConns <= 0 {
		return nil
	}
	var lim syscall.Rlimit
	// Both ends of every connection are in processes started from here
	// (the server inherits the limit), plus files of the databases.
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < uint64(r.manyConns)+1000 {
		res.note("%d idle connections not measured: open-file limit %d (ulimit -n)", r.manyConns, lim.Cur)
		return nil
	}
	withMany, err := r.idleConnections(ctx, in, r.manyConns, idleKiB, func(cs []client) error {
		_, _, err := queryAllAtOnce(ctx, cs) // and every one of them still answers
		return err
	})
	if err != nil {
		return err
	}
	log.Printf("memory: %d idle connections, RSS %d KiB", r.manyConns, withMany)
	return nil
}

// idleConnections opens n connections, reports the RSS they add to baseKiB
// per connection and the logins per second while opening them, runs check
// (when set) on them and closes them. It returns the RSS with them open.
func (r *runner) idleConnections(ctx context.Context, in *instance, n int, baseKiB int64, check func([]client) error) (int64, error) {
	t0 := time.Now()
	cs, err := openClients(ctx, target{label: "mirrorsql", dsn: in.dsn("master")}, n)
	if err != nil {
		return 0, err
	}
	loginTime := time.Since(t0)
	time.Sleep(2 * time.Second)
	rss, err := in.rssKiB()
	if err == nil && check != nil {
		err = check(cs)
	}
	closeAll(cs)
	if err != nil {
		return 0, err
	}
	res := r.b.res
	res.add(secMemory, "RSS per idle connection", "mirrorsql", n, "KiB", float64(rss-baseKiB)/float64(n))
	res.add(secMemory, "logins/s while opening them", "mirrorsql", n, "logins/s", float64(n)/loginTime.Seconds())
	return rss, nil
}

// queryAllAtOnce runs SELECT @@SPID on every connection, all released at
// the same moment, and returns how many distinct SPIDs came back and how
// long the last answer took. A connection without its answer is an error.
func queryAllAtOnce(ctx context.Context, cs []client) (int, time.Duration, error) {
	start := make(chan struct{})
	errs := make([]error, len(cs))
	got := make([]int64, len(cs))
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rows, err := c.(msClient).c.QueryContext(ctx, "SELECT @@SPID")
			if err != nil {
				errs[i] = err
				return
			}
			defer rows.Close()
			if !rows.Next() {
				errs[i] = fmt.Errorf("no row: %v", rows.Err())
				return
			}
			errs[i] = rows.Scan(&got[i])
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	took := time.Since(t0)
	seen := map[int64]bool{}
	for i, err := range errs {
		if err != nil {
			return 0, took, fmt.Errorf("connection %d of %d: %w", i+1, len(cs), err)
		}
		seen[got[i]] = true
	}
	if len(seen) != len(cs) {
		return len(seen), took, fmt.Errorf("%d connections got %d distinct @@SPIDs", len(cs), len(seen))
	}
	return len(seen), took, nil
}
