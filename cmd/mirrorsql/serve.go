package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/errorlog"
	"github.com/mirrorsql/mirrorsql/engine/session"
	"github.com/mirrorsql/mirrorsql/tds"
)

// Config is what `mirrorsql serve` runs with.
type Config struct {
	Name       string
	Host       string
	Port       int
	DataDir    string
	SAPassword string
	TLSCert    string
	TLSKey     string
	LogLevel   string
	// PprofAddr, when set, serves net/http/pprof there (a hidden flag for
	// profiling the server under a benchmark; never on by default).
	PprofAddr string
	// BufferPoolMB is each database's buffer pool budget in MiB (0: off).
	BufferPoolMB int
	// MetricsAddr, when set, serves Prometheus metrics at /metrics there
	// (serve_metrics.go); off by default.
	MetricsAddr string
	// SysmonSlack is the timer slack given to the Go runtime's monitor
	// thread (sysmon_linux.go); 0 leaves the kernel's.
	SysmonSlack time.Duration
}

func serveFlags() []cli.Flag {
	host, _ := os.Hostname()
	return []cli.Flag{
		&cli.StringFlag{Name: "name", Value: host, Usage: "instance name: @@SERVERNAME, and what mirroring partners call this instance", EnvVars: []string{"MIRRORSQL_NAME"}},
		&cli.StringFlag{Name: "host", Value: "127.0.0.1", Usage: "address to listen on for clients", EnvVars: []string{"MIRRORSQL_HOST"}},
		&cli.IntFlag{Name: "port", Value: 1433, Usage: "TCP port for clients (TDS)", EnvVars: []string{"MIRRORSQL_PORT"}},
		&cli.StringFlag{Name: "data", Value: "./mirrorsql-data", Usage: "data directory (databases, logs, certificates)", EnvVars: []string{"MIRRORSQL_DATA"}},
		&cli.StringFlag{Name: "sa-password", Usage: "password of the sa login, set at first start", EnvVars: []string{"MSSQL_SA_PASSWORD"}},
		&cli.StringFlag{Name: "tls-cert", Usage: "PEM certificate for TLS (default: self-signed, generated in the data directory)", EnvVars: []string{"MIRRORSQL_TLS_CERT"}},
		&cli.StringFlag{Name: "tls-key", Usage: "PEM private key for --tls-cert", EnvVars: []string{"MIRRORSQL_TLS_KEY"}},
		&cli.StringFlag{Name: "log-level", Value: "info", Usage: "debug, info, warn or error", EnvVars: []string{"MIRRORSQL_LOG_LEVEL"}},
		&cli.IntFlag{Name: "buffer-pool-mb", Value: 512, Usage: "MiB of hot tables and indexes the databases together keep in memory for scans and point reads, least recently used evicted first (0: off)", EnvVars: []string{"MIRRORSQL_BUFFER_POOL_MB"}},
		&cli.StringFlag{Name: "metrics-addr", Usage: "serve Prometheus metrics at http://HOST:PORT/metrics (default: off)", EnvVars: []string{"MIRRORSQL_METRICS_ADDR"}},
		&cli.DurationFlag{Name: "sysmon-slack", Value: 4 * time.Millisecond, Usage: "timer slack of the Go runtime's monitor thread: fewer wake-ups of a server between commits (Linux, needs CAP_SYS_NICE; 0: the kernel's 50µs)", EnvVars: []string{"MIRRORSQL_SYSMON_SLACK"}},
		&cli.StringFlag{Name: "pprof", Hidden: true, Usage: "serve net/http/pprof on this address (profiling)", EnvVars: []string{"MIRRORSQL_PPROF"}},
	}
}

func configFrom(c *cli.Context) Config {
	return Config{
		Name: c.String("name"), Host: c.String("host"), Port: c.Int("port"), DataDir: c.String("data"),
		SAPassword: c.String("sa-password"), TLSCert: c.String("tls-cert"), TLSKey: c.String("tls-key"), LogLevel: c.String("log-level"),
		PprofAddr: c.String("pprof"), BufferPoolMB: c.Int("buffer-pool-mb"), MetricsAddr: c.String("metrics-addr"),
		SysmonSlack: c.Duration("sysmon-slack"),
	}
}

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "run a mirrorsql instance",
		Flags: serveFlags(),
		Action: func(c *cli.Context) error {
			cfg := configFrom(c)
			ctx, stop := signal.NotifyContext(c.Context, syscall.SIGTERM, os.Interrupt)
			defer stop()
			return runServer(ctx, cfg, nil)
		},
	}
}

// errorLogRecords is how many of the newest log records the instance keeps
// for sp_readerrorlog (a few MB at most).
const errorLogRecords = 10000

// newLogger returns the process's logger (text on stderr) and the ring that
// keeps its newest records for T-SQL to read (engine/errorlog).
func newLogger(level string) (*slog.Logger, *errorlog.Ring) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	ring := errorlog.NewRing(errorLogRecords)
	return slog.New(errorlog.NewHandler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}), ring)), ring
}

// server is a running instance: engine, TDS listener and mirroring.
type server struct {
	inst     *engine.Instance
	tds      *tds.Server
	listener net.Listener
	mirror   *mirroringAdapter
	metrics  *http.Server // nil without --metrics-addr
	logger   *slog.Logger
}

