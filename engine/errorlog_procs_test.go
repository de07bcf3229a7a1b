package engine

import "testing"

func TestErrorLogProcessInfo(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Login failed for user 'x'. Reason: Password did not match that for the login provided. [CLIENT: 127.0.0.1]", "Logon"},
		{"Login succeeded for user 'sa'.", "Logon"},
		{"Server is listening on [ 127.0.0.1 <ipv4> 1433].", "Server"},
	} {
		if got := processInfo(c.text); got != c.want {
			t.Errorf("processInfo(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
