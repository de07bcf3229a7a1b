//go:build !linux

package main

import (
	"errors"
	"time"
)

// setSysmonSlack is Linux's only (sysmon_linux.go says why it exists).
func setSysmonSlack(time.Duration) (int, error) {
	return 0, errors.New("timer slack is set on Linux only")
}
