package session

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Bulk load (go-mssqldb CopyIn, FreeTDS freebcp): the client sends the
// batch `INSERT BULK <table> (<col> <type>, …) [WITH (…)]`, then a BULKLOAD
// message with COLMETADATA and the rows ([MS-TDS] 2.2.6.1). The statement is
// recognized here, before the parser, because it is a protocol handshake
// rather than T-SQL (SQL Server rejects it outside a bulk-capable client
// too). Its table name is kept on the session; the column list of the
// statement is not needed: the BULKLOAD COLMETADATA names the columns again.
//
// The rows are inserted through the engine with ordinary INSERT statements
// (chunks of at most bulkChunkParams parameters), so constraints, defaults,
// identity and the transaction log behave as for any INSERT. Semantics:
//   - the whole BULKLOAD is one transaction when the session has none (a
//     failure inserts nothing), and part of the open one otherwise;
//   - identity columns sent by the client get generated values unless the
//     WITH options contain KEEPIDENTITY (then SET IDENTITY_INSERT applies);
//   - CHECK constraints and triggers run (SQL Server skips them without
//     CHECK_CONSTRAINTS / FIRE_TRIGGERS: a deliberate, stricter difference).

// bulkChunkParams bounds the parameters of one generated INSERT (SQL
// Server's limit is 2100) and bulkChunkRows its VALUES rows (limit 1000).
const (
	bulkChunkParams = 2000
	bulkChunkRows   = 1000
)

// bulkTarget is an INSERT BULK statement waiting for its BULKLOAD message.
type bulkTarget struct {
	table        string // the multi-part name as the client wrote it (validated)
	keepIdentity bool
}

// parseInsertBulk recognizes `INSERT BULK name (…) [WITH (…)]`. ok is false
// for any other batch; err is SQL Server's 102 for a malformed name.
func parseInsertBulk(text string) (bt *bulkTarget, ok bool, err error) {
	rest := strings.TrimLeftFunc(text, unicode.IsSpace)
	if rest != "" && rest[0] < utf8.RuneSelf && rest[0]|0x20 != 'i' {
		// Not INSERT (only 'i' and 'I' fold to 'i'): every batch comes
		// here, and a SELECT should not pay for splitting its first word.
		return nil, false, nil
	}
	w1, rest := nextWord(rest)
	if !strings.EqualFold(w1, "insert") {
		return nil, false, nil
	}
	w2, rest := nextWord(rest)
	if !strings.EqualFold(w2, "bulk") {
		return nil, false, nil
	}
	name, tail := splitBulkName(rest)
	// "..t" (current database, default schema) is a name, not an expression.
	bare := strings.TrimSpace(name)
	if strings.HasPrefix(bare, "..") && !strings.HasPrefix(bare, "...") {
		bare = bare[2:]
	}
	e, perr := tsql.ParseExpr(bare)
	if cr, isRef := e.(*ast.ColumnRef); perr != nil || !isRef || cr.Name == nil {
		return nil, true, &exec.Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near 'BULK'."}
	}
	bt = &bulkTarget{table: strings.TrimSpace(name)}
	if i := strings.LastIndex(strings.ToUpper(tail), "WITH"); i >= 0 {
		bt.keepIdentity = strings.Contains(strings.ToUpper(tail[i:]), "KEEPIDENTITY")
	}
	return bt, true, nil
}

// nextWord splits s after its first identifier-like word (letters, digits,
// _ @ # $: so `bulk_t` is one word), skipping the spaces after it.
func nextWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_@#$", r)
	})
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}

// splitBulkName returns the object name at the start of s (up to the column
// list's '(' outside [] and "" quotes) and what follows.
func splitBulkName(s string) (name, tail string) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				if i+1 < len(s) && s[i+1] == quote {
					i++
				} else {
					quote = 0
				}
			}
		case c == '[':
			quote = ']'
		case c == '"':
			quote = '"'
		case c == '(':
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// insertBulk handles an INSERT BULK batch: it answers DONE and remembers the
// target for the BULKLOAD message that follows.
func (s *session) insertBulk(bt *bulkTarget, w tds.ResultWriter) error {
	if _, err := s.queryColumns(context.Background(), bt.table); err != nil {
		return err
	}
	s.bulk = bt
	return w.Done(tds.Done, 0, 0, 0)
}

