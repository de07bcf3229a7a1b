package main

import "testing"

// TestFreePortsDistinct: the demo's six ports (client and mirroring endpoint
// of three instances) are distinct. Chosen one listener at a time, the kernel
// repeated a port in about 1 of 500 sets of six here, and the demo failed
// with "address already in use" (tests TestDemo). 3000 sets make that old
// behaviour fail almost surely.
func TestFreePortsDistinct(t *testing.T) {
	for round := range 3000 {
		ports, err := freePorts(6)
		if err != nil {
			t.Fatal(err)
		}
		if len(ports) != 6 {
			t.Fatalf("round %d: %d ports, want 6", round, len(ports))
		}
		seen := map[int]bool{}
		for _, p := range ports {
			if p <= 0 || seen[p] {
				t.Fatalf("round %d: ports %v: %d repeated or invalid", round, ports, p)
			}
			seen[p] = true
		}
	}
}
