package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }
