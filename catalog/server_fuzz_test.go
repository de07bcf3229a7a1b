package catalog

import (
	"testing"
	"time"
)

// FuzzDecodeServer: the master's server catalog file (server.json) is read at
// every start; whatever it holds — damaged, hand-edited, null entries — it
// decodes to a catalog whose lookups work, or to an error, never to a panic
// at boot.
func FuzzDecodeServer(f *testing.F) {
	s := NewServer("Passw0rd!", time.Unix(1700000000, 0).UTC())
	s.Databases = append(s.Databases, &DatabaseEntry{ID: 1, Name: "master", State: "ONLINE"})
	s.Certificates = append(s.Certificates, &Certificate{ID: 256, Name: "c"})
	s.Endpoints = append(s.Endpoints, &Endpoint{Name: "Mirroring"})
	b, err := s.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	// FormatVersion is 1; null entries were a panic at boot.
	f.Add([]byte(`{"version":1,"logins":[null],"databases":[null],"certificates":[null],"endpoints":[null]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeServer(b)
		if err != nil {
			return
		}
		s.Login("sa")
		s.LoginBySID([]byte{1})
		s.Database("master")
		s.DatabaseByID(1)
		s.Certificate("c")
		s.Endpoint()
		if _, err := s.Clone().Encode(); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}
