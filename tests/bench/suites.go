package main

import (
	"context"
	"fmt"
	"log"
	"sync/atomic"
	"time"
)

const (
	secTDS     = "1. TDS round trips and streaming"
	secCommit  = "2. Commits (single-row INSERT, autocommit)"
	secMirror  = "3. Mirroring commits (single-row INSERT)"
	secQueries = "4. Queries"
	secFail    = "5. Failover"
	secMemory  = "6. Memory"
	secFloors  = "0. Floors"
)

// idBase makes INSERT keys unique across measurements on the same table.
var idBase atomic.Int64

func insertOp(t target) func(ctx context.Context, c client, seq int64) error {
	base := idBase.Add(1 << 32)
	q := qInsert.text(t)
	return func(ctx context.Context, c client, seq int64) error {
		return c.exec(ctx, q, base+seq, "bench row")
	}
}

func select1Op(t target) func(ctx context.Context, c client, seq int64) error {
	q := qSelect1.text(t)
	return func(ctx context.Context, c client, seq int64) error {
		_, err := c.query(ctx, q)
		return err
	}
}

func pointOp(t target) func(ctx context.Context, c client, seq int64) error {
	q := qPoint.text(t)
	return func(ctx context.Context, c client, seq int64) error {
		n, err := c.query(ctx, q, int32(seq*7919%1000000))
		if err == nil && n != 1 {
			err = fmt.Errorf("point lookup returned %d rows", n)
		}
		return err
	}
}

func updateOp(t target) func(ctx context.Context, c client, seq int64) error {
	q := qUpdate.text(t)
	return func(ctx context.Context, c client, seq int64) error {
		return c.exec(ctx, q, int32(seq*7919%10000))
	}
}

// localRound is one round of sections 0, 1, 2 and 4: every measurement on
// mirrorsql (unmirrored) and on PostgreSQL standalone, back to back, the
// order alternating by round.
func (b *bench) localRound(ctx context.Context, round int, ms, pg target, dataDir string) error {
	pair := func(f func(t target) error) error {
		ts := []target{ms, pg}
		if round%2 == 1 {
			ts[0], ts[1] = pg, ms
		}
		for _, t := range ts {
			if err := f(t); err != nil {
				return err
			}
		}
		return nil
	}
	if err := b.fdatasyncLoop(ctx, dataDir); err != nil {
		return err
	}
	if err := b.loopbackRTT(ctx); err != nil {
		return err
	}
	steps := []func(t target) error{
		func(t target) error { return b.throughput(ctx, secTDS, "SELECT 1", t, 1, select1Op(t)) },
		func(t target) error { return b.throughput(ctx, secTDS, "SELECT 1", t, 16, select1Op(t)) },
		func(t target) error { return b.heavy(ctx, secTDS, "stream 1M-row result", t, qStream.text(t), 0) },
		// Not a target: the same stream with pgx decoding every value, as
		// database/sql makes go-mssqldb do; mirrorsql's row above is that already.
		func(t target) error {
			if !t.pg {
				return nil
			}
			t.label += " (pgx rows.Values: values decoded)"
			t.decodeValues = true
			return b.heavy(ctx, secTDS, "stream 1M-row result", t, qStream.text(t), 0)
		},
		func(t target) error { return b.throughput(ctx, secCommit, "INSERT commit", t, 1, insertOp(t)) },
		func(t target) error { return b.throughput(ctx, secCommit, "INSERT commit", t, 16, insertOp(t)) },
		func(t target) error { return b.throughput(ctx, secQueries, "point lookup by PK", t, 1, pointOp(t)) },
		func(t target) error { return b.throughput(ctx, secQueries, "point lookup by PK", t, 16, pointOp(t)) },
	}
	steps = append(steps, b.heavyQuerySteps(ctx)...)
	steps = append(steps,
		func(t target) error { return b.throughput(ctx, secQueries, "UPDATE by PK", t, 1, updateOp(t)) },
		func(t target) error { return b.throughput(ctx, secQueries, "UPDATE by PK", t, 16, updateOp(t)) },
	)
	for _, s := range steps {
		if err := pair(s); err != nil {
			return err
		}
	}
	return nil
}

// endpointEncryption is the mirroring endpoints' ENCRYPTION (-endpoint-encryption);
// endpointEncryptionB that of mirrorab's pair B (-endpoint-encryption-b).
var endpointEncryption, endpointEncryptionB = "DISABLED", "DISABLED"

