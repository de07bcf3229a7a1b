package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"
)

// Suite mirrorab compares two mirrorsql builds on the SAFETY FULL commit path,
// without PostgreSQL. Each build (-mirrorsql, and -mirrorsql-b when given) gets
// its own principal + mirror pair set up as the mirror suite does (mdb mirrored
// SAFETY FULL, udb unmirrored on the same principal). Every round measures,
// for 1 and for 16 connections, each pair's mdb and udb with single-row
// INSERTs for -dur; the order of the builds and of the two databases reverses
// every other round (ABBA), so drift in the machine's load falls on both.
//
// Besides commits/s and latency it records the CPU per commit of the
// principal and of the mirror separately (/proc/PID/stat, cpu.go): on this
// 2-core machine shared with the client, CPU per commit is steadier than
// rates, and it tells which partner a change helped. Per round it also
// records FULL / unmirrored of the same pair and the CPU mirroring adds over
// that pair's unmirrored commit, and, with two builds, B / A of the FULL rate
// and of each partner's CPU, raw and normalized by each pair's unmirrored
// figures, so that the report's medians are medians of per-round ratios.
// Calibrate before trusting a B/A: an A/A run (the same binary twice, 5
// rounds of 4 s, load 10–15) gave single-round B/A ratios of 0.54–1.34 for
// commits/s and 0.62–1.41 for CPU per commit at 16 sessions, with medians of
// 0.87–1.07: on this machine an effect under ~15 % needs more rounds.
func (r *runner) mirrorAB(ctx context.Context) error {
	type pair struct {
		label string
		p, m  *instance
	}
	bins := []struct{ bin, label string }{{r.bin, "A"}}
	if r.binB != "" {
		bins = append(bins, struct{ bin, label string }{r.binB, "B"})
	}
	var pairs []pair
	for _, x := range bins {
		dir := filepath.Join(r.work, "ab-"+x.label)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		p, err := newInstance(x.bin, dir, "alpha")
		if err != nil {
			return err
		}
		m, err := newInstance(x.bin, dir, "bravo")
		if err != nil {
			return err
		}
		for _, in := range []*instance{p, m} {
			if err := in.start(ctx); err != nil {
				return err
			}
			defer in.stop()
		}
		enc := endpointEncryption
		if x.label == "B" {
			enc = endpointEncryptionB
		}
		if err := setupMirroring(ctx, p, m, dir, enc); err != nil {
			return fmt.Errorf("pair %s: %w", x.label, err)
		}
		pairs = append(pairs, pair{label: x.label, p: p, m: m})
		log.Printf("mirrorab: pair %s up (principal pid %d, mirror pid %d, ENCRYPTION = %s)", x.label, p.cmd.Process.Pid, m.cmd.Process.Pid, enc)
	}
	b := r.b
	for round := 0; round < b.rounds; round++ {
		log.Printf("mirrorab: round %d of %d", round+1, b.rounds)
		if err := b.fdatasyncLoop(ctx, r.work); err != nil {
			return err
		}
		if err := b.fdatasyncPair(ctx, r.work); err != nil {
			return err
		}
		if err := b.loopbackRTT(ctx); err != nil {
			return err
		}
		if err := b.loopbackRTTProcess(ctx); err != nil {
			return err
		}
		for _, conns := range []int{1, 16} {
			full, solo := map[string]abResult{}, map[string]abResult{}
			order := make([]pair, len(pairs))
			copy(order, pairs)
			if round%2 == 1 {
				for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
					order[i], order[j] = order[j], order[i]
				}
			}
			for _, pr := range order {
				dbs := []string{"mdb", "udb"}
				if round%2 == 1 {
					dbs[0], dbs[1] = dbs[1], dbs[0]
				}
				res := map[string]abResult{}
				for _, db := range dbs {
					x, err := b.abMeasure(ctx, pr.p, pr.m, db, conns)
					if err != nil {
						return fmt.Errorf("pair %s %s: %w", pr.label, db, err)
					}
					res[db] = x
					kind := "FULL"
					if db == "udb" {
						kind = "unmirrored"
					}
					sys := pr.label + " " + kind
					b.res.add(secMirror, "INSERT commit", sys, conns, "ops/s", x.rate)
					b.res.add(secMirror, "INSERT commit p50", sys, conns, "ms", x.p50)
					b.res.add(secMirror, "principal CPU per commit", sys, conns, "µs", x.pCPU)
					if db == "mdb" {
						b.res.add(secMirror, "mirror CPU per commit", sys, conns, "µs", x.mCPU)
					}
					if x.pCS > 0 {
						b.res.add(secMirror, "principal context switches per commit", sys, conns, "switches", x.pCS)
					}
					if db == "mdb" && x.mCS > 0 {
						b.res.add(secMirror, "mirror context switches per commit", sys, conns, "switches", x.mCS)
					}
					if x.pPerFlush > 0 {
						b.res.add(secMirror, "commits per principal log flush", sys, conns, "commits", x.pPerFlush)
					}
					if db == "mdb" && x.mPerFlush > 0 {
						b.res.add(secMirror, "commits per mirror harden (= per frame, per ack)", sys, conns, "commits", x.mPerFlush)
					}
					log.Printf("  %s %2d conns: %8.0f/s p50 %.3f ms  CPU/commit P %.1f µs M %.1f µs  switches/commit P %.1f M %.1f  commits/flush P %.1f M %.1f", sys, conns, x.rate, x.p50, x.pCPU, x.mCPU, x.pCS, x.mCS, x.pPerFlush, x.mPerFlush)
				}
				f, u := res["mdb"], res["udb"]
				if u.rate > 0 {
					b.res.add(secMirror, "FULL / unmirrored (per round)", pr.label, conns, "ratio", f.rate/u.rate)
				}
				if u.pCPU > 0 {
					// What mirroring adds to a commit's CPU, both partners,
					// over the same principal's unmirrored commit measured
					// beside it: a pair's own bias (its processes, its
					// disk files) cancels out.
					b.res.add(secMirror, "mirroring CPU per commit (FULL P + M - unmirrored P)", pr.label, conns, "µs", f.pCPU+f.mCPU-u.pCPU)
					b.res.add(secMirror, "FULL P + M / unmirrored P (per round)", pr.label, conns, "ratio", (f.pCPU+f.mCPU)/u.pCPU)
				}
				full[pr.label], solo[pr.label] = f, u
			}
			a, okA := full["A"]
			bb, okB := full["B"]
			if okA && okB && a.rate > 0 && a.pCPU > 0 && a.mCPU > 0 && solo["A"].rate > 0 && solo["B"].rate > 0 {
				b.res.add(secMirror, "FULL B / A commits/s (per round)", "B/A", conns, "ratio", bb.rate/a.rate)
				b.res.add(secMirror, "FULL B / A p50 (per round)", "B/A", conns, "ratio", bb.p50/a.p50)
				b.res.add(secMirror, "FULL B / A principal CPU (per round)", "B/A", conns, "ratio", bb.pCPU/a.pCPU)
				b.res.add(secMirror, "FULL B / A mirror CPU (per round)", "B/A", conns, "ratio", bb.mCPU/a.mCPU)
				if a.pCS > 0 && a.mCS > 0 && bb.pCS > 0 && bb.mCS > 0 {
					b.res.add(secMirror, "FULL B / A principal context switches (per round)", "B/A", conns, "ratio", bb.pCS/a.pCS)
					b.res.add(secMirror, "FULL B / A mirror context switches (per round)", "B/A", conns, "ratio", bb.mCS/a.mCS)
				}
				// The same, each normalized by its own pair's unmirrored
				// figure of the round (cancels a pair's bias).
				b.res.add(secMirror, "FULL/unmirrored B / A commits/s (per round)", "B/A", conns, "ratio",
					(bb.rate/solo["B"].rate)/(a.rate/solo["A"].rate))
				b.res.add(secMirror, "FULL (P+M)/unmirrored P, B / A (per round)", "B/A", conns, "ratio",
					((bb.pCPU+bb.mCPU)/solo["B"].pCPU)/((a.pCPU+a.mCPU)/solo["A"].pCPU))
			}
		}
	}
	return nil
}

