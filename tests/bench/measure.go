package main

import (
	"context"
	"fmt"
	"log"
	"time"
)

// bench holds what every measurement needs: the run's bounds and the results.
type bench struct {
	dur    time.Duration // per measurement
	rounds int
	res    *results
}

// throughput opens conns connections to t, runs op on each for b.dur and
// records ops/s and latency p50/p99 (ms) under section/name.
func (b *bench) throughput(ctx context.Context, section, name string, t target, conns int, op func(ctx context.Context, c client, seq int64) error) error {
	cs, err := openClients(ctx, t, conns)
	if err != nil {
		return fmt.Errorf("%s %s: %w", t.label, name, err)
	}
	defer closeAll(cs)
	f0 := int64(-1)
	if t.flushes != nil {
		f0 = t.flushes()
	}
	cpu := startCPU(t.cpu, t.switches)
	r, err := runLoad(ctx, conns, b.dur, func(ctx context.Context, w int, seq int64) error { return op(ctx, cs[w], seq) })
	if err != nil {
		return fmt.Errorf("%s %s (%d conns): %w", t.label, name, conns, err)
	}
	if t.flushes != nil {
		if per := perFlush(r.ops, f0, t.flushes()); per > 0 {
			b.res.add(section, name+" commits per log flush", t.label, conns, "commits", per)
			log.Printf("  %-28s %-26s %2d conns: %.2f commits per log flush", name, t.label, conns, per)
		}
	}
	b.res.add(section, name, t.label, conns, "ops/s", r.perSec())
	b.res.add(section, name+" p50", t.label, conns, "ms", ms(r.quantile(0.50)))
	b.res.add(section, name+" p99", t.label, conns, "ms", ms(r.quantile(0.99)))
	log.Printf("  %-28s %-26s %2d conns: %9.0f ops/s  p50 %.3f ms  p99 %.3f ms", name, t.label, conns, r.perSec(), ms(r.quantile(0.5)), ms(r.quantile(0.99)))
	b.recordCPU(section, name, t, conns, cpu, r.ops, "µs/op", 1)
	return nil
}

// heavy runs query q on one connection repeatedly for up to b.dur (at least
// once) and records rows/s, where a query counts for basis rows (the rows it
// processes, e.g. 1,000,000 for a scan), or for the rows it returned if basis
// is 0.
func (b *bench) heavy(ctx context.Context, section, name string, t target, q string, basis int64) error {
	cs, err := openClients(ctx, t, 1)
	if err != nil {
		return err
	}
	defer closeAll(cs)
	var (
		total time.Duration
		n     int
		rows  int64
	)
	cpu := startCPU(t.cpu, t.switches)
	var returned int64
	for n == 0 || total < b.dur {
		t0 := time.Now()
		got, err := cs[0].query(ctx, q)
		if err != nil {
			return fmt.Errorf("%s %s: %w", t.label, name, err)
		}
		total += time.Since(t0)
		n++
		returned += got
		if basis > 0 {
			rows += basis
		} else {
			rows += got
		}
	}
	perSec := float64(rows) / total.Seconds()
	b.res.add(section, name, t.label, 1, "rows/s", perSec)
	b.res.add(section, name+" (time per query)", t.label, 1, "ms", ms(total)/float64(n))
	log.Printf("  %-28s %-26s: %12.0f rows/s  %.1f ms/query (%d runs)", name, t.label, perSec, ms(total)/float64(n), n)
	b.recordCPU(section, name, t, 1, cpu, returned, "ns/row", 1000)
	return nil
}

// recordCPU adds the server's and the client's CPU per unit of work since
// cpu started (in µs × scale) and the machine's idle share, when t has a
// CPU meter.
func (b *bench) recordCPU(section, name string, t target, conns int, cpu cpuWindow, n int64, unit string, scale float64) {
	if t.cpu == nil {
		return
	}
	idle, idleOK := cpu.idlePercent()
	server, client, ok := cpu.perOp(n)
	if !ok {
		return
	}
	if idleOK {
		b.res.add(section, name+" machine idle", t.label, conns, "%", idle)
	}
	b.res.add(section, name+" server CPU", t.label, conns, unit, server*scale)
	b.res.add(section, name+" client CPU", t.label, conns, unit, client*scale)
	log.Printf("  %-28s %-26s %2d conns: server CPU %.2f %s, client CPU %.2f %s", name, t.label, conns, server*scale, unit, client*scale, unit)
	if ssw, csw, ok := cpu.switchesPerOp(n); ok && scale == 1 {
		b.res.add(section, name+" server context switches", t.label, conns, "/op", ssw)
		b.res.add(section, name+" client context switches", t.label, conns, "/op", csw)
		log.Printf("  %-28s %-26s %2d conns: server %.2f, client %.2f context switches/op", name, t.label, conns, ssw, csw)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
