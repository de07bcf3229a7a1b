package tds_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/tds"
)

// fakeHandler is a SQL-free Handler for the end-to-end tests: it knows a fixed
// set of batch texts and echoes RPC parameters back as one row.
type fakeHandler struct {
	partner  string
	spid     atomic.Uint32
	tranSeq  atomic.Uint64
	lastMode atomic.Value // LoginRequest.Encryption of the last login
	bulk     atomic.Value // *tds.BulkLoadRequest of the last BULKLOAD
	// afterResponse, when set, runs in every session's AfterResponse
	// (TestE2EAfterResponse).
	afterResponse func()
}

func (h *fakeHandler) Login(ctx context.Context, req *tds.LoginRequest) (tds.Session, error) {
	h.lastMode.Store(req.Encryption)
	switch {
	case req.Database == "nodb":
		return nil, &tds.ServerError{Number: 4060, Class: 11, State: 1,
			Text: "Cannot open database \"nodb\" requested by the login. The login failed."}
	case req.Database == "refused": // a refusal joined with 18456, as the engine sends it
		return nil, errors.Join(
			&tds.ServerError{Number: 4060, Class: 11, State: 1, Text: "Cannot open database \"refused\" requested by the login. The login failed."},
			errors.New("plain"), // no identity: 18456
		)
	case req.Password != "secret":
		return nil, errors.New("bad password")
	case req.Database == "panicdb":
		panic("login panic")
	case req.Database == "deepdb":
		burnStack(64) // TestE2EIdleConnectionStack
	}
	db := req.Database
	if db == "" {
		db = "master"
	}
	return &fakeSession{h: h, db: db, spid: uint16(51 + h.spid.Add(1)), login: req}, nil
}

// burnStack recurses n times through a 256-byte frame: a login that runs
// deep, as the engine's does (the password's hash, the new session).
//
//go:noinline
func burnStack(n int) byte {
	var pad [256]byte
	pad[n%len(pad)] = byte(n)
	if n == 0 {
		return pad[0]
	}
	return burnStack(n-1) + pad[n%len(pad)]
}

type fakeSession struct {
	h     *fakeHandler
	db    string
	spid  uint16
	login *tds.LoginRequest
	tran  uint64
}

func (s *fakeSession) LoginInfo() tds.LoginAck {
	return tds.LoginAck{Database: s.db, SPID: s.spid, MirrorPartner: s.h.partner}
}

func (s *fakeSession) Close() {}

// AfterResponse implements tds.ResponseFollower.
func (s *fakeSession) AfterResponse() {
	if s.h.afterResponse != nil {
		s.h.afterResponse()
	}
}

// bulkCols is the destination table of TestE2EBulkCopy ("bulk_t").
var bulkCols = []tds.Column{
	{Name: "id", Type: tds.TypeInt(), Nullable: true},
	{Name: "name", Type: tds.TypeNVarChar(50), Nullable: true},
	{Name: "notes", Type: tds.TypeNVarChar(tds.MaxLength), Nullable: true},
	{Name: "doc", Type: tds.TypeText(), Nullable: true},
	{Name: "at", Type: tds.TypeDateTime2(7), Nullable: true},
}

// BulkLoad implements tds.BulkLoader: it keeps the rows and reports their count.
func (s *fakeSession) BulkLoad(ctx context.Context, req *tds.BulkLoadRequest, w tds.ResultWriter) error {
	s.h.bulk.Store(req)
	return w.Done(tds.Done, tds.DoneCount, 0, uint64(req.RowCount()))
}

func intCol(name string) tds.Column {
	return tds.Column{Name: name, Type: tds.TypeInt(), Nullable: true}
}

