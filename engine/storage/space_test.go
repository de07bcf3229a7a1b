package storage

import (
	"errors"
	"testing"
)

func TestSpaceGuard(t *testing.T) {
	const lim = 64 << 20
	for _, tc := range []struct {
		name     string
		minFree  int64
		readings []uint64 // successive free-space readings; 0 means statfs fails
		want     []error  // CheckSpace result after each reading
	}{
		{name: "plenty", minFree: lim, readings: []uint64{1 << 40}, want: []error{nil}},
		{name: "below minimum", minFree: lim, readings: []uint64{lim - 1}, want: []error{ErrNoSpace}},
		{name: "freed space seen at once", minFree: lim, readings: []uint64{lim - 1, lim - 1, 2 * lim}, want: []error{ErrNoSpace, ErrNoSpace, nil}},
		{name: "filling up near the limit re-reads", minFree: lim, readings: []uint64{2 * lim, lim / 2}, want: []error{nil, ErrNoSpace}},
		{name: "statfs failure lets writes through", minFree: lim, readings: []uint64{0}, want: []error{nil}},
		{name: "negative disables the check", minFree: -1, readings: []uint64{1}, want: []error{nil}},
		{name: "zero is the default", minFree: 0, readings: []uint64{DefaultMinFreeBytes - 1}, want: []error{ErrNoSpace}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newSpaceGuard(t.TempDir(), tc.minFree)
			i := 0
			g.free = func(string) (uint64, error) {
				r := tc.readings[min(i, len(tc.readings)-1)]
				if r == 0 {
					return 0, errors.New("statfs failed")
				}
				return r, nil
			}
			for i = range tc.readings {
				err := g.check()
				if !errors.Is(err, tc.want[i]) || (tc.want[i] == nil && err != nil) {
					t.Fatalf("check after reading %d (%d bytes): %v, want %v", i, tc.readings[i], err, tc.want[i])
				}
			}
		})
	}
}

func TestBadgerCheckSpace(t *testing.T) {
	for _, tc := range []struct {
		name    string
		minFree int64
		want    error
	}{
		{name: "more than any disk", minFree: 1 << 62, want: ErrNoSpace},
		{name: "disabled", minFree: -1, want: nil},
		{name: "one byte", minFree: 1, want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := OpenBadger(Options{Dir: t.TempDir(), MinFreeBytes: tc.minFree, HousekeepingInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.CheckSpace()
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("CheckSpace: %v, want %v", err, tc.want)
			}
		})
	}
}

// BenchmarkSpaceGuardCheck is the cost of one CheckSpace on a file system far
// from full (the cached reading; a statfs at most every spaceRecheck): what a
// principal's commit and a mirror's hardened frame (mirroring/harden.go) pay.
func BenchmarkSpaceGuardCheck(b *testing.B) {
	g := newSpaceGuard(b.TempDir(), 0)
	if err := g.check(); err != nil {
		b.Skipf("the test file system is short of space: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := g.check(); err != nil {
			b.Fatal(err)
		}
	}
}
