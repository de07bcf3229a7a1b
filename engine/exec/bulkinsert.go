package exec

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/unicode"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// BULK INSERT table FROM 'file' [WITH (…)]: a data file on the server's
// file system loaded into a table in one statement (and one transaction:
// a bad row leaves nothing behind). What DBAs load CSV exports with.
//
// Supported options, with SQL Server's defaults: FIELDTERMINATOR ('\t'),
// ROWTERMINATOR ('\n', which also ends a line at "\r\n"), FIRSTROW (1),
// LASTROW (0: to the end), FORMAT = 'CSV' with FIELDQUOTE ('"') for RFC 4180
// quoting, DATAFILETYPE = 'char' | 'widechar' (UTF-16LE) | 'native' (refused),
// CODEPAGE (the file is read as UTF-8), KEEPNULLS (an empty field is NULL
// rather than the column's default), KEEPIDENTITY (the file's identity
// values are kept rather than generated). TABLOCK, BATCHSIZE,
// ROWS_PER_BATCH, ORDER, MAXERRORS, CHECK_CONSTRAINTS and ERRORFILE are
// accepted; constraints are always checked (SQL Server skips them unless
// CHECK_CONSTRAINTS and then marks them untrusted) and triggers never fire
// (FIRE_TRIGGERS is refused rather than ignored).

// bulkOptions are a BULK INSERT's WITH options.
type bulkOptions struct {
	field, row         string
	firstRow, lastRow  int64
	csv                bool
	quote              rune
	wide               bool
	keepNulls, keepIDs bool
}

var (
	errBulkPermission = errorKind{4834, 16, 1, "You do not have permission to use the bulk load statement.", AbortStatement}
	errBulkOpenFile   = errorKind{4861, 16, 1, "Cannot bulk load because the file \"%s\" could not be opened. Operating system error code %s.", AbortStatement}
	errBulkConversion = errorKind{4864, 16, 1, "Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row %d, column %d (%s).", AbortStatement}
	errBulkEOF        = errorKind{4832, 16, 1, "Bulk load: An unexpected end of file was encountered in the data file.", AbortStatement}
	errBulkOption     = errorKind{40508, 16, 1, "%s is not supported.", AbortStatement}
)

