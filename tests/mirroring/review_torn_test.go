package mirroring_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// The log block layout the damage helpers rely on (engine/txlog/block.go):
// blocks start at 512-byte aligned offsets with the magic "MSLB", a CRC32C of
// bytes [8, used) at 4, the size at 24 and used at 28.
const (
	blockAlign  = 512
	blockHeader = 36
)

var blockMagic = []byte("MSLB")

// logBlock is a valid block found in a segment file.
type logBlock struct {
	file       string
	off        int64 // in the file
	size, used int
}

// databaseLogDir returns the directory of dbName's transaction log under a
// server's data directory (its entry in master/server.json names the
// database's directory).
func databaseLogDir(t *testing.T, dataDir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, "master", "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	var server struct {
		Databases []struct{ Name, Dir string }
	}
	if err := json.Unmarshal(b, &server); err != nil {
		t.Fatal(err)
	}
	for _, d := range server.Databases {
		if strings.EqualFold(d.Name, dbName) {
			return filepath.Join(dataDir, d.Dir, "log")
		}
	}
	t.Fatalf("%s: no database %s in server.json", dataDir, dbName)
	return ""
}

// validBlocks returns the blocks of dir's segment files whose checksum holds,
// in stream order (segment files are named by their number, so in file name
// order).
func validBlocks(t *testing.T, dir string) []logBlock {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	table := crc32.MakeTable(crc32.Castagnoli)
	var out []logBlock
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+blockHeader <= len(b); off += blockAlign {
			if !bytes.Equal(b[off:off+4], blockMagic) {
				continue
			}
			size := int(binary.LittleEndian.Uint32(b[off+24:]))
			used := int(binary.LittleEndian.Uint32(b[off+28:]))
			if used < blockHeader || used > size || off+size > len(b) {
				continue
			}
			if crc32.Checksum(b[off+8:off+used], table) != binary.LittleEndian.Uint32(b[off+4:]) {
				continue
			}
			out = append(out, logBlock{file: f, off: int64(off), size: size, used: used})
		}
	}
	return out
}

