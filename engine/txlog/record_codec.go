package txlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Record encoding: one kind byte, then the record's fields in declaration order.
// Integers are unsigned varints (encoding/binary Uvarint; the commit time is a signed
// Varint); byte slices and strings are a uvarint length followed by the bytes (a
// commit's mark name and description follow its time only for a marked
// transaction); a Checkpoint's
// active list is a uvarint count followed by (txn, first LSN) pairs. A record fills
// its encoding exactly: trailing bytes are an error.

// errRecord is the cause wrapped by every record decoding error.
var errRecord = errors.New("malformed log record")

// AppendRecord appends r's encoding to dst and returns the extended slice.
func AppendRecord(dst []byte, r Record) []byte {
	dst = append(dst, byte(r.Kind()))
	return r.appendFields(dst)
}

// EncodedSize returns the length of r's encoding.
func EncodedSize(r Record) int { return len(AppendRecord(nil, r)) }

func appendBytes(b, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func (r Begin) appendFields(b []byte) []byte { return binary.AppendUvarint(b, r.Txn) }
func (r Abort) appendFields(b []byte) []byte { return binary.AppendUvarint(b, r.Txn) }

func (r Insert) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.Txn)
	b = binary.AppendUvarint(b, uint64(r.Object))
	b = appendBytes(b, r.Key)
	return appendBytes(b, r.After)
}

func (r Update) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.Txn)
	b = binary.AppendUvarint(b, uint64(r.Object))
	b = appendBytes(b, r.Key)
	b = appendBytes(b, r.Before)
	return appendBytes(b, r.After)
}

func (r Delete) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.Txn)
	b = binary.AppendUvarint(b, uint64(r.Object))
	b = appendBytes(b, r.Key)
	return appendBytes(b, r.Before)
}

func (r Commit) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.Txn)
	var ns int64
	if !r.Time.IsZero() {
		ns = r.Time.UnixNano()
	}
	b = binary.AppendVarint(b, ns)
	if r.Mark == "" {
		return b
	}
	b = appendString(b, r.Mark)
	return appendString(b, r.MarkDescription)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (r DDL) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.Txn)
	return appendBytes(b, r.Payload)
}

func (r Checkpoint) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(r.RedoStart))
	b = binary.AppendUvarint(b, uint64(len(r.Active)))
	for _, a := range r.Active {
		b = binary.AppendUvarint(b, a.Txn)
		b = binary.AppendUvarint(b, uint64(a.First))
	}
	return b
}

func (r BackupEnd) appendFields(b []byte) []byte { return appendBytes(b, r.Payload) }

func (r MirroringBegin) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.RoleSeq)
	return appendBytes(b, r.Payload)
}

func (r RoleChange) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.RoleSeq)
	return appendBytes(b, r.Payload)
}

func (r Fork) appendFields(b []byte) []byte {
	b = binary.AppendUvarint(b, r.RoleSeq)
	b = binary.AppendUvarint(b, uint64(r.ForkLSN))
	return appendBytes(b, r.Payload)
}

// decoder reads fields from an untrusted buffer. The first failure sticks in err and
// later reads return zero values, so decoding code reads straight through and checks
// once at the end.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{errRecord}, args...)...)
	}
}

func (d *decoder) uvarint(field string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint in %s", field)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint(field string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad varint in %s", field)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint32(field string) uint32 {
	v := d.uvarint(field)
	if v > 1<<32-1 {
		d.fail("%s %d out of range", field, v)
		return 0
	}
	return uint32(v)
}

