package errorlog

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestHandlerKeepsAndForwards(t *testing.T) {
	var out strings.Builder
	ring := NewRing(3)
	log := slog.New(NewHandler(slog.NewTextHandler(&out, nil), ring)).With("instance", "p")
	for i := 0; i < 5; i++ {
		log.Info("message", "n", i)
	}
	log.Debug("not enabled: neither forwarded nor kept")
	got := ring.Entries()
	if len(got) != 3 {
		t.Fatalf("kept %d records, want the newest 3", len(got))
	}
	for i, e := range got {
		want := fmt.Sprintf("message instance=p n=%d", i+2)
		if e.Text != want {
			t.Errorf("entry %d = %q, want %q", i, e.Text, want)
		}
	}
	if n := strings.Count(out.String(), "msg=message"); n != 5 {
		t.Errorf("next handler got %d records, want 5", n)
	}
	if strings.Contains(out.String(), "not enabled") {
		t.Error("a record below the level was forwarded")
	}
}

func TestHandlerGroups(t *testing.T) {
	ring := NewRing(10)
	h := NewHandler(slog.NewTextHandler(&strings.Builder{}, nil), ring)
	slog.New(h).WithGroup("g").Info("m", "k", "v")
	if err := h.Handle(context.Background(), slog.Record{Message: "bare"}); err != nil {
		t.Fatal(err)
	}
	got := ring.Entries()
	if len(got) != 2 || got[0].Text != "m g.k=v" || got[1].Text != "bare" {
		t.Errorf("entries %+v, want [m g.k=v] [bare]", got)
	}
}
