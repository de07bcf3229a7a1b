package mirroring

import (
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkCommitEncryption is what transport encryption costs the SAFETY FULL
// commit: the same pair of Managers (real logs, fdatasync on both sides, real
// TCP) with both endpoints at ENCRYPTION = REQUIRED (TLS 1.2, AES-GCM) and at
// DISABLED, 1 and 16 committers. Run the two as alternating invocations for
// an A/B on a loaded machine (docs/benchmarks-mirroring.md shows how).
func BenchmarkCommitEncryption(b *testing.B) {
	for _, enc := range []string{"REQUIRED", "DISABLED"} {
		for _, conc := range []int{1, 16} {
			b.Run(enc+"/committers="+itoa(conc), func(b *testing.B) {
				pr := newPairEncrypted(b, enc)
				benchCommits(b, pr.pdb, conc)
			})
		}
	}
}

// connectedWith reports whether m's open connections all, and at least one,
// have encryption on or off as want says.
func connectedWith(m *Manager, want bool) bool {
	n := 0
	for _, c := range m.Connections() {
		if c.State == 5 {
			continue
		}
		if c.Encrypted != want {
			return false
		}
		n++
	}
	return n > 0
}

// newPairEncrypted is newPair, SYNCHRONIZED, with both endpoints restarted at
// ENCRYPTION = enc and the session running on a connection made with it.
func newPairEncrypted(b *testing.B, enc string) *pair {
	pr := newPair(b)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	for _, in := range []*instance{pr.m, pr.p} {
		if err := in.mgr.StartEndpoint(EndpointConfig{Name: "Mirroring", Port: in.port, IP: "127.0.0.1",
			Role: in.role, State: "STARTED", Encryption: enc}); err != nil {
			b.Fatal(err)
		}
	}
	// The restart ends the old connections; wait for the session to run on
	// a new one with the new setting.
	deadline := time.Now().Add(30 * time.Second)
	for !connectedWith(pr.p.mgr, enc != "DISABLED") {
		if time.Now().After(deadline) {
			b.Fatalf("no connection with encrypted = %v at ENCRYPTION = %s", enc != "DISABLED", enc)
		}
		time.Sleep(10 * time.Millisecond)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	return pr
}
