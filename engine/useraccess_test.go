package engine

import (
	"errors"
	"testing"
)

// TestChangeUserAccessKeepsHolderOnFailedWrite: leaving SINGLE_USER forgets
// the database's holder only once the new mode is written. A write that
// fails leaves the session that set SINGLE_USER holding it (another's USE
// still gets 924); one that succeeds forgets it.
func TestChangeUserAccessKeepsHolderOnFailedWrite(t *testing.T) {
	for _, tc := range []struct {
		name       string
		mode       string
		writeErr   error
		wantHolder bool
	}{
		{"MULTI_USER write fails", accessMulti, errors.New("injected write failure"), true},
		{"RESTRICTED_USER write fails", accessRestricted, errors.New("injected write failure"), true},
		{"MULTI_USER written", accessMulti, nil, false},
		{"RESTRICTED_USER written", accessRestricted, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst, s := openTestDatabase(t, t.TempDir())
			defer inst.Close()
			mustExec(t, s, "ALTER DATABASE d SET SINGLE_USER")
			id := inst.Database("d").id
			g := &inst.access
			g.mu.Lock()
			err := inst.changeUserAccess(id, tc.mode, func() error { return tc.writeErr })
			_, held := g.holders[id]
			g.mu.Unlock()
			if !errors.Is(err, tc.writeErr) {
				t.Fatalf("changeUserAccess = %v, want %v", err, tc.writeErr)
			}
			if held != tc.wantHolder {
				t.Fatalf("holder recorded = %v, want %v", held, tc.wantHolder)
			}
			if tc.wantHolder {
				other := newTestSession(t, inst, "master")
				if n := batchErrorNumber(other, "USE d"); n != 924 {
					t.Fatalf("another session's USE d after the failed change: error %d, want 924", n)
				}
			}
		})
	}
}