// allTypes is one row with every supported type (see TestE2ETypesInResult).
var allTypesCols = []tds.Column{
	{Name: "bit", Type: tds.TypeBit()}, {Name: "tinyint", Type: tds.TypeTinyInt()},
	{Name: "smallint", Type: tds.TypeSmallInt()}, {Name: "int", Type: tds.TypeInt()},
	{Name: "bigint", Type: tds.TypeBigInt()}, {Name: "decimal", Type: tds.TypeDecimal(10, 3)},
	{Name: "numeric", Type: tds.TypeNumeric(38, 0)}, {Name: "money", Type: tds.TypeMoney()},
	{Name: "smallmoney", Type: tds.TypeSmallMoney()}, {Name: "real", Type: tds.TypeReal()},
	{Name: "float", Type: tds.TypeFloat()}, {Name: "char", Type: tds.TypeChar(5)},
	{Name: "varchar", Type: tds.TypeVarChar(20)}, {Name: "nchar", Type: tds.TypeNChar(3)},
	{Name: "nvarchar", Type: tds.TypeNVarChar(20)}, {Name: "varcharmax", Type: tds.TypeVarChar(tds.MaxLength)},
	{Name: "nvarcharmax", Type: tds.TypeNVarChar(tds.MaxLength)}, {Name: "binary", Type: tds.TypeBinary(3)},
	{Name: "varbinary", Type: tds.TypeVarBinary(10)}, {Name: "varbinarymax", Type: tds.TypeVarBinary(tds.MaxLength)},
	{Name: "date", Type: tds.TypeDate()}, {Name: "time", Type: tds.TypeTime(7)},
	{Name: "datetime", Type: tds.TypeDateTime()}, {Name: "smalldatetime", Type: tds.TypeSmallDateTime()},
	{Name: "datetime2", Type: tds.TypeDateTime2(7)}, {Name: "datetimeoffset", Type: tds.TypeDateTimeOffset(7)},
	{Name: "guid", Type: tds.TypeUniqueIdentifier()},
	{Name: "text", Type: tds.TypeText()}, {Name: "ntext", Type: tds.TypeNText()},
	{Name: "image", Type: tds.TypeImage()}, {Name: "xml", Type: tds.TypeXML()},
	{Name: "variant_int", Type: tds.TypeSQLVariant()}, {Name: "variant_nvarchar", Type: tds.TypeSQLVariant()},
	{Name: "variant_datetime2", Type: tds.TypeSQLVariant()}, {Name: "variant_decimal", Type: tds.TypeSQLVariant()},
}

// fixedCols and fixedRows are the answer to "select fixed" (TestE2EFreeTDS,
// TestE2ETedious): NOT NULL columns of every fixed-length type with their
// extreme values, and three nullable int columns.
var (
	fixedCols = []tds.Column{
		{Name: "bit", Type: tds.TypeBit().Fixed()}, {Name: "tinyint", Type: tds.TypeTinyInt().Fixed()},
		{Name: "smallint", Type: tds.TypeSmallInt().Fixed()}, {Name: "int", Type: tds.TypeInt().Fixed()},
		{Name: "bigint", Type: tds.TypeBigInt().Fixed()}, {Name: "real", Type: tds.TypeReal().Fixed()},
		{Name: "float", Type: tds.TypeFloat().Fixed()}, {Name: "smallmoney", Type: tds.TypeSmallMoney().Fixed()},
		{Name: "money", Type: tds.TypeMoney().Fixed()}, {Name: "smalldatetime", Type: tds.TypeSmallDateTime().Fixed()},
		{Name: "datetime", Type: tds.TypeDateTime().Fixed()},
		intCol("n1"), intCol("n2"), intCol("n3"),
	}
	fixedRows = [][]any{
		{false, int64(0), int64(-32768), int64(-2147483648), int64(-9007199254740991), -1.5, -1.25e300,
			tds.NewDecimal(-2147483648, 4), tds.NewDecimal(-9223372036854775808, 4),
			time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1753, 1, 1, 0, 0, 0, 0, time.UTC), nil, nil, nil},
		{true, int64(255), int64(32767), int64(2147483647), int64(9007199254740991), 3.5, 2.5,
			tds.NewDecimal(2147483647, 4), tds.NewDecimal(9223372036854775807, 4),
			time.Date(2079, 6, 6, 23, 59, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 990000000, time.UTC),
			int64(1), int64(2), int64(3)},
	}
)

var (
	testTime  = time.Date(2024, 2, 29, 13, 14, 15, 123456700, time.UTC)
	testZone  = time.FixedZone("", -(7*60+30)*60)
	bigNum, _ = new(big.Int).SetString("-12345678901234567890123456789012345678", 10)
	testGUID  = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
)

// collationTexts are varchar values in collations of other code pages (the
// strings go-mssqldb's TestSelect uses), for TestE2ECollations.
var collationTexts = []struct {
	name string
	c    tds.Collation
	text string
}{
	{"thai", winColl(0x041E), "สวัสดี"}, {"japanese", winColl(0x0411), "こんにちは"},
	{"chinese_prc", winColl(0x0804), "你好"}, {"korean", winColl(0x0412), "안녕하세요."},
	{"chinese_hk", winColl(0x0C04), "你好"}, {"polish", winColl(0x0415), "cześć"},
	{"greek", winColl(0x0408), "Γεια σας"}, {"cyrillic", winColl(0x0419), "Алло"},
	{"hebrew", winColl(0x040D), "שלום"}, {"arabic", winColl(0x0401), "مرحبا"},
	{"turkish", winColl(0x041F), "Merhaba"}, {"lithuanian", winColl(0x0427), "Sveiki"},
	{"vietnamese", winColl(0x042A), "chào"}, {"french", winColl(0x040C), "Bonjour"},
}

