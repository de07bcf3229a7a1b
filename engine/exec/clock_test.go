package exec

import (
	"strings"
	"testing"
	"time"
)

// TestClockNow checks clockNow against time.Now: the same wall clock, a
// monotonic reading (durations between its times are exact and never
// negative), and a base replaced once it is clockRebase old or from a
// clock that went back.
func TestClockNow(t *testing.T) {
	near := func(t *testing.T, got time.Time) {
		t.Helper()
		if d := time.Since(got.Round(0)); d < -time.Millisecond || d > time.Second {
			t.Fatalf("clockNow %v is %v from the wall clock", got, d)
		}
	}
	t.Run("wall and monotonic", func(t *testing.T) {
		prev := clockNow()
		near(t, prev)
		for range 1000 {
			now := clockNow()
			if now.Sub(prev) < 0 || now.Round(0).Before(prev.Round(0).Add(-time.Millisecond)) {
				t.Fatalf("clockNow went back: %v after %v", now, prev)
			}
			prev = now
		}
		if !strings.Contains(prev.String(), " m=") { // time.Time.String shows a monotonic reading
			t.Fatal("clockNow's time carries no monotonic reading")
		}
	})
	for name, base := range map[string]time.Time{
		"stale base":  time.Now().Add(-clockRebase - time.Millisecond),
		"future base": time.Now().Add(time.Hour),
	} {
		t.Run(name, func(t *testing.T) {
			clockBase.Store(&base)
			near(t, clockNow())
			if b := clockBase.Load(); *b == base {
				t.Fatal("the base was kept")
			}
		})
	}
}
