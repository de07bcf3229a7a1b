package exec_test

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkRequestStatement is what publishing the running statement
// (request_statement.go) costs a batch of cheap statements: "request" runs
// it as a client request (BeginRequest: each statement stores its place),
// "none" outside one (each statement's check fails at once). The
// difference per op over 20 is the cost per statement.
func BenchmarkRequestStatement(b *testing.B) {
	s := benchSession(b, "reqstmt")
	batch := strings.Repeat("SET NOCOUNT ON;\n", 20)
	ctx := context.Background()
	for _, request := range []bool{false, true} {
		name := map[bool]string{false: "none", true: "request"}[request]
		b.Run(name, func(b *testing.B) {
			out := &countOutput{}
			for b.Loop() {
				if request {
					s.BeginRequest(batch)
				}
				if err := s.ExecBatch(ctx, batch, out); err != nil {
					b.Fatal(err)
				}
				if request {
					s.EndRequest()
				}
			}
		})
	}
}
