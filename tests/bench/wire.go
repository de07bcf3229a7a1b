package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"strconv"
	"time"
)

// wire runs section 1 only (SELECT 1 round trips from 1 and 16 connections,
// streaming the 1M-row result) against mirrorsql and PostgreSQL standalone,
// and, when -mirrorsql-b is given, against a second mirrorsql built from
// another tree (label "mirrorsql B"), so that a before/after comparison runs
// interleaved in the same rounds as PostgreSQL. The order of the systems
// rotates every round. Every figure comes with the server's and the client's
// CPU per operation (per row for the stream; cpu.go).
func (r *runner) wire(ctx context.Context) error {
	log.Printf("wire: starting mirrorsql and PostgreSQL standalone")
	targets, stop, err := r.wireTargets(ctx)
	defer stop()
	if err != nil {
		return err
	}
	b := r.b
	steps := []func(t target) error{
		func(t target) error { return b.throughput(ctx, secTDS, "SELECT 1", t, 1, select1Op(t)) },
		func(t target) error { return b.throughput(ctx, secTDS, "SELECT 1", t, 16, select1Op(t)) },
		func(t target) error {
			if t.select1Only {
				return nil
			}
			return b.heavy(ctx, secTDS, "stream 1M-row result", t, qStream.text(t), 0)
		},
	}
	for round := 0; round < b.rounds; round++ {
		log.Printf("wire: round %d of %d", round+1, b.rounds)
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

// wireTargets starts the systems of the wire suite and loads their data.
func (r *runner) wireTargets(ctx context.Context) ([]target, func(), error) {
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
		if err := msSchema(ctx, in); err != nil {
			return nil, stop, fmt.Errorf("load %s: %w", x.label, err)
		}
		pid := in.cmd.Process.Pid
		targets = append(targets, target{label: x.label, dsn: in.dsn("bench"), cpu: func() time.Duration { return procCPU(pid) },
			switches: func() uint64 { return procSwitches(pid) }})
		if r.stub && x.name == "solo" {
			st, err := startStub(net.JoinHostPort("127.0.0.1", strconv.Itoa(in.port)))
			if err != nil {
				return nil, stop, err
			}
			stops = append(stops, st.stop)
			spid := st.cmd.Process.Pid
			targets = append(targets, target{label: "TDS stub", dsn: stubDSN(st.addr), select1Only: true,
				cpu: func() time.Duration { return procCPU(spid) }, switches: func() uint64 { return procSwitches(spid) }})
		}
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
