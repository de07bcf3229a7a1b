//go:build stagetrace

package mirroring

import (
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

var stageNames = [numStages]string{"", "appended", "written (hook)", "watcher woke", "frame sent",
	"mirror: frame received", "mirror: locked", "mirror: hardener woke", "mirror: append start",
	"mirror: append+fsync done", "mirror: ack sending", "ack received", "ack: locked", "commit released",
	"commit returned", "local durable (log)", "ack: handled", "ship hook returned",
	"gate entered", "gate: acked", "gate: gathered", "gate: gather missed"}

var (
	stageOn atomic.Bool
	stageT  [numStages]atomic.Int64
)

func mark(s stage) {
	if stageOn.Load() {
		stageT[s].Store(time.Now().UnixNano())
	}
	if cycleOn {
		cycleMark(s, time.Now().UnixNano())
	}
}

// markMsg marks forLog for a LogBlocks frame and forAck for an Ack.
func markMsg(pm proto.Message, forLog, forAck stage) {
	switch pm.(type) {
	case *proto.LogBlocks:
		mark(forLog)
	case *proto.Ack:
		mark(forAck)
	}
}
