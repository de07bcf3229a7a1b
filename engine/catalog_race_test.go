package engine

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestConcurrentDDLKeepsEveryObject runs DDL of several kinds in many sessions
// at once on one database. A transaction's DDL works on a copy of the catalog
// that is published whole at commit, so without a lock held from the copy to
// the commit, two copies taken side by side lose one of the changes. Every
// object must exist afterwards and after a restart.
func TestConcurrentDDLKeepsEveryObject(t *testing.T) {
	const n = 12
	tests := []struct {
		name  string
		ddl   string // %d is the session number
		count string // counts the objects created
	}{
		{"create table", "CREATE TABLE t%d (k int PRIMARY KEY)", "SELECT COUNT(*) FROM sys.tables WHERE name LIKE 't%'"},
		{"create schema", "CREATE SCHEMA s%d", "SELECT COUNT(*) FROM sys.schemas WHERE name LIKE 's[0-9]%'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst := openTestInstance(t, dir)
			setup, err := inst.NewSession("sa", "master", exec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, setup, "CREATE DATABASE d")
			sessions := make([]*exec.Session, n)
			for i := range sessions {
				if sessions[i], err = inst.NewSession("sa", "d", exec.SessionInfo{}); err != nil {
					t.Fatal(err)
				}
			}
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, s := range sessions {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					out := &collect{}
					errs[i] = s.ExecBatch(context.Background(), fmt.Sprintf(tc.ddl, i), out)
					if errs[i] == nil && len(out.errs) > 0 {
						errs[i] = out.errs[0]
					}
				}()
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("session %d: %v", i, err)
				}
			}
			want := fmt.Sprint([]string{fmt.Sprint(n)})
			if got := mustExec(t, setup, "USE d; "+tc.count); fmt.Sprint(got) != want {
				t.Errorf("objects after concurrent DDL: %v, want %s", got, want)
			}
			for _, s := range sessions {
				inst.EndSession(s)
			}
			inst.EndSession(setup)
			if err := inst.Close(); err != nil {
				t.Fatal(err)
			}
			inst = openTestInstance(t, dir)
			defer inst.Close()
			s, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			if got := mustExec(t, s, tc.count); fmt.Sprint(got) != want {
				t.Errorf("objects after restart: %v, want %s", got, want)
			}
		})
	}
}
