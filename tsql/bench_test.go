package tsql

import (
	"runtime"
	"testing"
)

// BenchmarkParseScripts parses the mixed script corpus (testdata/scripts:
// mirroring setup, monitoring, application DDL/DML/procedures), one batch
// at a time, and reports throughput and allocations per statement.
func BenchmarkParseScripts(b *testing.B) {
	var texts []string
	size, stmts := 0, 0
	for _, batches := range scriptBatches(b) {
		for _, bt := range batches {
			s, err := ParseBatch(bt.Text)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, bt.Text)
			size += len(bt.Text)
			stmts += len(s)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := ParseBatch(t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*stmts), "allocs/stmt")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*stmts), "ns/stmt")
}

// BenchmarkTokenize measures the lexer alone on the same corpus.
func BenchmarkTokenize(b *testing.B) {
	var texts []string
	size := 0
	for _, batches := range scriptBatches(b) {
		for _, bt := range batches {
			texts = append(texts, bt.Text)
			size += len(bt.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := Tokenize(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
