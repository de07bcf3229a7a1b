//go:build linux

package engine

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkTruncate times TRUNCATE TABLE of a 2,000-row table with one
// secondary index in a database that is not mirrored (refilling the table is
// not timed), alone and followed by a CHECKPOINT, which is where the dropped
// storage is now removed (drops.go); before deferred drops the TRUNCATE's
// commit removed it (badger DropPrefix) itself.
func BenchmarkTruncate(b *testing.B) {
	for _, tc := range []struct {
		name       string
		checkpoint bool
	}{{"truncate", false}, {"truncate+checkpoint", true}} {
		b.Run(tc.name, func(b *testing.B) {
			inst := openTestInstance(b, b.TempDir())
			b.Cleanup(func() { _ = inst.Close() })
			s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
			if err != nil {
				b.Fatal(err)
			}
			benchExec(b, s, "CREATE DATABASE bench")
			benchExec(b, s, "USE bench; CREATE TABLE src (k int PRIMARY KEY, v varchar(40)); "+
				"CREATE TABLE t (k int PRIMARY KEY, v varchar(40)); CREATE INDEX ix_v ON t (v)")
			benchExec(b, s, "USE bench; DECLARE @i int = 0; WHILE @i < 2000 BEGIN INSERT src VALUES (@i, CONCAT('value-', @i)); SET @i += 1 END")
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				benchExec(b, s, "USE bench; INSERT t SELECT k, v FROM src")
				b.StartTimer()
				benchExec(b, s, "USE bench; TRUNCATE TABLE t")
				if tc.checkpoint {
					benchExec(b, s, "USE bench; CHECKPOINT")
				}
			}
		})
	}
}
