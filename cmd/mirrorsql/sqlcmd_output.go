package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"
)

// maxVarWidth caps the display width of (MAX) and very long variable-length
// columns, like sqlcmd's default -y 256.
const maxVarWidth = 256

// connRunner runs batches on one connection (so USE, SET and #temp tables
// persist across batches, as in sqlcmd) in go-mssqldb's message-queue mode,
// which delivers result sets, DONE row counts, PRINT/INFO and errors in the
// order the server sent them.
type connRunner struct {
	conn    *sql.Conn
	watch   *connWatch // conn's end (sqlcmd_lost.go)
	f       *formatter
	timeout time.Duration // -t; 0 = none
}

// RunBatch implements batchRunner.
func (r *connRunner) RunBatch(ctx context.Context, text string) batchResult {
	var res batchResult
	parent := ctx
	if r.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.timeout)
		defer cancel()
	}
	// The server dropping the connection ends the wait for messages.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-r.watch.Done():
			cancel()
		case <-ctx.Done():
		}
	}()
	retmsg := &sqlexp.ReturnMessage{}
	rows, err := r.conn.QueryContext(ctx, text, retmsg)
	if err != nil {
		r.report(&res, err)
		return r.timedOut(parent, ctx, res)
	}
	defer rows.Close()
	for active := true; active; {
		switch m := retmsg.Message(ctx).(type) {
		case sqlexp.MsgNotice:
			r.f.message(m.Message.String())
		case sqlexp.MsgNext:
			r.resultSet(rows, &res)
		case sqlexp.MsgRowsAffected:
			r.f.rowsAffected(m.Count)
		case sqlexp.MsgError:
			r.report(&res, m.Error)
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		}
	}
	if err := r.watch.Err(); err != nil {
		res.Fatal = err
		return res
	}
	return r.timedOut(parent, ctx, res)
}

// timedOut turns the end of the -t query timeout into sqlcmd's non-fatal
// "Query timeout expired" error (severity 16, so -b exits); the end of the
// parent context (SIGINT, SIGTERM) stays fatal.
func (r *connRunner) timedOut(parent, ctx context.Context, res batchResult) batchResult {
	switch {
	case parent.Err() != nil:
		res.Fatal = parent.Err()
	case ctx.Err() != nil:
		fmt.Fprintln(r.f.errW, "Sqlcmd: Error: Query timeout expired.")
		res.Fatal = nil
		if res.MaxSeverity < 16 {
			res.MaxSeverity = 16
		}
	}
	return res
}

// resultSet prints the current result set.
func (r *connRunner) resultSet(rows *sql.Rows, res *batchResult) {
	types, err := rows.ColumnTypes()
	if err != nil {
		r.report(res, err)
		return
	}
	r.f.begin(columnFormats(types))
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			r.report(res, err)
			return
		}
		cells := r.f.row(vals)
		if !res.HasFirst && len(cells) > 0 {
			res.First, res.HasFirst = cells[0], true
		}
	}
}

// report prints a server error as sqlcmd does and records its severity; any
// other error (network, protocol) is fatal.
func (r *connRunner) report(res *batchResult, err error) {
	var se mssql.Error
	if !errors.As(err, &se) {
		res.Fatal = err
		return
	}
	all := se.All
	if len(all) == 0 {
		all = []mssql.Error{se}
	}
	for _, e := range all {
		r.f.sqlError(e)
		if e.Class > res.MaxSeverity {
			res.MaxSeverity = e.Class
		}
		if e.State == 127 && e.Class > 10 && res.ExitCode == 0 {
			res.ExitCode = int(e.Number)
		}
	}
}

// formatter prints results as sqlcmd does: a header of column names padded to
// each column's display width, a dashed underline, rows, "(N rows affected)"
// after a blank line, messages as text and errors as
// "Msg N, Level L, State S, Server NAME, Line N" plus the message.
type formatter struct {
	w       io.Writer // results
	errW    io.Writer // errors of severity > 10 (w, or stderr with -r)
	msgW    io.Writer // PRINT and INFO (w, or stderr with -r1)
	headers int       // -h: 0 once, n every n rows, -1 never
	sep     string    // -s
	trim    bool      // -W: no padding, trailing spaces removed
	cols    []colFormat
	nrows   int
}

// colFormat is one column's name, display width and alignment.
type colFormat struct {
	name  string
	width int
	right bool   // numbers are right-aligned
	typ   string // go-mssqldb DatabaseTypeName
}

func newFormatter(w io.Writer, headers int, sep string, trim bool) *formatter {
	return &formatter{w: w, errW: w, msgW: w, headers: headers, sep: sep, trim: trim}
}

// begin starts a result set and prints its header.
func (f *formatter) begin(cols []colFormat) {
	f.cols = cols
	f.nrows = 0
	f.header()
}

// columnFormats derives each column's display format from its type.
func columnFormats(types []*sql.ColumnType) []colFormat {
	cols := make([]colFormat, len(types))
	for i, t := range types {
		length, hasLength := t.Length()
		prec, _, hasPrec := t.DecimalSize()
		if !hasPrec {
			prec = -1
		}
		if !hasLength {
			length = -1
		}
		cols[i] = newColFormat(t.Name(), t.DatabaseTypeName(), length, prec)
	}
	return cols
}

// newColFormat is the format of a column named name of go-mssqldb database
// type typ; length (characters or bytes) and prec (decimal precision) are -1
// when unknown.
func newColFormat(name, typ string, length, prec int64) colFormat {
	width, right := displayWidth(typ, length, prec)
	if n := utf8.RuneCountInString(name); n > width {
		width = n
	}
	return colFormat{name: name, width: width, right: right, typ: typ}
}

