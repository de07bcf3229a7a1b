package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestBackupMessagesSqlcmd: what a DBA's sqlcmd prints for a backup and
// restore sequence, as SQL Server prints it — per file "Processed N pages for
// database 'db', file 'logical name' on file P." (4035; the data and log files
// for BACKUP DATABASE and RESTORE, the log file alone for BACKUP LOG), then
// "<statement> successfully processed N pages in S seconds (R MB/sec)." (3014)
// whose N is their sum; P is the set's position in the media set. The
// golden file holds the output with the timings and page counts masked; the
// counts are checked here: the data file's are not zero, nor the log file's
// of a full backup, they add up, and RESTORE reads the pages BACKUP wrote. A copy restored under another name
// keeps the backed-up database's logical file names, in the messages too.
func TestBackupMessagesSqlcmd(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "bakmsg"})
	dir := t.TempDir()
	bak := filepath.Join(dir, "shop.bak")
	script := strings.ReplaceAll(`CREATE DATABASE shop
GO
ALTER DATABASE shop SET RECOVERY FULL
GO
CREATE TABLE shop.dbo.p (id int PRIMARY KEY, name nvarchar(200))
INSERT shop.dbo.p SELECT value, REPLICATE(N'x', 100) FROM GENERATE_SERIES(1, 2000)
GO
BACKUP DATABASE shop TO DISK = 'BAK' WITH INIT
GO
INSERT shop.dbo.p VALUES (5000, N'y')
GO
BACKUP LOG shop TO DISK = 'BAK'
GO
BACKUP DATABASE shop TO DISK = 'BAK' WITH DIFFERENTIAL
GO
RESTORE DATABASE shop FROM DISK = 'BAK' WITH FILE = 1, NORECOVERY, REPLACE
GO
RESTORE LOG shop FROM DISK = 'BAK' WITH FILE = 2
GO
RESTORE DATABASE shop_copy FROM DISK = 'BAK' WITH FILE = 1
GO
SET NOCOUNT ON
SELECT COUNT(*) AS n FROM shop.dbo.p
SELECT name FROM shop_copy.sys.database_files ORDER BY file_id
GO
`, "BAK", bak)
	file := filepath.Join(dir, "backup.sql")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(harness.Binary(t), "sqlcmd", "-S", "127.0.0.1,"+strconv.Itoa(srv.Port), "-U", "sa", "-P", srv.Password, "-b", "-i", file).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlcmd: %v\n%s", err, out)
	}
	text := string(out)

	// Page counts: per statement, the 4035 lines' sum is the 3014 total.
	processed := regexp.MustCompile(`^Processed (\d+) pages for database '\w+', file '(shop|shop_log)' on file \d+\.$`)
	summary := regexp.MustCompile(`^(.+) successfully processed (\d+) pages in \d+\.\d{3} seconds \(\d+\.\d{3} MB/sec\)\.$`)
	var sum int64
	data, logPages := map[string]int64{}, map[string]int64{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if m := processed.FindStringSubmatch(line); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			sum += n
			if m[2] == "shop" {
				data[""] = n
			} else {
				logPages[""] = n
			}
			continue
		}
		if m := summary.FindStringSubmatch(line); m != nil {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			if n != sum {
				t.Errorf("%s: total %d pages, its files' add up to %d", m[1], n, sum)
			}
			data[m[1]], logPages[m[1]] = data[""], logPages[""]
			sum, data[""], logPages[""] = 0, 0, 0
		}
	}
	if data["BACKUP DATABASE"] == 0 || data["RESTORE DATABASE"] != data["BACKUP DATABASE"] {
		t.Errorf("data file pages: BACKUP wrote %d, RESTORE read %d; want the same, not zero", data["BACKUP DATABASE"], data["RESTORE DATABASE"])
	}

	// A full backup carries the active log from the checkpoint it starts
	// with (engine/backup.go backupDatabase), as SQL Server's does: its log
	// file's pages are not zero, and RESTORE reads them back.
	if logPages["BACKUP DATABASE"] == 0 || logPages["RESTORE DATABASE"] != logPages["BACKUP DATABASE"] {
		t.Errorf("log file pages: BACKUP DATABASE wrote %d, RESTORE read %d; want the same, not zero", logPages["BACKUP DATABASE"], logPages["RESTORE DATABASE"])
	}

	masked := regexp.MustCompile(`\d+ pages`).ReplaceAllString(text, "N pages")
	masked = regexp.MustCompile(`in \d+\.\d{3} seconds \(\d+\.\d{3} MB/sec\)`).ReplaceAllString(masked, "in S seconds (R MB/sec)")
	golden := filepath.Join("testdata", "backup_messages.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(masked), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if masked != string(want) {
		t.Errorf("sqlcmd output (masked):\n%s\nwant (%s):\n%s", masked, golden, want)
	}
}
