package tds

import "testing"

func TestHoldsLoginResponse(t *testing.T) {
	tests := []struct {
		name       string
		encryption string
		library    string
		want       bool
	}{
		{"jTDS, login-only TLS", ModeLoginOnly, "jTDS", true},
		{"jTDS, full TLS", ModeOn, "jTDS", false},
		{"jTDS, no TLS", ModeOff, "jTDS", false},
		{"go-mssqldb, login-only TLS", ModeLoginOnly, "go-mssqldb", false},
		{"FreeTDS, login-only TLS", ModeLoginOnly, "DB-Library", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := holdsLoginResponse(&LoginRequest{Encryption: tt.encryption, LibraryName: tt.library}); got != tt.want {
				t.Errorf("holdsLoginResponse = %v, want %v", got, tt.want)
			}
		})
	}
}