// BulkLoad implements tds.BulkLoader: it inserts the rows of the BULKLOAD
// message into the table named by the preceding INSERT BULK and answers
// DONE(COUNT).
func (s *session) BulkLoad(ctx context.Context, req *tds.BulkLoadRequest, w tds.ResultWriter) error {
	ctx = engine.EnsureDeferredApply(ctx, &s.deferred)
	bt := s.bulk
	s.bulk = nil
	if bt == nil {
		return &exec.Error{Number: 4804, Severity: 16, State: 1, Message: "While reading current row from host, a premature end-of-message was encountered--an incoming data stream was interrupted when the server expected to see more data. The host program may have terminated. Ensure that you are using a supported client application programming interface (API)."}
	}
	if err := s.check(); err != nil {
		return err
	}
	identity, err := s.queryColumns(ctx, bt.table, "AND is_identity = 1")
	if err != nil {
		return err
	}
	// Columns to insert: all the client sent, minus generated identities.
	var use []int
	for i, c := range req.Columns {
		skip := false
		if !bt.keepIdentity {
			for _, id := range identity {
				if strings.EqualFold(id, c.Name) {
					skip = true
				}
			}
		}
		if !skip {
			use = append(use, i)
		}
	}
	var n int64
	if req.RowCount() > 0 {
		n, err = s.bulkInsert(ctx, bt, req, use)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
	}
	status := uint16(tds.DoneCount)
	if s.es.TranCount() > 0 {
		status |= tds.DoneInXact
	}
	return w.Done(tds.Done, status, 0, uint64(n))
}

// bulkInsert runs the generated INSERTs, in a transaction of their own when
// the session has none, and returns the number of rows inserted.
func (s *session) bulkInsert(ctx context.Context, bt *bulkTarget, req *tds.BulkLoadRequest, use []int) (int64, error) {
	var out discardOutput
	own := s.es.TranCount() == 0
	if own {
		if err := s.es.BeginTransaction("", &out); err != nil {
			return 0, err
		}
	}
	prefix := "INSERT INTO " + bt.table
	if len(use) > 0 {
		names := make([]string, len(use))
		for i, c := range use {
			names[i] = quoteName(req.Columns[c].Name)
		}
		prefix += " (" + strings.Join(names, ", ") + ")"
	}
	if bt.keepIdentity {
		prefix = "SET IDENTITY_INSERT " + bt.table + " ON; " + prefix
	}
	perRow := max(len(use), 1)
	chunk := min(bulkChunkRows, max(bulkChunkParams/perRow, 1))
	// Rows are decoded a chunk at a time (tds.BulkLoadRequest.EachRow).
	rows := make([][]any, 0, min(chunk, req.RowCount()))
	insert := func() error {
		if len(rows) == 0 {
			return nil
		}
		err := s.bulkChunk(ctx, prefix, bt, req, use, rows, &out)
		if err == nil {
			err = out.err
		}
		rows = rows[:0]
		return err
	}
	err := req.EachRow(func(row []any) error {
		if rows = append(rows, row); len(rows) < chunk {
			return nil
		}
		return insert()
	})
	if err == nil {
		err = insert()
	}
	if own {
		if err != nil {
			if s.es.TranCount() > 0 {
				_ = s.es.RollbackTransaction(ctx, "", &out)
			}
			return 0, err
		}
		if err := s.es.CommitTransaction(ctx, &out); err != nil {
			return 0, err
		}
	}
	if err != nil {
		return 0, err
	}
	return out.count, nil
}

