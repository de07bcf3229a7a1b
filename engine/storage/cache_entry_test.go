package storage

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// chainString prints an entry's versions newest first: "30:c 20:- 10:a"
// ("-" is a delete); "" for nil.
func chainString(e *centry) string {
	if e == nil {
		return ""
	}
	s := ""
	for i, v := range e.versions() {
		if i > 0 {
			s += " "
		}
		if v.del {
			s += fmt.Sprintf("%d:-", v.lsn)
		} else {
			s += fmt.Sprintf("%d:%s", v.lsn, v.value)
		}
	}
	return s
}

func put(lsn txlog.LSN, v string) cversion { return cversion{lsn: lsn, value: []byte(v)} }
func del(lsn txlog.LSN) cversion           { return cversion{lsn: lsn, del: true} }

func entryOf(vs ...cversion) *centry {
	e := &centry{key: []byte("k"), value: vs[0].value, lsn: vs[0].lsn, del: vs[0].del}
	if len(vs) > 1 {
		e.older = vs[1:]
	}
	return e
}

func TestMergeEntry(t *testing.T) {
	tests := []struct {
		name  string
		old   *centry
		add   []cversion
		floor txlog.LSN
		want  string
	}{
		{"insert", nil, []cversion{put(10, "a")}, 10, "10:a"},
		{"insert above floor", nil, []cversion{put(10, "a")}, 5, "10:a"},
		{"update hides old", entryOf(put(10, "a")), []cversion{put(20, "b")}, 20, "20:b"},
		{"update, pinned reader keeps old", entryOf(put(10, "a")), []cversion{put(20, "b")}, 15, "20:b 10:a"},
		{"delete kept as tombstone", entryOf(put(10, "a")), []cversion{del(20)}, 20, "20:-"},
		{"delete of absent key kept", nil, []cversion{del(20)}, 20, "20:-"},
		{"replay below newest is pruned", entryOf(put(20, "b")), []cversion{put(10, "a")}, 20, "20:b"},
		{"replay below tombstone stays hidden", entryOf(del(20)), []cversion{put(10, "a")}, 20, "20:-"},
		{"replay of the same version", entryOf(put(20, "b"), put(10, "a")), []cversion{put(20, "b")}, 15, "20:b 10:a"},
		{"out of order, pinned", entryOf(put(30, "c"), put(10, "a")), []cversion{put(20, "b")}, 25, "30:c 20:b"},
		{"out of order, all kept", entryOf(put(30, "c"), put(10, "a")), []cversion{put(20, "b")}, 5, "30:c 20:b 10:a"},
		{"merge a load with writes", entryOf(put(10, "a")), []cversion{put(30, "c"), del(20)}, 15, "30:c 20:- 10:a"},
		{"merge prunes at floor", entryOf(put(10, "a")), []cversion{put(30, "c"), del(20)}, 25, "30:c 20:-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before string
			if tc.old != nil {
				before = chainString(tc.old)
			}
			got := chainString(mergeEntry([]byte("k"), tc.old, tc.add, tc.floor))
			if got != tc.want {
				t.Errorf("mergeEntry = %q, want %q", got, tc.want)
			}
			if tc.old != nil && chainString(tc.old) != before {
				t.Errorf("old entry changed: %q, was %q", chainString(tc.old), before)
			}
		})
	}
}

func TestEntryVisible(t *testing.T) {
	e := entryOf(put(30, "c"), del(20), put(10, "a"))
	tests := []struct {
		asOf  txlog.LSN
		want  string
		found bool
	}{
		{5, "", false}, {10, "a", true}, {19, "a", true}, {20, "", false}, {29, "", false}, {30, "c", true}, {Latest, "c", true},
	}
	for _, tc := range tests {
		v, ok := e.visible(tc.asOf)
		if ok != tc.found || ok && string(v) != tc.want {
			t.Errorf("visible(%d) = %q, %v; want %q, %v", tc.asOf, v, ok, tc.want, tc.found)
		}
	}
}
