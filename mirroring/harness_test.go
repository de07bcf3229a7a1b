package mirroring

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/google/uuid"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// The harness: in-process instances, each a Manager over a fake Host whose
// databases have real txlog logs in t.TempDir(), talking over real TCP on
// 127.0.0.1. Time-dependent behaviour is awaited with polling helpers that have
// generous deadlines (never asserted against tight timings).

const testPing = 100 * time.Millisecond

// The PARTNER TIMEOUT (10 by default) lasts 5 s in most tests and 1 s in the
// tests of failure detection. Most tests cause losses only by hard connection
// errors (a stopped manager or endpoint, a bad frame), acted on at once (§1.4),
// and the time-out is only what a loaded machine can take for a loss: three
// instances share this process and two cores with other test processes, and a
// 1 s TIMEOUT made a stalled tick or fsync a false failure — a SAFETY FULL
// principal going DISCONNECTED and releasing commits before the mirror hardened
// them, which several tests assert never happens. Automatic failover and quorum
// loss do wait for the time-out (a witness votes only TIMEOUT after the
// principal's last ping, witness.Machine.gone): their tests keep the short one
// (newDetectPair, detectTimeoutUnit) to exercise it.
const (
	testTimeoutUnit   = 5 * testPing // TIMEOUT 10 = 5 s
	detectTimeoutUnit = testPing     // TIMEOUT 10 = 1 s
)

// fakeDB is a Database whose engine side is trivial: redo is instantaneous (the
// redone LSN is the hardened one) and role changes flip a flag.
type fakeDB struct {
	name string
	log  *txlog.Log

	mu        sync.Mutex
	restoring bool
	model     string
	wait      func(ctx context.Context, lsn txlog.LSN) error
	accessErr error
	txn       uint64
	toPrin    int
	toMirror  int
	// roleHold, when set, runs at the start of BecomePrincipal and
	// BecomeMirror (a slow engine role change: redo, recovery, fsyncs).
	roleHold func()
	// noRoom is what CheckSpace returns (SpaceChecker): a full disk.
	noRoom error
	// spaceHold, when set, runs in CheckSpace without d.mu: a mirror's
	// harden held between the frame's arrival and its log write.
	spaceHold func()
	// onAccess, when set, is called with every access error set, after it
	// is set (the manager holds its lock).
	onAccess func(err error)
	// family is FamilyGUID's answer (FamilyHolder).
	family uuid.UUID
	// twoWaits: commit waits WaitDurable, then the mirror wait (set before
	// committing).
	twoWaits bool
}

func (d *fakeDB) FamilyGUID() uuid.UUID {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.family
}

func (d *fakeDB) CheckSpace() error {
	d.mu.Lock()
	h := d.spaceHold
	d.mu.Unlock()
	if h != nil {
		h()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.noRoom
}

func (d *fakeDB) setNoRoom(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.noRoom = err
}

func (d *fakeDB) holdRole() {
	d.mu.Lock()
	h := d.roleHold
	d.mu.Unlock()
	if h != nil {
		h()
	}
}

func (d *fakeDB) Name() string         { return d.name }
func (d *fakeDB) Log() *txlog.Log      { return d.log }
func (d *fakeDB) RedoneLSN() txlog.LSN { return d.log.FlushedLSN() }
func (d *fakeDB) RecoveryModel() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.model
}
func (d *fakeDB) Restoring() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.restoring
}
func (d *fakeDB) SetMirrorWait(f func(ctx context.Context, lsn txlog.LSN) error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.wait = f
}
func (d *fakeDB) BecomePrincipal(context.Context) error {
	d.holdRole()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.restoring = false
	d.toPrin++
	return nil
}
func (d *fakeDB) BecomeMirror(context.Context) error {
	d.holdRole()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.restoring = true
	d.toMirror++
	return nil
}
func (d *fakeDB) SetAccessError(err error) {
	d.mu.Lock()
	d.accessErr = err
	hook := d.onAccess
	d.mu.Unlock()
	if hook != nil {
		hook(err)
	}
}
func (d *fakeDB) access() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.accessErr
}

// commit writes one small transaction, waits until it is durable locally and
// then for the mirror wait, as the engine does. It returns the commit LSN.
// With twoWaits it waits for the two in turn, as the engine did before
// parker.go (benchmarks compare the two).
func (d *fakeDB) commit(ctx context.Context) (txlog.LSN, error) {
	d.mu.Lock()
	d.txn++
	id := d.txn
	d.mu.Unlock()
	lsn, err := d.log.Append(txlog.Begin{Txn: id},
		txlog.Insert{Txn: id, Object: 1, Key: []byte(strconv.FormatUint(id, 10)), After: bytes.Repeat([]byte{'v'}, 100)},
		txlog.Commit{Txn: id})
	if err != nil {
		return 0, err
	}
	d.mu.Lock()
	w := d.wait
	d.mu.Unlock()
	if w != nil && !d.twoWaits {
		// As engine's Commit: parked once for both (parker.go).
		_, err = d.log.WaitCommit(lsn)
	} else {
		err = d.log.WaitDurable(ctx, lsn)
	}
	if err != nil {
		return lsn, err
	}
	if w != nil {
		return lsn, w(ctx, lsn)
	}
	return lsn, nil
}

