package tests

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// corpusDB is the database every corpus script runs in (created fresh).
const corpusDB = "corpus"

// sqlServerError is the structural error contract of docs/conventions.md.
type sqlServerError interface {
	error
	SQLServerError() (number int32, severity uint8, state uint8)
}

// eventCollector is an exec.Output that records events in the corpus syntax.
type eventCollector struct {
	lines []string
	cols  []exec.ResultColumn
	open  bool // a result set was started and no Done has ended it yet
}

var _ exec.Output = (*eventCollector)(nil)

func (c *eventCollector) Columns(cols []exec.ResultColumn) error {
	if c.open {
		// TDS clients need DONE between result sets (MS-TDS 2.2.7.6).
		c.lines = append(c.lines, "-- fatal: result set started without Done for the previous one")
	}
	c.open = true
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.Name
	}
	c.lines = append(c.lines, renderHeader(names))
	c.cols = append(c.cols[:0], cols...)
	return nil
}

func (c *eventCollector) Row(r exec.Row) error {
	vals := make([]string, len(r))
	for i, v := range r {
		vals[i] = renderValue(v)
		if i < len(c.cols) && !v.IsNull() && c.cols[i].Type.ID != types.SQLVariant && typeClass(v.TypeID()) != typeClass(c.cols[i].Type.ID) {
			// The TDS layer cannot encode such a row; report it like a failure.
			vals[i] += fmt.Sprintf(" (BAD: %s value in %s column)", v.TypeID(), c.cols[i].Type.ID)
		}
	}
	c.lines = append(c.lines, renderRow(vals))
	return nil
}

func (c *eventCollector) Done(exec.Cmd, int64, bool, bool, bool) error {
	c.open = false
	return nil
}

func (c *eventCollector) Message(m *exec.Error) error {
	c.lines = append(c.lines, dirMessage+" "+m.Message)
	return nil
}

func (c *eventCollector) Error(err error) error {
	c.lines = append(c.lines, errorLine(err))
	return nil
}

func (c *eventCollector) Transaction(exec.TranEvent, uint64) error { return nil }

// DatabaseChanged adds the informational message 5701 that the TDS session
// layer sends with the ENVCHANGE, so both runs share expectations.
func (c *eventCollector) DatabaseChanged(newDB, _ string) error {
	c.lines = append(c.lines, dirMessage+" Changed database context to '"+newDB+"'.")
	return nil
}
func (c *eventCollector) ReturnStatus(int32) error { return nil }

// errorLine renders an error as "-- error: N message".
func errorLine(err error) string {
	var se sqlServerError
	if errors.As(err, &se) {
		n, _, _ := se.SQLServerError()
		return dirError + " " + strconv.Itoa(int(n)) + " " + se.Error()
	}
	return dirError + " ? " + err.Error()
}

// renderValue renders an engine value exactly as renderGo renders the value
// go-mssqldb decodes from the same column, so both runs share expectations.
func renderValue(v types.Value) string {
	if v.IsNull() {
		return "NULL"
	}
	name := strings.ToUpper(v.TypeID().Name())
	switch v.TypeID() {
	case types.Bit:
		return renderGo(v.Bool(), name)
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return renderGo(v.Int64(), name)
	case types.Real, types.Float:
		return renderGo(v.Float64(), name)
	case types.Money, types.SmallMoney:
		n := v.Int64()
		sign := ""
		if n < 0 {
			sign, n = "-", -n
		}
		return sign + strconv.FormatInt(n/10000, 10) + "." + leftPad(strconv.FormatInt(n%10000, 10), 4)
	case types.Decimal, types.Numeric:
		return v.String()
	case types.Char, types.VarChar, types.NChar, types.NVarChar:
		return renderGo(v.Str(), name)
	case types.Binary, types.VarBinary, types.Image:
		return renderGo(v.Bytes(), name)
	case types.UniqueIdentifier:
		return strings.ToUpper(v.UUID().String())
	case types.Date, types.Time, types.DateTime, types.DateTime2, types.SmallDateTime, types.DateTimeOffset:
		return renderTime(v.Time(), name)
	}
	return v.String()
}

// typeClass groups types whose values the TDS encoder can put in each
// other's columns; a value of another class than its column is a bug.
func typeClass(id types.TypeID) string {
	switch id {
	case types.Char, types.VarChar, types.NChar, types.NVarChar, types.Text, types.NText, types.XML:
		return "string"
	case types.Binary, types.VarBinary, types.Image:
		return "binary"
	case types.Bit, types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return "int"
	case types.Decimal, types.Numeric:
		return "decimal"
	case types.Money, types.SmallMoney:
		return "money"
	case types.Real, types.Float:
		return "float"
	case types.Date, types.Time, types.DateTime, types.DateTime2, types.SmallDateTime, types.DateTimeOffset:
		return "datetime"
	}
	return id.Name()
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// engineRunner runs batches in one in-process session.
type engineRunner struct {
	s *engine.Session
}

func (r *engineRunner) Run(t *testing.T, sql string) []string {
	t.Helper()
	var c eventCollector
	if err := r.s.ExecBatch(context.Background(), sql, &c); err != nil {
		c.lines = append(c.lines, "-- fatal: "+err.Error())
	}
	return c.lines
}

// openCorpusEngine opens a fresh instance with the corpus database and a
// session in it.
func openCorpusEngine(t *testing.T) *engineRunner {
	t.Helper()
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "corpus", SAPassword: "Corpus!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatalf("engine.Open: %v", err)
	}
	t.Cleanup(func() { inst.Close() })
	master, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatalf("NewSession: %v", err)
	}
	var c eventCollector
	if err := master.ExecBatch(context.Background(), "CREATE DATABASE "+corpusDB, &c); err != nil || len(c.lines) > 0 {
		t.Fatalf("CREATE DATABASE: %v %v", err, c.lines)
	}
	inst.EndSession(master)
	s, err := inst.NewSession("sa", corpusDB, exec.SessionInfo{})
	if err != nil {
		t.Fatalf("NewSession: %v", err)
	}
	t.Cleanup(func() { inst.EndSession(s) })
	return &engineRunner{s: s}
}

// TestCorpusEngine runs every corpus script in-process against engine, one
// fresh instance per script. -update rewrites the expectations from here.
func TestCorpusEngine(t *testing.T) {
	for _, file := range scriptFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			runScriptFile(t, file, openCorpusEngine(t), true)
		})
	}
}
