package tests

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestAPICursorBadArguments: API cursor calls with arguments no driver
// sends — absurd row counts and positions, every fetch type bit, unknown
// and closed handles, missing and NULL arguments, statements that fail —
// get an error or an empty answer, never a dead server: after each call the
// same connection still answers.
func TestAPICursorBadArguments(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "apicursorbad"})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.c (i int NOT NULL PRIMARY KEY)")
	mustExec(t, db, "INSERT dbo.c SELECT value FROM GENERATE_SERIES(1, 25)")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	open := func(stmt string, scroll int32) int32 {
		var h, rows int32
		_, _ = conn.ExecContext(ctx, "sp_cursoropen", sql.Named("cursor", sql.Out{Dest: &h}), sql.Named("stmt", stmt),
			sql.Named("scrollopt", sql.Out{Dest: &scroll, In: true}), sql.Named("ccopt", 1), sql.Named("rowcount", sql.Out{Dest: &rows}))
		return h
	}
	alive := func(what string) {
		t.Helper()
		var one int
		if err := conn.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Fatalf("after %s: the connection no longer answers: %v", what, err)
		}
	}
	h := open("SELECT i FROM dbo.c ORDER BY i", 8)
	if h == 0 {
		t.Fatal("no cursor")
	}
	r := rand.New(rand.NewPCG(1, 2))
	extremes := []int32{0, 1, -1, 2, 25, 26, math.MaxInt32, math.MinInt32, -26, 1 << 20}
	for i := 0; i < 300; i++ {
		ft := int32(1) << r.IntN(12)
		if r.IntN(4) == 0 {
			ft = int32(r.Uint32())
		}
		rownum, nrows := extremes[r.IntN(len(extremes))], extremes[r.IntN(len(extremes))]
		handle := h
		if r.IntN(10) == 0 {
			handle = extremes[r.IntN(len(extremes))]
		}
		rows, err := conn.QueryContext(ctx, "sp_cursorfetch", handle, ft, rownum, nrows)
		if err == nil {
			for rows.Next() {
			}
			rows.Close()
		}
		alive("sp_cursorfetch")
	}
	for _, call := range []struct {
		proc string
		args []any
	}{
		{"sp_cursorfetch", nil},
		{"sp_cursorfetch", []any{nil, nil, nil, nil}},
		{"sp_cursorclose", []any{int32(12345)}},
		{"sp_cursoroption", []any{h, 2, "name"}},
		{"sp_cursor", []any{h, 33, 1, ""}},
		{"sp_cursorexecute", []any{int32(-1)}},
		{"sp_cursorunprepare", []any{int32(99)}},
		{"sp_cursoropen", []any{sql.Out{Dest: new(int32)}, "SELECT * FROM no_such_table", 8, 1, sql.Out{Dest: new(int32)}}},
		{"sp_cursoropen", []any{sql.Out{Dest: new(int32)}, "SELEC broken", 8, 1, sql.Out{Dest: new(int32)}}},
		{"sp_cursoropen", []any{sql.Out{Dest: new(int32)}, nil}},
		{"sp_cursoropen", []any{sql.Out{Dest: new(int32)}, "SELECT @p FROM dbo.c", 0x1008, 1, sql.Out{Dest: new(int32)}, "@p int", "not an int"}},
		{"sp_cursorclose", []any{h}},
		{"sp_cursorclose", []any{h}},
	} {
		_, _ = conn.ExecContext(ctx, call.proc, call.args...)
		alive(call.proc)
	}
}