type fakeHost struct {
	name string
	mu   sync.Mutex
	dbs  map[string]*fakeDB
}

func (h *fakeHost) ServerName() string { return h.name }
func (h *fakeHost) Database(name string) (Database, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	d, ok := h.dbs[name]
	if !ok {
		return nil, false
	}
	return d, true
}

// instance is one in-process server: host, databases, manager and endpoint.
type instance struct {
	t    testing.TB
	name string
	dir  string
	host *fakeHost
	mgr  *Manager
	port int
	role string
	unit time.Duration // Config.TimeoutUnit
}

// newInstance starts an instance with the 5 s TIMEOUT (testTimeoutUnit).
func newInstance(t testing.TB, name, role string) *instance {
	t.Helper()
	return newInstanceUnit(t, name, role, testTimeoutUnit)
}

// newInstanceUnit starts an instance whose unit of TIMEOUT is unit.
func newInstanceUnit(t testing.TB, name, role string, unit time.Duration) *instance {
	t.Helper()
	in := &instance{t: t, name: name, dir: t.TempDir(), role: role, unit: unit,
		host: &fakeHost{name: name, dbs: map[string]*fakeDB{}}}
	in.start()
	t.Cleanup(func() { in.stop() })
	return in
}

// start (re)creates the manager from the persisted state and starts the endpoint
// on the same port as before (a free port the first time).
func (in *instance) start() {
	in.t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(testWriter{in.t, in.name}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	mgr, err := NewManager(Config{DataDir: filepath.Join(in.dir, "mirroring"), Logger: logger,
		PingInterval: testPing, TimeoutUnit: in.unit, DialTimeout: 2 * time.Second}, in.host)
	if err != nil {
		in.t.Fatalf("%s: NewManager: %v", in.name, err)
	}
	port := in.port
	for attempt := 1; ; attempt++ {
		if in.port == 0 {
			port = testPort(in.t)
		}
		err = mgr.StartEndpoint(EndpointConfig{Name: "Mirroring", Port: port, IP: "127.0.0.1", Role: in.role, State: "STARTED"})
		if err == nil {
			break
		}
		// A port found free a moment ago may be taken by another process;
		// only a first start may move (partners know the port afterwards).
		if in.port != 0 || attempt == 3 {
			_ = mgr.Close()
			in.t.Fatalf("%s: StartEndpoint on port %d: %v", in.name, port, err)
		}
	}
	_, p, _ := splitPort(mgr.ListenAddr())
	in.port = p
	in.mgr = mgr
}

// testPort returns a port on 127.0.0.1 that was free a moment ago, drawn at
// random from below the kernel's ephemeral range (as tests/harness.FreePort):
// an instance restarts on its port (stop, start; StopEndpoint, StartEndpoint),
// and a port of the ephemeral range can meanwhile become the source port of any
// outgoing connection on the machine — the restart then failed to bind it.
func testPort(t testing.TB) int {
	t.Helper()
	hi := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if v, err := strconv.Atoi(f[0]); err == nil && v > 2048 {
				hi = v
			}
		}
	}
	lo := max(1024, hi/2)
	for range 200 {
		p := lo + rand.IntN(hi-lo)
		if ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p)); err == nil {
			_ = ln.Close()
			return p
		}
	}
	t.Fatalf("no free port of 200 tried in [%d, %d)", lo, hi)
	return 0
}

func (in *instance) stop() {
	if in.mgr != nil {
		_ = in.mgr.Close()
		in.mgr = nil
	}
}

func (in *instance) addr() string { return fmt.Sprintf("TCP://127.0.0.1:%d", in.port) }

// addDB opens a database with a real log. start is where an empty log begins (a
// mirror restored from its principal's backup continues the principal's log).
func (in *instance) addDB(name string, restoring bool, start uint64) *fakeDB {
	in.t.Helper()
	l, err := txlog.Open(filepath.Join(in.dir, name+".log"), txlog.Options{Start: start})
	if err != nil {
		in.t.Fatalf("open log: %v", err)
	}
	in.t.Cleanup(func() { l.Close() })
	d := &fakeDB{name: name, log: l, restoring: restoring, model: "FULL"}
	in.host.mu.Lock()
	in.host.dbs[name] = d
	in.host.mu.Unlock()
	return d
}

type testWriter struct {
	t    testing.TB
	name string
}

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("[%s] %s", w.name, bytes.TrimRight(p, "\n"))
	return len(p), nil
}

