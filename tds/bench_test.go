package tds_test

import (
	"context"
	"database/sql"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"
)

// BenchmarkSelectOne measures `select 1` round trips through go-mssqldb against
// the fake handler, over 1 and 16 connections.
func BenchmarkSelectOne(b *testing.B) {
	for _, conns := range []int{1, 16} {
		b.Run(strconv.Itoa(conns)+"conns", func(b *testing.B) {
			ts := startServer(b, &fakeHandler{}, false)
			db := ts.open(b, "encrypt=disable")
			db.SetMaxOpenConns(conns)
			db.SetMaxIdleConns(conns)
			b.SetParallelism((conns + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.ResetTimer()
			g0 := goroutinesCreated()
			b.RunParallel(func(pb *testing.PB) {
				var v int64
				for pb.Next() {
					if err := db.QueryRow("select 1").Scan(&v); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "roundtrips/s")
			b.ReportMetric(float64(goroutinesCreated()-g0)/float64(b.N), "goroutines/op")
		})
	}
}

// goroutinesCreated is the process's count of goroutines started so far. In
// BenchmarkSelectOne it counts go-mssqldb's response reader (one per query)
// and the server's: the Attention watchers and whatever starts them
// (issue #2: a time.AfterFunc timer per connection was a goroutine per
// firing, one per attnDelay per busy connection).
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkStreamRows streams a large result (b.N rows of an int and a short
// nvarchar) and reports rows/s and the peak heap growth seen while reading,
// which stays flat because rows are encoded straight into packet buffers.
func BenchmarkStreamRows(b *testing.B) {
	ts := startServer(b, &fakeHandler{}, false)
	db := ts.open(b, "encrypt=disable&packet size=32767")
	conn, err := db.Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := uint64(0)
	b.ResetTimer()
	rows, err := conn.QueryContext(context.Background(), "rows "+strconv.Itoa(b.N))
	if err != nil {
		b.Fatal(err)
	}
	var i int64
	var s sql.RawBytes
	n := 0
	for rows.Next() {
		if err := rows.Scan(&i, &s); err != nil {
			b.Fatal(err)
		}
		n++
		if n%100000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := rows.Err(); err != nil || n != b.N {
		b.Fatalf("%d rows, %v", n, err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if peak > base {
		b.ReportMetric(float64(peak-base)/(1<<20), "peak-heap-growth-MiB")
	} else {
		b.ReportMetric(0, "peak-heap-growth-MiB")
	}
}
