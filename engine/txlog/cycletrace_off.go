//go:build !stagetrace

package txlog

type cycleEv int

const (
	evFirstReg cycleEv = iota
	evStart
	evGated
	evGathered
	evDurable
)

// traceCycle and traceServed compile to nothing unless built with -tags
// stagetrace (cycletrace.go).
func traceCycle(cycleEv) {}

func traceServed(int) {}
