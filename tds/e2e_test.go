package tds_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tds"
)

type testServer struct {
	h        *fakeHandler
	srv      *tds.Server
	addr     string
	certFile string
	done     chan error
}

func startServer(t testing.TB, h *fakeHandler, withTLS bool) *testServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{h: h, addr: l.Addr().String(), done: make(chan error, 1)}
	ts.srv = &tds.Server{Handler: h, ServerName: "testsrv",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if withTLS {
		dir := t.TempDir()
		ts.certFile = filepath.Join(dir, "cert.pem")
		cert, err := tds.LoadOrCreateCertificate(ts.certFile, filepath.Join(dir, "key.pem"))
		if err != nil {
			t.Fatal(err)
		}
		ts.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	go func() { ts.done <- ts.srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ts.srv.Shutdown(ctx)
		if err := <-ts.done; !errors.Is(err, tds.ErrServerClosed) {
			t.Errorf("Serve returned %v", err)
		}
	})
	return ts
}

func (ts *testServer) dsn(user, password, params string) string {
	host, port, _ := net.SplitHostPort(ts.addr)
	return fmt.Sprintf("sqlserver://%s:%s@%s:%s?%s", user, password, host, port, params)
}

func (ts *testServer) open(t testing.TB, params string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlserver", ts.dsn("sa", "secret", params))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestE2ELoginAndEncryption(t *testing.T) {
	plain := startServer(t, &fakeHandler{}, false)
	secure := startServer(t, &fakeHandler{}, true)
	tests := []struct {
		name   string
		ts     *testServer
		params string
		mode   string
	}{
		{"disable", plain, "encrypt=disable", tds.ModeOff},
		{"no-encrypt-key-plain-server", plain, "database=master", tds.ModeOff},
		{"login-only", secure, "encrypt=false&trustservercertificate=true", tds.ModeLoginOnly},
		{"default-login-only", secure, "database=master", tds.ModeLoginOnly},
		{"login-only multi-packet LOGIN7", secure, "encrypt=false&trustservercertificate=true&app name=" + strings.Repeat("a", 3000), tds.ModeLoginOnly},
		{"full", secure, "encrypt=true&trustservercertificate=true", tds.ModeOn},
		{"full multi-packet LOGIN7", secure, "encrypt=true&trustservercertificate=true&app name=" + strings.Repeat("a", 3000), tds.ModeOn},
		{"strict", secure, "encrypt=strict&hostnameincertificate=localhost&certificate=CERT", tds.ModeStrict},
		{"disable-tls-server", secure, "encrypt=disable", tds.ModeOff},
		{"packet size 512 plain", plain, "encrypt=disable&packet size=512", tds.ModeOff},
		{"packet size 512 full", secure, "encrypt=true&trustservercertificate=true&packet size=512", tds.ModeOn},
		{"packet size 512 login-only", secure, "encrypt=false&trustservercertificate=true&packet size=512", tds.ModeLoginOnly},
		{"packet size 32767 full", secure, "encrypt=true&trustservercertificate=true&packet size=32767", tds.ModeOn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.ts.open(t, strings.Replace(tt.params, "CERT", tt.ts.certFile, 1))
			for i := 0; i < 3; i++ { // several round trips on the same connection
				var v int64
				if err := db.QueryRow("select 1").Scan(&v); err != nil {
					t.Fatal(err)
				}
				if v != 1 {
					t.Fatalf("select 1 = %d", v)
				}
			}
			if got := tt.ts.h.lastMode.Load(); got != tt.mode {
				t.Fatalf("negotiated %v, want %s", got, tt.mode)
			}
		})
	}
}

