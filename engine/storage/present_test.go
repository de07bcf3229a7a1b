package storage

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

func TestBadgerPresent(t *testing.T) {
	s, err := OpenBadger(Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	applied := func(at txlog.LSN, ops ...Op) {
		t.Helper()
		var b Batch
		for _, op := range ops {
			b.add(op)
		}
		if err := s.Apply(&b, at); err != nil {
			t.Fatal(err)
		}
	}
	put := func(k, v string) Op { return Op{ObjectID: 100, Key: []byte(k), Value: []byte(v)} }
	del := func(k string) Op { return Op{ObjectID: 100, Key: []byte(k), Delete: true} }
	applied(10, put("a", "1"), put("b", "1"))
	applied(20, put("a", "2"), del("b"))
	for _, tc := range []struct {
		name string
		at   txlog.LSN
		ops  []Op
		want bool
	}{
		{name: "applied puts", at: 10, ops: []Op{put("a", "1"), put("b", "1")}, want: true},
		{name: "applied put and delete", at: 20, ops: []Op{put("a", "2"), del("b")}, want: true},
		{name: "put never applied at this version", at: 15, ops: []Op{put("a", "x")}, want: false},
		{name: "one key missing", at: 10, ops: []Op{put("a", "1"), put("c", "1")}, want: false},
		{name: "delete of a key still present", at: 10, ops: []Op{del("a")}, want: false},
		{name: "delete of a key never written", at: 30, ops: []Op{del("zz")}, want: true},
		{name: "put at a later version than applied", at: 30, ops: []Op{put("a", "3")}, want: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b Batch
			for _, op := range tc.ops {
				b.add(op)
			}
			got, err := s.Present(&b, tc.at)
			if err != nil || got != tc.want {
				t.Fatalf("Present = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
