// Command bench measures mirrorsql against PostgreSQL 15 side by side, in one
// run, on this machine, and prints markdown tables of medians over rounds.
//
//	go build -o /tmp/mirrorsql ./cmd/mirrorsql
//	go run ./tests/bench -mirrorsql /tmp/mirrorsql -suite all -out /tmp/bench.md
//
// tests/bench/run.sh does both (it needs root: pg-peer.sh installs and runs
// PostgreSQL). Suites: local (sections 0, 1, 2, 4: unmirrored mirrorsql vs
// PostgreSQL standalone), mirror (3 and 5: SAFETY FULL/OFF vs sync/async
// standby, manual failover vs promotion), memory (6), or all; wire runs
// section 1 alone, optionally with a second mirrorsql binary (-mirrorsql-b)
// for a before/after comparison in the same rounds (wire.go).
//
// Every load generator is bounded by -dur; each measurement is repeated
// -rounds times, interleaved between the two systems, and the median is
// reported.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	if os.Getenv(echoEnv) != "" {
		runEchoChild()
		return
	}
	var (
		suite     = flag.String("suite", "all", "local, mirror, memory, all; not part of all: wire (section 1 only), queries (section 4's scan, GROUP BY and join only; queries.go), writes (INSERT and UPDATE only; writes.go) or mirrorab (SAFETY FULL and OFF A/B of two builds, no PostgreSQL; mirrorab.go)")
		bin       = flag.String("mirrorsql", "", "path of a built mirrorsql binary (go build ./cmd/mirrorsql)")
		binB      = flag.String("mirrorsql-b", "", "wire, queries, writes and mirrorab suites: a second mirrorsql binary measured in the same rounds (\"mirrorsql B\")")
		noPG      = flag.Bool("no-pg", false, "writes, wire and queries suites: leave PostgreSQL out (an A/B of two mirrorsql binaries only)")
		pgScript  = flag.String("pgpeer", "/work/shared/bench/pg-peer.sh", "PostgreSQL peer script")
		work      = flag.String("work", "", "work directory for data (default: a new temporary directory, removed at the end)")
		out       = flag.String("out", "", "write the markdown results here as well as to stdout")
		dur       = flag.Duration("dur", 5*time.Second, "duration of each load measurement")
		rounds    = flag.Int("rounds", 3, "rounds per measurement (median reported)")
		failovers = flag.Int("failovers", 5, "manual failovers (and PostgreSQL promotions) to time")
		idleConns = flag.Int("idle-conns", 1000, "idle connections for the per-connection RSS figure")
		encrypt   = flag.String("endpoint-encryption", "DISABLED", "mirroring endpoints' ENCRYPTION: DISABLED (the default, like the PostgreSQL standby's sslmode=disable), SUPPORTED or REQUIRED (SQL Server's default: TLS on the log stream)")
		encryptB  = flag.String("endpoint-encryption-b", "", "mirrorab suite: pair B's endpoints' ENCRYPTION when it differs from -endpoint-encryption (one build with and without TLS in the same rounds)")
		manyConns = flag.Int("many-conns", 5000, "memory suite: idle connections opened at once after the others (0: none; needs ulimit -n above it)")
	)
	stub := flag.Bool("stub", false, "wire suite: add a TDS stub in front of mirrorsql (logins relayed, every request answered with mirrorsql's SELECT 1 reply by a bare loop) to SELECT 1's targets: the client's and a do-nothing Go server's CPU per round trip (stub.go)")
	stubServe := flag.String("stub-serve", "", "internal: run as the TDS stub process, LISTEN,BACKEND")
	flag.Parse()
	if *stubServe != "" {
		stubServeMain(*stubServe)
		return
	}
	endpointEncryption = strings.ToUpper(*encrypt)
	endpointEncryptionB = endpointEncryption
	if *encryptB != "" {
		endpointEncryptionB = strings.ToUpper(*encryptB)
	}
	if *bin == "" {
		log.Fatal("-mirrorsql is required (go build -o /tmp/mirrorsql ./cmd/mirrorsql)")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *work == "" {
		d, err := os.MkdirTemp("", "mirrorsql-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		*work = d
	}
	if err := os.MkdirAll(*work, 0o755); err != nil {
		log.Fatal(err)
	}
	abs, err := filepath.Abs(*bin)
	if err != nil {
		log.Fatal(err)
	}
	absB := ""
	if *binB != "" {
		if absB, err = filepath.Abs(*binB); err != nil {
			log.Fatal(err)
		}
	}
	r := &runner{
		b:         &bench{dur: *dur, rounds: *rounds, res: newResults()},
		bin:       abs,
		binB:      absB,
		noPG:      *noPG,
		work:      *work,
		pg:        &pgPeer{script: *pgScript},
		failovers: *failovers,
		idleConns: *idleConns,
		manyConns: *manyConns,
		stub:      *stub,
	}
	defer r.pg.stop(context.Background())
	start := time.Now()
	runErr := r.run(ctx, *suite)
	if runErr != nil {
		r.b.res.note("the run stopped early: %v", runErr)
		log.Printf("error: %v", runErr)
	}
	r.b.res.note("whole run: %s, -dur %s, -rounds %d", time.Since(start).Round(time.Second), *dur, *rounds)
	var w io.Writer = os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		w = io.MultiWriter(os.Stdout, f)
	}
	r.b.res.write(w)
	writeTargets(w, r.b.res)
	if runErr != nil {
		os.Exit(1)
	}
}

