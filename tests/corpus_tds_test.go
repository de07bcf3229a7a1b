package tests

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// tdsRunner runs batches on one go-mssqldb connection (one session).
type tdsRunner struct {
	conn *sql.Conn
}

func (r *tdsRunner) Run(t *testing.T, text string) []string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	retmsg := &sqlexp.ReturnMessage{}
	rows, err := r.conn.QueryContext(ctx, text, retmsg)
	if err != nil {
		return append(lines, "-- fatal: "+err.Error())
	}
	defer rows.Close()
	for active := true; active; {
		switch m := retmsg.Message(ctx).(type) {
		case sqlexp.MsgNotice:
			lines = append(lines, dirMessage+" "+noticeText(m.Message))
		case sqlexp.MsgError:
			lines = append(lines, tdsErrorLine(m.Error))
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		case sqlexp.MsgNext:
			names, _ := rows.Columns()
			lines = append(lines, renderHeader(names))
			lines = append(lines, readRows(rows)...)
		}
	}
	if err := rows.Err(); err != nil {
		var me mssql.Error
		if !errors.As(err, &me) {
			lines = append(lines, "-- fatal: "+err.Error())
		}
	}
	return lines
}

func noticeText(s interface{ String() string }) string {
	if e, ok := s.(mssql.Error); ok {
		return e.Message
	}
	return s.String()
}

func tdsErrorLine(err error) string {
	var me mssql.Error
	if errors.As(err, &me) {
		return dirError + " " + strconv.Itoa(int(me.Number)) + " " + me.Message
	}
	return dirError + " ? " + err.Error()
}

// readRows reads the current result set and renders its rows.
func readRows(rows *sql.Rows) []string {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return []string{"-- fatal: " + err.Error()}
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cts))
		ptrs := make([]any, len(cts))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return append(out, "-- fatal: "+err.Error())
		}
		strs := make([]string, len(vals))
		for i, v := range vals {
			strs[i] = renderGo(v, strings.ToUpper(cts[i].DatabaseTypeName()))
		}
		out = append(out, renderRow(strs))
	}
	return out
}

// TestCorpusTDS runs every corpus script over TDS through go-mssqldb against
// one real server process, each script in a fresh database on its own
// connection.
func TestCorpusTDS(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "corpus"})
	admin := srv.DB("master")
	for i, file := range scriptFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			db := corpusDB + strconv.Itoa(i)
			if _, err := admin.Exec("CREATE DATABASE " + db); err != nil {
				t.Fatalf("CREATE DATABASE %s: %v", db, err)
			}
			pool := srv.DB(db)
			pool.SetMaxOpenConns(1)
			conn, err := pool.Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			runScriptFile(t, file, &tdsRunner{conn: conn}, false)
		})
	}
}
