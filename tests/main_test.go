package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMain builds the server once and, at the end, removes the query
// benchmarks' data directory (about 80 MB per 1M-row load).
func TestMain(m *testing.M) { harness.Main(m, qb.close) }
