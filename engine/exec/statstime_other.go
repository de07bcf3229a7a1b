//go:build !linux

package exec

import "time"

// threadCPU is not measured outside Linux: CPU time reads 0.
func threadCPU() time.Duration { return 0 }