// bulkTerminator decodes a terminator as BULK INSERT writes it: '\t', '\n',
// '\r', '\0', '\\' escapes or a hex byte '0x0a'.
func bulkTerminator(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "0x") {
		if b, err := strconv.ParseUint(s[2:], 16, 8); err == nil {
			return string(rune(b))
		}
	}
	r := strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\r`, "\r", `\0`, "\x00", `\\`, `\`)
	return r.Replace(s)
}

func (s *Session) bulkInsertOptions(ctx context.Context, st *ast.BulkInsertStmt) (bulkOptions, error) {
	o := bulkOptions{field: "\t", row: "\n", firstRow: 1, quote: '"'}
	for _, opt := range st.Options {
		val := strings.ToUpper(opt.Word)
		if opt.Value != nil {
			v, err := s.EvalString(ctx, opt.Value)
			if err != nil {
				return o, err
			}
			val = v
		}
		switch opt.Name {
		// An empty terminator keeps the default: splitting on "" would cut
		// no bytes, and a one-column table then took empty rows forever.
		case "FIELDTERMINATOR":
			if t := bulkTerminator(val); t != "" {
				o.field = t
			}
		case "ROWTERMINATOR":
			if t := bulkTerminator(val); t != "" {
				o.row = t
			}
		case "FIRSTROW", "LASTROW":
			n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
			if err != nil || n < 0 {
				return o, &Error{Number: 4819, Severity: 16, State: 1, Message: "Cannot bulk load. The bulk data stream was incorrectly specified as sorted or the data violates a uniqueness constraint imposed by the target table."}
			}
			if opt.Name == "FIRSTROW" {
				o.firstRow = max(n, 1)
			} else {
				o.lastRow = n
			}
		case "FORMAT":
			o.csv = strings.EqualFold(val, "CSV")
		case "FIELDQUOTE":
			if q := []rune(val); len(q) == 1 {
				o.quote = q[0]
			}
		case "DATAFILETYPE":
			switch strings.ToLower(val) {
			case "widechar", "widenative":
				o.wide = true
			case "native":
				return o, errBulkOption.New("DATAFILETYPE = 'native'")
			}
		case "KEEPNULLS":
			o.keepNulls = true
		case "KEEPIDENTITY":
			o.keepIDs = true
		case "FIRE_TRIGGERS", "FORMATFILE":
			return o, errBulkOption.New("BULK INSERT " + opt.Name)
		}
	}
	return o, nil
}

// bulkInsert runs BULK INSERT.
func (s *Session) bulkInsert(ctx context.Context, st *ast.BulkInsertStmt, out Output) error {
	if !s.HasServerPermission("ADMINISTER BULK OPERATIONS") && !s.IsServerRole("bulkadmin") {
		return errBulkPermission.New()
	}
	tr, ok, err := s.resolveTable(st.Table)
	if err != nil {
		return err
	}
	if !ok {
		return ErrInvalidObject.New(nameText(st.Table))
	}
	if err := checkClusteredEnabled(tr); err != nil { // index_disable.go
		return err
	}
	if err := s.checkTable(tr, "INSERT"); err != nil { // perm.go
		return err
	}
	if err := s.lockTarget(ctx, tr); err != nil {
		return err // dml_target_lock.go
	}
	opts, err := s.bulkInsertOptions(ctx, st)
	if err != nil {
		return err
	}
	path, err := s.EvalString(ctx, st.File)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		code := "2(The system cannot find the file specified.)"
		if !errors.Is(err, os.ErrNotExist) {
			code = "5(Access is denied.)"
		}
		return errBulkOpenFile.New(path, code)
	}
	defer f.Close()
	var src io.Reader = bufio.NewReaderSize(f, 64<<10)
	if opts.wide { // UTF-16LE, with or without a byte-order mark
		src = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Reader(src)
	}
	next := bulkRows(src, path, opts)

	t := tr.t
	rb, err := s.newRowBuilder(tr, "INSERT")
	if err != nil {
		return err
	}
	ec := newEvalCtx(ctx, s)
	identCol := t.IdentityColumn()
	var lastIdent types.Value
	n := int64(0)
	for line := int64(1); ; line++ {
		fields, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if line < opts.firstRow {
			continue
		}
		if opts.lastRow > 0 && line > opts.lastRow {
			break
		}
		if n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(fields) < len(t.Columns) {
			return errBulkEOF.New()
		}
		row := make(Row, len(t.Columns)+1)
		given := make([]bool, len(t.Columns))
		for i, c := range t.Columns {
			switch {
			case c.Computed != "" || c.RowVersion:
				continue
			case i == identCol && !opts.keepIDs:
				continue
			case fields[i] == "" && !opts.keepNulls:
				continue // the column's default
			}
			given[i] = true
			if fields[i] == "" {
				row[i] = types.Null(c.Type.ID)
				continue
			}
			v, err := types.ImplicitConvert(types.NewNVarChar(fields[i]), c.Type)
			if err != nil {
				return errBulkConversion.New(line, i+1, c.Name)
			}
			if row[i], err = rb.store(i, v); err != nil {
				return err
			}
		}
		ident, err := rb.complete(ec, row, given)
		if err != nil {
			return err
		}
		if !ident.IsNull() {
			lastIdent = ident
		}
		if err := s.insertRow(ctx, tr, row, "INSERT"); err == errDupKeyIgnored {
			continue // IGNORE_DUP_KEY (ignore_dup_key.go)
		} else if err != nil {
			return err
		}
		n++
	}
	if identCol >= 0 {
		s.noteIdentity(tr, lastIdent)
	}
	return s.done(out, CmdInsert, n, true)
}

// bulkRows returns a reader of the file's rows, each split into fields.
func bulkRows(r io.Reader, path string, o bulkOptions) func() ([]string, error) {
	if o.csv && len([]rune(o.field)) == 1 && (o.row == "\n" || o.row == "\r\n") {
		cr := csv.NewReader(r)
		cr.Comma = []rune(o.field)[0]
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = o.quote != '"'
		cr.ReuseRecord = false
		return func() ([]string, error) {
			rec, err := cr.Read()
			if err != nil && !errors.Is(err, io.EOF) {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return nil, &Error{Number: 4879, Severity: 16, State: 1, Message: fmt.Sprintf("Bulk load failed due to invalid column value in CSV data file %s in row %d, column %d.", path, pe.Line, pe.Column)}
				}
			}
			return rec, err
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	term := []byte(o.row)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.Index(data, term); i >= 0 {
			tok := data[:i]
			if o.row == "\n" {
				tok = bytes.TrimSuffix(tok, []byte("\r")) // '\n' also ends "\r\n" lines
			}
			return i + len(term), tok, nil
		}
		if atEOF && len(data) > 0 {
			return len(data), bytes.TrimSuffix(data, []byte("\r")), nil
		}
		return 0, nil, nil
	})
	return func() ([]string, error) {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		return strings.Split(sc.Text(), o.field), nil
	}
}
