package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/metrics"
)

// startMetrics serves the instance's Prometheus metrics (engine/metrics) on
// addr at /metrics, for --metrics-addr. The address is bound before
// startMetrics returns, so a taken or malformed one fails `serve` at start
// rather than leaving the operator's scraper facing nothing.
func startMetrics(addr string, inst *engine.Instance, logger *slog.Logger) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener: %w", err)
	}
	srv := &http.Server{
		Handler:           metrics.Handler(metrics.NewRegistry(inst), logger),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Warn("metrics listener stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	logger.Info("metrics listening", "address", ln.Addr().String(), "path", "/metrics")
	return srv, nil
}

// stopMetrics ends the metrics server (nil when --metrics-addr is unset).
func stopMetrics(ctx context.Context, srv *http.Server) {
	if srv != nil {
		_ = srv.Shutdown(ctx)
	}
}
