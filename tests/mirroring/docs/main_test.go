// Package docs_test runs the T-SQL of Microsoft's database-mirroring pages
// as written against three mirrorsql processes (tests/harness). It is its
// own package, beside the long end-to-end suite of tests/mirroring, so the
// docs' examples run (and are re-run on every change to them) in seconds.
package docs_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }
