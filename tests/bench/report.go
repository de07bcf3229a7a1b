package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// sample is one named figure measured once per round; the report quotes the
// median over rounds.
type sample struct {
	section string // e.g. "1. TDS"
	name    string // e.g. "SELECT 1 round trips/s"
	system  string // e.g. "mirrorsql", "PostgreSQL"
	conns   int
	unit    string
	values  []float64
	order   int
}

// results collects samples keyed by (section, name, system, conns).
type results struct {
	m     map[string]*sample
	next  int
	notes []string
}

func newResults() *results { return &results{m: map[string]*sample{}} }

func (r *results) add(section, name, system string, conns int, unit string, v float64) {
	k := fmt.Sprintf("%s|%s|%s|%d|%s", section, name, system, conns, unit)
	s := r.m[k]
	if s == nil {
		s = &sample{section: section, name: name, system: system, conns: conns, unit: unit, order: r.next}
		r.next++
		r.m[k] = s
	}
	s.values = append(s.values, v)
}

// get returns the median of a sample, and whether it exists.
func (r *results) get(section, name, system string, conns int, unit string) (float64, bool) {
	s := r.m[fmt.Sprintf("%s|%s|%s|%d|%s", section, name, system, conns, unit)]
	if s == nil {
		return 0, false
	}
	return median(s.values), true
}

func (r *results) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// write prints every sample as markdown tables, one per section, with the
// median and the per-round values.
func (r *results) write(w io.Writer) {
	all := make([]*sample, 0, len(r.m))
	for _, s := range r.m {
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].order < all[j].order })
	bySection := map[string][]*sample{}
	var sections []string
	for _, s := range all {
		if _, ok := bySection[s.section]; !ok {
			sections = append(sections, s.section)
		}
		bySection[s.section] = append(bySection[s.section], s)
	}
	sort.Strings(sections)
	for _, sec := range sections {
		fmt.Fprintf(w, "\n#### %s\n\n| measurement | system | conns | median | unit | rounds |\n| --- | --- | ---: | ---: | --- | --- |\n", sec)
		for _, s := range bySection[sec] {
			rounds := make([]string, len(s.values))
			for i, v := range s.values {
				rounds[i] = fmtNum(v)
			}
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s |\n", s.name, s.system, s.conns, fmtNum(median(s.values)), s.unit, strings.Join(rounds, " / "))
		}
	}
	if len(r.notes) > 0 {
		fmt.Fprintf(w, "\nNotes from the run:\n\n")
		for _, n := range r.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
}

func fmtNum(v float64) string {
	switch {
	case v >= 1000:
		s := fmt.Sprintf("%.0f", v)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}