// abResult is one measurement of mirrorAB: commits/s, p50 in ms, CPU per
// commit of the principal and the mirror in µs, and their context switches
// per commit (switches.go).
type abResult struct {
	rate, p50, pCPU, mCPU float64
	pCS, mCS              float64
	pPerFlush, mPerFlush  float64 // commits per principal log flush, per mirror harden (flushes.go); 0 when unknown
}

// abMeasure runs single-row INSERTs on p's database db from conns
// connections for b.dur and reads both partners' CPU around the load.
func (b *bench) abMeasure(ctx context.Context, p, m *instance, db string, conns int) (abResult, error) {
	t := target{label: db, dsn: p.dsn(db)}
	cs, err := openClients(ctx, t, conns)
	if err != nil {
		return abResult{}, err
	}
	defer closeAll(cs)
	op := insertOp(t)
	// The counters are read outside the CPU window (their queries cost
	// each partner a little CPU).
	pc, _ := openFlushCounter(p)
	defer pc.close()
	mc, _ := openFlushCounter(m)
	defer mc.close()
	pf0, mf0 := pc.flushes(ctx, db), mc.flushes(ctx, db)
	ppid, mpid := p.cmd.Process.Pid, m.cmd.Process.Pid
	p0, m0 := procCPU(ppid), procCPU(mpid)
	ps0, ms0 := procSwitches(ppid), procSwitches(mpid)
	res, err := runLoad(ctx, conns, b.dur, func(ctx context.Context, w int, seq int64) error { return op(ctx, cs[w], seq) })
	if err != nil {
		return abResult{}, err
	}
	p1, m1 := procCPU(ppid), procCPU(mpid)
	ps1, ms1 := procSwitches(ppid), procSwitches(mpid)
	pf1, mf1 := pc.flushes(ctx, db), mc.flushes(ctx, db)
	n := float64(res.ops)
	if n == 0 {
		return abResult{}, fmt.Errorf("no commit in %s", b.dur)
	}
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) / n }
	per := func(a, b uint64) float64 {
		if a == 0 || b < a {
			return 0
		}
		return float64(b-a) / n
	}
	return abResult{rate: res.perSec(), p50: ms(res.quantile(0.5)), pCPU: us(p1 - p0), mCPU: us(m1 - m0),
		pCS: per(ps0, ps1), mCS: per(ms0, ms1),
		pPerFlush: perFlush(res.ops, pf0, pf1), mPerFlush: perFlush(res.ops, mf0, mf1)}, nil
}