// winColl is a case- and accent-insensitive Windows collation of lcid.
func winColl(lcid uint32) tds.Collation {
	v := lcid | 0x03<<20
	return tds.Collation{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24), 0}
}

var allTypesRow = []any{
	true, int64(255), int64(-32768), int64(-2147483648), int64(9223372036854775807),
	tds.NewDecimal(-1234567, 3), tds.Decimal{Unscaled: bigNum}, tds.NewDecimal(-9223372036854775808, 4),
	tds.NewDecimal(2147483647, 4), float64(float32(3.5)), 2.718281828459045, "ab",
	"héllo wörld €", "ñ€", "日本語 text", strings.Repeat("x", 9000), strings.Repeat("日", 100000),
	[]byte{1, 2, 3}, []byte{}, make([]byte, 70000),
	testTime, testTime, testTime, testTime, testTime, testTime.In(testZone), testGUID,
	"text é", "ntext 日本", []byte{9, 8, 7}, "<r a=\"1\">é</r>",
	tds.Variant{Type: tds.TypeInt(), Value: int64(42)}, tds.Variant{Type: tds.TypeNVarChar(10), Value: "héllo"},
	tds.Variant{Type: tds.TypeDateTime2(7), Value: testTime}, tds.Variant{Type: tds.TypeDecimal(5, 2), Value: tds.NewDecimal(-1250, 2)},
}

func (s *fakeSession) Batch(ctx context.Context, req *tds.BatchRequest, w tds.ResultWriter) error {
	text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(req.Text), ";"))
	if s.tran != 0 && req.TransactionDescriptor != s.tran {
		return &tds.ServerError{Number: 3988, Class: 16, State: 1, Text: "New transaction is not allowed because there are other threads running in the session."}
	}
	switch {
	case text == "select 1" || text == "select 1 as a" || text == "select 2":
		name := ""
		if strings.HasSuffix(text, " as a") {
			name = "a"
		}
		v := int64(1)
		if text == "select 2" {
			v = 2
		}
		if err := w.Columns([]tds.Column{intCol(name)}); err != nil {
			return err
		}
		if err := w.Row([]any{v}); err != nil {
			return err
		}
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 1)
	case text == "select 1; select 2":
		for _, v := range []int64{1, 2} {
			w.Columns([]tds.Column{intCol("")})
			w.Row([]any{v})
			w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 1)
		}
		return nil
	case text == "select types":
		w.Columns(allTypesCols)
		w.Row(allTypesRow)
		w.Row(make([]any, len(allTypesCols)))
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 2)
	case text == "select fixed":
		// NOT NULL columns of the fixed-length types (as SQL Server sends
		// them) beside nullable ones: the NULL row is an NBCROW, the other
		// a ROW.
		w.Columns(fixedCols)
		for _, r := range fixedRows {
			if err := w.Row(r); err != nil {
				return err
			}
		}
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, uint64(len(fixedRows)))
	case text == "select collations":
		cols := make([]tds.Column, len(collationTexts))
		row := make([]any, len(collationTexts))
		for i, ct := range collationTexts {
			typ := tds.TypeVarChar(tds.MaxLength)
			if i%2 == 1 {
				typ = tds.TypeVarChar(40)
			}
			typ.Collation = ct.c
			cols[i], row[i] = tds.Column{Name: ct.name, Type: typ}, ct.text
		}
		w.Columns(cols)
		w.Row(row)
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 1)
	case strings.EqualFold(text, "SET FMTONLY ON"), strings.HasPrefix(strings.ToLower(text), "insert bulk [bulk_t]"):
		return w.Done(tds.Done, 0, 0, 0)
	case text == "select * from [bulk_t] SET FMTONLY OFF":
		w.Columns(bulkCols)
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 0)
	case text == "bad object":
		return &tds.ServerError{Number: 208, Class: 16, State: 1, Line: 1, Text: "Invalid object name 'dbo.t'."}
	case text == "two errors":
		w.Error(&tds.ServerError{Number: 102, Class: 15, State: 1, Text: "Incorrect syntax near 'x'."})
		w.Done(tds.Done, tds.DoneError, 0, 0)
		return &tds.ServerError{Number: 208, Class: 16, State: 1, Text: "Invalid object name 'y'."}
	case text == "waitfor delay":
		<-ctx.Done()
		return ctx.Err()
	case text == "waitfor 10ms": // outlasts the Attention watcher's delay, then completes
		time.Sleep(10 * time.Millisecond)
		return w.Done(tds.Done, 0, 0, 0)
	case text == "use other":
		if err := w.DatabaseChanged("other", s.db); err != nil {
			return err
		}
		s.db = "other"
		return w.Done(tds.Done, 0, 0, 0)
	case text == "select db_name()":
		w.Columns([]tds.Column{{Type: tds.TypeNVarChar(128)}})
		w.Row([]any{s.db})
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, 1)
	case strings.HasPrefix(text, "rows "):
		n, _ := strconv.Atoi(strings.TrimPrefix(text, "rows "))
		w.Columns([]tds.Column{intCol("i"), {Name: "s", Type: tds.TypeNVarChar(50), Nullable: true}})
		for i := 0; i < n; i++ {
			if err := w.Row([]any{int64(i), "row payload text"}); err != nil {
				return err
			}
		}
		return w.Done(tds.Done, tds.DoneCount, tds.CmdSelect, uint64(n))
	case text == "raise panic":
		panic("handler panic")
	case text == "run deep":
		burnStack(64) // TestE2EIdleConnectionStack
		return w.Done(tds.Done, 0, 0, 0)
	}
	return &tds.ServerError{Number: 2812, Class: 16, State: 62, Text: fmt.Sprintf("Could not find stored procedure '%s'.", text)}
}

