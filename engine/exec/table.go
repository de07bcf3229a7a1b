package exec

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// tableRef is a resolved user table: the database it lives in, the catalog
// version the statement sees, and the table's definition.
type tableRef struct {
	db  Database
	cat *catalog.Database
	t   *catalog.Table
	// filters are the compiled predicates of the table's filtered indexes,
	// made at the first row written (filtered.go).
	filters map[*catalog.Index]pred
	// history is the history table of a system-versioned table, resolved
	// at its first versioned row; versioning marks the tableRef through
	// which the versioning writes that history (temporal.go).
	history    *tableRef
	versioning bool
	// use is the table's usage counters, resolved at first use (stats_usage.go).
	use tableUse
	// uniq, set while a table is rebuilt onto new storage, is the last
	// uniquifier given to each clustered key value (uniquifier.go).
	uniq map[string]uint32
	// colTypes is set for a tableRef kept in a DML plan (columnTypes).
	colTypes []types.Type
	// hints are the locking hints of the FROM reference that made it
	// (lockhints.go), nil when it had none.
	hints *lockHints
	// dmlTarget marks the source that finds an UPDATE's or DELETE's
	// target rows (readlock.go).
	dmlTarget bool
	// viaFrom: that source is the target's entry in the statement's FROM
	// (dml_target_decl.go), whose ON conditions are not judged again under
	// the row's X lock: a READ COMMITTED read of it still waits for a row
	// another transaction holds.
	viaFrom bool
}

// columnTypes is tr.t.ColumnTypes(), made once for a tableRef kept in a
// DML plan (keepDMLPlan sets colTypes: its table is from a committed
// catalog, which is never changed in place) and per call otherwise (a
// transaction's private catalog edits its tables in place).
func (tr *tableRef) columnTypes() []types.Type {
	if tr.colTypes != nil {
		return tr.colTypes
	}
	return tr.t.ColumnTypes()
}

// columnTypesIn is columnTypes appending into buf when they are not kept, so
// that a caller that does not keep them can pass a stack array: reading a
// row by key (every UPDATE and DELETE by PK) decodes with them.
func (tr *tableRef) columnTypesIn(buf []types.Type) []types.Type {
	if tr.colTypes != nil {
		return tr.colTypes
	}
	for _, c := range tr.t.Columns {
		buf = append(buf, c.Type)
	}
	return buf
}

func (tr *tableRef) displayName() string {
	return tr.t.Schema + "." + tr.t.Name
}

// rowKeyCol is the internal name of the hidden column holding a row's store key.
const rowKeyCol = "%%rowkey"

// resolveTable finds a user table by a (up to three-part) name. ok is false when
// no table has that name (a view or system object may).
func (s *Session) resolveTable(n *ast.Name) (*tableRef, bool, error) {
	tr, ok, err := s.resolveTableName(n)
	if ok || err != nil {
		return tr, ok, err
	}
	if base, _, isSyn := s.synonymBase(n); isSyn && base != nil { // synonym.go
		return s.resolveTableName(base)
	}
	return nil, false, nil
}

