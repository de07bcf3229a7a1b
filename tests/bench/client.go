package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// target is one system under test: a mirrorsql database (go-mssqldb) or a
// PostgreSQL database (pgx, simple query protocol).
type target struct {
	label string // shown in the tables, e.g. "mirrorsql" or "PostgreSQL sync standby"
	pg    bool
	dsn   string
	// decodeValues makes a PostgreSQL client decode every value of the rows
	// it reads (pgx's rows.Values) instead of taking them raw: the work
	// go-mssqldb's database/sql rows always do, for a like-for-like stream.
	decodeValues bool
	// cpu, when set, reads the system's CPU time so far: the measurement
	// then also reports server and client CPU per operation (cpu.go).
	cpu cpuMeter
	// switches, when set, reads the system's context switches so far: the
	// measurement then also reports the server's and the client's switches
	// per operation (switches.go).
	switches switchMeter
	// flushes, when set, reads the log flushes of the measured database
	// so far (-1 when it cannot): a commit measurement then also reports
	// commits per log flush (group commit; writes suite).
	flushes func() int64
	// select1Only marks the TDS stub, which answers nothing but SELECT 1.
	select1Only bool
}

// stmt is the same statement in both dialects: T-SQL with @p1.. parameters
// (go-mssqldb sends it as RPC sp_executesql; without parameters as SQLBatch)
// and PostgreSQL with $1.. parameters.
type stmt struct{ ms, pg string }

func (s stmt) text(t target) string {
	if t.pg {
		return s.pg
	}
	return s.ms
}

// client is one open connection; calls are not concurrent, and close is
// called from one goroutine.
type client interface {
	// query runs q and reads every row, returning the row count.
	query(ctx context.Context, q string, args ...any) (int64, error)
	// exec runs q and discards any result.
	exec(ctx context.Context, q string, args ...any) error
	close()
}

type msClient struct {
	c    *sql.Conn
	pool *msPool
}

// msPool closes the shared *sql.DB when its last connection is closed.
type msPool struct {
	db   *sql.DB
	open int
}

func (m msClient) query(ctx context.Context, q string, args ...any) (int64, error) {
	rows, err := m.c.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	// Scan into *any: database/sql hands over the driver's decoded value
	// without converting it, the least a database/sql client can do with a
	// row, as pgx's RawValues is on the PostgreSQL side. (*sql.RawBytes, used
	// before 2026-11-26 05:20, made database/sql format every integer as text
	// — client CPU on the same two cores, not server work.)
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(any)
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

func (m msClient) exec(ctx context.Context, q string, args ...any) error {
	_, err := m.c.ExecContext(ctx, q, args...)
	return err
}

func (m msClient) close() {
	_ = m.c.Close()
	m.pool.open--
	if m.pool.open == 0 {
		_ = m.pool.db.Close()
	}
}

type pgClient struct {
	c      *pgx.Conn
	decode bool // rows.Values instead of rows.RawValues
}

func (p pgClient) query(ctx context.Context, q string, args ...any) (int64, error) {
	rows, err := p.c.Query(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		if p.decode {
			if _, err := rows.Values(); err != nil {
				return n, err
			}
		} else {
			_ = rows.RawValues()
		}
		n++
	}
	return n, rows.Err()
}

func (p pgClient) exec(ctx context.Context, q string, args ...any) error {
	_, err := p.c.Exec(ctx, q, args...)
	return err
}

func (p pgClient) close() { _ = p.c.Close(context.Background()) }

// openClients opens n connections to t; closeAll releases them.
func openClients(ctx context.Context, t target, n int) ([]client, error) {
	out := make([]client, 0, n)
	if t.pg {
		cs, err := pgConns(ctx, t.dsn, n)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out = append(out, pgClient{c: c, decode: t.decodeValues})
		}
		return out, nil
	}
	db, err := sql.Open("sqlserver", t.dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	pool := &msPool{db: db}
	for i := 0; i < n; i++ {
		c, err := db.Conn(ctx)
		if err != nil {
			closeAll(out)
			_ = db.Close()
			return nil, fmt.Errorf("open connection %d of %d: %w", i+1, n, err)
		}
		pool.open++
		out = append(out, msClient{c: c, pool: pool})
	}
	return out, nil
}

func closeAll(cs []client) {
	for _, c := range cs {
		c.close()
	}
}
