package main

import (
	"bytes"
	"context"
	"reflect"
	"testing"
)

func TestParseConnectArgs(t *testing.T) {
	tests := []struct {
		in   string
		want connectArgs
		ok   bool
	}{
		{in: "127.0.0.1,1433", want: connectArgs{Server: "127.0.0.1,1433"}, ok: true},
		{in: `host\inst -U sa -P "Str0ng ""pw""" -l 5`, want: connectArgs{Server: `host\inst`, User: "sa", Password: `Str0ng "pw"`, Timeout: 5}, ok: true},
		{in: "h -u app", want: connectArgs{Server: "h", User: "app"}, ok: true},
		{in: ""},
		{in: "-U sa"},
		{in: "h -U"},
		{in: "h -P pw"},
		{in: "h -l x"},
		{in: "h -Z 1"},
		{in: `h -P "unterminated`},
	}
	for _, tt := range tests {
		got, ok := parseConnectArgs(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseConnectArgs(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// serverRunner is a fake connection that tags each batch with its server.
type serverRunner struct {
	server  string
	batches []string
}

func (r *serverRunner) RunBatch(_ context.Context, text string) batchResult {
	r.batches = append(r.batches, r.server+": "+text)
	return batchResult{}
}

// TestProcessorConnect: :CONNECT takes variables, sends the batch being
// typed and the later ones to the new server, and a connection that fails
// stops the script (exit code 1) rather than run the rest on the old server.
func TestProcessorConnect(t *testing.T) {
	r := &serverRunner{server: "first"}
	var out bytes.Buffer
	p := newProcessor(r, &out, noEnv)
	var got []connectArgs
	p.connect = func(_ context.Context, to connectArgs) bool {
		got = append(got, to)
		if to.Server == "down" {
			return false
		}
		r.server = to.Server
		return true
	}
	script := "select 0\nGO\n:setvar Mirror m,1434\n:CONNECT $(Mirror)\nselect 1\nGO\nselect 2\n:connect w -U sa -P pw\nGO\n:Connect down\nselect 3\nGO\n"
	p.runText(context.Background(), "test", script)
	wantBatches := []string{"first: select 0\n", "m,1434: select 1\n", "w: select 2\n"}
	if !reflect.DeepEqual(r.batches, wantBatches) {
		t.Errorf("batches = %q, want %q", r.batches, wantBatches)
	}
	wantArgs := []connectArgs{{Server: "m,1434"}, {Server: "w", User: "sa", Password: "pw"}, {Server: "down"}}
	if !reflect.DeepEqual(got, wantArgs) {
		t.Errorf(":CONNECT arguments = %+v, want %+v", got, wantArgs)
	}
	if p.exitCode != 1 || !p.done {
		t.Errorf("after a failed :CONNECT: exit code %d, done %v; want 1, true", p.exitCode, p.done)
	}

	p = newProcessor(&serverRunner{}, &out, noEnv)
	out.Reset()
	p.connect = func(context.Context, connectArgs) bool { return true }
	p.runText(context.Background(), "test", ":connect\n")
	if want := "Sqlcmd: Error: Syntax error at line 1 near command ':CONNECT'.\n"; out.String() != want {
		t.Errorf(":connect without a server: %q, want %q", out.String(), want)
	}
}
