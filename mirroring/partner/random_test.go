package partner_test

import (
	"math/rand/v2"
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestRandomized drives the env with seeded random partitions, crashes, ticks,
// commits and commands for thousands of steps, checking the invariants after every
// step (env.check). At the end it heals everything and checks that the session
// converges: exactly one serving principal and a caught-up mirror.
func TestRandomized(t *testing.T) {
	for seed := uint64(1); seed <= 64; seed++ {
		t.Run("", func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, seed*7919))
			runRandom(t, seed, 4000, rng.IntN)
		})
	}
}

// FuzzScenario lets the fuzzer choose the actions: every input is a scenario and
// must keep the invariants and converge.
func FuzzScenario(f *testing.F) {
	f.Add(uint64(1), []byte{0, 50, 63, 77, 80, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10})
	f.Add(uint64(2), []byte("the principal crashes and the mirror takes over after the time-out"))
	f.Fuzz(func(t *testing.T, seed uint64, script []byte) {
		if len(script) > 2000 {
			script = script[:2000]
		}
		i := 0
		next := func(n int) int {
			if i >= len(script) {
				return 0
			}
			v := int(script[i])
			i++
			return v % n
		}
		runRandom(t, seed, len(script), next)
	})
}

// runRandom runs steps random actions chosen by next (next(n) is in [0, n)).
func runRandom(t *testing.T, seed uint64, steps int, next func(n int) int) {
	t.Helper()
	rng := struct{ IntN func(int) int }{next}
	o := setupOpts{witness: seed%3 != 0, safetyOff: seed%5 == 0, timeout: 5}
	e := newEnv(o)
	names := []string{"a", "b", "w"}
	pick := func() string {
		if e.wit == nil {
			return names[rng.IntN(2)]
		}
		return names[rng.IntN(3)]
	}
	partnerNode := func() *node { return e.nodes[names[rng.IntN(2)]] }
	var trail []string
	for i := 0; i < steps; i++ {
		r := rng.IntN(100)
		var act string
		switch {
		case r < 30:
			act = "tick"
			e.tick()
		case r < 45:
			// Latency: tick without delivering everything; links stay FIFO.
			act = "tick-slow"
			e.tickOnly()
			e.deliverSome(rng.IntN(6), rng.IntN)
		case r < 60:
			act = "commit"
			for _, n := range e.sortedNodes() {
				if !n.crashed && n.serving && n.m.Status().Role == partner.RolePrincipal {
					e.commit(n.name)
				}
			}
			e.deliver()
		case r < 66:
			x, y := pick(), pick()
			act = "partition " + x + " " + y
			if x != y {
				e.cut(x, y, true)
			}
		case r < 68:
			x, y := pick(), pick()
			act = "cut " + x + "->" + y
			if x != y {
				e.blocked[[2]string{x, y}] = true
			}
		case r < 76:
			act = "heal"
			clear(e.blocked)
		case r < 79:
			x := pick()
			act = "crash " + x
			if !e.down(x) {
				e.crash(x)
			}
		case r < 85:
			x := pick()
			act = "restart " + x
			if e.down(x) {
				e.restart(x)
			}
		case r < 89:
			n := partnerNode()
			act = "failover " + n.name
			if !n.crashed {
				_ = n.m.Failover()
				e.handle(n)
				e.deliver()
			}
		case r < 92:
			n := partnerNode()
			act = "suspend/resume " + n.name
			if !n.crashed {
				if rng.IntN(2) == 0 {
					_ = n.m.Suspend()
				} else {
					_ = n.m.Resume()
				}
				e.handle(n)
				e.deliver()
			}
		case r < 94:
			n := partnerNode()
			act = "force " + n.name
			// Forced service only with the old principal fenced (crashed), as the
			// documentation asks (§1.9.3); it is still allowed to come back.
			other := e.nodes[n.partner]
			if !n.crashed && other.crashed {
				if n.m.ForceService() == nil {
					e.forced = true
				}
				e.handle(n)
				e.deliver()
			}
		case r < 95:
			n := partnerNode()
			act = "timeout " + n.name
			if !n.crashed {
				_ = n.m.SetTimeout(5 + rng.IntN(8))
				e.handle(n)
				e.deliver()
			}
		case r < 96:
			n := partnerNode()
			act = "safety " + n.name
			if !n.crashed {
				s := partner.SafetyFull
				if rng.IntN(2) == 0 {
					s = partner.SafetyOff
				}
				_ = n.m.SetSafety(s)
				e.handle(n)
				e.deliver()
			}
		default:
			act = "harden"
			for _, n := range e.sortedNodes() {
				if !n.crashed && n.received > n.logEnd {
					e.harden(n.name)
				}
			}
			e.deliver()
		}
		trail = append(trail, act)
		if len(e.violations) > 0 {
			t.Fatalf("seed %d step %d (%s): %v\nlast actions: %v\n%s", seed, i, act, e.violations, tail(trail, 30), e.status())
		}
	}
	// Convergence: heal, restart, resume, and give it time.
	clear(e.blocked)
	convergeAndCheck(t, e, seed, trail)
}

// convergeAndCheck restarts whatever is down, ticks, resumes suspended
// sessions and delivers, three times over, then requires exactly one serving
// partner, both partners in a session and no invariant violated.
func convergeAndCheck(t *testing.T, e *env, seed uint64, trail []string) {
	t.Helper()
	for _, x := range []string{"a", "b", "w"} {
		if e.down(x) && (x != "w" || e.wit != nil) {
			e.restart(x)
		}
	}
	for range 3 {
		for range 20 {
			e.tick()
		}
		for _, n := range e.sortedNodes() {
			if n.m.Status().Suspended {
				_ = n.m.Resume()
				e.handle(n)
			}
		}
		e.deliver()
	}
	var serving, connected int
	for _, n := range e.sortedNodes() {
		s := n.m.Status()
		if s.Serving {
			serving++
		}
		if s.State == partner.StateSynchronized || s.State == partner.StateSynchronizing {
			connected++
		}
	}
	if serving != 1 || connected != 2 || len(e.violations) > 0 {
		t.Fatalf("seed %d: did not converge (serving=%d connected=%d, violations %v)\nlast actions: %v\n%s",
			seed, serving, connected, e.violations, tail(trail, 30), e.status())
	}
}

func tail(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
