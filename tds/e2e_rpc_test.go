package tds_test

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-sql/civil"
	mssql "github.com/microsoft/go-mssqldb"
	"github.com/shopspring/decimal"
)

func TestE2EParamsRoundTrip(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	long := strings.Repeat("ü", 100000)
	blob := make([]byte, 100000)
	for i := range blob {
		blob[i] = byte(i)
	}
	guid := mssql.UniqueIdentifier{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	tests := []struct {
		name string
		arg  any
		want any
	}{
		{"int64", int64(-1 << 40), int64(-1 << 40)},
		{"int32", int32(-7), int64(-7)},
		{"int16", int16(300), int64(300)},
		{"uint8", uint8(200), int64(200)},
		{"float64", 3.25, 3.25},
		{"float32", float32(1.5), 1.5},
		{"bool", true, true},
		{"string", "héllo", "héllo"},
		{"empty string", "", ""},
		{"nvarchar(max) 100k", long, long},
		{"bytes", []byte{1, 2}, []byte{1, 2}},
		{"varbinary(max)", blob, blob},
		{"empty bytes", []byte{}, []byte{}},
		{"nil", nil, nil},
		{"null string", sql.NullString{}, nil},
		{"null int", sql.NullInt64{}, nil},
		{"time", testTime.In(testZone), testTime.In(testZone)},
		{"varchar", mssql.VarChar("ascii only"), "ascii only"}, // go-mssqldb sends VarChar bytes as given (UTF-8) with a raw collation
		{"varchar(max)", mssql.VarCharMax(strings.Repeat("a", 9000)), strings.Repeat("a", 9000)},
		{"nchar", mssql.NChar("ab"), "ab"},
		{"guid", guid, []byte{4, 3, 2, 1, 6, 5, 8, 7, 9, 10, 11, 12, 13, 14, 15, 16}}, // driver converts to wire order; scanning into any gives wire bytes
		{"date", civil.Date{Year: 2024, Month: 2, Day: 29}, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"time", civil.Time{Hour: 13, Minute: 14, Second: 15, Nanosecond: 123456700}, time.Date(1, 1, 1, 13, 14, 15, 123456700, time.UTC)},
		{"datetime2", civil.DateTime{Date: civil.Date{Year: 1, Month: 1, Day: 1}, Time: civil.Time{Nanosecond: 100}}, time.Date(1, 1, 1, 0, 0, 0, 100, time.UTC)},
		{"money input is sent as a string by the driver", mssql.Money[decimal.Decimal]{Decimal: decimal.RequireFromString("-12.3456")}, "-12.3456"},
		{"decimal as string", decimal.RequireFromString("1.5"), "1.5"},
		{"datetime", mssql.DateTime1(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)), time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got any
			if err := db.QueryRow("select @p1", tt.arg).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if g, ok := got.([]byte); ok && tt.name == "guid" {
				got = g
			}
			if !sameValue(got, tt.want) {
				t.Fatalf("got %T %v, want %T %v", got, short(got), tt.want, short(tt.want))
			}
		})
	}
	t.Run("named and many", func(t *testing.T) {
		var a, b int64
		var s string
		err := db.QueryRow("select @x, @y, @p3", sql.Named("x", 1), sql.Named("y", 2), "three").Scan(&a, &b, &s)
		if err != nil || a != 1 || b != 2 || s != "three" {
			t.Fatalf("%v %v %v %v", a, b, s, err)
		}
	})
}

func TestE2EOutputAndReturnStatus(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	var rs mssql.ReturnStatus
	if _, err := db.Exec("retstatus", &rs); err != nil {
		t.Fatal(err)
	}
	if rs != 2 {
		t.Fatalf("return status %d", rs)
	}
	var out int64 = 21
	var outS string = "x"
	outM := mssql.Money[decimal.Decimal]{Decimal: decimal.RequireFromString("-12.3456")}
	if _, err := db.Exec("select 1 as dummy", sql.Named("o", sql.Out{Dest: &out}), sql.Named("s", sql.Out{Dest: &outS}),
		sql.Named("m", sql.Out{Dest: &outM})); err != nil {
		t.Fatal(err)
	}
	if out != 42 || outS != "x" || outM.Decimal.String() != "-12.3456" {
		t.Fatalf("outputs %d %q %v", out, outS, outM.Decimal)
	}
}

func TestE2ETransactions(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	for _, commit := range []bool{true, false} {
		tx, err := db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			t.Fatal(err)
		}
		var v int64
		if err := tx.QueryRow("select 1").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatalf("commit=%v: %v", commit, err)
		}
	}
}

// TestE2ECancel cancels running requests (batch and RPC) on every transport:
// plaintext, login-only TLS (encrypt=false) and full TLS, where the
// Attention watcher's read is interrupted inside the TLS connection.
func TestE2ECancel(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, true)
	for _, params := range []string{"encrypt=disable", "encrypt=false&trustservercertificate=true", "encrypt=true&trustservercertificate=true"} {
		t.Run(params, func(t *testing.T) {
			db := ts.open(t, params)
			db.SetMaxOpenConns(1)
			ctx := context.Background()

			t.Run("timeout", func(t *testing.T) {
				c, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
				defer cancel()
				_, err := db.ExecContext(c, "waitfor delay")
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("err %v", err)
				}
			})
			t.Run("requests outlasting the watcher delay", func(t *testing.T) {
				for range 5 {
					if _, err := db.ExecContext(ctx, "waitfor 10ms"); err != nil {
						t.Fatal(err)
					}
					var v int64
					if err := db.QueryRowContext(ctx, "select 1").Scan(&v); err != nil || v != 1 {
						t.Fatalf("after a 10 ms request: %v %d", err, v)
					}
				}
			})
			t.Run("explicit cancel keeps the connection", func(t *testing.T) {
				conn, err := db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				for _, q := range []string{"waitfor delay", "waitfor delay @p1"} { // batch and RPC
					for range 3 {
						c, cancel := context.WithCancel(ctx)
						go func() { time.Sleep(20 * time.Millisecond); cancel() }()
						var args []any
						if q != "waitfor delay" {
							args = []any{1}
						}
						if _, err := conn.ExecContext(c, q, args...); !errors.Is(err, context.Canceled) {
							t.Fatalf("%s: err %v", q, err)
						}
						var v int64
						if err := conn.QueryRowContext(ctx, "select 1").Scan(&v); err != nil || v != 1 {
							t.Fatalf("after cancel: %v %d", err, v)
						}
					}
				}
			})
		})
	}
}

func TestE2EConcurrentConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("500 connections")
	}
	before := runtime.NumGoroutine()
	ts := startServer(t, &fakeHandler{}, false)
	const n = 500
	db := ts.open(t, "encrypt=disable")
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	conns := make([]*sql.Conn, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range conns {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := db.Conn(context.Background())
			if err != nil {
				errs <- err
				return
			}
			conns[i] = c
			var v int64
			if err := c.QueryRowContext(context.Background(), "select 1").Scan(&v); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, c := range conns {
		c.Close()
	}
	db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	// No goroutine leak: wait until the count is back (bounded by the test timeout).
	for runtime.NumGoroutine() > before+2 {
		time.Sleep(10 * time.Millisecond)
		if ctx.Err() != nil {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: before %d, now %d\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
	}
}
