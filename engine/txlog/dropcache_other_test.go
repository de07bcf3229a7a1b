//go:build !linux

package txlog

import "testing"

// dropCache is not available here: cold-cache benchmarks are skipped.
func dropCache(b *testing.B, dir string) bool { return false }
