package tds

import (
	"bytes"
	"context"
	"encoding/binary"
)

// BulkLoadRequest is a decoded BULKLOAD message (packet type 0x07, [MS-TDS]
// 2.2.6.1 and 2.2.7.4): the data of an INSERT BULK statement the Session ran
// before. Columns come from the client's COLMETADATA (UserType, Flags,
// TYPE_INFO, name); its rows, in the value model of doc.go, come one at a
// time from EachRow.
//
// A decoded request keeps the message's row tokens, checked whole when it
// was decoded, and decodes each row again as EachRow reaches it: a row's
// values can take far more memory than its bytes (an NBCROW carries 8
// NULLs a byte, a NULLTYPE column none), so a 64 MB message of them would
// need gigabytes as decoded rows, while one row at a time needs one row.
type BulkLoadRequest struct {
	Columns []Column
	// Rows are the rows of a request built in memory (appendBulkLoad,
	// tests); nil in a decoded one.
	Rows [][]any

	body  []byte // a decoded request's ROW/NBCROW tokens
	count int
}

// RowCount is the number of rows.
func (r *BulkLoadRequest) RowCount() int {
	if r.body == nil {
		return len(r.Rows)
	}
	return r.count
}

// EachRow calls fn with each row in order, stopping at fn's first error.
// Each row is a new slice fn may keep.
func (r *BulkLoadRequest) EachRow(fn func(row []any) error) error {
	if r.body == nil {
		for _, row := range r.Rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}
	rr := &rd{b: r.body}
	for i := 0; i < r.count; i++ {
		tok := rr.u8()
		row, err := readRow(rr, r.Columns, tok == tokenNBCRow)
		if err != nil { // decodeBulkLoad read the same bytes without error
			return errorf("BULKLOAD row %d: %v", i+1, err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// BulkLoader is implemented by Sessions that accept bulk load data. The server
// calls BulkLoad, like the other request methods, for each BULKLOAD message
// (go-mssqldb CopyIn, FreeTDS freebcp send one after their INSERT BULK batch);
// the response is normally Done(Done, DoneCount, 0, rows). A Session without
// it answers BULKLOAD with error 8009 and keeps the connection.
type BulkLoader interface {
	BulkLoad(ctx context.Context, req *BulkLoadRequest, w ResultWriter) error
}

// DecodeBulkLoad decodes the BULKLOAD payload of a TDS 7.2+ client.
func DecodeBulkLoad(p []byte) (*BulkLoadRequest, error) { return decodeBulkLoad(p, true) }

// decodeBulkLoad decodes COLMETADATA, then ROW or NBCROW tokens up to a DONE.
// Before TDS 7.2 UserType is a USHORT and the DONE row count a LONG. TEXT,
// NTEXT and IMAGE columns carry the table name as one US_VARCHAR (what
// go-mssqldb and FreeTDS send) and their values a TEXTPTR.
func decodeBulkLoad(p []byte, tds72 bool) (*BulkLoadRequest, error) {
	r := &rd{b: p}
	if r.u8() != tokenColMetadata {
		return nil, errorf("BULKLOAD without COLMETADATA")
	}
	n := int(r.u16())
	if r.err != nil || n == 0 || n == 0xFFFF || n > 4096 {
		return nil, errorf("BULKLOAD with %d columns", n)
	}
	req := &BulkLoadRequest{Columns: make([]Column, 0, min(n, 256))}
	for i := 0; i < n; i++ {
		var c Column
		if tds72 {
			c.UserType = r.u32()
		} else {
			c.UserType = uint32(r.u16())
		}
		c.Flags = r.u16()
		c.Nullable = c.Flags&colNullable != 0
		c.Flags &^= colNullable
		t, err := readParamTypeInfo(r)
		if err != nil {
			return nil, errorf("BULKLOAD column %d: %v", i+1, err)
		}
		if t.ID == typeVariant || t.ID == typeXML {
			return nil, errorf("BULKLOAD column %d of type %#x", i+1, t.ID)
		}
		c.Type = t
		if isLegacyLOB(t.ID) {
			r.take(int(r.u16()) * 2)
		}
		c.Name = r.bVarchar()
		if r.err != nil {
			return nil, errorf("BULKLOAD column %d: %v", i+1, r.err)
		}
		req.Columns = append(req.Columns, c)
	}
	// A row holds a value per column whatever it costs on the wire: NBCROW
	// bitmaps carry 8 NULLs a byte, NULLTYPE columns take no bytes at all
	// (so a 100 KB request could ask for terabytes). The values are
	// bounded by 8 per byte of the request, the densest legitimate
	// encoding, plus maxTVPFreeCells.
	budget := 8*r.remaining() + maxTVPFreeCells
	start := r.off
	for {
		tok := r.u8()
		if r.err != nil {
			return nil, errorf("BULKLOAD without DONE")
		}
		switch tok {
		case tokenRow, tokenNBCRow:
			if budget -= len(req.Columns); budget < 0 {
				return nil, errorf("BULKLOAD of more than %d rows of %d columns in a request of its size", req.count, len(req.Columns))
			}
			if _, err := readRow(r, req.Columns, tok == tokenNBCRow); err != nil {
				return nil, errorf("BULKLOAD row %d: %v", req.count+1, err)
			}
			req.count++
		case tokenDone:
			size := 12
			if !tds72 {
				size = 8
			}
			if r.take(size); r.err != nil {
				return nil, errorf("BULKLOAD DONE truncated")
			}
			if r.remaining() != 0 {
				return nil, errorf("BULKLOAD with %d bytes after DONE", r.remaining())
			}
			// Kept, not borrowed: the connection reuses its message buffer.
			req.body = append([]byte(nil), p[start:r.off]...)
			return req, nil
		default:
			return nil, errorf("BULKLOAD token %#x", tok)
		}
	}
}

// appendBulkLoad encodes req as a TDS 7.2+ client does (tests and fuzz seeds).
func appendBulkLoad(b []byte, req *BulkLoadRequest) ([]byte, error) {
	b = append(b, tokenColMetadata)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(req.Columns)))
	for _, c := range req.Columns {
		b = binary.LittleEndian.AppendUint32(b, c.UserType)
		f := c.Flags
		if c.Nullable {
			f |= colNullable
		}
		b = binary.LittleEndian.AppendUint16(b, f)
		b = appendTypeInfo(b, c.Type)
		if isLegacyLOB(c.Type.ID) {
			b = append(b, 0, 0)
		}
		b = appendBVarchar(b, c.Name)
	}
	buf := bytes.NewBuffer(b)
	for _, row := range req.Rows {
		if _, err := writeRow(buf, []byte{tokenRow}, false, req.Columns, row, nil); err != nil {
			return buf.Bytes(), err
		}
	}
	return appendDone(buf.Bytes(), DoneToken{Kind: Done}), nil
}
