// Package errorlog keeps the instance's recent log records in memory so that
// T-SQL can read them back the way DBAs read SQL Server's error log
// (sp_readerrorlog, xp_readerrorlog) without access to the machine.
//
// Handler is an slog.Handler that passes every record on to the next handler
// (the process's stderr log) and keeps a copy in a bounded ring: the newest
// Capacity records since the process started, oldest dropped first, so a long
// run never grows it.
package errorlog

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Entry is one kept record: its time, level and text (the message followed
// by its attributes as key=value).
type Entry struct {
	Time  time.Time
	Level slog.Level
	Text  string
}

// Ring holds the newest records; it is shared by every Handler derived from
// the first (WithAttrs, WithGroup).
type Ring struct {
	mu      sync.Mutex
	entries []Entry
	next    int // where the next record goes once the ring is full
	full    bool
	// archives are the logs Cycle closed, newest first (cycle.go).
	archives [][]Entry
}

// NewRing returns a ring that keeps the newest capacity records.
func NewRing(capacity int) *Ring {
	return &Ring{entries: make([]Entry, 0, max(capacity, 1))}
}

func (r *Ring) add(e Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.full {
		r.entries = append(r.entries, e)
		if len(r.entries) == cap(r.entries) {
			r.full = true
		}
		return
	}
	r.entries[r.next] = e
	r.next = (r.next + 1) % len(r.entries)
}

// Entries returns the kept records, oldest first.
func (r *Ring) Entries() []Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Entry, 0, len(r.entries))
	if r.full {
		out = append(out, r.entries[r.next:]...)
		return append(out, r.entries[:r.next]...)
	}
	return append(out, r.entries...)
}

// Handler tees records into a Ring.
type Handler struct {
	next   slog.Handler
	ring   *Ring
	prefix string // attributes added with WithAttrs, rendered
	group  string
}

// NewHandler returns a handler that keeps every record next handles in ring.
func NewHandler(next slog.Handler, ring *Ring) *Handler {
	return &Handler{next: next, ring: ring}
}

// Enabled follows the next handler: what is not logged is not kept either.
func (h *Handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

// Handle keeps the record and passes it on.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	if h.prefix != "" {
		b.WriteString(h.prefix)
	}
	r.Attrs(func(a slog.Attr) bool {
		writeAttr(&b, h.group, a)
		return true
	})
	h.ring.add(Entry{Time: r.Time, Level: r.Level, Text: b.String()})
	return h.next.Handle(ctx, r)
}

// WithAttrs returns a handler that adds attrs to every record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.prefix)
	for _, a := range attrs {
		writeAttr(&b, h.group, a)
	}
	return &Handler{next: h.next.WithAttrs(attrs), ring: h.ring, prefix: b.String(), group: h.group}
}

// WithGroup returns a handler that qualifies later attributes with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	g := name
	if h.group != "" {
		g = h.group + "." + name
	}
	return &Handler{next: h.next.WithGroup(name), ring: h.ring, prefix: h.prefix, group: g}
}

func writeAttr(b *strings.Builder, group string, a slog.Attr) {
	if a.Equal(slog.Attr{}) {
		return
	}
	key := a.Key
	if group != "" {
		key = group + "." + key
	}
	fmt.Fprintf(b, " %s=%v", key, a.Value.Resolve())
}
