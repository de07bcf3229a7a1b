//go:build !race

package tds_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
