package engine

import (
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestBackupFinishDate: RESTORE HEADERONLY shows each set's
// BackupFinishDate, at or after its BackupStartDate and the same as
// msdb.dbo.backupset's backup_finish_date — for a set appended to a file
// too (the header is rewritten where the set starts) — and the sets still
// verify and restore. Before, the header was written before the backup
// finished: BackupFinishDate was NULL.
func TestBackupFinishDate(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY, v nvarchar(200))")
	mustExec(t, s, "INSERT d.dbo.t SELECT value, REPLICATE(N'x', 100) FROM GENERATE_SERIES(1, 2000)")
	path := filepath.Join(dir, "times.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+path+"' WITH FORMAT, COMPRESSION")
	mustExec(t, s, "INSERT d.dbo.t VALUES (5000, N'y')")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+path+"'")
	_, rows := resultSet(t, s, "RESTORE HEADERONLY FROM DISK = '"+path+"'")
	_, hist := resultSet(t, s, "SELECT backup_start_date, backup_finish_date FROM msdb.dbo.backupset ORDER BY backup_set_id")
	if len(rows) != 2 || len(hist) != 2 {
		t.Fatalf("%d sets, %d history rows; want 2 and 2", len(rows), len(hist))
	}
	for i, r := range rows {
		start, finish := r["BackupStartDate"], r["BackupFinishDate"]
		if finish == "NULL" || finish < start {
			t.Errorf("set %d: BackupFinishDate %s, BackupStartDate %s", i+1, finish, start)
		}
		if finish != hist[i]["backup_finish_date"] {
			t.Errorf("set %d: BackupFinishDate %s, msdb's backup_finish_date %s", i+1, finish, hist[i]["backup_finish_date"])
		}
	}
	for _, file := range []string{"1", "2"} {
		mustExec(t, s, "RESTORE VERIFYONLY FROM DISK = '"+path+"' WITH FILE = "+file)
	}
	mustExec(t, s, "RESTORE DATABASE c FROM DISK = '"+path+"' WITH FILE = 1, NORECOVERY, MOVE 'd' TO 'c.mdf', MOVE 'd_log' TO 'c.ldf'")
	mustExec(t, s, "RESTORE LOG c FROM DISK = '"+path+"' WITH FILE = 2, RECOVERY")
	if got := one(t, s, "SELECT COUNT(*) FROM c.dbo.t"); got != "2001" {
		t.Fatalf("restored copy has %s rows, want 2001", got)
	}
}

// TestCRC32CCombine: the checksum of a set whose header is rewritten at
// its end is combined from the header's and the rest's; the combination
// is the checksum of the whole, for empty and long parts alike.
func TestCRC32CCombine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {12, 0}, {0, 9}, {1, 1}, {300, 7}, {4096, 65537}, {77, 1<<20 + 3}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(r.Uint32())
		}
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		want := crc32.Checksum(append(append([]byte(nil), a...), b...), castagnoli)
		if got := crc32cCombine(crc32.Checksum(a, castagnoli), crc32.Checksum(b, castagnoli), int64(len(b))); got != want {
			t.Errorf("%d+%d bytes: combined %08x, want %08x", n[0], n[1], got, want)
		}
	}
}

// TestDataBackupStopAtFinish: RESTORE DATABASE … STOPAT refuses a point
// before the data backup finished (4338), as SQL Server does, and only a
// later one leaves the database RESTORING for the log (4322). A set of an
// earlier release, without a finish time, is judged by its start. Before,
// a point between the start and the finish was taken, though the backup's
// rows may hold commits after it.
func TestDataBackupStopAtFinish(t *testing.T) {
	start := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	finish := start.Add(2 * time.Second)
	for _, c := range []struct {
		name   string
		at     time.Time
		finish time.Time
		want   int32 // the error, or the notice
	}{
		{"before start", start.Add(-time.Second), finish, 4338},
		{"between start and finish", start.Add(time.Second), finish, 4338},
		{"after finish", finish.Add(time.Second), finish, 4322},
		{"earlier release, after start", start.Add(time.Second), time.Time{}, 4322},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := &backupHeader{Type: "DATABASE", Start: start, Finish: c.finish}
			notice, err := checkDatabaseStop(&stopPoint{kind: stopAtTime, at: c.at}, h)
			var got int32
			var se *sqlexec.Error
			switch {
			case errors.As(err, &se):
				got = se.Number
			case err != nil:
				t.Fatal(err)
			case notice != nil:
				got = notice.Number
			}
			if got != c.want {
				t.Fatalf("got %d, want %d", got, c.want)
			}
		})
	}
}

// TestBackupLogWaitsForCommitsInFlight: BACKUP LOG fixes its log end and
// the time it is complete through only with no commit in flight. A commit
// holds commitMu shared from stamping its time until its record is
// durable; here the test holds it as such a commit would. BACKUP LOG must
// wait for it (its exclusive request is seen pending: TryRLock fails)
// rather than finish without the commit's record yet with a later time —
// a STOPAT between the two then ended the restore without the commit.
// Before, BACKUP LOG did not wait: it finished with the "commit" in
// flight, its time after the commit's stamp.
func TestBackupLogWaitsForCommitsInFlight(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'full.bak' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (1)")
	db := inst.Database("d")

	db.commitMu.RLock()
	stamped := time.Now().UTC()
	done := make(chan error, 1)
	go func() {
		out := &collect{}
		err := s.ExecBatch(t.Context(), "BACKUP LOG d TO DISK = 'log.trn' WITH INIT", out)
		if err == nil && len(out.errs) > 0 {
			err = out.errs[0]
		}
		done <- err
	}()
	finishedInFlight := false
	for waiting := false; !waiting; {
		select {
		case err := <-done:
			if err != nil {
				db.commitMu.RUnlock()
				t.Fatal(err)
			}
			finishedInFlight = true
			waiting = true
			done <- nil
		default:
			// A pending exclusive lock makes TryRLock fail; until then
			// the backup goroutine gets the processor.
			if db.commitMu.TryRLock() {
				db.commitMu.RUnlock()
				runtime.Gosched()
			} else {
				waiting = true
			}
		}
	}
	db.commitMu.RUnlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	sets, err := readBackupSets(filepath.Join(dir, "log.trn"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if through := sets[0].header.through(); finishedInFlight || !through.After(stamped) {
		t.Fatalf("BACKUP LOG finished with a commit in flight: %v; complete through %v, the commit stamped %v", finishedInFlight, through, stamped)
	}
}