// setupMirroring makes p the principal and m the mirror of database mdb,
// with the T-SQL cmd/mirrorsql/demo.go runs (no witness), and waits for
// SYNCHRONIZED. encryption is the endpoints' ENCRYPTION.
func setupMirroring(ctx context.Context, p, m *instance, work, encryption string) error {
	bak, trn := work+"/mdb.bak", work+"/mdb.trn"
	steps := []struct {
		on         *instance
		db, script string
	}{
		{p, "master", fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = %s)", p.endpoint, encryption)},
		{m, "master", fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = %s)", m.endpoint, encryption)},
		{p, "master", "CREATE DATABASE mdb\nGO\nALTER DATABASE mdb SET RECOVERY FULL\nGO\nUSE mdb; CREATE TABLE dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)"},
		// udb stays unmirrored: the same-instance, same-minute baseline for SAFETY FULL.
		{p, "master", "CREATE DATABASE udb\nGO\nALTER DATABASE udb SET RECOVERY FULL\nGO\nUSE udb; CREATE TABLE dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)"},
		{p, "master", fmt.Sprintf("BACKUP DATABASE mdb TO DISK = '%s' WITH FORMAT, INIT\nGO\nBACKUP LOG mdb TO DISK = '%s' WITH INIT", bak, trn)},
		{m, "master", fmt.Sprintf("RESTORE DATABASE mdb FROM DISK = '%s' WITH NORECOVERY\nGO\nRESTORE LOG mdb FROM DISK = '%s' WITH NORECOVERY", bak, trn)},
		{m, "master", fmt.Sprintf("ALTER DATABASE mdb SET PARTNER = '%s'", p.endpointURL())},
		{p, "master", fmt.Sprintf("ALTER DATABASE mdb SET PARTNER = '%s'", m.endpointURL())},
	}
	for _, s := range steps {
		if err := s.on.exec(ctx, s.db, s.script); err != nil {
			return err
		}
	}
	return waitSynchronized(ctx, p)
}

func waitSynchronized(ctx context.Context, p *instance) error {
	var role, state string
	err := waitFor(ctx, time.Minute, func() bool {
		var err error
		role, state, err = p.mirroringState(ctx, "mdb")
		return err == nil && role == "PRINCIPAL" && state == "SYNCHRONIZED"
	})
	if err != nil {
		return fmt.Errorf("%s: mdb is %s/%s, not PRINCIPAL/SYNCHRONIZED: %w", p.name, role, state, err)
	}
	return nil
}

// mirrorRounds measures INSERT commits on the mirrored principal, on the
// same instance's unmirrored database when solo is non-nil, and on a
// PostgreSQL primary with a standby, interleaved, for b.rounds rounds. With
// solo, each round also measures the floors (fdatasync in dataDir, loopback).
func (b *bench) mirrorRounds(ctx context.Context, ms, pg target, solo *target, dataDir string) error {
	for round := 0; round < b.rounds; round++ {
		if solo != nil {
			if err := b.fdatasyncLoop(ctx, dataDir); err != nil {
				return err
			}
			if err := b.fdatasyncPair(ctx, dataDir); err != nil {
				return err
			}
			if err := b.loopbackRTT(ctx); err != nil {
				return err
			}
			if err := b.loopbackRTTProcess(ctx); err != nil {
				return err
			}
		}
		ts := []target{ms, pg}
		if solo != nil {
			ts = append(ts, *solo)
		}
		if round%2 == 1 {
			for i, j := 0, len(ts)-1; i < j; i, j = i+1, j-1 {
				ts[i], ts[j] = ts[j], ts[i]
			}
		}
		for _, conns := range []int{1, 16} {
			for _, t := range ts {
				if err := b.throughput(ctx, secMirror, "INSERT commit", t, conns, insertOp(t)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// manualFailover runs SET PARTNER FAILOVER on the principal and measures
// until the first INSERT is acknowledged by the new principal (a new
// connection per attempt, as a reconnecting client does). It returns the
// new principal.
func manualFailover(ctx context.Context, p, m *instance, seq int) (float64, error) {
	if err := waitSynchronized(ctx, p); err != nil {
		return 0, err
	}
	t0 := time.Now()
	if err := p.exec(ctx, "master", "ALTER DATABASE mdb SET PARTNER FAILOVER"); err != nil {
		return 0, err
	}
	var last error
	for i := 0; i < 200000; i++ {
		last = m.exec(ctx, "mdb", fmt.Sprintf("INSERT INTO dbo.ins (id, v) VALUES (%d, 'failover probe')", int64(1)<<50+int64(seq)))
		if last == nil {
			return ms(time.Since(t0)), nil
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if time.Since(t0) > time.Minute {
			break
		}
	}
	log.Printf("failover: last error %v", last)
	return 0, fmt.Errorf("new principal %s accepted no write within 60 s: %w", m.name, last)
}

// heavyQuerySteps are section 4's scan, GROUP BY and join, shared by the local
// suite and the queries suite (queries.go) so both measure the same statements.
func (b *bench) heavyQuerySteps(ctx context.Context) []func(t target) error {
	return []func(t target) error{
		func(t target) error {
			return b.heavy(ctx, secQueries, "1M-row scan, filter val = 7", t, qScan.text(t), 1_000_000)
		},
		func(t target) error {
			return b.heavy(ctx, secQueries, "GROUP BY over 1M rows", t, qGroup.text(t), 1_000_000)
		},
		func(t target) error {
			return b.heavy(ctx, secQueries, "100k x 100k indexed join", t, qJoin.text(t), 100_000)
		},
	}
}
