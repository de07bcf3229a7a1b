package main

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// pgPeer drives /work/shared/bench/pg-peer.sh: PostgreSQL 15 standalone, or
// with a sync or async streaming standby, all on 127.0.0.1.
type pgPeer struct {
	script string
	mode   string
}

func (p *pgPeer) run(ctx context.Context, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, p.script, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("pg-peer.sh %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// start (re)creates the cluster in mode standalone, sync or async.
func (p *pgPeer) start(ctx context.Context, mode string) error {
	if _, err := p.run(ctx, "start", mode); err != nil {
		return err
	}
	p.mode = mode
	return nil
}

func (p *pgPeer) stop(ctx context.Context) { _, _ = p.run(ctx, "stop") }

func (p *pgPeer) dsn(ctx context.Context) (string, error) {
	out, err := p.run(ctx, "dsn")
	return strings.TrimSpace(out), err
}

var promoteRE = regexp.MustCompile(`(\d+) ms after promote`)

// promote stops the primary, promotes the standby and returns the script's
// measured promotion-to-first-write time in milliseconds.
func (p *pgPeer) promote(ctx context.Context) (float64, error) {
	out, err := p.run(ctx, "promote")
	if err != nil {
		return 0, err
	}
	m := promoteRE.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pg-peer.sh promote: unexpected output %q", out)
	}
	return strconv.ParseFloat(m[1], 64)
}

// pgConnect opens one connection that uses the simple query protocol for
// every statement (parameters interpolated client-side by pgx).
func pgConnect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	return pgx.ConnectConfig(ctx, cfg)
}

// pgConns opens n simple-protocol connections.
func pgConns(ctx context.Context, dsn string, n int) ([]*pgx.Conn, error) {
	cs := make([]*pgx.Conn, 0, n)
	for i := 0; i < n; i++ {
		c, err := pgConnect(ctx, dsn)
		if err != nil {
			closePG(cs)
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

func closePG(cs []*pgx.Conn) {
	for _, c := range cs {
		_ = c.Close(context.Background())
	}
}

func pgExec(ctx context.Context, dsn, script string) error {
	c, err := pgConnect(ctx, dsn)
	if err != nil {
		return err
	}
	defer closePG([]*pgx.Conn{c})
	_, err = c.Exec(ctx, script)
	return err
}