// runner owns the processes of one run.
type runner struct {
	b         *bench
	bin, work string
	binB      string // wire, writes and mirrorab suites: the "mirrorsql B" binary, or ""
	noPG      bool   // writes and wire suites: no PostgreSQL
	pg        *pgPeer
	failovers int
	idleConns int
	manyConns int
	stub      bool // wire suite: the TDS stub as a SELECT 1 target (stub.go)
}

func (r *runner) run(ctx context.Context, suite string) error {
	all := suite == "all"
	if suite == "writes" {
		if err := r.writes(ctx); err != nil {
			return fmt.Errorf("writes suite: %w", err)
		}
		return nil
	}
	if suite == "wire" {
		if err := r.wire(ctx); err != nil {
			return fmt.Errorf("wire suite: %w", err)
		}
		return nil
	}
	if suite == "queries" {
		if err := r.queries(ctx); err != nil {
			return fmt.Errorf("queries suite: %w", err)
		}
		return nil
	}
	if suite == "mirrorab" {
		if err := r.mirrorAB(ctx); err != nil {
			return fmt.Errorf("mirrorab suite: %w", err)
		}
		return nil
	}
	if all || suite == "local" {
		if err := r.local(ctx); err != nil {
			return fmt.Errorf("local suite: %w", err)
		}
	}
	if all || suite == "mirror" {
		if err := r.mirror(ctx); err != nil {
			return fmt.Errorf("mirror suite: %w", err)
		}
	}
	if all || suite == "memory" {
		if err := r.memory(ctx); err != nil {
			return fmt.Errorf("memory suite: %w", err)
		}
	}
	return nil
}