func splitPort(hostport string) (string, int, error) {
	for i := len(hostport) - 1; i >= 0; i-- {
		if hostport[i] == ':' {
			p, err := strconv.Atoi(hostport[i+1:])
			return hostport[:i], p, err
		}
	}
	return "", 0, errors.New("no port")
}

// eventually polls cond every 20 ms until it holds or the deadline passes.
func eventually(t testing.TB, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for: %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (in *instance) status(db string) Status {
	st, _ := in.mgr.Status(db)
	return st
}

func (in *instance) waitState(db string, role partner.Role, state partner.State) {
	in.t.Helper()
	eventually(in.t, fmt.Sprintf("%s: %s %s %s", in.name, db, role, state), 20*time.Second, func() bool {
		st, ok := in.mgr.Status(db)
		return ok && st.Role == uint8(role) && st.State == uint8(state)
	})
}

// pair sets up a principal with some log and a mirror restored from it, and
// establishes mirroring between them (mirror first, §2.3).
type pair struct {
	p, m   *instance
	pdb    *fakeDB
	mdb    *fakeDB
	dbName string
}

func newPair(t testing.TB) *pair {
	t.Helper()
	return newPairUnit(t, "HOSTA", "HOSTB", testTimeoutUnit)
}

// newDetectPair is newPair with the 1 s TIMEOUT of the failure detection tests
// (a witness for them: newInstanceUnit with detectTimeoutUnit).
func newDetectPair(t testing.TB) *pair {
	t.Helper()
	return newPairUnit(t, "HOSTA", "HOSTB", detectTimeoutUnit)
}

// newWitnessedPair is newDetectPair with a witness instance (HOSTW) set on
// the SYNCHRONIZED session (SET WITNESS on the principal); the caller waits
// for whatever connectivity its test needs.
func newWitnessedPair(t testing.TB) (*pair, *instance) {
	t.Helper()
	pr := newDetectPair(t)
	w := newInstanceUnit(t, "HOSTW", "WITNESS", detectTimeoutUnit)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pr.p.mgr.SetWitness(ctx, pr.dbName, w.addr()); err != nil {
		t.Fatalf("SET WITNESS: %v", err)
	}
	return pr, w
}

// waitWitnessed waits until both partners see the witness CONNECTED and the
// witness sees both partners.
func waitWitnessed(t testing.TB, pr *pair, w *instance) {
	t.Helper()
	eventually(t, "all three connected", 20*time.Second, func() bool {
		ps, ms := pr.p.status(pr.dbName), pr.m.status(pr.dbName)
		ws := w.mgr.Witnessed()
		return ps.WitnessStateDesc == "CONNECTED" && ms.WitnessStateDesc == "CONNECTED" &&
			len(ws) == 1 && ws[0].SeesPrincipal && ws[0].SeesMirror
	})
}

// newNamedPair is newPair with the instances' names chosen: which of two
// connections both sides keep depends on how the names sort (peers.go).
func newNamedPair(t testing.TB, principal, mirror string) *pair {
	t.Helper()
	return newPairUnit(t, principal, mirror, testTimeoutUnit)
}

func newPairUnit(t testing.TB, principal, mirror string, unit time.Duration) *pair {
	t.Helper()
	pr := &pair{p: newInstanceUnit(t, principal, "PARTNER", unit), m: newInstanceUnit(t, mirror, "ALL", unit), dbName: "sales"}
	pr.pdb = pr.p.addDB(pr.dbName, false, 0)
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if _, err := pr.pdb.commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// "Restore" the mirror: its log continues where the principal's ends.
	pr.mdb = pr.m.addDB(pr.dbName, true, pr.pdb.log.DurableEnd())
	if err := pr.m.mgr.SetPartner(ctx, pr.dbName, pr.p.addr()); err != nil {
		t.Fatalf("SET PARTNER on mirror: %v", err)
	}
	if err := pr.p.mgr.SetPartner(ctx, pr.dbName, pr.m.addr()); err != nil {
		t.Fatalf("SET PARTNER on principal: %v", err)
	}
	return pr
}

// sameLog checks that b's log is a byte-for-byte copy of a's from b's start.
func sameLog(t testing.TB, a, b *txlog.Log, from uint64) {
	t.Helper()
	ra, err := a.NewReader(txlog.MakeLSN(from, 0))
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.NewReader(txlog.MakeLSN(from, 0))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		ba, okA, errA := ra.TryNext()
		bb, okB, errB := rb.TryNext()
		if errA != nil || errB != nil {
			t.Fatalf("read logs: %v / %v", errA, errB)
		}
		if okA != okB {
			t.Fatalf("logs differ in length after %d blocks (principal more: %v)", n, okA)
		}
		if !okA {
			break
		}
		if ba.Offset != bb.Offset || !bytes.Equal(ba.Raw, bb.Raw) {
			t.Fatalf("block %d at %d differs", n, ba.Offset)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no blocks compared")
	}
}
