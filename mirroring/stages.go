package mirroring

// Stage marks along one SAFETY FULL commit's path, for BenchmarkStageTrace
// (stagetrace_test.go; go test -tags stagetrace). Built only with the tag: the
// default build's mark is an empty function (stagetrace_off.go). Each mark
// stores the time its stage was last reached; the benchmark runs one committer,
// clears the marks before each commit and reads them after it, so a stage reached
// once per commit (both managers share the process) reads as its offset from
// the commit's start.
type stage int

const (
	stNone         stage = iota
	stAppended           // principal: records appended (benchmark)
	stWritten            // principal: batch written to the OS, written hook entered
	stWatcherWoke        // principal: watcher woken (the hook could not ship)
	stSent               // principal: LogBlocks frame handed to the connection
	stMirrorRecv         // mirror: frame decoded, handle entered
	stMirrorLocked       // mirror: Manager.mu taken for it
	stHardenerWoke       // mirror: hardener goroutine woken
	stAppendStart        // mirror: AppendBlocks called
	stAppendDone         // mirror: AppendBlocks returned (write + fdatasync)
	stAckSent            // mirror: Ack about to be handed to the connection
	stAckRecv            // principal: Ack decoded, handle entered
	stAckLocked          // principal: Manager.mu taken for it
	stRelease            // principal: commit wait released
	stWoke               // principal: committer returned from WaitCommit and the mirror wait (benchmark)
	stDurable            // principal: the log reported its flush durable (commit parker)
	stAckDone            // principal: the ack's handle returned (its reader may read again)
	stHookDone           // principal: the ship hook returned (the flush's own write starts)
	stGateStart          // principal: a paced flush entered its flush gate (pace.go)
	stGateAcked          // principal: the gate's wait for the previous flush's ack ended
	stGateGathered       // principal: the gate's wait for the last cycle's committers ended
	stGateMissed         // principal: that wait reached its bound
	numStages
)