func (r *runner) local(ctx context.Context) error {
	log.Printf("local: starting mirrorsql and PostgreSQL standalone")
	in, err := newInstance(r.bin, r.work, "solo")
	if err != nil {
		return err
	}
	if err := in.start(ctx); err != nil {
		return err
	}
	defer in.stop()
	if err := r.pg.start(ctx, "standalone"); err != nil {
		return err
	}
	dsn, err := r.pg.dsn(ctx)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := msSchema(ctx, in); err != nil {
		return fmt.Errorf("load mirrorsql: %w", err)
	}
	r.b.res.note("mirrorsql loaded the data set (1.21M rows, INSERT … SELECT) in %s", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	if err := pgSchema(ctx, dsn); err != nil {
		return fmt.Errorf("load PostgreSQL: %w", err)
	}
	r.b.res.note("PostgreSQL loaded the data set (generate_series, VACUUM ANALYZE) in %s", time.Since(t0).Round(time.Millisecond))
	ms := target{label: "mirrorsql", dsn: in.dsn("bench")}
	pg := target{label: "PostgreSQL", pg: true, dsn: dsn}
	for round := 0; round < r.b.rounds; round++ {
		log.Printf("local: round %d of %d", round+1, r.b.rounds)
		if err := r.b.localRound(ctx, round, ms, pg, r.work); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) mirror(ctx context.Context) error {
	log.Printf("mirror: starting two mirrorsql partners and PostgreSQL with a sync standby")
	p, err := newInstance(r.bin, r.work, "alpha")
	if err != nil {
		return err
	}
	m, err := newInstance(r.bin, r.work, "bravo")
	if err != nil {
		return err
	}
	for _, in := range []*instance{p, m} {
		if err := in.start(ctx); err != nil {
			return err
		}
		defer in.stop()
	}
	if err := setupMirroring(ctx, p, m, r.work, endpointEncryption); err != nil {
		return err
	}
	if err := r.pg.start(ctx, "sync"); err != nil {
		return err
	}
	dsn, err := r.pg.dsn(ctx)
	if err != nil {
		return err
	}
	if err := pgSchema(ctx, dsn); err != nil {
		return err
	}
	msFull := target{label: "mirrorsql SAFETY FULL", dsn: p.dsn("mdb")}
	solo := target{label: "mirrorsql unmirrored (same instance)", dsn: p.dsn("udb")}
	if err := r.b.mirrorRounds(ctx, msFull, target{label: "PostgreSQL sync standby", pg: true, dsn: dsn}, &solo, r.work); err != nil {
		return err
	}
	if err := p.exec(ctx, "master", "ALTER DATABASE mdb SET PARTNER SAFETY OFF"); err != nil {
		return err
	}
	if err := r.pg.start(ctx, "async"); err != nil {
		return err
	}
	if err := pgSchema(ctx, dsn); err != nil {
		return err
	}
	msOff := target{label: "mirrorsql SAFETY OFF", dsn: p.dsn("mdb")}
	if err := r.b.mirrorRounds(ctx, msOff, target{label: "PostgreSQL async standby", pg: true, dsn: dsn}, nil, r.work); err != nil {
		return err
	}

	log.Printf("failover: %d manual failovers and %d PostgreSQL promotions", r.failovers, r.failovers)
	if err := p.exec(ctx, "master", "ALTER DATABASE mdb SET PARTNER SAFETY FULL"); err != nil {
		return err
	}
	cur, other := p, m
	for i := 0; i < r.failovers; i++ {
		msec, err := manualFailover(ctx, cur, other, i)
		if err != nil {
			return err
		}
		r.b.res.add(secFail, "manual failover → first write", "mirrorsql", 1, "ms", msec)
		log.Printf("  mirrorsql failover %d (%s → %s): %.0f ms", i+1, cur.name, other.name, msec)
		cur, other = other, cur
		// Promotion consumes PostgreSQL's pair; rebuild it for the next one.
		if i > 0 {
			if err := r.pg.start(ctx, "async"); err != nil {
				return err
			}
		}
		pms, err := r.pg.promote(ctx)
		if err != nil {
			return err
		}
		r.b.res.add(secFail, "promote standby → first write", "PostgreSQL", 1, "ms", pms)
		log.Printf("  PostgreSQL promotion %d: %.0f ms", i+1, pms)
	}
	r.pg.stop(ctx)
	return nil
}

// memory measures an idle instance with 10 user databases, then the RSS
// added by idle connections (logged in to master, doing nothing).
func (r *runner) memory(ctx context.Context) error {
	in, err := newInstance(r.bin, r.work, "idle")
	if err != nil {
		return err
	}
	if err := in.start(ctx); err != nil {
		return err
	}
	defer in.stop()
	empty, err := in.rssKiB()
	if err != nil {
		return err
	}
	for i := 1; i <= 10; i++ {
		if err := in.exec(ctx, "master", fmt.Sprintf("CREATE DATABASE idle%02d\nGO\nUSE idle%02d; CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50)); INSERT dbo.t VALUES (1, 'x')", i, i)); err != nil {
			return err
		}
	}
	time.Sleep(3 * time.Second)
	idle, err := in.rssKiB()
	if err != nil {
		return err
	}
	res := r.b.res
	res.add(secMemory, "RSS, idle, no user database", "mirrorsql", 0, "MiB", float64(empty)/1024)
	res.add(secMemory, "RSS, idle, 10 user databases", "mirrorsql", 0, "MiB", float64(idle)/1024)
	withConns, err := r.idleConnections(ctx, in, r.idleConns, idle, nil)
	if err != nil {
		return err
	}
	log.Printf("memory: empty %d KiB, 10 DBs %d KiB, +%d conns %d KiB", empty, idle, r.idleConns, withConns)
	return r.memoryConns(ctx, in, idle)
}