// startServer opens the instance and starts listening; it returns once clients
// can connect.
func startServer(cfg Config) (*server, error) {
	base, errLog := newLogger(cfg.LogLevel)
	logger := base.With("instance", cfg.Name)
	if cfg.PprofAddr != "" {
		startPprof(cfg.PprofAddr, logger)
	}
	if cfg.SysmonSlack > 0 {
		if tid, err := setSysmonSlack(cfg.SysmonSlack); err != nil {
			logger.Info("runtime monitor's timer slack left as it was", "err", err)
		} else {
			logger.Debug("runtime monitor's timer slack set", "thread", tid, "slack", cfg.SysmonSlack)
		}
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	inst, err := engine.Open(engine.Config{DataDir: cfg.DataDir, ServerName: cfg.Name, SAPassword: cfg.SAPassword, Version: version, Logger: logger, BufferPoolBytes: bufferPoolBytes(cfg.BufferPoolMB), ErrorLog: errLog})
	if errors.Is(err, engine.ErrDataDirInUse) {
		return nil, fmt.Errorf("%w; stop that server, or give this one another --data", err)
	}
	if err != nil {
		return nil, err
	}
	certFile, keyFile := cfg.TLSCert, cfg.TLSKey
	if certFile == "" {
		certFile, keyFile = filepath.Join(cfg.DataDir, "tls", "server.crt"), filepath.Join(cfg.DataDir, "tls", "server.key")
		if err := os.MkdirAll(filepath.Dir(certFile), 0o700); err != nil {
			inst.Close()
			return nil, err
		}
	}
	cert, err := tds.LoadOrCreateCertificate(certFile, keyFile)
	if err != nil {
		inst.Close()
		return nil, fmt.Errorf("TLS certificate: %w", err)
	}
	mirror, err := newMirroring(cfg, inst, logger)
	if err != nil {
		inst.Close()
		return nil, err
	}
	var metricsSrv *http.Server
	if cfg.MetricsAddr != "" {
		if metricsSrv, err = startMetrics(cfg.MetricsAddr, inst, logger); err != nil {
			mirror.Close()
			inst.Close()
			return nil, err
		}
	}
	handler := &session.Handler{Inst: inst, PartnerInstance: mirror.PartnerInstance, Logger: logger}
	ts := &tds.Server{
		Handler:    handler,
		TLSConfig:  &tls.Config{Certificates: []tls.Certificate{cert}},
		ServerName: cfg.Name,
		Logger:     logger,
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if errors.Is(err, syscall.EADDRINUSE) { // the text keeps "address already in use" (tests/harness retries on it)
		err = fmt.Errorf("%w: another server (SQL Server, or mirrorsql) has port %d; give this one another --port", err, cfg.Port)
	}
	if err != nil {
		stopMetrics(context.Background(), metricsSrv)
		mirror.Close()
		inst.Close()
		return nil, err
	}
	s := &server{inst: inst, tds: ts, listener: ln, mirror: mirror, metrics: metricsSrv, logger: logger}
	go func() {
		if err := ts.Serve(ln); err != nil && !errors.Is(err, tds.ErrServerClosed) {
			logger.Error("TDS listener stopped", "err", err)
		}
	}()
	if err := inst.StartEndpoints(); err != nil {
		logger.Warn("mirroring endpoint did not start", "err", err)
	}
	logger.Info("mirrorsql ready", "address", ln.Addr().String(), "data", cfg.DataDir)
	return s, nil
}

// storageCloseTimeout bounds how long shutdown waits for mirroring and the
// databases to checkpoint and close. Storage that fails under a running server
// (a data directory removed or unmounted, a disk that returns I/O errors) makes
// badger retry its flush for ever; a SIGTERM must still end the process before
// systemd or Docker SIGKILL it (their defaults: 90 s and 10 s), so that scripts
// waiting for it go on. Ten seconds is far more than a healthy close takes.
const storageCloseTimeout = 10 * time.Second

// shutdown stops accepting clients, lets requests finish for a while, then
// closes mirroring and the databases (with a checkpoint) within
// storageCloseTimeout. A close that fails or times out has been logged, and
// its error makes the process exit non-zero.
func (s *server) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.tds.Shutdown(ctx)
	stopMetrics(ctx, s.metrics)
	deadline := time.Now().Add(storageCloseTimeout)
	if e := closeWithin(s.mirror.Close, storageCloseTimeout); e != nil {
		s.logger.Error("database mirroring could not be stopped cleanly", "err", e)
		if err == nil {
			err = e
		}
	}
	// The databases get what is left of the bound, and at least a second:
	// their close writes the shutdown checkpoint.
	if e := s.inst.CloseWithin(max(time.Until(deadline), time.Second)); e != nil {
		err = fmt.Errorf("the databases could not be closed cleanly: %w", e)
	}
	if err == nil {
		s.logger.Info("shut down")
	}
	return err
}

// closeWithin runs close and returns its error, or a time-out error once d
// has passed (close goes on in the background; the process is exiting).
func closeWithin(close func() error, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- close() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return fmt.Errorf("did not stop within %v", d)
	}
}

// runServer serves until ctx ends (SIGTERM), then shuts down cleanly. ready, if
// set, is called with the client address once listening.
func runServer(ctx context.Context, cfg Config, ready func(addr string)) error {
	s, err := startServer(cfg)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(s.listener.Addr().String())
	}
	<-ctx.Done()
	s.logger.Info("shutting down")
	return s.shutdown()
}

// bufferPoolBytes maps --buffer-pool-mb to engine.Config.BufferPoolBytes
// (0 there is the default, off is negative).
func bufferPoolBytes(mb int) int64 {
	if mb <= 0 {
		return -1
	}
	return int64(mb) << 20
}
