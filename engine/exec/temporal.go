package exec

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// System-versioned temporal tables. A table with PERIOD FOR SYSTEM_TIME
// keeps its period columns itself: every row written gets the transaction's
// time as its row start and the end of time as its row end. While
// SYSTEM_VERSIONING is ON, an UPDATE or DELETE also writes the row's old
// version to the history table, closed at the transaction's time, in the
// same transaction — so the history is logged, mirrored and recovered with
// the change that made it. FOR SYSTEM_TIME reads the current table and the
// history as one (temporal_query.go).
//
// The transaction's time is the time its first temporal write happened
// (SQL Server takes the transaction's begin time); every row the
// transaction writes gets that one time, so an UPDATE that follows an
// INSERT in one transaction leaves a zero-length history row, as in SQL
// Server.

var (
	errTemporalType         = errorKind{13501, 16, 1, "Temporal generated always column '%s' has invalid data type.", AbortStatement}
	errRowStartRepeated     = errorKind{13502, 16, 1, "System-versioned table cannot have more than one 'GENERATED ALWAYS AS ROW START' column.", AbortStatement}
	errRowEndRepeated       = errorKind{13503, 16, 1, "System-versioned table cannot have more than one 'GENERATED ALWAYS AS ROW END' column.", AbortStatement}
	errRowStartMissing      = errorKind{13504, 16, 1, "Temporal 'GENERATED ALWAYS AS ROW START' column definition missing.", AbortStatement}
	errRowEndMissing        = errorKind{13505, 16, 1, "Temporal 'GENERATED ALWAYS AS ROW END' column definition missing.", AbortStatement}
	errPeriodStartMismatch  = errorKind{13506, 16, 1, "System-versioned table SYSTEM_TIME period definition start column name not matching 'GENERATED ALWAYS AS ROW START' column name.", AbortStatement}
	errPeriodEndMismatch    = errorKind{13507, 16, 1, "System-versioned table SYSTEM_TIME period definition end column name not matching 'GENERATED ALWAYS AS ROW END' column name.", AbortStatement}
	errPeriodRepeated       = errorKind{13508, 16, 1, "System-versioned table cannot have more than one SYSTEM_TIME period definition.", AbortStatement}
	errGeneratedNoPeriod    = errorKind{13509, 16, 1, "Cannot create generated always column when SYSTEM_TIME period is not defined.", AbortStatement}
	errVersioningNoPeriod   = errorKind{13510, 16, 1, "Cannot set SYSTEM_VERSIONING to ON when SYSTEM_TIME period is not defined.", AbortStatement}
	errNotHistoryTable      = errorKind{13511, 16, 1, "Specified object '%s' cannot be used as history table.", AbortBatch}
	errHistoryComputed      = errorKind{13519, 16, 1, "Setting SYSTEM_VERSIONING to ON failed because history table '%s' has computed column specification. Consider dropping all computed column specifications and trying again.", AbortBatch}
	errHistoryColumnCount   = errorKind{13523, 16, 1, "Setting SYSTEM_VERSIONING to ON failed because table '%s' has %d columns and table '%s' has %d columns.", AbortBatch}
	errHistoryColumnType    = errorKind{13525, 16, 1, "Setting SYSTEM_VERSIONING to ON failed because column '%s' does not have the same datatype in tables '%s' and '%s'.", AbortBatch}
	errHistoryPeriodNull    = errorKind{13530, 16, 1, "Setting SYSTEM_VERSIONING to ON failed because system column '%s' in history table '%s' corresponds to a period column in table '%s' and cannot be nullable.", AbortBatch}
	errTransactionTimeEarly = errorKind{13535, 16, 0, "Data modification failed on system-versioned table '%s' because transaction time was earlier than period start time for affected records.", AbortStatement}
	errExplicitGenerated    = errorKind{13536, 16, 1, "Cannot insert an explicit value into a GENERATED ALWAYS column in table '%s'. Use INSERT with a column list to exclude the GENERATED ALWAYS column, or insert a DEFAULT into GENERATED ALWAYS column.", AbortStatement}
	errUpdateGenerated      = errorKind{13537, 16, 1, "Cannot update GENERATED ALWAYS columns in table '%s'.", AbortStatement}
	errHistoryNotTwoPart    = errorKind{13539, 15, 1, "Setting SYSTEM_VERSIONING to ON failed because history table '%s' is not specified in two-part name format.", AbortStatement}
	errNotSystemVersioned   = errorKind{13544, 16, 1, "Temporal FOR SYSTEM_TIME clause can only be used with system-versioned tables. '%s' is not a system-versioned table.", AbortStatement}
	errTruncateTemporal     = errorKind{13545, 16, 1, "Truncate failed on table '%s' because it is not a supported operation on system-versioned tables.", AbortBatch}
	errHistoryAlterColumn   = errorKind{13548, 16, 1, "Cannot alter column '%s' on table '%s' because it is not a supported operation on system-versioned temporal or ledger tables.", AbortStatement}
	errHistoryAddColumn     = errorKind{13550, 16, 1, "Add column operation failed on table '%s' because it is not a supported operation on system-versioned temporal tables.", AbortStatement}
	errHistoryDropColumn    = errorKind{13551, 16, 1, "Drop column operation failed on table '%s' because it is not a supported operation on system-versioned temporal tables.", AbortStatement}
	errDropTemporal         = errorKind{13552, 16, 1, "Drop table operation failed on table '%s' because it is not a supported operation on system-versioned temporal tables.", AbortStatement}
	errTemporalNeedsPK      = errorKind{13553, 16, 1, "System versioned temporal table '%s' must have primary key defined.", AbortBatch}
	errHistoryInsert        = errorKind{13559, 16, 1, "Cannot insert rows in a temporal history table '%s'.", AbortStatement}
	errHistoryDelete        = errorKind{13560, 16, 1, "Cannot delete rows from a temporal history table '%s'.", AbortStatement}
	errHistoryUpdate        = errorKind{13561, 16, 1, "Cannot update rows in a temporal history table '%s'.", AbortStatement}
	errTemporalInUse        = errorKind{13566, 16, 1, "Temporal table '%s' is already in use.", AbortBatch}
	errTemporalTempdb       = errorKind{13568, 16, 1, "System-versioned temporal table '%s' cannot be created in a 'tempdb' database.", AbortStatement}
	errTableVariablePeriod  = errorKind{13572, 16, 1, "Creating table variables containing PERIOD is not allowed.", AbortStatement}
	errPeriodNullable       = errorKind{13587, 16, 1, "Period column '%s' in a system-versioned temporal table cannot be nullable.", AbortStatement}
	errVersioningNotOn      = errorKind{13591, 16, 1, "SYSTEM_VERSIONING is not turned ON for table '%s'.", AbortStatement}
)

