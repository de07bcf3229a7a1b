//go:build race

package tds_test

// raceEnabled: the race detector's instrumentation deepens every frame, so
// tests of stack sizes do not hold under it.
const raceEnabled = true
