package engine

import (
	"math/big"
	"testing"
	"time"
)

// TestOpenTranFormats: DBCC OPENTRAN's start time and LSN as SQL Server
// prints them ("Jun  1 2004  3:30:07:197PM", "(518:1576:1)").
func TestOpenTranFormats(t *testing.T) {
	times := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2004, 6, 1, 15, 30, 7, 197e6, time.UTC), "Jun  1 2004  3:30:07:197PM"},
		{time.Date(2026, 11, 26, 0, 5, 0, 0, time.UTC), "Nov 26 2026 12:05:00:000AM"},
		{time.Date(2026, 1, 9, 11, 59, 59, 999e6, time.UTC), "Jan  9 2026 11:59:59:999AM"},
	}
	for _, c := range times {
		if got := formatOpenTranTime(c.at); got != c.want {
			t.Errorf("formatOpenTranTime(%v) = %q, want %q", c.at, got, c.want)
		}
	}
	lsns := []struct{ numeric, want string }{
		{"518000000157600001", "(518:1576:1)"},
		{"0", "(0:0:0)"},
		{"1000000000000003", "(1:0:3)"},
	}
	for _, c := range lsns {
		n, _ := new(big.Int).SetString(c.numeric, 10)
		if got := openTranLSN(n); got != c.want {
			t.Errorf("openTranLSN(%s) = %q, want %q", c.numeric, got, c.want)
		}
	}
}