// periodColumns are the positions of t's row start and row end columns, or
// -1, -1 without a period.
func periodColumns(t *catalog.Table) (start, end int) {
	start, end = -1, -1
	if t.Period == nil {
		return
	}
	for i, c := range t.Columns {
		switch c.ID {
		case t.Period.StartCol:
			start = i
		case t.Period.EndCol:
			end = i
		}
	}
	return
}

// qualifiedName is db.schema.table, as the temporal errors name tables.
func qualifiedName(db Database, t *catalog.Table) string {
	return db.Name() + "." + t.Schema + "." + t.Name
}

// transactionTime is the time the session's transaction stamps its
// temporal rows with (UTC; see the package comment above).
func (s *Session) transactionTime() time.Time {
	t := s.beginTx(true) // as a write does: the row is about to be written
	if t.sysTime.IsZero() {
		t.sysTime = time.Now().UTC()
	}
	return t.sysTime
}

// endOfTime is the largest value of a period column of type t: the row end
// of every current row.
func endOfTime(t types.Type) types.Value {
	scale := min(t.Scale, 7)
	unit := 1
	for i := scale; i < 9; i++ {
		unit *= 10
	}
	ns := (1_000_000_000/unit - 1) * unit
	return types.MustTime(time.Date(9999, 12, 31, 23, 59, 59, ns, time.UTC), t)
}

// stampPeriod sets a row's period columns for a write by the session's
// transaction: start now, end at the end of time.
func (s *Session) stampPeriod(t *catalog.Table, row Row) error {
	start, end := periodColumns(t)
	if start < 0 || end < 0 {
		return nil
	}
	v, err := types.FromTime(s.transactionTime(), t.Columns[start].Type)
	if err != nil {
		return err
	}
	row[start] = v
	row[end] = endOfTime(t.Columns[end].Type)
	return nil
}