// bulkChunk inserts rows with one parameterized INSERT … VALUES.
func (s *session) bulkChunk(ctx context.Context, prefix string, bt *bulkTarget, req *tds.BulkLoadRequest, use []int, rows [][]any, out *discardOutput) error {
	var sb, decls strings.Builder
	sb.WriteString(prefix)
	if len(use) == 0 {
		sb.WriteString(" DEFAULT VALUES")
		for range rows[1:] {
			sb.WriteString("; " + prefix + " DEFAULT VALUES")
		}
	} else {
		sb.WriteString(" VALUES ")
	}
	args := make([]*exec.ProcArg, 0, len(rows)*len(use))
	for r, row := range rows {
		if len(use) == 0 {
			break
		}
		if r > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for j, c := range use {
			if j > 0 {
				sb.WriteString(", ")
			}
			if c >= len(row) {
				return fmt.Errorf("bulk load: row %d has %d values for %d columns", r+1, len(row), len(req.Columns))
			}
			v, t, err := paramValue(tds.Param{Type: req.Columns[c].Type, Value: row[c]})
			if err != nil {
				return &exec.Error{Number: 4816, Severity: 16, State: 1, Message: fmt.Sprintf("Invalid column type from bcp client for colid %d.", c+1)}
			}
			name := fmt.Sprintf("@b%d", len(args)+1)
			sb.WriteString(name)
			if len(args) > 0 {
				decls.WriteString(", ")
			}
			decls.WriteString(name + " " + declType(t))
			args = append(args, &exec.ProcArg{Name: name, Value: v, Type: t})
		}
		sb.WriteByte(')')
	}
	if bt.keepIdentity {
		sb.WriteString("; SET IDENTITY_INSERT " + bt.table + " OFF")
	}
	return s.es.ExecuteSQL(ctx, sb.String(), decls.String(), args, out)
}

// declType spells t for a parameter declaration (LOB parameter types are
// declared as their (max) equivalents, which convert to every LOB column).
func declType(t types.Type) string {
	switch t.ID {
	case types.Text:
		return "varchar(max)"
	case types.NText, types.XML:
		return "nvarchar(max)"
	case types.Image:
		return "varbinary(max)"
	case types.Unknown:
		return "int"
	}
	if (t.ID.IsString() || t.ID.IsBinary()) && t.Length == 0 {
		t.Length = types.MaxLength
	}
	return t.String()
}

// queryColumns returns the names of table's columns matching the extra
// sys.columns condition; 208 when the table does not exist.
func (s *session) queryColumns(ctx context.Context, table string, cond ...string) ([]string, error) {
	var out discardOutput
	q := "IF OBJECT_ID(@t) IS NULL SELECT TOP (0) * FROM " + table +
		" ELSE SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(@t) " + strings.Join(cond, " ")
	out.collect = true
	// A missing table fails in the first branch (208); the second only runs
	// for a table OBJECT_ID finds, so the rows collected are column names.
	id := strings.TrimPrefix(table, "..")
	err := s.es.ExecuteSQL(ctx, q, "@t nvarchar(4000)", []*exec.ProcArg{{Name: "@t", Value: types.NewNVarChar(id), Type: types.NVarCharType(4000)}}, &out)
	if err == nil {
		err = out.err
	}
	if err != nil {
		return nil, err
	}
	return out.names, nil
}

// discardOutput swallows the generated statements' results, keeping the
// rows affected and, when collect is set, the first column of result rows.
type discardOutput struct {
	err     error // the first error reported through Error
	count   int64
	collect bool
	names   []string
}

func (o *discardOutput) Columns([]exec.ResultColumn) error { return nil }
func (o *discardOutput) Row(r exec.Row) error {
	if o.collect && len(r) > 0 {
		o.names = append(o.names, r[0].Str())
	}
	return nil
}
func (o *discardOutput) Done(cmd exec.Cmd, count int64, _, _, _ bool) error {
	if cmd == exec.CmdInsert { // counted under SET NOCOUNT ON too
		o.count += count
	}
	return nil
}
func (o *discardOutput) Message(*exec.Error) error { return nil }
func (o *discardOutput) Error(err error) error {
	if o.err == nil {
		o.err = err
	}
	return nil
}
func (o *discardOutput) Transaction(exec.TranEvent, uint64) error { return nil }
func (o *discardOutput) DatabaseChanged(string, string) error     { return nil }
func (o *discardOutput) ReturnStatus(int32) error                 { return nil }

var _ tds.BulkLoader = (*session)(nil)
