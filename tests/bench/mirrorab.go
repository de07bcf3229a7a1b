package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"
)

// Suite mirrorab compares two mirrorsql builds on the mirrored commit path,
// without PostgreSQL. Each build (-mirrorsql, and -mirrorsql-b when given) gets
// its own principal + mirror pair set up as the mirror suite does (mdb mirrored
// SAFETY FULL, udb unmirrored on the same principal). Every round measures,
// for 1 and for 16 connections, each pair's mdb with SAFETY FULL, udb, and mdb
// with SAFETY OFF (switched for that measurement only) with single-row
// INSERTs for -dur; the order of the builds and of the three measurements
// reverses every other round (ABBA), so drift in the machine's load falls on
// all of them.
//
// Besides commits/s and latency it records the CPU per commit of the
// principal and of the mirror separately (/proc/PID/stat, cpu.go): on this
// 2-core machine shared with the client, CPU per commit is steadier than
// rates, and it tells which partner a change helped. Per round it also
// records FULL / unmirrored of the same pair and the CPU mirroring adds over
// that pair's unmirrored commit, and, with two builds, B / A of the FULL rate
// and of each partner's CPU, raw and normalized by each pair's unmirrored
// figures, so that the report's medians are medians of per-round ratios.
// Per commit it also counts each partner's read and write syscalls
// (/proc/PID/io, procio.go) and the mirror's hardens, each one fdatasync
// (flushes.go): the mirror's work per principal commit, which on one disk
// and two cores is throughput the principal loses.
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
			byKind := map[abKind]map[string]abResult{}
			order := make([]pair, len(pairs))
			copy(order, pairs)
			if round%2 == 1 {
				for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
					order[i], order[j] = order[j], order[i]
				}
			}
			for _, pr := range order {
				kinds := []abKind{abFull, abSolo, abOff}
				if round%2 == 1 {
					kinds[0], kinds[2] = kinds[2], kinds[0]
				}
				res := map[abKind]abResult{}
				for _, k := range kinds {
					x, err := b.abKindMeasure(ctx, pr.p, pr.m, k, conns)
					if err != nil {
						return fmt.Errorf("pair %s %s: %w", pr.label, k, err)
					}
					res[k] = x
					if byKind[k] == nil {
						byKind[k] = map[string]abResult{}
					}
					byKind[k][pr.label] = x
					b.abRecord(pr.label+" "+k.String(), conns, k != abSolo, x)
				}
				f, u, o := res[abFull], res[abSolo], res[abOff]
				if u.rate > 0 {
					b.res.add(secMirror, "FULL / unmirrored (per round)", pr.label, conns, "ratio", f.rate/u.rate)
					b.res.add(secMirror, "OFF / unmirrored (per round)", pr.label, conns, "ratio", o.rate/u.rate)
				}
				if u.pCPU > 0 {
					// What mirroring adds to a commit's CPU, both partners,
					// over the same principal's unmirrored commit measured
					// beside it: a pair's own bias (its processes, its
					// disk files) cancels out.
					b.res.add(secMirror, "mirroring CPU per commit (FULL P + M - unmirrored P)", pr.label, conns, "µs", f.pCPU+f.mCPU-u.pCPU)
					b.res.add(secMirror, "FULL P + M / unmirrored P (per round)", pr.label, conns, "ratio", (f.pCPU+f.mCPU)/u.pCPU)
					b.res.add(secMirror, "mirroring CPU per commit (OFF P + M - unmirrored P)", pr.label, conns, "µs", o.pCPU+o.mCPU-u.pCPU)
				}
			}
			for _, k := range []abKind{abFull, abOff} {
				a, okA := byKind[k]["A"]
				bb, okB := byKind[k]["B"]
				sa, sb := byKind[abSolo]["A"], byKind[abSolo]["B"]
				if okA && okB && a.rate > 0 && a.pCPU > 0 && a.mCPU > 0 && sa.rate > 0 && sb.rate > 0 {
					b.abRatios(k.String(), conns, a, bb, sa, sb)
				}
			}
		}
	}
	return nil
}