// checkTemporalColumns validates the period columns and PERIOD clause of a
// new table definition and records the period on t.
func checkTemporalColumns(t *catalog.Table, period *ast.PeriodDef, defs []*ast.ColumnDef) error {
	var start, end *catalog.Column
	for i, c := range t.Columns {
		switch c.Generated {
		case uint8(ast.GeneratedRowStart):
			if start != nil {
				return errRowStartRepeated.New()
			}
			start = c
		case uint8(ast.GeneratedRowEnd):
			if end != nil {
				return errRowEndRepeated.New()
			}
			end = c
		default:
			continue
		}
		if i < len(defs) && defs[i].Nullable == ast.Null {
			return errPeriodNullable.New(c.Name)
		}
	}
	if period == nil {
		if start != nil || end != nil {
			return errGeneratedNoPeriod.New()
		}
		return nil
	}
	switch {
	case start == nil:
		return errRowStartMissing.New()
	case end == nil:
		return errRowEndMissing.New()
	case !strings.EqualFold(start.Name, period.StartCol.Name):
		return errPeriodStartMismatch.New()
	case !strings.EqualFold(end.Name, period.EndCol.Name):
		return errPeriodEndMismatch.New()
	}
	for _, c := range []*catalog.Column{start, end} {
		if c.Type.ID != types.DateTime2 {
			return errTemporalType.New(c.Name)
		}
		c.Nullable = false
	}
	t.Period = &catalog.Period{StartCol: start.ID, EndCol: end.ID}
	return nil
}

// addPeriod is ALTER TABLE … ADD PERIOD FOR SYSTEM_TIME on existing
// columns declared GENERATED ALWAYS.
func addPeriod(t *catalog.Table, period *ast.PeriodDef) error {
	if t.Period != nil {
		return errPeriodRepeated.New()
	}
	return checkTemporalColumns(t, period, nil)
}

// enableVersioning turns SYSTEM_VERSIONING ON for t (in cat, the
// transaction's catalog of db): it adopts the named history table or makes
// one with t's columns.
func (s *Session) enableVersioning(db Database, cat *catalog.Database, t *catalog.Table, v *ast.SystemVersioning) error {
	qname := qualifiedName(db, t)
	if t.Temporary {
		return errTemporalTempdb.New(t.Name)
	}
	if t.Period == nil {
		return errVersioningNoPeriod.New()
	}
	if t.HistoryID != 0 || t.HistoryOf != 0 {
		return errTemporalInUse.New(qname)
	}
	if pk := t.RowStore(); !pk.Primary {
		hasPK := false
		for _, ix := range t.Indexes {
			hasPK = hasPK || ix.Primary
		}
		if !hasPK {
			return errTemporalNeedsPK.New(qname)
		}
	}
	schema, name := t.Schema, fmt.Sprintf("MSSQL_TemporalHistoryFor_%d", t.ID)
	if v.History != nil {
		if len(v.History.Parts) != 2 {
			return errHistoryNotTwoPart.New(v.History.SQL())
		}
		schema, name = v.History.Part(1), v.History.Last()
		if sc := cat.Schema(schema); sc == nil {
			return &Error{Number: 2760, Severity: 16, State: 1, Message: "The specified schema name \"" + schema + "\" either does not exist or you do not have permission to use it."}
		} else {
			schema = sc.Name
		}
	}
	hist := cat.Table(schema, name)
	switch {
	case hist == nil && cat.ObjectExists(schema, name):
		return errNotHistoryTable.New(schema + "." + name)
	case hist == nil:
		hist = historyTableFor(cat, t, schema, name)
		cat.Tables[cat.Key(schema, name)] = hist
	default:
		if err := checkHistoryTable(db, t, hist); err != nil {
			return err
		}
	}
	t.HistoryID, hist.HistoryOf = hist.ID, t.ID
	return nil
}

// historyTableFor is the history table SQL Server makes for t: its columns,
// without identity, defaults, constraints or period, in a heap.
func historyTableFor(cat *catalog.Database, t *catalog.Table, schema, name string) *catalog.Table {
	now := time.Now().UTC()
	h := &catalog.Table{ID: cat.NewObjectID(), Schema: schema, Name: name, Created: now, Modified: now}
	for _, c := range t.Columns {
		h.Columns = append(h.Columns, historyColumn(c))
	}
	h.Indexes = []*catalog.Index{{IndexID: 0, StoreID: cat.NewStoreID()}}
	return h
}

// historyColumn is the history table's copy of a current table's column.
func historyColumn(c *catalog.Column) *catalog.Column {
	return &catalog.Column{ID: c.ID, Name: c.Name, Type: c.Type, Nullable: c.Nullable, UserType: c.UserType}
}