// RPC echoes sp_executesql arguments as one row (column names without '@'),
// returns output parameters doubled, and implements the procedure "retstatus".
func (s *fakeSession) RPC(ctx context.Context, req *tds.RPCRequest, w tds.ResultWriter) error {
	if req.Name() == "retstatus" {
		w.ReturnStatus(2)
		return w.Done(tds.DoneProc, 0, tds.CmdExecute, 0)
	}
	stmt, _, args, ok := req.ExecuteSQL()
	if !ok {
		return &tds.ServerError{Number: 2812, Class: 16, State: 62, Text: fmt.Sprintf("Could not find stored procedure '%s'.", req.Name())}
	}
	if len(args) == 0 { // tedious: execSql without parameters
		if err := s.Batch(ctx, &tds.BatchRequest{Headers: req.Headers, Text: stmt}, w); err != nil {
			return err
		}
		return w.Done(tds.DoneProc, 0, tds.CmdExecute, 0)
	}
	if strings.HasPrefix(stmt, "waitfor") {
		<-ctx.Done()
		return ctx.Err()
	}
	var cols []tds.Column
	var vals []any
	var outs []tds.Param
	for _, a := range args {
		if a.Output() {
			outs = append(outs, a)
			continue
		}
		cols = append(cols, tds.Column{Name: strings.TrimPrefix(a.Name, "@"), Type: a.ColumnType(), Nullable: true})
		vals = append(vals, a.Value)
	}
	if len(cols) > 0 {
		if err := w.Columns(cols); err != nil {
			return err
		}
		if err := w.Row(vals); err != nil {
			return err
		}
		w.Done(tds.DoneInProc, tds.DoneCount, tds.CmdSelect, 1)
	}
	w.ReturnStatus(0)
	for i, o := range outs {
		v := o.Value
		if n, ok := v.(int64); ok {
			v = 2 * n
		}
		if err := w.ReturnValue(tds.ReturnValue{Ordinal: uint16(i), Name: o.Name, Status: tds.ReturnOutputParam, Type: o.Type, Value: v}); err != nil {
			return err
		}
	}
	return w.Done(tds.DoneProc, 0, tds.CmdExecute, 0)
}

func (s *fakeSession) Transaction(ctx context.Context, req *tds.TMRequest, w tds.ResultWriter) error {
	switch req.Type {
	case tds.TMBeginXact:
		s.tran = s.h.tranSeq.Add(1) + 0x0102030405060700
		if err := w.BeginTransaction(s.tran); err != nil {
			return err
		}
	case tds.TMCommitXact, tds.TMRollbackXact:
		if req.TransactionDescriptor != s.tran || s.tran == 0 {
			return &tds.ServerError{Number: 3902, Class: 16, State: 1, Text: "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION."}
		}
		if req.Type == tds.TMCommitXact {
			w.CommitTransaction(s.tran)
		} else {
			w.RollbackTransaction(s.tran)
		}
		s.tran = 0
	}
	return w.Done(tds.Done, 0, 0, 0)
}