func (f *formatter) header() {
	if f.headers < 0 {
		return
	}
	names := make([]string, len(f.cols))
	dashes := make([]string, len(f.cols))
	for i, c := range f.cols {
		names[i] = f.pad(c.name, c.width, false)
		w := c.width
		if f.trim {
			w = utf8.RuneCountInString(c.name)
		}
		dashes[i] = strings.Repeat("-", w)
	}
	f.line(names)
	f.line(dashes)
}

// row prints one row and returns its cells as printed (unpadded).
func (f *formatter) row(vals []any) []string {
	if f.headers > 0 && f.nrows > 0 && f.nrows%f.headers == 0 {
		fmt.Fprintln(f.w)
		f.header()
	}
	f.nrows++
	cells := make([]string, len(vals))
	out := make([]string, len(vals))
	for i, v := range vals {
		var c colFormat
		if i < len(f.cols) {
			c = f.cols[i]
		}
		cells[i] = formatValue(v, c.typ)
		out[i] = f.pad(cells[i], c.width, c.right)
	}
	f.line(out)
	return cells
}

func (f *formatter) line(cells []string) {
	s := strings.Join(cells, f.sep)
	if f.trim {
		s = strings.TrimRight(s, " ")
	}
	fmt.Fprintln(f.w, s)
}

func (f *formatter) pad(s string, width int, right bool) string {
	if f.trim {
		return strings.TrimRight(s, " ")
	}
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	if right {
		return strings.Repeat(" ", width-n) + s
	}
	return s + strings.Repeat(" ", width-n)
}

// rowsAffected prints a DONE count as go-sqlcmd does.
func (f *formatter) rowsAffected(n int64) {
	if n == 1 {
		fmt.Fprint(f.w, "\n(1 row affected)\n")
		return
	}
	fmt.Fprintf(f.w, "\n(%d rows affected)\n", n)
}

// message prints PRINT text and INFO messages.
func (f *formatter) message(text string) { fmt.Fprintln(f.msgW, text) }

// sqlError prints a server error in sqlcmd's format.
func (f *formatter) sqlError(e mssql.Error) {
	if e.Class <= 10 { // informational
		fmt.Fprintln(f.msgW, e.Message)
		return
	}
	if e.ProcName != "" {
		fmt.Fprintf(f.errW, "Msg %d, Level %d, State %d, Server %s, Procedure %s, Line %d\n%s\n",
			e.Number, e.Class, e.State, e.ServerName, e.ProcName, e.LineNo, e.Message)
		return
	}
	fmt.Fprintf(f.errW, "Msg %d, Level %d, State %d, Server %s, Line %d\n%s\n",
		e.Number, e.Class, e.State, e.ServerName, e.LineNo, e.Message)
}

// displayWidth is sqlcmd's column width for a type and whether values are
// right-aligned.
func displayWidth(typ string, length, prec int64) (int, bool) {
	switch typ {
	case "BIT":
		return 1, true
	case "TINYINT":
		return 3, true
	case "SMALLINT":
		return 6, true
	case "INT":
		return 11, true
	case "BIGINT":
		return 20, true
	case "REAL":
		return 14, true
	case "FLOAT":
		return 24, true
	case "SMALLMONEY":
		return 12, true
	case "MONEY":
		return 21, true
	case "DECIMAL", "NUMERIC":
		if prec > 0 {
			return int(prec) + 2, true
		}
		return 40, true
	case "DATE":
		return 10, false
	case "SMALLDATETIME":
		return 19, false
	case "DATETIME":
		return 23, false
	case "DATETIME2":
		return 27, false
	case "TIME":
		return 16, false
	case "DATETIMEOFFSET":
		return 34, false
	case "UNIQUEIDENTIFIER":
		return 36, false
	}
	n := length
	if n <= 0 || n > maxVarWidth {
		return maxVarWidth, false
	}
	if typ == "BINARY" || typ == "VARBINARY" || typ == "IMAGE" {
		if 2+2*n > maxVarWidth {
			return maxVarWidth, false
		}
		return int(2 + 2*n), false
	}
	return int(n), false
}

// formatValue renders a scanned value of a column of the given database type
// name (go-mssqldb's DatabaseTypeName) as sqlcmd prints it.
func formatValue(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case bool:
		if x {
			return "1"
		}
		return "0"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if typ == "REAL" {
			return strconv.FormatFloat(x, 'g', -1, 32)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case string:
		return x
	case time.Time:
		return formatTime(x, typ)
	case []byte:
		switch typ {
		case "DECIMAL", "NUMERIC", "MONEY", "SMALLMONEY":
			return string(x)
		case "UNIQUEIDENTIFIER":
			if len(x) == 16 { // mixed-endian on the wire
				return fmt.Sprintf("%02X%02X%02X%02X-%02X%02X-%02X%02X-%X-%X",
					x[3], x[2], x[1], x[0], x[5], x[4], x[7], x[6], x[8:10], x[10:])
			}
		}
		return fmt.Sprintf("0x%X", x)
	default:
		return fmt.Sprint(x)
	}
}

// formatTime prints date/time values as SQL Server's ODBC canonical style.
func formatTime(t time.Time, typ string) string {
	switch typ {
	case "DATE":
		return t.Format("2006-01-02")
	case "TIME":
		return t.Format("15:04:05.0000000")
	case "SMALLDATETIME":
		return t.Format("2006-01-02 15:04:00")
	case "DATETIME2":
		return t.Format("2006-01-02 15:04:05.0000000")
	case "DATETIMEOFFSET":
		return t.Format("2006-01-02 15:04:05.0000000 -07:00")
	}
	return t.Format("2006-01-02 15:04:05.000")
}
