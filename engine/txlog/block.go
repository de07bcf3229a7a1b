package txlog

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Block format. A block starts at a BlockAlign-aligned offset of the logical log
// stream and never crosses a segment boundary. All integers are little endian.
//
//	0  magic   uint32  blockMagic
//	4  crc     uint32  CRC32C (Castagnoli) of bytes [8, used)
//	8  offset  uint64  the block's own offset in the stream (its identity and sequence)
//	16 synced  uint64  end of the durable log when the block was sealed (see below)
//	24 size    uint32  bytes the block occupies in the stream, a multiple of BlockAlign
//	28 used    uint32  header plus record area; bytes [used, size) are zero padding
//	32 count   uint16  number of records; record i (0-based) has slot i+1
//	34 version uint16  blockVersion
//	36 records count × (uvarint length, record encoding)
//
// A block with count 0 is a filler: it pads the rest of a segment when the next
// record would not fit in it (its size reaches the segment's end).
//
// The synced field is what tells a torn tail from corruption in the middle: all log
// before synced was durable before this block was written. When recovery finds a
// damaged block at offset X followed by a valid block whose synced is beyond X, then
// X had already been made durable and was damaged later: ErrCorrupt. Valid blocks
// with synced ≤ X may be the remains of the same interrupted write, and are cut off
// with the torn tail. The padding is not covered by the checksum and must be zero.
const (
	blockMagic   = 0x424C534D // "MSLB" on disk
	blockVersion = 1
	headerSize   = 36

	// maxBlockSize is the size at which the writer seals a block, like SQL Server's
	// 60 KiB log blocks. A single record larger than this gets a block of its own.
	maxBlockSize = 60 << 10

	// maxRecords is the most records a block can number (slots are uint16, from 1).
	maxRecords = 1<<16 - 1

	// maxOffset bounds stream offsets: an LSN keeps 48 bits of block offset.
	maxOffset = 1 << 48

	// MaxRecordSize is the largest encoded record the log accepts. Larger values
	// must be split by the caller.
	MaxRecordSize = 16 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blockHeader is a decoded block header.
type blockHeader struct {
	offset uint64
	synced uint64
	size   uint32
	used   uint32
	count  uint16
}

// lastLSN is the LSN of the block's last record, or 0 for a filler.
func (h blockHeader) lastLSN() LSN {
	if h.count == 0 {
		return 0
	}
	return MakeLSN(h.offset, h.count)
}

func alignUp(n uint64) uint64 { return (n + BlockAlign - 1) &^ (BlockAlign - 1) }

// parseHeader checks the fixed header fields of a block starting at b[0] that claims
// to sit at stream offset want. It needs headerSize bytes; it does not check the
// checksum (the record area may not have been read yet).
func parseHeader(b []byte, want uint64) (blockHeader, error) {
	if len(b) < headerSize {
		return blockHeader{}, fmt.Errorf("%w: %d bytes is shorter than a block header", ErrBadBlock, len(b))
	}
	if m := binary.LittleEndian.Uint32(b[0:]); m != blockMagic {
		return blockHeader{}, fmt.Errorf("%w: bad magic %#08x at offset %d", ErrBadBlock, m, want)
	}
	h := blockHeader{
		offset: binary.LittleEndian.Uint64(b[8:]),
		synced: binary.LittleEndian.Uint64(b[16:]),
		size:   binary.LittleEndian.Uint32(b[24:]),
		used:   binary.LittleEndian.Uint32(b[28:]),
		count:  binary.LittleEndian.Uint16(b[32:]),
	}
	switch {
	case h.offset != want:
		return h, fmt.Errorf("%w: block at offset %d claims offset %d", ErrBadBlock, want, h.offset)
	case h.offset%BlockAlign != 0 || h.offset >= maxOffset-uint64(h.size):
		return h, fmt.Errorf("%w: block offset %d is unaligned or out of range", ErrBadBlock, h.offset)
	case binary.LittleEndian.Uint16(b[34:]) > blockVersion:
		return h, &NewerFormatError{What: "log block", Version: int(binary.LittleEndian.Uint16(b[34:])), Supported: blockVersion}
	case binary.LittleEndian.Uint16(b[34:]) != blockVersion:
		return h, fmt.Errorf("%w: unknown block version %d", ErrBadBlock, binary.LittleEndian.Uint16(b[34:]))
	case h.size == 0 || h.size%BlockAlign != 0:
		return h, fmt.Errorf("%w: block size %d is not a positive multiple of %d", ErrBadBlock, h.size, BlockAlign)
	case h.used < headerSize || h.used > h.size:
		return h, fmt.Errorf("%w: used length %d outside [%d, %d]", ErrBadBlock, h.used, headerSize, h.size)
	case h.synced > h.offset:
		return h, fmt.Errorf("%w: synced %d is beyond the block's offset %d", ErrBadBlock, h.synced, h.offset)
	}
	return h, nil
}

// checkBody verifies the checksum of a block whose first h.used bytes are in b.
func checkBody(b []byte, h blockHeader) error {
	if uint32(len(b)) < h.used {
		return fmt.Errorf("%w: block at offset %d truncated", ErrBadBlock, h.offset)
	}
	if got, want := crc32.Checksum(b[8:h.used], castagnoli), binary.LittleEndian.Uint32(b[4:]); got != want {
		return fmt.Errorf("%w: checksum mismatch at offset %d", ErrBadBlock, h.offset)
	}
	return nil
}

// Entry is a record together with its LSN.
type Entry struct {
	LSN    LSN
	Record Record
}

// decodeRecords decodes the record area of a checked block. It returns an error
// (never panics) when the area does not hold exactly h.count well-formed records.
func decodeRecords(b []byte, h blockHeader) ([]Entry, error) {
	if h.count == 0 {
		return nil, nil
	}
	return decodeRecordsInto(make([]Entry, 0, h.count), b, h)
}

// decodeRecordsInto is decodeRecords appending to out[:0] (Scan reuses one
// slice for every block).
func decodeRecordsInto(out []Entry, b []byte, h blockHeader) ([]Entry, error) {
	out = out[:0]
	if h.count == 0 {
		return out, nil
	}
	err := walkRecords(b, h, func(slot uint16, rec []byte) error {
		r, err := DecodeRecord(rec)
		if err == nil {
			out = append(out, Entry{LSN: MakeLSN(h.offset, slot), Record: r})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkRecords is decodeRecords without the records: the same errors, no
// allocation (checkRecord).
func checkRecords(b []byte, h blockHeader) error {
	return walkRecords(b, h, func(_ uint16, rec []byte) error { return checkRecord(rec) })
}

// walkRecords splits the record area of a checked block into its h.count
// records and hands each to decode, whose error it reports as the block's
// (a newer release's record kind as NewerFormatError). A filler (count 0) has
// no record area to check.
func walkRecords(b []byte, h blockHeader, decode func(slot uint16, rec []byte) error) error {
	if h.count == 0 {
		return nil
	}
	area := b[headerSize:h.used]
	for slot := uint16(1); slot <= h.count; slot++ {
		n, k := binary.Uvarint(area)
		if k <= 0 || n > uint64(len(area)-k) {
			return fmt.Errorf("%w: record slot %d of block %d: bad length", ErrBadBlock, slot, h.offset)
		}
		err := decode(slot, area[k:k+int(n)])
		if err != nil && n > 0 && Kind(area[k]) > newestKind {
			// The block passed its checksum: a newer release wrote a
			// record this one does not know, not damage.
			return &NewerFormatError{What: "log record", Version: int(area[k]), Supported: int(newestKind)}
		}
		if err != nil {
			return fmt.Errorf("%w: record slot %d of block %d: %v", ErrBadBlock, slot, h.offset, err)
		}
		area = area[k+int(n):]
	}
	if len(area) != 0 {
		return fmt.Errorf("%w: %d bytes after the last record of block %d", ErrBadBlock, len(area), h.offset)
	}
	return nil
}

// Block is one log block as stored and shipped.
type Block struct {
	// Offset is the block's offset in the logical log stream; its records have
	// LSNs MakeLSN(Offset, 1..len(Records)).
	Offset uint64
	// Raw is the block exactly as on disk, padding included (len(Raw) is the
	// block's size). Mirroring ships Raw; the mirror's AppendBlocks writes it
	// verbatim.
	Raw []byte
	// Records are the decoded records; empty for a filler block. Their byte slices
	// alias Raw.
	Records []Entry
}

// End is the stream offset just past the block: the next block's offset.
func (b Block) End() uint64 { return b.Offset + uint64(len(b.Raw)) }

// DecodeBlock decodes and verifies the block at the start of raw: header, checksum
// and every record. raw may hold more bytes after the block; the returned Block.Raw
// is the block's own prefix of raw (aliased, not copied). It never panics on
// malformed input; errors wrap ErrBadBlock.
func DecodeBlock(raw []byte) (Block, error) {
	b, h, err := checkBlockHeader(raw)
	if err != nil {
		return Block{}, err
	}
	if b.Records, err = decodeRecords(raw, h); err != nil {
		return Block{}, err
	}
	return b, nil
}

// checkBlock verifies the block at the start of raw as DecodeBlock does, with
// the same errors, but returns it without Records: what a mirror needs to
// harden a received block, without an allocation per record.
func checkBlock(raw []byte) (Block, blockHeader, error) {
	b, h, err := checkBlockHeader(raw)
	if err != nil {
		return Block{}, h, err
	}
	if err := checkRecords(raw, h); err != nil {
		return Block{}, h, err
	}
	return b, h, nil
}

// checkBlockHeader verifies the header and checksum of the block at the start
// of raw and returns it without Records.
func checkBlockHeader(raw []byte) (Block, blockHeader, error) {
	if len(raw) < headerSize {
		return Block{}, blockHeader{}, fmt.Errorf("%w: %d bytes is shorter than a block header", ErrBadBlock, len(raw))
	}
	h, err := parseHeader(raw, binary.LittleEndian.Uint64(raw[8:]))
	if err != nil {
		return Block{}, h, err
	}
	if uint64(len(raw)) < uint64(h.size) {
		return Block{}, h, fmt.Errorf("%w: block of %d bytes truncated to %d", ErrBadBlock, h.size, len(raw))
	}
	if err := checkBody(raw, h); err != nil {
		return Block{}, h, err
	}
	return Block{Offset: h.offset, Raw: raw[:h.size:h.size]}, h, nil
}

// blockBuilder accumulates the records of the open block.
type blockBuilder struct {
	offset uint64
	buf    []byte // header room followed by the record area
	count  uint16
}

func (b *blockBuilder) reset(offset uint64) {
	b.offset = offset
	if b.buf == nil {
		b.buf = make([]byte, headerSize, maxBlockSize+BlockAlign)
	}
	b.buf = b.buf[:headerSize]
	b.count = 0
}

// fits reports whether an encoded record of n bytes (length prefix included) can go
// into the block without passing limit bytes in total.
func (b *blockBuilder) fits(n int, limit uint64) bool {
	return b.count < maxRecords && uint64(len(b.buf)+n) <= limit
}

// add appends one length-prefixed record and returns its LSN.
func (b *blockBuilder) add(enc []byte) LSN {
	b.buf = binary.AppendUvarint(b.buf, uint64(len(enc)))
	b.buf = append(b.buf, enc...)
	b.count++
	return MakeLSN(b.offset, b.count)
}

// seal finishes the block: header, checksum, zero padding. It returns the raw bytes
// (a fresh slice the builder no longer uses) and the block's header.
func (b *blockBuilder) seal(synced uint64) ([]byte, blockHeader) {
	used := len(b.buf)
	size := alignUp(uint64(used))
	raw := make([]byte, size)
	copy(raw, b.buf)
	h := blockHeader{offset: b.offset, synced: synced, size: uint32(size), used: uint32(used), count: b.count}
	putHeader(raw, h)
	return raw, h
}

// putHeader writes h and the checksum into raw, whose record area is already filled.
func putHeader(raw []byte, h blockHeader) {
	binary.LittleEndian.PutUint32(raw[0:], blockMagic)
	binary.LittleEndian.PutUint64(raw[8:], h.offset)
	binary.LittleEndian.PutUint64(raw[16:], h.synced)
	binary.LittleEndian.PutUint32(raw[24:], h.size)
	binary.LittleEndian.PutUint32(raw[28:], h.used)
	binary.LittleEndian.PutUint16(raw[32:], h.count)
	binary.LittleEndian.PutUint16(raw[34:], blockVersion)
	binary.LittleEndian.PutUint32(raw[4:], crc32.Checksum(raw[8:h.used], castagnoli))
}

// fillerHeader returns the header bytes of a filler block covering [offset,
// offset+size). Only the first BlockAlign bytes are returned: the rest of a filler
// is zero, which a preallocated segment already holds.
func fillerHeader(offset, size, synced uint64) []byte {
	raw := make([]byte, BlockAlign)
	putHeader(raw, blockHeader{offset: offset, synced: synced, size: uint32(size), used: headerSize})
	return raw
}

// TrimBlock returns a copy of the block at the start of raw that holds only its first
// keep records (1 ≤ keep ≤ the block's count), sealed again: same offset and synced
// field, a new checksum, and a size that shrinks when the records kept fit in fewer
// BlockAlign units. The records kept keep their LSNs.
//
// It serves point-in-time restore (RESTORE … STOPAT, STOPATMARK, STOPBEFOREMARK): the
// restored log must end at the stop point, which may lie inside a block (group commit
// packs several transactions into one). The records after it belong to no log the
// restored database will have — it continues after the trimmed block as a new
// recovery fork — and left in place, crash recovery would redo them.
func TrimBlock(raw []byte, keep uint16) ([]byte, error) {
	b, err := DecodeBlock(raw)
	if err != nil {
		return nil, err
	}
	if keep == 0 || int(keep) > len(b.Records) {
		return nil, fmt.Errorf("trim block %d to %d records: it holds %d", b.Offset, keep, len(b.Records))
	}
	h, _ := parseHeader(b.Raw, b.Offset)
	used := headerSize
	for range keep {
		n, k := binary.Uvarint(b.Raw[used:h.used])
		used += k + int(n)
	}
	h.used = uint32(used)
	h.size = uint32(alignUp(uint64(used)))
	h.count = keep
	out := make([]byte, h.size)
	copy(out, b.Raw[:used])
	putHeader(out, h)
	return out, nil
}
