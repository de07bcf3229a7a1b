//go:build !stagetrace

package mirroring

import "github.com/mirrorsql/mirrorsql/mirroring/proto"

// Stage marks compile to nothing unless built with -tags stagetrace
// (stagetrace.go, BenchmarkStageTrace).
func mark(stage) {}

func markMsg(proto.Message, stage, stage) {}
