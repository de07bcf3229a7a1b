package txlog

// Row records without boxing (ScanRows).
//
// Why: a mirror's redo, and crash recovery, decode every record the principal
// logged — a Begin, a row and a Commit per single-row commit — and Scan boxes
// each in a Record: a heap allocation per record, three per commit, of the
// ~10 the mirror made per principal commit at 16 sessions SAFETY FULL
// (session 33's profile; the rest are badger's). ScanRows decodes those kinds
// into a RowRecord the scan reuses and boxes only the rare others.

// RowRecord is a Begin, Insert, Update, Delete, Commit or Abort record decoded
// in place. Kind says which; only that kind's fields are set, and a Commit's
// Time and mark are not decoded (DecodeRecord has them). Key, Before and
// After alias the scan's buffer: valid only during the callback.
type RowRecord struct {
	Kind   Kind
	Txn    uint64
	Object uint32
	Key    []byte
	Before []byte
	After  []byte
}

// rowEntry is one record of a block ScanRows decoded: rec is nil for a row
// record (row holds it).
type rowEntry struct {
	lsn LSN
	row RowRecord
	rec Record
}

// ScanRows is Scan, with the row records (RowRecord's kinds) handed to row
// without boxing and every other record to other as Scan hands it. The same
// records in the same order, the same errors: a block is decoded whole, and
// checked exactly as DecodeRecord checks it, before its first callback.
func (l *Log) ScanRows(from LSN, row func(LSN, *RowRecord) error, other func(LSN, Record) error) error {
	return l.scanBlocks(from, func(sc *scanner, h blockHeader, raw []byte) error {
		rows := sc.rows[:0]
		err := walkRecords(raw, h, func(slot uint16, b []byte) error {
			e := rowEntry{lsn: MakeLSN(h.offset, slot)}
			ok, err := decodeRow(b, &e.row)
			if err == nil && !ok {
				e.rec, err = DecodeRecord(b)
			}
			if err == nil {
				rows = append(rows, e)
			}
			return err
		})
		sc.rows = rows
		if err != nil {
			return &decodeError{err}
		}
		for i := range rows {
			e := &rows[i]
			if e.lsn < from {
				continue
			}
			var err error
			if e.rec == nil {
				err = row(e.lsn, &e.row)
			} else {
				err = other(e.lsn, e.rec)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// decodeRow decodes b into v when it is a row record, reporting false (and no
// error) for every other kind; it accepts exactly what DecodeRecord accepts.
func decodeRow(b []byte, v *RowRecord) (bool, error) {
	if len(b) == 0 {
		return false, nil // DecodeRecord reports it
	}
	k := Kind(b[0])
	switch k {
	case KindBegin, KindInsert, KindUpdate, KindDelete, KindCommit, KindAbort:
	default:
		return false, nil
	}
	if err := checkRecord(b); err != nil {
		return false, err
	}
	d := decoder{b: b[1:]}
	*v = RowRecord{Kind: k, Txn: d.uvarint("txn")}
	switch k {
	case KindInsert:
		v.Object = d.uint32("object")
		v.Key = d.bytes("key")
		v.After = d.bytes("after")
	case KindUpdate:
		v.Object = d.uint32("object")
		v.Key = d.bytes("key")
		v.Before = d.bytes("before")
		v.After = d.bytes("after")
	case KindDelete:
		v.Object = d.uint32("object")
		v.Key = d.bytes("key")
		v.Before = d.bytes("before")
	}
	return true, nil
}
