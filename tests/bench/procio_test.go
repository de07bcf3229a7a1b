package main

import (
	"os"
	"testing"
)

func TestParseIO(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       ioCounts
	}{
		{"kernel's layout", "rchar: 4292\nwchar: 0\nsyscr: 13\nsyscw: 7\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n", ioCounts{13, 7}},
		{"missing lines", "rchar: 1\n", ioCounts{}},
		{"not a number", "syscr: x\nsyscw: 5\n", ioCounts{0, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseIO([]byte(tc.text)); got != tc.want {
				t.Fatalf("parseIO = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestProcIOSelfCountsWrites(t *testing.T) {
	before := procIO(os.Getpid())
	if before == (ioCounts{}) {
		t.Skip("/proc/self/io not readable here")
	}
	f, err := os.CreateTemp(t.TempDir(), "io")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		if _, err := f.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if after := procIO(os.Getpid()); after.writes < before.writes+3 {
		t.Fatalf("syscw %d → %d after 3 writes", before.writes, after.writes)
	}
}
