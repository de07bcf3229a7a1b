package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupExpiry: EXPIREDATE and RETAINDAYS are kept in the set's header
// and shown by RESTORE HEADERONLY (ExpirationDate, NULL without); BACKUP …
// WITH INIT onto media holding a set that has not expired — the first or a
// later one — is 4030 with SQL Server's text, SKIP or FORMAT overwrite it, an
// expired set is overwritten, and appending is always allowed.
func TestBackupExpiry(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	path := filepath.Join(dir, "x.bak")
	backup := func(with string) string { return "BACKUP DATABASE d TO DISK = '" + path + "' WITH " + with }
	// expiry lists each set's ExpirationDate (a HEADERONLY column).
	expiry := func() string {
		var dates []string
		_, rows := resultSet(t, s, "RESTORE HEADERONLY FROM DISK = '"+path+"'")
		for _, row := range rows {
			dates = append(dates, row["ExpirationDate"])
		}
		return strings.Join(dates, " ")
	}
	steps := []struct {
		sql    string
		want   int32
		expiry string // the sets' dates afterwards; "" to skip
	}{
		{backup("FORMAT"), 0, "NULL"},
		{backup("NOINIT, EXPIREDATE = '2099-12-31'"), 0, "NULL 2099-12-31 00:00:00.000"},
		{backup("INIT"), 4030, ""}, // the second set has not expired
		{backup("INIT, MEDIANAME = NULL"), 4030, ""},
		{backup("INIT, SKIP"), 0, "NULL"},
		{"DECLARE @d datetime = '2098-01-02T03:04:05'; " + backup("INIT, EXPIREDATE = @d"), 0, "2098-01-02 03:04:05.000"},
		{backup("NOINIT"), 0, "2098-01-02 03:04:05.000 NULL"}, // appending is allowed
		{backup("INIT"), 4030, ""},
		{backup("FORMAT, EXPIREDATE = '2001-01-01'"), 0, "2001-01-01 00:00:00.000"},
		{backup("INIT, RETAINDAYS = 0"), 0, ""}, // expired: overwritten
		{backup("INIT, RETAINDAYS = 3"), 0, ""},
		{backup("INIT"), 4030, ""},
	}
	for _, st := range steps {
		if got := execNumber(t, s, st.sql); got != st.want {
			t.Fatalf("%s: error %d, want %d", st.sql, got, st.want)
		}
		if st.expiry != "" {
			if got := expiry(); got != st.expiry {
				t.Fatalf("after %s: ExpirationDate %s, want %s", st.sql, got, st.expiry)
			}
		}
	}
	// msdb's history keeps each written set's expiry (NULL without one); the
	// two RETAINDAYS sets expire from the moment they were written.
	var hist []string
	for _, row := range mustExec(t, s, "SELECT ISNULL(CONVERT(varchar(23), expiration_date, 121), 'NULL') FROM msdb.dbo.backupset WHERE database_name = 'd' ORDER BY backup_set_id") {
		hist = append(hist, row)
	}
	wantHist := []string{"NULL", "2099-12-31 00:00:00.000", "NULL", "2098-01-02 03:04:05.000", "NULL", "2001-01-01 00:00:00.000"}
	if len(hist) != len(wantHist)+2 || strings.Join(hist[:len(wantHist)], " ") != strings.Join(wantHist, " ") || hist[6] == "NULL" || hist[7] <= hist[6] {
		t.Errorf("msdb.dbo.backupset expiration_date: %q, want %q then two RETAINDAYS dates, the second later", hist, wantHist)
	}
	out := &collect{}
	_ = s.ExecBatch(context.Background(), backup("INIT"), out)
	if len(out.errs) == 0 || !strings.HasPrefix(out.errs[0].Error(), "The medium on device '"+path+"' expires on ") ||
		!strings.Contains(out.errs[0].Error(), " and cannot be overwritten.") {
		t.Errorf("INIT onto unexpired media: %v, want 4030's text", out.errs)
	}
}

func TestSQLDateText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2030-01-01T00:00:00Z", "Jan  1 2030 12:00:00:000AM"},
		{"2030-12-31T13:05:09.25Z", "Dec 31 2030  1:05:09:250PM"},
		{"2030-06-15T12:30:00Z", "Jun 15 2030 12:30:00:000PM"},
	} {
		tm, err := time.Parse(time.RFC3339Nano, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := sqlDateText(tm); got != tc.want {
			t.Errorf("sqlDateText(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
