package errorlog

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestCycleArchives checks sp_cycle_errorlog's ring operation: the current
// records become archive 1, older archives move up, at most MaxArchives are
// kept, and the new current log starts empty (and wraps as before).
func TestCycleArchives(t *testing.T) {
	ring := NewRing(3)
	log := slog.New(NewHandler(slog.NewTextHandler(&strings.Builder{}, nil), ring))
	texts := func(es []Entry) string {
		var s []string
		for _, e := range es {
			s = append(s, e.Text)
		}
		return strings.Join(s, ",")
	}
	for i := 0; i < 4; i++ { // wraps: keeps m1..m3
		log.Info(fmt.Sprintf("m%d", i))
	}
	ring.Cycle()
	if got := texts(ring.Entries()); got != "" {
		t.Fatalf("current log after a cycle = %q, want empty", got)
	}
	if got, ok := ring.Archive(1); !ok || texts(got) != "m1,m2,m3" {
		t.Fatalf("archive 1 = %q %v, want m1,m2,m3", texts(got), ok)
	}
	log.Info("n0")
	ring.Cycle()
	if got, _ := ring.Archive(1); texts(got) != "n0" {
		t.Errorf("archive 1 = %q, want n0", texts(got))
	}
	if got, _ := ring.Archive(2); texts(got) != "m1,m2,m3" {
		t.Errorf("archive 2 = %q, want m1,m2,m3", texts(got))
	}
	for i := 0; i < MaxArchives+2; i++ {
		log.Info(fmt.Sprintf("c%d", i))
		ring.Cycle()
	}
	if _, ok := ring.Archive(MaxArchives + 1); ok {
		t.Errorf("archive %d kept, want at most %d", MaxArchives+1, MaxArchives)
	}
	if got, _ := ring.Archive(1); texts(got) != fmt.Sprintf("c%d", MaxArchives+1) {
		t.Errorf("archive 1 = %q after the cycles", texts(got))
	}
	if _, ok := ring.Archive(0); ok {
		t.Error("archive 0 reported; 0 is the current log")
	}
	for i := 0; i < 5; i++ {
		log.Info(fmt.Sprintf("w%d", i))
	}
	if got := texts(ring.Entries()); got != "w2,w3,w4" {
		t.Errorf("current log = %q, want the newest 3 (w2,w3,w4)", got)
	}
}
