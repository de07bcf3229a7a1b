package main

import (
	"log/slog"
	"net/http"
	"net/http/pprof"
)

// startPprof serves the runtime profiles (CPU, heap, goroutines, mutex…) on
// addr for the life of the process. It is behind the hidden --pprof flag: the
// profiles expose internals and cost nothing unless asked for.
func startPprof(addr string, logger *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() {
		if err := http.ListenAndServe(addr, mux); err != nil {
			logger.Warn("pprof listener stopped", "addr", addr, "err", err)
		}
	}()
	logger.Info("pprof listening", "addr", addr)
}