// resolveTableName is resolveTable without synonyms.
func (s *Session) resolveTableName(n *ast.Name) (*tableRef, bool, error) {
	if strings.HasPrefix(n.Last(), "#") {
		temp := s.tempFor(n.Last()) // globaltemp.go
		cat := s.catalogFor(temp)
		if t := cat.Table("dbo", n.Last()); t != nil {
			return &tableRef{db: temp, cat: cat, t: t}, true, nil
		}
		return nil, false, nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if isMissingDatabase(err) {
		return nil, false, nil // SQL Server: 208 for the object, not 911
	}
	if err != nil {
		return nil, false, err
	}
	cat := s.catalogFor(db)
	schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
	t := cat.Table(schema, n.Last())
	if t == nil || !nameMatches(cat, t.Name, n.Last(), t.Schema, n.Part(1)) { // identcoll.go
		return nil, false, nil
	}
	// SNAPSHOT in a database that does not allow it fails here, before a
	// result's metadata, as SQL Server's does (snapshot.go).
	if err := s.checkSnapshotAllowed(db); err != nil {
		return nil, false, err
	}
	if err := s.checkSnapshotMetadata(db, cat, t); err != nil {
		return nil, false, err
	}
	return &tableRef{db: db, cat: cat, t: t}, true, nil
}

// reader returns what the session reads db through: its own uncommitted writes
// over the committed store.
func (s *Session) reader(db Database) storage.Reader {
	if s.ioStats != nil { // SET STATISTICS IO (statsio.go)
		return countingReader{r: s.plainReader(db), st: s.ioStats, db: db}
	}
	return s.plainReader(db)
}

// plainReader is reader without SET STATISTICS IO's counting: the session's
// writes over the committed rows as of its read point for db, if it has one
// (snapshot.go).
func (s *Session) plainReader(db Database) storage.Reader {
	base := db.Store()
	if rp, err := s.readPointFor(db); err != nil {
		return errReader{err}
	} else if rp != nil {
		base = storage.AsOfReader{R: base, At: rp.asOf}
	}
	if d := s.txDB(db); d != nil {
		return writeSetReader{ws: d.writes.Set, base: base}
	}
	return base
}

// latestReader is what a write's checks read db through: the session's
// writes over the newest committed rows, whatever its isolation level
// (duplicate keys, foreign keys: SQL Server checks those against the
// current rows under SNAPSHOT too).
func (s *Session) latestReader(db Database) storage.Reader {
	if d := s.txDB(db); d != nil {
		return writeSetReader{ws: d.writes.Set, base: db.Store()}
	}
	return db.Store()
}

type writeSetReader struct {
	ws   *storage.WriteSet
	base storage.Reader
}

func (r writeSetReader) Get(ctx context.Context, obj uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	return r.ws.Get(ctx, r.base, obj, key, asOf)
}

func (r writeSetReader) NewIterator(obj uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (storage.Iterator, error) {
	return r.ws.NewIterator(r.base, obj, lower, upper, reverse, asOf)
}

// scan streams the rows of a table's row store in [lower, upper) key order.
// Each row is a fresh slice of the table's columns followed by the hidden row
// key (see scanIter).
func (s *Session) scan(ec *evalCtx, tr *tableRef, lower, upper []byte, reverse bool) (rowIter, error) {
	return s.scanCols(ec, tr, lower, upper, reverse, nil)
}

// lookupRow reads the row stored under key (nil if absent).
func (s *Session) lookupRow(ctx context.Context, tr *tableRef, key []byte) (Row, error) {
	return s.lookupRowCols(ctx, tr, key, nil)
}

// lookupRowCols is lookupRow decoding only the columns need marks (nil: all,
// and the hidden key); the others are NULL.
func (s *Session) lookupRowCols(ctx context.Context, tr *tableRef, key []byte, need []bool) (Row, error) {
	b, ok, err := s.reader(tr.db).Get(ctx, tr.t.RowStore().StoreID, key, storage.Latest)
	if err != nil || !ok {
		return nil, err
	}
	return decodeStoredRow(tr, key, b, need)
}

// lookupLockedRow is lookupRow for a caller holding the row's X lock: a row
// read from the store becomes the key's before image for Commit
// (beforehint.go).
func (s *Session) lookupLockedRow(ctx context.Context, tr *tableRef, key []byte) (Row, error) {
	b, ok, err := s.lockedGet(ctx, tr.db, tr.t.RowStore().StoreID, key)
	if err != nil || !ok {
		return nil, err
	}
	return decodeStoredRow(tr, key, b, nil)
}

// decodeStoredRow decodes a stored row of tr (the columns need marks, nil:
// all) followed by its hidden key.
func decodeStoredRow(tr *tableRef, key, b []byte, need []bool) (Row, error) {
	var buf [8]types.Type
	typs := tr.columnTypesIn(buf[:0])
	row := make(Row, len(typs)+1)
	if _, err := types.DecodeRowProjected(row[:len(typs)], b, typs, need); err != nil {
		return nil, err
	}
	if need == nil || need[len(typs)] {
		row[len(typs)] = types.NewVarBinary(key)
	} else {
		row[len(typs)] = types.Null(types.VarBinary)
	}
	return row, nil
}

// indexKey encodes the key columns of ix from a table row.
func indexKey(t *catalog.Table, ix *catalog.Index, row Row) ([]byte, error) {
	// A key of up to four columns (nearly all) is gathered on the stack.
	var valsA [4]types.Value
	var typsA [4]types.Type
	var descA [4]bool
	vals, typs, desc := valsA[:0], typsA[:0], descA[:0]
	if n := len(ix.Columns); n > len(valsA) {
		vals, typs, desc = make([]types.Value, 0, n), make([]types.Type, 0, n), make([]bool, 0, n)
	}
	vals, typs, desc = vals[:len(ix.Columns)], typs[:len(ix.Columns)], desc[:len(ix.Columns)]
	for i, c := range ix.Columns {
		vals[i] = row[c.Column]
		typs[i] = t.Columns[c.Column].Type
		desc[i] = c.Desc
	}
	return types.AppendKey(nil, vals, typs, desc)
}

// rowStoreKey computes the key a new row is stored under: its clustered key
// (with a free uniquifier, locked, when the clustered index is not unique),
// or for a heap a new row id.
func (s *Session) rowStoreKey(ctx context.Context, tr *tableRef, row Row) ([]byte, error) {
	rs := tr.t.RowStore()
	if rs.IsHeap() {
		rid := tr.db.NextIdentity(-tr.t.ID, 1, 1)
		return binary.BigEndian.AppendUint64(nil, uint64(rid)), nil
	}
	k, err := indexKey(tr.t, rs, row)
	if err != nil || rs.Unique {
		return k, err
	}
	return s.uniquifiedKey(ctx, tr, k) // uniquifier.go
}

// writes returns the transaction's write set for db, joining db to it.
func (s *Session) writes(db Database) *storage.WriteSet {
	return s.beginTx(true).dbTx(db).writes.Set
}

// lockRow takes the locks a row write needs: IX on the table, X on the key.
func (s *Session) lockRow(ctx context.Context, tr *tableRef, storeID uint32, key []byte) error {
	return s.lockRowKey(ctx, tr, storeID, string(key))
}

// lockRowKey is lockRow for a key held as a string (a scanned row's hidden
// key column): the lock resource takes the string as it is, where lockRow's
// caller would convert it to bytes and the resource back to a string.
func (s *Session) lockRowKey(ctx context.Context, tr *tableRef, storeID uint32, key string) error {
	return s.lockRowKeyIn(ctx, tr, storeID, key, txn.ModeX)
}

// lockRowKeyIn is lockRowKey locking the key in mode, X or RangeX-X
// (targetRowMode).
func (s *Session) lockRowKeyIn(ctx context.Context, tr *tableRef, storeID uint32, key string, mode txn.Mode) error {
	if err := s.checkSnapshotAllowed(tr.db); err != nil { // snapshot.go
		return err
	}
	dbid := uint32(tr.db.ID())
	if err := s.lock(ctx, txn.ObjectResource(dbid, uint32(tr.t.ID)), txn.ModeIX, txn.ForTransaction); err != nil {
		return err
	}
	return s.lock(ctx, txn.Resource{Kind: txn.Key, Database: dbid, Object: storeID, Key: key}, mode, txn.ForTransaction)
}

// keyText renders key values for duplicate-key messages: "(1, abc)".
func keyText(t *catalog.Table, ix *catalog.Index, row Row) string {
	parts := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		v := row[c.Column]
		if v.IsNull() {
			parts[i] = "<NULL>"
			continue
		}
		txt, err := asText(v)
		if err != nil {
			txt = v.String()
		}
		parts[i] = txt
	}
	return strings.Join(parts, ", ")
}

// insertRow stores a new row (values already converted and checked) and its
// index entries, enforcing primary key and unique constraints. For an
// INSERT, a duplicate in an index with IGNORE_DUP_KEY = ON is
// errDupKeyIgnored before anything is written: the caller skips the row
// (ignore_dup_key.go).
func (s *Session) insertRow(ctx context.Context, tr *tableRef, row Row, stmt string) error {
	if err := checkHistoryWrite(tr, errHistoryInsert); err != nil { // temporal.go
		return err
	}
	key, err := s.rowStoreKey(ctx, tr, row)
	if err != nil {
		return err
	}
	rs := tr.t.RowStore()
	skey := string(key) // one copy for the lock and the inserted-key record
	// The range first, then the key (keyrange.go).
	if err := s.testInsertRange(ctx, tr, rs.StoreID, skey); err != nil {
		return err
	}
	if err := s.lockRowKey(ctx, tr, rs.StoreID, skey); err != nil {
		return err
	}
	if rs.Unique {
		// Under the key's X lock: Commit reuses this read (beforehint.go),
		// whose record keeps key: rowStoreKey made it for this row, and
		// nothing below changes it (Put and the index keys copy it).
		if _, exists, err := s.lockedGetKeep(ctx, tr.db, rs.StoreID, key, true); err != nil {
			return err
		} else if exists {
			if ignoresDupKey(rs, stmt) { // ignore_dup_key.go
				return s.ignoreDuplicate()
			}
			return duplicateError(tr, rs, row)
		}
	}
	if dup, err := s.secondaryDupIgnored(ctx, tr, row, stmt); err != nil {
		return err
	} else if dup {
		return s.ignoreDuplicate() // ignore_dup_key.go
	}
	if err := s.noteInsert(ctx, tr, rs.StoreID, skey); err != nil { // keyrange.go
		return err
	}
	for _, ix := range tr.t.Indexes[1:] {
		if err := s.putIndexEntry(ctx, tr, ix, row, key); err != nil {
			return err
		}
	}
	enc, err := types.EncodeRow(nil, row[:len(tr.t.Columns)], tr.columnTypes())
	if err != nil {
		return err
	}
	s.noteWrite(tr, leafInsert, 1) // stats_usage.go
	return s.writes(tr.db).Put(rs.StoreID, key, enc)
}

func duplicateError(tr *tableRef, ix *catalog.Index, row Row) error {
	if ix.Constraint {
		kind := "UNIQUE KEY"
		if ix.Primary {
			kind = "PRIMARY KEY"
		}
		return ErrDuplicateKey.New(kind, ix.Name, tr.displayName(), keyText(tr.t, ix, row))
	}
	return ErrDuplicateIndexKey.New(tr.displayName(), ix.Name, keyText(tr.t, ix, row))
}

// indexEntryKey is a secondary index's stored key: the index columns, plus the
// row key when the index is not unique (so equal index values stay distinct).
func indexEntryKey(t *catalog.Table, ix *catalog.Index, row Row, rowKey []byte) ([]byte, error) {
	k, err := indexKey(t, ix, row)
	if err != nil {
		return nil, err
	}
	if !ix.Unique {
		k = append(k, rowKey...)
	}
	return k, nil
}

// putIndexEntry adds row's entry to secondary index ix, as a DML statement
// does: the new key is X-locked, as SQL Server locks the nonclustered key
// it inserts — what other transactions' range and READ COMMITTED reads of
// the index find of it until it commits (keyrange.go, readlock.go) — and
// tests RangeI-N on the next key where a range lock may be in its way.
func (s *Session) putIndexEntry(ctx context.Context, tr *tableRef, ix *catalog.Index, row Row, rowKey []byte) error {
	return s.addIndexEntry(ctx, tr, ix, row, rowKey, true)
}

// addIndexEntry is putIndexEntry; an index build (dml false), whose table
// nobody else reads, locks only a unique index's keys, for its duplicate
// check.
func (s *Session) addIndexEntry(ctx context.Context, tr *tableRef, ix *catalog.Index, row Row, rowKey []byte, dml bool) error {
	if in, err := s.inIndex(ctx, tr, ix, row); err != nil || !in { // filtered.go
		return err
	}
	k, err := indexEntryKey(tr.t, ix, row, rowKey)
	if err != nil {
		return err
	}
	if dml {
		if err := s.testInsertRange(ctx, tr, ix.StoreID, string(k)); err != nil { // keyrange.go
			return err
		}
	}
	if ix.Unique || dml {
		if err := s.lockRow(ctx, tr, ix.StoreID, k); err != nil {
			return err
		}
	}
	if ix.Unique {
		if _, exists, err := s.latestReader(tr.db).Get(ctx, ix.StoreID, k, storage.Latest); err != nil {
			return err
		} else if exists {
			return duplicateError(tr, ix, row)
		}
	}
	if dml {
		if err := s.noteInsert(ctx, tr, ix.StoreID, string(k)); err != nil { // keyrange.go
			return err
		}
	}
	return s.writes(tr.db).Put(ix.StoreID, k, rowKey)
}

func (s *Session) deleteIndexEntry(ctx context.Context, tr *tableRef, ix *catalog.Index, row Row, rowKey []byte) error {
	k, err := indexEntryKey(tr.t, ix, row, rowKey)
	if err != nil {
		return err
	}
	return s.removeIndexKey(ctx, tr, ix, k)
}

// removeIndexKey deletes key k of secondary index ix under its X lock, as
// SQL Server locks the nonclustered key it removes — a SERIALIZABLE range
// reader's lock on it is waited for — and under SERIALIZABLE RangeX-X, the
// key and the range before it, as a DELETE takes on the clustered index
// (keyrange.go).
func (s *Session) removeIndexKey(ctx context.Context, tr *tableRef, ix *catalog.Index, k []byte) error {
	mode := txn.ModeX
	if s.Opts.Isolation == txn.Serializable {
		mode = txn.ModeRangeXX
	}
	if err := s.lock(ctx, txn.Resource{Kind: txn.Key, Database: uint32(tr.db.ID()), Object: ix.StoreID, Key: string(k)}, mode, txn.ForTransaction); err != nil {
		return err
	}
	return s.writes(tr.db).Delete(ix.StoreID, k)
}

// deleteRow removes a row and its index entries. row holds the old values and
// the hidden row key last.
func (s *Session) deleteRow(ctx context.Context, tr *tableRef, row Row) error {
	if err := checkHistoryWrite(tr, errHistoryDelete); err != nil { // temporal.go
		return err
	}
	if tr.t.HistoryID != 0 {
		if err := s.versionRow(ctx, tr, row); err != nil {
			return err
		}
	}
	key := []byte(row[len(tr.t.Columns)].Str())
	rs := tr.t.RowStore()
	if err := s.lockRow(ctx, tr, rs.StoreID, key); err != nil {
		return err
	}
	if s.Opts.Isolation == txn.Serializable {
		// The key and the range before it (keyrange.go).
		if err := s.lock(ctx, txn.Resource{Kind: txn.Key, Database: uint32(tr.db.ID()), Object: rs.StoreID, Key: string(key)}, txn.ModeRangeXX, txn.ForTransaction); err != nil {
			return err
		}
	}
	if err := s.checkUpdateConflict(ctx, tr, key); err != nil { // snapshot.go
		return err
	}
	for _, ix := range tr.t.Indexes[1:] {
		if in, err := s.inIndex(ctx, tr, ix, row); err != nil {
			return err
		} else if !in {
			continue
		}
		if err := s.deleteIndexEntry(ctx, tr, ix, row, key); err != nil {
			return err
		}
	}
	s.noteWrite(tr, leafDelete, 1) // stats_usage.go
	return s.writes(tr.db).Delete(rs.StoreID, key)
}

// updateRow replaces old (with hidden key) by new values, moving the row when
// its clustered key changes and maintaining every index. A multi-row UPDATE
// that changes a key uses updateRows (updaterows.go) instead: keep the two
// in step.
func (s *Session) updateRow(ctx context.Context, tr *tableRef, old, new Row) error {
	if err := checkHistoryWrite(tr, errHistoryUpdate); err != nil { // temporal.go
		return err
	}
	if tr.t.HistoryID != 0 {
		if err := s.versionRow(ctx, tr, old); err != nil {
			return err
		}
	}
	n := len(tr.t.Columns)
	key := []byte(old[n].Str())
	rs := tr.t.RowStore()
	if err := s.lockRow(ctx, tr, rs.StoreID, key); err != nil {
		return err
	}
	if err := s.checkUpdateConflict(ctx, tr, key); err != nil { // snapshot.go
		return err
	}
	newKey, err := s.updatedRowKey(ctx, tr, key, new, true) // uniquifier.go
	if err != nil {
		return err
	}
	moved := string(newKey) != string(key)
	if moved && !uniquified(rs) { // a new uniquified key is free and locked
		if err := s.lockRow(ctx, tr, rs.StoreID, newKey); err != nil {
			return err
		}
		if _, exists, err := s.latestReader(tr.db).Get(ctx, rs.StoreID, newKey, storage.Latest); err != nil {
			return err
		} else if exists {
			return duplicateError(tr, rs, new)
		}
	}
	if moved {
		// The row's new key, a uniquified one too, is an insert into a
		// range another transaction may have locked (keyrange.go).
		if err := s.noteInsert(ctx, tr, rs.StoreID, string(newKey)); err != nil {
			return err
		}
	}
	for _, ix := range tr.t.Indexes[1:] {
		ok, err := indexEntryKey(tr.t, ix, old, key)
		if err != nil {
			return err
		}
		nk, err := indexEntryKey(tr.t, ix, new, newKey)
		if err != nil {
			return err
		}
		oldIn, newIn := true, true
		if ix.Filter != "" || ix.Disabled { // filtered.go: a row can enter or leave the index; a disabled one has no entries
			var err error
			if oldIn, err = s.inIndex(ctx, tr, ix, old); err != nil {
				return err
			}
			if newIn, err = s.inIndex(ctx, tr, ix, new); err != nil {
				return err
			}
		}
		if string(ok) == string(nk) && !moved && oldIn == newIn {
			continue
		}
		if oldIn {
			if err := s.removeIndexKey(ctx, tr, ix, ok); err != nil {
				return err
			}
		}
		if err := s.putIndexEntry(ctx, tr, ix, new, newKey); err != nil {
			return err
		}
	}
	enc, err := types.EncodeRow(nil, new[:n], tr.columnTypes())
	if err != nil {
		return err
	}
	if moved {
		if err := s.writes(tr.db).Delete(rs.StoreID, key); err != nil {
			return err
		}
		s.noteMove(tr) // stats_usage.go: DYNAMIC cursors follow it
	}
	s.noteWrite(tr, leafUpdate, 1) // stats_usage.go
	return s.writes(tr.db).Put(rs.StoreID, newKey, enc)
}

// isMissingDatabase reports the 911 of resolveDatabase. A multi-part object
// name whose database does not exist is an invalid object (208) in SQL
// Server, as go-mssqldb's bulk copy relies on; only USE reports 911.
func isMissingDatabase(err error) bool {
	if err == nil { // the common case, without errors.As's allocation
		return false
	}
	var e *Error
	return errors.As(err, &e) && e.Number == ErrDatabaseNotExist.number
}
