package partner_test

import (
	"strconv"
	"testing"

	"github.com/cockroachdb/datadriven"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestScenarios runs the datadriven scripts in testdata/ (refresh the golden output
// with -rewrite). Commands:
//
//	setup [witness] [safety-off] [manual-harden] [timeout=n]
//	tick [n=1]            tick every running node n times, delivering all messages after each
//	deliver               deliver queued messages
//	commit [n=1] [node=a] the principal logs and flushes n commits
//	harden [node=b] [to=n] the mirror fsyncs what it received (up to n)
//	partition x [y]       cut x from y (both directions), or from everyone
//	cut from=x to=y       cut one direction only
//	heal [x y]            heal one link, or all
//	reset x y [hold]      x's connection to y was replaced (ConnReset), then deliver
//	                      (hold: do not deliver yet)
//	up x y                x registered a new connection to y (ConnUp); not delivered
//	stall / unstall       what is queued now travels on a slow connection: it
//	                      arrives after what is sent later (unstall: now, then deliver)
//	crash x / restart x
//	lose-tail [node=a] to=n [window=w]  the crashed principal lost its log after n (OS
//	                      crash of shipped, not yet durable log); window bounds the fork
//	                      point search (0: unbounded)
//	failover|force|suspend|resume|off node=x
//	safety node=x full|off ; timeout node=x n ; witness node=x name|off
//	trace on|off          print every message sent
//	watch on|off          print every change of a partner's state
//	status
//
// After every step the env checks: at most one serving principal per role
// sequence, at most one at all unless service was forced, and (without forced
// service) no serving principal lacks an acknowledged commit.
func TestScenarios(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		var e *env
		datadriven.RunTest(t, path, func(t *testing.T, td *datadriven.TestData) string {
			if td.Cmd != "setup" && e == nil {
				t.Fatalf("%s: setup first", td.Pos)
			}
			if e != nil {
				e.out.Reset()
			}
			switch td.Cmd {
			case "setup":
				o := setupOpts{witness: td.HasArg("witness"), safetyOff: td.HasArg("safety-off"), manualHarden: td.HasArg("manual-harden")}
				td.MaybeScanArgs(t, "timeout", &o.timeout)
				e = newEnv(o)
				return e.status()
			case "tick":
				n := 1
				td.MaybeScanArgs(t, "n", &n)
				for range n {
					e.tick()
				}
			case "deliver":
				e.deliver()
			case "commit":
				n, name := 1, "a"
				td.MaybeScanArgs(t, "n", &n)
				td.MaybeScanArgs(t, "node", &name)
				for range n {
					e.commit(name)
				}
				e.deliver()
			case "harden":
				name, to := "b", 1<<62
				td.MaybeScanArgs(t, "node", &name)
				td.MaybeScanArgs(t, "to", &to)
				e.hardenTo(name, txlog.LSN(to))
				e.deliver()
			case "partition":
				args := positional(td)
				if len(args) == 1 {
					e.isolate(args[0])
				} else {
					e.cut(args[0], args[1], true)
				}
			case "cut":
				var from, to string
				td.ScanArgs(t, "from", &from)
				td.ScanArgs(t, "to", &to)
				e.blocked[[2]string{from, to}] = true
			case "heal":
				if args := positional(td); len(args) == 2 {
					e.cut(args[0], args[1], false)
				} else {
					clear(e.blocked)
				}
			case "reset", "up", "down":
				args := positional(td)
				n := e.nodes[args[0]]
				switch td.Cmd {
				case "reset":
					n.m.ConnReset(args[1])
				case "up":
					n.m.ConnUp(args[1])
				default:
					n.m.ConnDown(args[1])
				}
				e.handle(n)
				if td.Cmd != "up" && !td.HasArg("hold") {
					e.deliver()
				}
			case "stall":
				e.stalled = append(e.stalled, e.queue...)
				e.queue = nil
			case "unstall":
				e.queue = append(e.stalled, e.queue...)
				e.stalled = nil
				e.deliver()
			case "rebuild":
				e.rebuild(positional(td)[0])
				e.deliver()
			case "crash":
				e.crash(positional(td)[0])
			case "restart":
				e.restart(positional(td)[0])
			case "lose-tail":
				name, to, window := "a", 0, 0
				td.MaybeScanArgs(t, "node", &name)
				td.ScanArgs(t, "to", &to)
				td.MaybeScanArgs(t, "window", &window)
				e.loseTail(name, txlog.LSN(to), window)
			case "failover", "force", "suspend", "resume", "off", "safety", "timeout", "witness":
				runCommand(t, e, td)
				e.deliver()
			case "trace":
				e.trace = positional(td)[0] == "on"
				return ""
			case "watch":
				e.watch = positional(td)[0] == "on"
				return ""
			case "status":
				return e.status()
			default:
				t.Fatalf("%s: unknown command %q", td.Pos, td.Cmd)
			}
			return e.out.String()
		})
		if e != nil && len(e.violations) > 0 {
			t.Errorf("invariant violations: %v", e.violations)
		}
	})
}

// positional returns the arguments given without a value.
func positional(td *datadriven.TestData) []string {
	var out []string
	for _, a := range td.CmdArgs {
		if len(a.Vals) == 0 {
			out = append(out, a.Key)
		}
	}
	return out
}

func runCommand(t *testing.T, e *env, td *datadriven.TestData) {
	var name string
	td.ScanArgs(t, "node", &name)
	n := e.nodes[name]
	args := positional(td)
	var err error
	switch td.Cmd {
	case "failover":
		err = n.m.Failover()
	case "force":
		err = n.m.ForceService()
		if err == nil {
			e.forced = true
		}
	case "suspend":
		err = n.m.Suspend()
	case "resume":
		err = n.m.Resume()
	case "off":
		err = n.m.Off()
	case "safety":
		s := partner.SafetyFull
		if args[0] == "off" {
			s = partner.SafetyOff
		}
		err = n.m.SetSafety(s)
	case "timeout":
		v, _ := strconv.Atoi(args[0])
		err = n.m.SetTimeout(v)
	case "witness":
		w := args[0]
		if w == "off" {
			w = ""
		}
		err = n.m.SetWitness(w)
	}
	if err != nil {
		e.logf("%s: error %s: %s", name, errNum(err), err)
	}
	e.handle(n)
}