// abKind is what one mirrorab measurement commits to: the mirrored database
// with SAFETY FULL or OFF, or the principal's unmirrored one.
type abKind int

const (
	abFull abKind = iota
	abSolo
	abOff
)

func (k abKind) String() string {
	return [...]string{"FULL", "unmirrored", "OFF"}[k]
}

// abKindMeasure measures kind k on the pair: SAFETY OFF is switched on for
// its measurement only (the mirror adopts it by the principal's next ping,
// which the wait covers) and back to FULL, SYNCHRONIZED, after it.
func (b *bench) abKindMeasure(ctx context.Context, p, m *instance, k abKind, conns int) (abResult, error) {
	if k == abSolo {
		return b.abMeasure(ctx, p, m, "udb", conns)
	}
	if k == abFull {
		return b.abMeasure(ctx, p, m, "mdb", conns)
	}
	if err := setSafety(ctx, p, m, "OFF", 1); err != nil {
		return abResult{}, err
	}
	x, err := b.abMeasure(ctx, p, m, "mdb", conns)
	if serr := setSafety(ctx, p, m, "FULL", 2); serr != nil && err == nil {
		err = serr
	}
	if err == nil {
		err = waitSynchronized(ctx, p)
	}
	return x, err
}

// setSafety runs SET PARTNER SAFETY on the principal and waits until the
// mirror's sys.database_mirroring shows it (mirroring_safety_level 1 OFF, 2
// FULL).
func setSafety(ctx context.Context, p, m *instance, safety string, level int) error {
	if err := p.exec(ctx, "master", "ALTER DATABASE mdb SET PARTNER SAFETY "+safety); err != nil {
		return err
	}
	pool, err := sql.Open("sqlserver", m.dsn("master"))
	if err != nil {
		return err
	}
	defer pool.Close()
	var got sql.NullInt64
	err = waitFor(ctx, time.Minute, func() bool {
		qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		err := pool.QueryRowContext(qctx, `SELECT m.mirroring_safety_level FROM sys.database_mirroring m
			JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = 'mdb'`).Scan(&got)
		return err == nil && got.Int64 == int64(level)
	})
	if err != nil {
		return fmt.Errorf("%s: mirror's safety level %d, not %d: %w", m.name, got.Int64, level, err)
	}
	return nil
}

// abRecord adds one measurement's figures; mirrored says the mirror's
// figures belong to it.
func (b *bench) abRecord(sys string, conns int, mirrored bool, x abResult) {
	b.res.add(secMirror, "INSERT commit", sys, conns, "ops/s", x.rate)
	b.res.add(secMirror, "INSERT commit p50", sys, conns, "ms", x.p50)
	b.res.add(secMirror, "principal CPU per commit", sys, conns, "µs", x.pCPU)
	if mirrored {
		b.res.add(secMirror, "mirror CPU per commit", sys, conns, "µs", x.mCPU)
	}
	if x.pCS > 0 {
		b.res.add(secMirror, "principal context switches per commit", sys, conns, "switches", x.pCS)
	}
	if mirrored && x.mCS > 0 {
		b.res.add(secMirror, "mirror context switches per commit", sys, conns, "switches", x.mCS)
	}
	if x.pPerFlush > 0 {
		b.res.add(secMirror, "commits per principal log flush", sys, conns, "commits", x.pPerFlush)
	}
	if mirrored && x.mPerFlush > 0 {
		b.res.add(secMirror, "commits per mirror harden (= per frame, per ack)", sys, conns, "commits", x.mPerFlush)
		b.res.add(secMirror, "mirror fdatasyncs (hardens) per commit", sys, conns, "fdatasyncs", 1/x.mPerFlush)
	}
	if x.pIO.reads+x.pIO.writes > 0 {
		b.res.add(secMirror, "principal read / write syscalls per commit", sys, conns, "reads", x.pReads)
		b.res.add(secMirror, "principal read / write syscalls per commit", sys, conns, "writes", x.pWrites)
	}
	if mirrored && x.mIO.reads+x.mIO.writes > 0 {
		b.res.add(secMirror, "mirror read / write syscalls per commit", sys, conns, "reads", x.mReads)
		b.res.add(secMirror, "mirror read / write syscalls per commit", sys, conns, "writes", x.mWrites)
	}
	log.Printf("  %s %2d conns: %8.0f/s p50 %.3f ms  CPU/commit P %.1f µs M %.1f µs  switches/commit P %.1f M %.1f  commits/flush P %.1f M %.1f  syscalls/commit P r %.2f w %.2f M r %.2f w %.2f",
		sys, conns, x.rate, x.p50, x.pCPU, x.mCPU, x.pCS, x.mCS, x.pPerFlush, x.mPerFlush, x.pReads, x.pWrites, x.mReads, x.mWrites)
}

