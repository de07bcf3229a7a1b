package main

import (
	"net"
	"strings"
	"testing"
)

// TestServeNewcomerErrors: the two start-up mistakes a newcomer makes on one
// machine — a port another server has, a data directory another server has
// open — say which flag to change; the second server on the data directory
// is refused rather than opening it.
func TestServeNewcomerErrors(t *testing.T) {
	dir := t.TempDir()
	first, err := startServer(Config{Name: "first", Host: "127.0.0.1", Port: 0, DataDir: dir, SAPassword: "Str0ng!Passw0rd", LogLevel: "error"})
	if err != nil {
		t.Fatal(err)
	}
	defer first.shutdown()
	taken := first.listener.Addr().(*net.TCPAddr).Port

	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"taken port", Config{Name: "second", Host: "127.0.0.1", Port: taken, DataDir: t.TempDir(), SAPassword: "Str0ng!Passw0rd", LogLevel: "error"},
			[]string{"address already in use", "another --port"}},
		{"data directory in use", Config{Name: "second", Host: "127.0.0.1", Port: 0, DataDir: dir, LogLevel: "error"},
			[]string{"data directory is in use by another process", "another --data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := startServer(tt.cfg)
			if err == nil {
				s.shutdown()
				t.Fatal("second server started")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