// bytes returns a sub-slice of the input (capacity clipped so appends cannot
// overwrite the following bytes), or nil for an empty field.
func (d *decoder) bytes(field string) []byte {
	n := d.uvarint(field)
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("%s length %d exceeds remaining %d bytes", field, n, len(d.b))
		return nil
	}
	if n == 0 {
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

// DecodeRecord decodes one record encoded by AppendRecord. It never panics: malformed
// input (unknown kind, truncated field, trailing bytes) yields an error. The returned
// record's byte slices alias b.
func DecodeRecord(b []byte) (Record, error) { return decodeRecord(b, true) }

// checkRecord reports DecodeRecord's error for b without building the record:
// a mirror verifies every record it receives before it hardens it
// (AppendBlocks), and boxing each one into a Record is a heap allocation per
// record that the check throws away.
func checkRecord(b []byte) error {
	_, err := decodeRecord(b, false)
	return err
}

// decodeRecord is DecodeRecord; with keep false it only checks, returning a nil
// Record (and allocating nothing but a checkpoint's active list). One body for
// both, so the check accepts exactly what DecodeRecord does.
func decodeRecord(b []byte, keep bool) (Record, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty", errRecord)
	}
	d := decoder{b: b[1:]}
	var r Record
	k := Kind(b[0])
	switch k {
	case KindBegin:
		v := Begin{Txn: d.uvarint("txn")}
		if keep {
			r = v
		}
	case KindAbort:
		v := Abort{Txn: d.uvarint("txn")}
		if keep {
			r = v
		}
	case KindInsert:
		v := Insert{Txn: d.uvarint("txn"), Object: d.uint32("object"), Key: d.bytes("key"), After: d.bytes("after")}
		if keep {
			r = v
		}
	case KindUpdate:
		v := Update{Txn: d.uvarint("txn"), Object: d.uint32("object"), Key: d.bytes("key"),
			Before: d.bytes("before"), After: d.bytes("after")}
		if keep {
			r = v
		}
	case KindDelete:
		v := Delete{Txn: d.uvarint("txn"), Object: d.uint32("object"), Key: d.bytes("key"), Before: d.bytes("before")}
		if keep {
			r = v
		}
	case KindCommit:
		c := Commit{Txn: d.uvarint("txn")}
		if ns := d.varint("time"); ns != 0 && keep {
			c.Time = time.Unix(0, ns).UTC()
		}
		if d.err == nil && len(d.b) > 0 {
			// A marked transaction's commit (BEGIN TRAN … WITH MARK).
			mark, desc := d.bytes("mark"), d.bytes("mark description")
			if d.err == nil && len(mark) == 0 {
				d.fail("empty mark name")
			}
			if keep {
				c.Mark, c.MarkDescription = string(mark), string(desc)
			}
		}
		if keep {
			r = c
		}
	case KindDDL:
		v := DDL{Txn: d.uvarint("txn"), Payload: d.bytes("payload")}
		if keep {
			r = v
		}
	case KindCheckpoint:
		v := decodeCheckpoint(&d)
		if keep {
			r = v
		}
	case KindBackupEnd:
		v := BackupEnd{Payload: d.bytes("payload")}
		if keep {
			r = v
		}
	case KindMirroringBegin:
		v := MirroringBegin{RoleSeq: d.uvarint("role sequence"), Payload: d.bytes("payload")}
		if keep {
			r = v
		}
	case KindRoleChange:
		v := RoleChange{RoleSeq: d.uvarint("role sequence"), Payload: d.bytes("payload")}
		if keep {
			r = v
		}
	case KindFork:
		v := Fork{RoleSeq: d.uvarint("role sequence"), ForkLSN: LSN(d.uvarint("fork LSN")), Payload: d.bytes("payload")}
		if keep {
			r = v
		}
	default:
		return nil, fmt.Errorf("%w: unknown kind %d", errRecord, uint8(k))
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d trailing bytes after %s", len(d.b), k)
	}
	if d.err != nil {
		return nil, d.err
	}
	return r, nil
}

func decodeCheckpoint(d *decoder) Checkpoint {
	c := Checkpoint{RedoStart: LSN(d.uvarint("redo start"))}
	n := d.uvarint("active count")
	// Each entry takes at least two bytes: bound the allocation by the input.
	if n > uint64(len(d.b))/2 {
		d.fail("active count %d exceeds input", n)
		return c
	}
	if n > 0 {
		c.Active = make([]ActiveTxn, n)
	}
	for i := range c.Active {
		c.Active[i] = ActiveTxn{Txn: d.uvarint("active txn"), First: LSN(d.uvarint("active first LSN"))}
	}
	return c
}
