package proto

import (
	"bytes"
	"errors"
	"testing"
)

// TestCommonVersion: two endpoints speak the highest version both speak, and
// none when their ranges do not meet (docs/compatibility.md).
func TestCommonVersion(t *testing.T) {
	cases := []struct {
		name     string
		min, max uint8
		want     uint8
		ok       bool
	}{
		{"same release", MinVersion, Version, Version, true},
		{"previous release (2e399cb speaks 2 only)", 2, 2, 2, true},
		{"newer release that still speaks ours", MinVersion, Version + 1, Version, true},
		{"future release that dropped ours", Version + 1, Version + 2, 0, false},
		{"too old", 1, 1, 0, false},
		{"inverted range", Version, MinVersion, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := CommonVersion(tc.min, tc.max)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("CommonVersion(%d, %d) = %d, %v; want %d, %v", tc.min, tc.max, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestConnVersion: frames are written at HandshakeVersion until SetVersion and
// at the agreed version after it; a reader takes any version it speaks until
// it agreed one, then only that one; a version it does not speak is a
// *VersionError that names it.
func TestConnVersion(t *testing.T) {
	ping := &Ping{Seq: 1}
	var stream bytes.Buffer
	w := NewConn(&stream, 0)
	mustWrite := func(m Message) {
		t.Helper()
		if err := w.WriteMessage(m); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(ping)
	if got := stream.Bytes()[4]; got != HandshakeVersion {
		t.Fatalf("before SetVersion a frame carries version %d, want %d", got, HandshakeVersion)
	}
	stream.Reset()
	w.SetVersion(Version)
	mustWrite(ping)
	if got := stream.Bytes()[4]; got != Version {
		t.Fatalf("after SetVersion(%d) a frame carries version %d", Version, got)
	}

	for _, v := range []uint8{MinVersion, Version} {
		r := NewConn(bytes.NewBuffer(AppendFrameVersion(nil, v, ping)), 0)
		if _, err := r.ReadMessage(); err != nil {
			t.Fatalf("version %d before agreeing: %v", v, err)
		}
	}
	r := NewConn(bytes.NewBuffer(AppendFrameVersion(nil, MinVersion, ping)), 0)
	r.SetVersion(Version)
	var ve *VersionError
	if _, err := r.ReadMessage(); !errors.As(err, &ve) || ve.Got != MinVersion || ve.Want != Version {
		t.Fatalf("version %d on a connection that agreed %d: %v", MinVersion, Version, err)
	}
	r = NewConn(bytes.NewBuffer(AppendFrameVersion(nil, Version+1, ping)), 0)
	if _, err := r.ReadMessage(); !errors.As(err, &ve) || ve.Got != Version+1 {
		t.Fatalf("future version %d: %v", Version+1, err)
	}
}