// checkHistoryTable checks that an existing table can be t's history: not
// temporal itself, the same columns in the same order with the same types,
// no computed columns, period columns NOT NULL.
func checkHistoryTable(db Database, t, h *catalog.Table) error {
	tn, hn := qualifiedName(db, t), qualifiedName(db, h)
	if h.HistoryID != 0 || h.HistoryOf != 0 || h.Period != nil || h.ID == t.ID {
		return errTemporalInUse.New(hn)
	}
	for _, c := range h.Columns {
		if c.Computed != "" {
			return errHistoryComputed.New(hn)
		}
	}
	if len(h.Columns) != len(t.Columns) {
		return errHistoryColumnCount.New(tn, len(t.Columns), hn, len(h.Columns))
	}
	for i, c := range t.Columns {
		hc := h.Columns[i]
		if !strings.EqualFold(c.Name, hc.Name) || !sameColumnType(c.Type, hc.Type) {
			return errHistoryColumnType.New(c.Name, tn, hn)
		}
		if c.Generated != 0 && hc.Nullable {
			return errHistoryPeriodNull.New(hc.Name, hn, tn)
		}
	}
	return nil
}

// disableVersioning is SET (SYSTEM_VERSIONING = OFF): both tables become
// ordinary tables; t keeps its period.
func disableVersioning(db Database, cat *catalog.Database, t *catalog.Table) error {
	if t.HistoryID == 0 {
		return errVersioningNotOn.New(qualifiedName(db, t))
	}
	if h := cat.TableByID(t.HistoryID); h != nil {
		h.HistoryOf = 0
	}
	t.HistoryID = 0
	return nil
}

// historyOf is the history table of a system-versioned table tr, resolved
// once per tableRef.
func (s *Session) historyOf(tr *tableRef) (*tableRef, error) {
	if tr.history != nil && tr.history.t.ID == tr.t.HistoryID {
		return tr.history, nil
	}
	h := tr.cat.TableByID(tr.t.HistoryID)
	if h == nil {
		return nil, ErrInvalidObject.New(fmt.Sprintf("MSSQL_TemporalHistoryFor_%d", tr.t.ID))
	}
	tr.history = &tableRef{db: tr.db, cat: tr.cat, t: h, versioning: true}
	return tr.history, nil
}

// versionRow writes old, a row of the system-versioned table tr that an
// UPDATE or DELETE replaces, to its history, its period closed at the
// transaction's time. old carries the row key last (not written).
func (s *Session) versionRow(ctx context.Context, tr *tableRef, old Row) error {
	start, end := periodColumns(tr.t)
	if start < 0 || end < 0 {
		return nil
	}
	now, err := types.FromTime(s.transactionTime(), tr.t.Columns[end].Type)
	if err != nil {
		return err
	}
	if c, err := types.Compare(old[start], now, types.DefaultCollation); err == nil && c > 0 {
		return errTransactionTimeEarly.New(qualifiedName(tr.db, tr.t))
	}
	h, err := s.historyOf(tr)
	if err != nil {
		return err
	}
	n := len(tr.t.Columns)
	hrow := make(Row, n)
	copy(hrow, old[:n])
	hrow[end] = now
	if err := s.insertRow(ctx, h, hrow, "INSERT"); err != errDupKeyIgnored {
		return err
	}
	return nil // a history table's IGNORE_DUP_KEY index (ignore_dup_key.go)
}

// checkHistoryWrite refuses a user's write to a history table while its
// table is system-versioned; the versioning's own writes pass.
func checkHistoryWrite(tr *tableRef, k errorKind) error {
	if tr.t.HistoryOf != 0 && !tr.versioning {
		return k.New(qualifiedName(tr.db, tr.t))
	}
	return nil
}

// temporalDDLCheck refuses DROP TABLE, TRUNCATE TABLE and direct column
// changes of a history table on a system-versioned table or its history.
func temporalDDLCheck(tr *tableRef, k errorKind) error {
	if tr.t.HistoryID != 0 || tr.t.HistoryOf != 0 {
		return k.New(qualifiedName(tr.db, tr.t))
	}
	return nil
}

// sameColumnType compares two column types as SQL Server matches a history
// table's columns: type, length, precision and scale.
func sameColumnType(a, b types.Type) bool {
	return a.ID == b.ID && a.Length == b.Length && a.Precision == b.Precision && a.Scale == b.Scale
}