func TestE2ELoginFailures(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	tests := []struct {
		name, user, pw, params, want string
	}{
		{"bad password", "bob", "wrong", "encrypt=disable", "mssql: Login failed for user 'bob'."},
		{"no database", "sa", "secret", "encrypt=disable&database=nodb", "Cannot open database \"nodb\" requested by the login. The login failed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := sql.Open("sqlserver", ts.dsn(tt.user, tt.pw, tt.params))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = db.Ping()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Ping error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestE2ELoginFailureJoined: a login error that joins several is sent as one
// ERROR token each, in order, in the one response: go-mssqldb reports the last
// (18456) and lists them all in mssql.Error.All, as with SQL Server's 4060 +
// 18456.
func TestE2ELoginFailureJoined(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db, err := sql.Open("sqlserver", ts.dsn("sa", "secret", "encrypt=disable&database=refused"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var me mssql.Error
	if err := db.Ping(); !errors.As(err, &me) {
		t.Fatalf("Ping error = %v (%T), want an mssql.Error", err, err)
	}
	var got []string
	for _, e := range me.All {
		got = append(got, fmt.Sprintf("%d/%d/%d %s", e.Number, e.Class, e.State, e.Message))
	}
	want := []string{
		`4060/11/1 Cannot open database "refused" requested by the login. The login failed.`,
		`18456/14/1 Login failed for user 'sa'.`,
	}
	if me.Number != 18456 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("login error %d, All =\n%s\nwant 18456, All =\n%s", me.Number, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestE2EBatches(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	ctx := context.Background()

	t.Run("column name", func(t *testing.T) {
		rows, err := db.Query("select 1 as a")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		if len(cols) != 1 || cols[0] != "a" {
			t.Fatalf("columns %v", cols)
		}
	})
	t.Run("multiple result sets", func(t *testing.T) {
		rows, err := db.Query("select 1; select 2")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []int64
		for {
			for rows.Next() {
				var v int64
				rows.Scan(&v)
				got = append(got, v)
			}
			if !rows.NextResultSet() {
				break
			}
		}
		if rows.Err() != nil || fmt.Sprint(got) != "[1 2]" {
			t.Fatalf("got %v, err %v", got, rows.Err())
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct{ q, want string }{
			{"bad object", "mssql: Invalid object name 'dbo.t'."},
			{"nosuchproc x", "Could not find stored procedure 'nosuchproc x'."},
			{"two errors", "Incorrect syntax near 'x'."},
		} {
			_, err := db.ExecContext(ctx, tc.q)
			var me mssql.Error
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%s: error %v, want %q", tc.q, err, tc.want)
			}
			if tc.q == "bad object" && (me.Number != 208 || me.Class != 16 || me.ServerName != "testsrv" || me.LineNo != 1) {
				t.Fatalf("error fields %+v", me)
			}
		}
		var v int64
		if err := db.QueryRow("select 1").Scan(&v); err != nil || v != 1 {
			t.Fatalf("after errors: %v %d", err, v)
		}
	})
	t.Run("use database", func(t *testing.T) {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "use other"); err != nil {
			t.Fatal(err)
		}
		var name string
		if err := conn.QueryRowContext(ctx, "select db_name()").Scan(&name); err != nil || name != "other" {
			t.Fatalf("db_name() = %q, %v", name, err)
		}
	})
	t.Run("handler panic closes only that connection", func(t *testing.T) {
		if _, err := db.Exec("raise panic"); err == nil {
			t.Fatal("no error from a panicking handler")
		}
		var v int64
		if err := db.QueryRow("select 1").Scan(&v); err != nil || v != 1 {
			t.Fatalf("after panic: %v %d", err, v)
		}
	})
	t.Run("handler panic in login closes only that connection", func(t *testing.T) {
		pdb := ts.open(t, "database=panicdb&encrypt=disable")
		if err := pdb.PingContext(ctx); err == nil {
			t.Fatal("no error from a login whose handler panicked")
		}
		var v int64
		if err := db.QueryRow("select 1").Scan(&v); err != nil || v != 1 {
			t.Fatalf("after panic: %v %d", err, v)
		}
	})
}

func TestE2ETypesInResult(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	rows, err := db.Query("select types")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []any{
		true, int64(255), int64(-32768), int64(-2147483648), int64(9223372036854775807),
		[]byte("-1234.567"), []byte(bigNum.String()), []byte("-922337203685477.5808"),
		[]byte("214748.3647"), 3.5, 2.718281828459045, "ab",
		"héllo wörld €", "ñ€", "日本語 text", strings.Repeat("x", 9000), strings.Repeat("日", 100000),
		[]byte{1, 2, 3}, []byte{}, make([]byte, 70000),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(1, 1, 1, 13, 14, 15, 123456700, time.UTC),
		time.Date(2024, 2, 29, 13, 14, 15, 123000000, time.UTC), time.Date(2024, 2, 29, 13, 14, 0, 0, time.UTC), // go-mssqldb rounds datetime ticks to ms
		testTime, testTime.In(testZone), testGUID,
		"text é", "ntext 日本", []byte{9, 8, 7}, "<r a=\"1\">é</r>",
		int64(42), "héllo", testTime, []byte("-12.50"),
	}
	n := 0
	for rows.Next() {
		vals := make([]any, len(allTypesCols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			w := want[i]
			if n == 1 {
				w = nil
			}
			if !sameValue(v, w) {
				t.Errorf("row %d column %s: got %T %v, want %T %v", n, allTypesCols[i].Name, v, short(v), w, short(w))
			}
		}
		n++
	}
	if err := rows.Err(); err != nil || n != 2 {
		t.Fatalf("rows %d, err %v", n, err)
	}
}

func short(v any) any {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			return x[:40] + "…"
		}
	case []byte:
		if len(x) > 40 {
			return x[:40]
		}
	}
	return v
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case time.Time:
		y, ok := b.(time.Time)
		if !ok || !x.Equal(y) {
			return false
		}
		_, ox := x.Zone()
		_, oy := y.Zone()
		return ox == oy
	}
	return a == b
}

// TestE2ECollations: go-mssqldb decodes varchar values by the column's
// collation code page (874, 932, 936, 949, 950, 1250-1258).
func TestE2ECollations(t *testing.T) {
	ts := startServer(t, &fakeHandler{}, false)
	db := ts.open(t, "encrypt=disable")
	vals := make([]any, len(collationTexts))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := db.QueryRow("select collations").Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	for i, ct := range collationTexts {
		if vals[i] != ct.text {
			t.Errorf("%s: got %q, want %q", ct.name, vals[i], ct.text)
		}
	}
}

// TestE2EBulkCopy runs go-mssqldb's bulk copy (CopyIn: INSERT BULK, then a
// BULKLOAD message) against a Session implementing tds.BulkLoader.
func TestE2EBulkCopy(t *testing.T) {
	h := &fakeHandler{}
	ts := startServer(t, h, false)
	db := ts.open(t, "encrypt=disable")
	txn, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := txn.Prepare(mssql.CopyIn("bulk_t", mssql.BulkOptions{}, "id", "name", "notes", "doc", "at"))
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{int64(1), "one", strings.Repeat("é", 5000), "text one", testTime},
		{int64(2), nil, nil, nil, nil},
	}
	for _, r := range rows {
		if _, err := stmt.Exec(r...); err != nil {
			t.Fatal(err)
		}
	}
	res, err := stmt.Exec()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("rows affected %d", n)
	}
	txn.Commit()
	req, _ := h.bulk.Load().(*tds.BulkLoadRequest)
	var gotRows [][]any
	if req != nil {
		if err := req.EachRow(func(row []any) error { gotRows = append(gotRows, row); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if req == nil || len(req.Columns) != len(bulkCols) || len(gotRows) != 2 {
		t.Fatalf("bulk load %+v", req)
	}
	for i, r := range rows {
		for j, want := range r {
			if got := gotRows[i][j]; !sameValue(got, want) {
				t.Errorf("row %d column %s: got %v, want %v", i, bulkCols[j].Name, short(got), short(want))
			}
		}
	}
}
