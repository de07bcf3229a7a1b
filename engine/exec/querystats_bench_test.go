package exec

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// BenchmarkQueryStatClocks is what one statement would pay for its query
// statistics' clocks: two reads of the thread CPU clock and of the wall
// clock with the goroutine locked to its thread, against the two wall
// clock reads querystats.go takes.
func BenchmarkQueryStatClocks(b *testing.B) {
	b.Run("thread-cpu", func(b *testing.B) {
		var d time.Duration
		for b.Loop() {
			runtime.LockOSThread()
			c, t := threadCPU(), time.Now()
			d += threadCPU() - c
			runtime.UnlockOSThread()
			d += time.Since(t)
		}
	})
	b.Run("wall-only", func(b *testing.B) {
		var d time.Duration
		for b.Loop() {
			t := time.Now()
			d += time.Since(t)
		}
	})
}

// BenchmarkQueryStatRecord is the bookkeeping of one statement: "repeat"
// runs one text again and again (an application's parameterized query),
// "adhoc" a new text each time (literals in the text), which adds an entry
// and, once the table is full, pushes one out.
func BenchmarkQueryStatRecord(b *testing.B) {
	texts := make([]string, 20000)
	stmts := make([]ast.Statement, len(texts))
	for i := range texts {
		texts[i] = fmt.Sprintf("SELECT pad FROM dbo.big WHERE id = %d", i)
		parsed, err := tsql.ParseBatch(texts[i])
		if err != nil {
			b.Fatal(err)
		}
		stmts[i] = parsed[0]
	}
	for _, mode := range []string{"repeat", "adhoc"} {
		b.Run(mode, func(b *testing.B) {
			s := &Session{qstats: &queryStatsTables{}, batch: newBatchState(nil, false)}
			i := 0
			for b.Loop() {
				j := 0
				if mode == "adhoc" {
					j = i % len(texts)
				}
				i++
				s.batch.text, s.batch.hashed = texts[j], false
				q := s.beginQueryStat()
				s.endQueryStat(q, stmts[j])
			}
		})
	}
}