// abRatios adds B / A of one kind's figures for the round, raw and
// normalized by each pair's unmirrored measurement (sa, sb).
func (b *bench) abRatios(kind string, conns int, a, bb, sa, sb abResult) {
	add := func(name string, v float64) {
		b.res.add(secMirror, kind+" B / A "+name+" (per round)", "B/A", conns, "ratio", v)
	}
	add("commits/s", bb.rate/a.rate)
	add("p50", bb.p50/a.p50)
	add("principal CPU", bb.pCPU/a.pCPU)
	add("mirror CPU", bb.mCPU/a.mCPU)
	if a.pCS > 0 && a.mCS > 0 && bb.pCS > 0 && bb.mCS > 0 {
		add("principal context switches", bb.pCS/a.pCS)
		add("mirror context switches", bb.mCS/a.mCS)
	}
	if a.mPerFlush > 0 && bb.mPerFlush > 0 {
		add("mirror fdatasyncs per commit", a.mPerFlush/bb.mPerFlush)
	}
	// The same, each normalized by its own pair's unmirrored figure of the
	// round (cancels a pair's bias).
	add("commits/s ÷ unmirrored", (bb.rate/sb.rate)/(a.rate/sa.rate))
	add("(P+M) CPU ÷ unmirrored P", ((bb.pCPU+bb.mCPU)/sb.pCPU)/((a.pCPU+a.mCPU)/sa.pCPU))
}

// abResult is one measurement of mirrorAB: commits/s, p50 in ms, CPU per
// commit of the principal and the mirror in µs, and their context switches
// per commit (switches.go).
type abResult struct {
	rate, p50, pCPU, mCPU float64
	pCS, mCS              float64
	pPerFlush, mPerFlush  float64 // commits per principal log flush, per mirror harden (flushes.go); 0 when unknown
	pIO, mIO              ioCounts
	pReads, pWrites       float64 // read / write syscalls per commit (procio.go)
	mReads, mWrites       float64
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
	pio0, mio0 := procIO(ppid), procIO(mpid)
	res, err := runLoad(ctx, conns, b.dur, func(ctx context.Context, w int, seq int64) error { return op(ctx, cs[w], seq) })
	if err != nil {
		return abResult{}, err
	}
	p1, m1 := procCPU(ppid), procCPU(mpid)
	ps1, ms1 := procSwitches(ppid), procSwitches(mpid)
	pio1, mio1 := procIO(ppid), procIO(mpid)
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
		pPerFlush: perFlush(res.ops, pf0, pf1), mPerFlush: perFlush(res.ops, mf0, mf1),
		pIO: pio1, mIO: mio1,
		pReads: per(pio0.reads, pio1.reads), pWrites: per(pio0.writes, pio1.writes),
		mReads: per(mio0.reads, mio1.reads), mWrites: per(mio0.writes, mio1.writes)}, nil
}