// damage overwrites n bytes of f at off with 0xEE.
func damage(t *testing.T, f string, off int64, n int) {
	t.Helper()
	h, err := os.OpenFile(f, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.WriteAt(bytes.Repeat([]byte{0xEE}, n), off); err != nil {
		t.Fatal(err)
	}
}

// TestReviewMirrorTornTail (review, issues #4 #6): the mirror is SIGKILLed
// under SAFETY FULL writers and its log tail is damaged as a power loss can
// leave it — the last block's records torn (checksum wrong; recovery cannot
// tell it from a torn write, so it cuts the block although the mirror had
// acknowledged it as hardened) and a stray half-written block after it. The
// mirror must come back, recover to the shorter log, tell the principal
// where its log really ends and get the lost blocks again: after it is
// SYNCHRONIZED and a manual failover, the new principal holds every
// acknowledged row and exactly the rows of the old principal.
func TestReviewMirrorTornTail(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1500 * time.Millisecond) // blocks hardened on the mirror (not an assertion)
	m.Kill()

	dir := databaseLogDir(t, m.DataDir)
	blocks := validBlocks(t, dir)
	if len(blocks) < 3 {
		t.Fatalf("mirror log %s: %d valid blocks, want a few", dir, len(blocks))
	}
	last := blocks[len(blocks)-1]
	damage(t, last.file, last.off+blockHeader+8, 16) // inside the records: checksum fails
	// A half-written block after it: a header with the magic and garbage.
	stray := last.off + int64(last.size)
	damage(t, last.file, stray, blockAlign)
	h, err := os.OpenFile(last.file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	h.WriteAt(blockMagic, stray)
	h.Close()
	t.Logf("damaged the last of %d blocks (%s at %d, %d bytes) and wrote a stray block after it", len(blocks), filepath.Base(last.file), last.off, last.size)

	m.Restart()
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	c.waitRole(p, "PRINCIPAL", "SYNCHRONIZED")
	time.Sleep(1 * time.Second) // commits shipped to the recovered mirror (not an assertion)
	w.stop()

	onOld := c.mustIDs(p)
	w.check(t, p.Name, onOld, base, n)
	c.manualFailover(p, m)
	onNew := c.mustIDs(m)
	w.check(t, m.Name+" after failover", onNew, base, n)
	sameIDs(t, onOld, onNew, p.Name, m.Name)
	a, _ := w.counts()
	t.Logf("%d rows acknowledged", a)
}

// TestReviewMirrorLogCorruptInside (review, issues #4 #6): a block inside the
// mirror's log (not its tail: valid blocks written after it was durable
// follow) is damaged while the mirror is down — media corruption, which no
// torn write explains. The database's log must be refused, never half-used;
// but only that database: as SQL Server marks such a database SUSPECT (3414
// in the error log) and starts the instance, the mirror instance must start,
// serve master and report the database SUSPECT (USE of it is 926) while the principal goes on
// serving (exposed) with every acknowledged row; and the DBA's way out must
// work: SET PARTNER OFF on the principal, DROP DATABASE of the SUSPECT copy,
// re-seed it by backup/restore WITH NORECOVERY and SET PARTNER — after which
// the session is SYNCHRONIZED and a failover finds every acknowledged row.
// Before the fix the whole mirror instance refused to start (engine.Open
// returned the database's error), and DROP DATABASE of a database that is not
// open did nothing and said nothing.
func TestReviewMirrorLogCorruptInside(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1500 * time.Millisecond) // blocks hardened on the mirror (not an assertion)
	m.Kill()
	blocks := validBlocks(t, databaseLogDir(t, m.DataDir))
	if len(blocks) < 30 {
		t.Fatalf("mirror log: %d valid blocks, want a few dozen", len(blocks))
	}
	b := blocks[len(blocks)-20]
	damage(t, b.file, b.off+blockHeader+8, 16)
	time.Sleep(500 * time.Millisecond) // the principal serves on, exposed (not an assertion)
	w.stop()
	onPrincipal := c.mustIDs(p)
	w.check(t, p.Name, onPrincipal, base, n)

	if err := m.TryRestart(); err != nil {
		t.Fatalf("the mirror instance does not start when one user database's log is corrupt (want the database SUSPECT, the instance up): %v", err)
	}
	var st string
	var err error
	for range 3 { // the pool's first connection died with the old process
		if st, err = harness.QueryString(context.Background(), c.master(m), "SELECT state_desc FROM sys.databases WHERE name = @p1", dbName); err == nil {
			break
		}
	}
	if err != nil || st != "SUSPECT" {
		t.Errorf("mirror database with a corrupt log: state_desc %q (%v), want SUSPECT", st, err)
	}
	if err := c.exec(m, "USE "+dbName); errNumber(err) != 926 {
		t.Errorf("USE of the SUSPECT copy: %v, want error 926", err)
	}
	if err := c.tryInsert(p, 9_999_999); err != nil {
		t.Errorf("principal while its mirror's copy is SUSPECT: insert: %v, want served (exposed)", err)
	}
	onPrincipal = c.mustIDs(p)
	if t.Failed() {
		return
	}

	c.mustAlter(p, "SET PARTNER OFF")
	c.mustExec(m, "DROP DATABASE "+dbName)
	bak, trn := filepath.Join(c.backupDir, "reseed.bak"), filepath.Join(c.backupDir, "reseed.trn")
	c.mustExec(p, "BACKUP DATABASE "+dbName+" TO DISK = '"+bak+"' WITH INIT\nGO\nBACKUP LOG "+dbName+" TO DISK = '"+trn+"' WITH INIT")
	c.mustExec(m, "RESTORE DATABASE "+dbName+" FROM DISK = '"+bak+"' WITH NORECOVERY\nGO\nRESTORE LOG "+dbName+" FROM DISK = '"+trn+"' WITH NORECOVERY")
	c.mustAlter(m, "SET PARTNER = '"+c.address(p)+"'")
	c.mustAlter(p, "SET PARTNER = '"+c.address(m)+"'")
	c.manualFailover(p, m)
	onNew := c.mustIDs(m)
	w.check(t, m.Name+" re-seeded, after failover", onNew, base, n)
	sameIDs(t, onNew, onPrincipal, m.Name, p.Name)
}
