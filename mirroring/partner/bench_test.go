package partner_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkCommitPath measures the machines' own cost of one SAFETY FULL commit:
// principal flush → MsgLog → mirror append → harden → Ack → release.
func BenchmarkCommitPath(b *testing.B) {
	p := partner.New(partner.Config{Database: "db", Self: "a", Partner: "b", State: partner.HardState{Role: partner.RolePrincipal}})
	m := partner.New(partner.Config{Database: "db", Self: "b", Partner: "a", State: partner.HardState{Role: partner.RoleMirror}})
	pump := func(from, to *partner.Machine) (rd partner.Ready) {
		rd = from.Ready()
		for _, msg := range rd.Messages {
			to.Step(msg)
		}
		return rd
	}
	for range 3 {
		p.Tick()
		m.Tick()
		pump(p, m)
		pump(m, p)
		pump(p, m)
		pump(m, p)
	}
	if p.Status().State != partner.StateSynchronized {
		b.Fatalf("not synchronized: %+v", p.Status())
	}
	var lsn txlog.LSN
	b.ReportAllocs()
	for b.Loop() {
		lsn++
		p.LogFlushed(lsn)
		pump(p, m)
		m.Ready()
		m.Hardened(lsn)
		pump(m, p)
		if rd := p.Ready(); rd.ReleaseCommits != lsn {
			b.Fatalf("released %d, want %d", rd.ReleaseCommits, lsn)
		}
	}
}
