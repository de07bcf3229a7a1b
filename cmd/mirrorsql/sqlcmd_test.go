package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRunSqlcmdWithoutServer covers the paths of runSqlcmd that need no server;
// tests/clients runs the binary against a real one.
func TestRunSqlcmdWithoutServer(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"help", []string{"-?"}, 0, "usage: mirrorsql sqlcmd", ""},
		{"usage error", []string{"-Z"}, 1, "", "Unknown Option"},
		{"connection refused", []string{"-S", "127.0.0.1,1", "-U", "sa", "-P", "x", "-l", "1", "-Q", "select 1"}, 1, "Sqlcmd: Error: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runSqlcmd(context.Background(), tt.args, strings.NewReader(""), &out, &errOut, noEnv)
			if code != tt.wantCode || !strings.Contains(out.String(), tt.wantOut) || !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("code %d, stdout %q, stderr %q; want %d, %q, %q", code, out.String(), errOut.String(), tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
}
