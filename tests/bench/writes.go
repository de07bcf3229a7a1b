package main

import (
	"context"
	"fmt"
	"log"
	"time"
)

// writes runs the single-row write measurements alone (INSERT commits and
// UPDATE by PK, 1 and 16 connections) against mirrorsql, an optional second
// mirrorsql binary (-mirrorsql-b, label "mirrorsql B") and PostgreSQL
// standalone, with server and client CPU per operation. The systems' order
// rotates every round, so a before/after pair of binaries is measured
// interleaved in the same rounds as PostgreSQL (issues #4, #5). Only the
// kv (10,000 rows) and ins tables are loaded on mirrorsql, so a run starts
// in seconds. Each round starts with the disk's fdatasync floor
// (fdatasyncLoop, in the servers' work directory).
func (r *runner) writes(ctx context.Context) error {
	log.Printf("writes: starting mirrorsql and PostgreSQL standalone")
	targets, stop, err := r.writeTargets(ctx)
	defer stop()
	if err != nil {
		return err
	}
	b := r.b
	steps := []func(t target) error{
		func(t target) error { return b.throughput(ctx, secCommit, "INSERT commit", t, 1, insertOp(t)) },
		func(t target) error { return b.throughput(ctx, secCommit, "INSERT commit", t, 16, insertOp(t)) },
		func(t target) error { return b.throughput(ctx, secQueries, "UPDATE by PK", t, 1, updateOp(t)) },
		func(t target) error { return b.throughput(ctx, secQueries, "UPDATE by PK", t, 16, updateOp(t)) },
	}
	for round := 0; round < b.rounds; round++ {
		log.Printf("writes: round %d of %d", round+1, b.rounds)
		// The disk's floor in the same rounds, on the servers' file system:
		// issue #4's 1-session target is a ratio to one fdatasync.
		if err := b.fdatasyncLoop(ctx, r.work); err != nil {
			return err
		}
		for _, s := range steps {
			for i := range targets {
				if err := s(targets[(i+round)%len(targets)]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeTargets starts the mirrorsql binaries with the write tables only and
// PostgreSQL standalone with the whole data set (pgSchema).
func (r *runner) writeTargets(ctx context.Context) ([]target, func(), error) {
	var stops []func()
	stop := func() {
		for _, f := range stops {
			f()
		}
	}
	bins := []struct{ bin, name, label string }{{r.bin, "solo", "mirrorsql"}}
	if r.binB != "" {
		bins = append(bins, struct{ bin, name, label string }{r.binB, "solo-b", "mirrorsql B"})
	}
	var targets []target
	for _, x := range bins {
		in, err := newInstance(x.bin, r.work, x.name)
		if err != nil {
			return nil, stop, err
		}
		if err := in.start(ctx); err != nil {
			return nil, stop, err
		}
		stops = append(stops, in.stop)
		if err := msWriteSchema(ctx, in); err != nil {
			return nil, stop, fmt.Errorf("load %s: %w", x.label, err)
		}
		pid := in.cmd.Process.Pid
		log.Printf("writes: %s is pid %d", x.label, pid)
		// Commits per log flush (group commit), read on a connection of
		// its own to master: nothing it does flushes bench's log.
		fc, err := openFlushCounter(in)
		if err != nil {
			return nil, stop, err
		}
		stops = append(stops, fc.close)
		targets = append(targets, target{label: x.label, dsn: in.dsn("bench"), cpu: func() time.Duration { return procCPU(pid) },
			switches: func() uint64 { return procSwitches(pid) }, flushes: func() int64 { return fc.flushes(ctx, "bench") }})
	}
	if r.noPG {
		return targets, stop, nil
	}
	if err := r.pg.start(ctx, "standalone"); err != nil {
		return nil, stop, err
	}
	dsn, err := r.pg.dsn(ctx)
	if err != nil {
		return nil, stop, err
	}
	if err := pgSchema(ctx, dsn); err != nil {
		return nil, stop, fmt.Errorf("load PostgreSQL: %w", err)
	}
	return append(targets, target{label: "PostgreSQL", pg: true, dsn: dsn,
		cpu: commCPU("postgres"), switches: commSwitches("postgres")}), stop, nil
}

// msWriteSchema creates database bench with msSchema's kv and ins tables
// only (the same rows, the same statements).
func msWriteSchema(ctx context.Context, in *instance) error {
	script := `CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.kv (id int NOT NULL PRIMARY KEY, v int NOT NULL)
CREATE TABLE dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)
GO
SET NOCOUNT ON
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 1000
BEGIN
	INSERT dbo.d VALUES (@i)
	SET @i += 1
END
COMMIT
GO
INSERT INTO dbo.kv (id, v) SELECT a.n*1000+c.n, 0 FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 10
`
	if err := in.exec(ctx, "master", "CREATE DATABASE bench"); err != nil {
		return err
	}
	return in.exec(ctx, "bench", script)
}
