package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
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
	e := newCentry([]byte("k"), vs[0])
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

// TestLessCentryOrder: comparing the 8-byte prefixes first orders entries
// exactly as bytes.Compare orders their keys — keys shorter than, equal to
// and longer than the prefix, trailing zero bytes (a padded prefix equals a
// real zero byte), and random keys over a small alphabet, so that equal
// prefixes and proper-prefix keys are frequent.
func TestLessCentryOrder(t *testing.T) {
	keys := [][]byte{
		nil, {}, {0}, {0, 0}, {1}, {0, 1}, {1, 0}, []byte("a"), []byte("a\x00"), []byte("a\x00\x00\x00\x00\x00\x00\x00"),
		[]byte("a\x00\x00\x00\x00\x00\x00\x00\x00"), []byte("a\x00\x00\x00\x00\x00\x00\x00\x01"), []byte("abcdefgh"),
		[]byte("abcdefg"), []byte("abcdefgh\x00"), []byte("abcdefghi"), []byte("abcdefgi"), {0xff}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		k := make([]byte, rng.IntN(12))
		for i := range k {
			k[i] = byte(rng.IntN(3)) // 0, 1, 2
		}
		keys = append(keys, k)
	}
	for _, a := range keys {
		for _, b := range keys[:40] {
			ea, eb := probeFor(a), newCentry(b, cversion{lsn: 1})
			if got, want := lessCentry(ea, eb), bytes.Compare(a, b) < 0; got != want {
				t.Fatalf("lessCentry(%x, %x) = %v, bytes.Compare says %v", a, b, got, want)
			}
			if got, want := lessCentry(eb, ea), bytes.Compare(b, a) < 0; got != want {
				t.Fatalf("lessCentry(%x, %x) = %v, bytes.Compare says %v", b, a, got, want)
			}
		}
	}
	// And as a tree: every key found again, in order.
	tr := newTree()
	for i, k := range keys {
		tr.ReplaceOrInsert(newCentry(k, cversion{lsn: txlog.LSN(i + 1)}))
	}
	var prev []byte
	first := true
	tr.Ascend(func(e *centry) bool {
		if !first && bytes.Compare(prev, e.key) >= 0 {
			t.Fatalf("tree order: %x before %x", prev, e.key)
		}
		prev, first = e.key, false
		return true
	})
	for _, k := range keys {
		if e, ok := tr.Get(probeFor(k)); !ok || !bytes.Equal(e.key, k) {
			t.Fatalf("Get(%x) = %v, %v", k, e, ok)
		}
	}
}
