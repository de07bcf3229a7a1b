package engine

import (
	"bufio"
	"bytes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"syscall"
	"time"
)

// Backup file format (version 1). A file holds one or more backup sets, each:
//
//	"MSQLBAK1" | u32 header length | header JSON | entries | 0x00 | u32 CRC32C | "MSQLEND1"
//
// entries are rows (0x01, u32 object, uvarint key length, key, uvarint value
// length, value) for a database backup, and log (0x02, uvarint length, raw log
// blocks) for both kinds. The CRC32C covers everything from the magic to the
// end marker 0x00, so a truncated or altered file is refused before anything is
// restored. The header JSON is padded with spaces: BACKUP writes it again at
// the end with what only the end knows (the finish time), in the same room.
const (
	backupMagic    = "MSQLBAK1"
	backupEndMagic = "MSQLEND1"
	backupVersion  = 1
	// backupVersionFramed is a set whose entries are in frames (backupcodec.go).
	backupVersionFramed = 2
	entryEnd            = 0x00
	entryRow            = 0x01
	entryLog            = 0x02
	// entryPrealloc is the largest entry read into a buffer of its stated
	// length at once; longer ones grow as their bytes arrive.
	entryPrealloc = 1 << 16
)

// backupHeader describes one backup set (RESTORE HEADERONLY shows it).
type backupHeader struct {
	Version int    `json:"version"`
	Type    string `json:"type"` // DATABASE or LOG
	Name    string `json:"name,omitempty"`
	// MediaName and MediaDescription are the media set's (backup_media.go):
	// FORMAT or a new file takes them from MEDIANAME and MEDIADESCRIPTION,
	// every later set copies them from the first.
	MediaName        string `json:"media_name,omitempty"`
	MediaDescription string `json:"media_description,omitempty"`
	MediaSetID       string `json:"media_set_id,omitempty"` // RESTORE LABELONLY's MediaSetId
	// MirrorCount is how many mirrors the media set has (MIRROR TO clauses
	// + 1; LABELONLY's Mirror_Count), 0 in a set of an earlier release.
	MirrorCount int `json:"mirror_count,omitempty"`
	// Files are the database's data and log files' logical names: RESTORE
	// prints them and the restored database keeps them, as SQL Server's do.
	Files []string `json:"files,omitempty"`
	// Physical are those files' physical names on the backed-up server:
	// the database's data and log directories (sys.database_files'
	// physical_name), what RESTORE FILELISTONLY shows.
	Physical      []string `json:"physical,omitempty"`
	Database      string   `json:"database"`
	DatabaseID    int32    `json:"database_id"`
	RecoveryModel string   `json:"recovery_model"`
	ServerName    string   `json:"server_name"`
	FirstOffset   uint64   `json:"first_offset"` // log stream offset the set's log starts at
	LastOffset    uint64   `json:"last_offset"`  // where the log continues after the set
	CheckpointLSN uint64   `json:"checkpoint_lsn"`
	FamilyGUID    string   `json:"family_guid"`
	CopyOnly      bool     `json:"copy_only,omitempty"`
	// Differential marks BACKUP DATABASE … WITH DIFFERENTIAL. The set holds
	// every row, as a full backup does (a superset of the changed extents),
	// so it restores on its own; the history shows it as type I and it
	// neither moves the differential base nor the log chain.
	Differential bool `json:"differential,omitempty"`
	Compressed   bool `json:"compressed,omitempty"`
	// Compression names how a version-2 set's entries are compressed ("zstd");
	// Encryption is set for WITH ENCRYPTION (backupcodec.go).
	Compression string            `json:"compression,omitempty"`
	Encryption  *backupEncryption `json:"encryption,omitempty"`
	// EntryBytes is the entries' size before compression and encryption
	// (backup_size; the file's size is compressed_backup_size).
	EntryBytes int64 `json:"entry_bytes,omitempty"`
	Checksum   bool  `json:"checksum,omitempty"`
	// Expires is EXPIREDATE's or RETAINDAYS' date, zero for none
	// (backup_expiry.go): INIT without SKIP refuses to overwrite the set
	// until then.
	Expires time.Time `json:"expiration_date,omitzero"`
	// What RESTORE HEADERONLY shows of the backup and of the database when
	// it was taken (backup_headeronly.go); a set written before they were
	// recorded shows NULL or 0 for them.
	Description       string    `json:"description,omitempty"`
	UserName          string    `json:"user_name,omitempty"`
	DatabaseCreated   time.Time `json:"database_created,omitzero"`
	Compatibility     int64     `json:"compatibility_level,omitempty"`
	DatabaseBackupLSN uint64    `json:"database_backup_lsn,omitempty"` // the latest full backup's CheckpointLSN
	DiffBaseLSN       uint64    `json:"differential_base_lsn,omitempty"`
	DiffBaseGUID      string    `json:"differential_base_guid,omitempty"`
	ReadOnly          bool      `json:"read_only,omitempty"`
	SingleUser        bool      `json:"single_user,omitempty"`
	ForceOffline      bool      `json:"force_offline,omitempty"` // BACKUP LOG … WITH NORECOVERY
	BeginsLogChain    bool      `json:"begins_log_chain,omitempty"`
	Start             time.Time `json:"start"`
	Finish            time.Time `json:"finish"`
	// Through is the time the set is complete through: every commit
	// stamped at or before it is in the set (its rows or its log), none
	// stamped after it. BACKUP reads it with no commit in flight, beside
	// the set's log end; STOPAT decisions use it (restore_stop.go). Zero
	// in a set of an earlier release: Start stands for it.
	Through  time.Time `json:"through,omitzero"`
	Position int       `json:"-"` // FILE = n
	Size     int64     `json:"-"`
}

// backupWriter writes one backup set.
type backupWriter struct {
	w     *bufio.Writer
	crc   hash.Hash32 // the set's bytes after its header (see finish)
	n     int64       // bytes written to the file
	plain int64       // entry bytes before frames
	// rowBytes and logBytes are the row and log entries' share of plain:
	// the data file's and the log file's pages of BACKUP's 4035 messages.
	rowBytes, logBytes int64
	buf                []byte
	frames             *frameWriter // a version-2 set's entries; nil for version 1
	// h is the set's header and head its bytes as written (magic, length,
	// JSON padded with spaces to headerSlack more than it needed); at is
	// where the set starts in file. finish writes h again over head with
	// the times only the end knows (Finish, EntryBytes): RESTORE HEADERONLY
	// shows BackupFinishDate from the file, as SQL Server's does. A writer
	// that is no file (tests) keeps the first header.
	h    *backupHeader
	head []byte
	file io.WriterAt
	at   int64
}

// headerSlack is the room a set's header keeps for what finish adds to it:
// the finish time (up to 10 more characters than the zero time) and
// "entry_bytes" (at most 36).
const headerSlack = 96

// newBackupWriter starts a set; codec, when not nil, puts its entries in
// frames (a version-2 set: h.Version must say so). A *os.File is written
// from its current offset, which finish also rewrites the header at.
func newBackupWriter(w io.Writer, h *backupHeader, codec *frameCodec) (*backupWriter, error) {
	bw := &backupWriter{w: bufio.NewWriterSize(w, 1<<20), crc: crc32.New(castagnoli), h: h}
	if f, ok := w.(*os.File); ok {
		at, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, err
		}
		bw.file, bw.at = f, at
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	hb = append(hb, bytes.Repeat([]byte{' '}, headerSlack)...) // JSON allows trailing spaces
	bw.head = append(append([]byte(backupMagic), binary.LittleEndian.AppendUint32(nil, uint32(len(hb)))...), hb...)
	bw.w.Write(bw.head)
	bw.n += int64(len(bw.head))
	if codec != nil {
		bw.frames = &frameWriter{codec: codec, out: bw.raw}
	}
	return bw, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// raw writes b to the file under the set's checksum.
func (bw *backupWriter) raw(b []byte) {
	bw.crc.Write(b)
	bw.w.Write(b)
	bw.n += int64(len(b))
}

// write writes entry bytes.
func (bw *backupWriter) write(b []byte) {
	bw.plain += int64(len(b))
	if bw.frames != nil {
		bw.frames.Write(b)
		return
	}
	bw.raw(b)
}

func (bw *backupWriter) row(obj uint32, key, val []byte) {
	b := bw.buf[:0]
	b = append(b, entryRow)
	b = binary.BigEndian.AppendUint32(b, obj)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = binary.AppendUvarint(b, uint64(len(val)))
	bw.buf = b
	bw.write(b)
	bw.write(val)
	bw.rowBytes += int64(len(b) + len(val))
}

func (bw *backupWriter) log(raw []byte) {
	b := append(bw.buf[:0], entryLog)
	b = binary.AppendUvarint(b, uint64(len(raw)))
	bw.buf = b
	bw.write(b)
	bw.write(raw)
	bw.logBytes += int64(len(b) + len(raw))
}

// rowEntrySize and logEntrySize are the bytes row and log write for an
// entry: RESTORE counts what it reads with them, so its 4035 messages give
// the pages BACKUP's gave.
func rowEntrySize(key, val []byte) int64 {
	return int64(1 + 4 + uvarintLen(len(key)) + len(key) + uvarintLen(len(val)) + len(val))
}

func logEntrySize(raw []byte) int64 {
	return int64(1 + uvarintLen(len(raw)) + len(raw))
}

func uvarintLen(n int) int {
	return len(binary.AppendUvarint(nil, uint64(n)))
}

// finish ends the set: the end marker, the checksum and end magic, and —
// in a file — the header again, now with the finish time and the entries'
// size. The checksum covers the final header: the entries' running CRC is
// combined with the final header's (crc32cCombine), so nothing is read back.
func (bw *backupWriter) finish() error {
	bw.write([]byte{entryEnd})
	if bw.frames != nil {
		bw.frames.close()
	}
	head := bw.head
	if bw.file != nil {
		bw.h.Finish, bw.h.EntryBytes = time.Now().UTC(), bw.plain
		hb, err := json.Marshal(bw.h)
		if err != nil {
			return err
		}
		room := len(head) - len(backupMagic) - 4
		if len(hb) > room {
			return fmt.Errorf("backup header grew past its room (%d > %d bytes)", len(hb), room)
		}
		head = append(append([]byte(nil), head[:len(backupMagic)+4]...), hb...)
		head = append(head, bytes.Repeat([]byte{' '}, room-len(hb))...)
	}
	rest := bw.n - int64(len(bw.head))
	sum := crc32cCombine(crc32.Checksum(head, castagnoli), bw.crc.Sum32(), rest)
	bw.w.Write(binary.LittleEndian.AppendUint32(nil, sum))
	bw.w.Write([]byte(backupEndMagic))
	if err := bw.w.Flush(); err != nil {
		return err
	}
	if bw.file != nil {
		if _, err := bw.file.WriteAt(head, bw.at); err != nil {
			return err
		}
	}
	return nil
}

// crc32cCombine is the CRC32C of a‖b from crcA = CRC32C(a), crcB = CRC32C(b)
// and len(b): crcA advanced over len(b) zero bytes (a multiplication by
// x^(8·len(b)) modulo the polynomial, by repeated squaring) and added to
// crcB — the pre- and post-inversion of both cancel out in the sum.
func crc32cCombine(crcA, crcB uint32, lenB int64) uint32 {
	// Polynomials modulo P are 32-bit, reflected: x^0 is bit 31.
	const poly = 0x82F63B78 // crc32.Castagnoli
	mul := func(a, b uint32) uint32 {
		var p uint32
		for i := 0; i < 32; i++ {
			if a&(1<<(31-i)) != 0 {
				p ^= b
			}
			if b&1 != 0 {
				b = b>>1 ^ poly
			} else {
				b >>= 1
			}
		}
		return p
	}
	shift, sq := uint32(1)<<31, uint32(1)<<(31-8) // x^0, and x^8 (one byte)
	for n := uint64(lenB); n > 0; n >>= 1 {
		if n&1 != 0 {
			shift = mul(shift, sq)
		}
		sq = mul(sq, sq)
	}
	return mul(shift, crcA) ^ crcB
}

// errBackupCorrupt is wrapped by every error about a damaged backup file.
var errBackupCorrupt = errors.New("backup file is damaged")

// backupSet is one parsed backup set: its header and its entries, verified.
type backupSet struct {
	header backupHeader
	rows   func(fn func(obj uint32, key, val []byte) error) error
	logs   [][]byte
	// locked is why an encrypted set's entries could not be read (its
	// certificate is not here): the set is verified, not restorable.
	locked error
}

// backupKeyFunc returns an encrypted set's data key, or why it cannot.
type backupKeyFunc func(*backupEncryption) ([]byte, error)

// readBackupSets reads and verifies every set in a backup file. Row entries are
// not kept in memory: a set's rows streams them again from the file. keys
// opens encrypted sets; nil leaves them locked (RESTORE HEADERONLY).
func readBackupSets(path string, keys backupKeyFunc) ([]*backupSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		// A directory opens here but is no backup file: SQL Server's open
		// of it is refused (3201, error 5), not damaged media (3241).
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	}
	br := bufio.NewReaderSize(f, fileBufferSize(f, 0))
	var sets []*backupSet
	var offset int64
	for pos := 1; ; pos++ {
		var magic [8]byte
		if _, err := io.ReadFull(br, magic[:]); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%w: %v", errBackupCorrupt, err)
		}
		if string(magic[:]) != backupMagic {
			return nil, fmt.Errorf("%w: bad magic", errBackupCorrupt)
		}
		set, n, err := verifySet(br, magic[:], path, offset, keys)
		if err != nil {
			return nil, err
		}
		set.header.Position = pos
		set.header.Size = n
		offset += n
		sets = append(sets, set)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%w: empty", errBackupCorrupt)
	}
	return sets, nil
}

// fileBufferSize is the read buffer for f from offset on: 1 MB, or what is
// left of a smaller file (a HEADERONLY of a small file, and every fuzz
// execution, then does not allocate and clear a megabyte per read).
func fileBufferSize(f *os.File, offset int64) int {
	const most, least = 1 << 20, 4 << 10
	st, err := f.Stat()
	if err != nil {
		return most
	}
	return int(max(least, min(most, st.Size()-offset)))
}

// checkedReader reads a set's bytes through its checksum, counting them.
type checkedReader struct {
	r   *bufio.Reader
	crc hash.Hash32
	n   int64
}

func (c *checkedReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.crc.Write(b[:k])
	c.n += int64(k)
	return k, err
}

func (c *checkedReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.crc.Write([]byte{b})
		c.n++
	}
	return b, err
}

func (c *checkedReader) full(b []byte) error {
	if _, err := io.ReadFull(c, b); err != nil {
		return fmt.Errorf("%w: %v", errBackupCorrupt, err)
	}
	return nil
}

// verifySet checks one set's checksum, reading it through once; it keeps log
// entries and returns a function that re-reads row entries from the file.
func verifySet(br *bufio.Reader, magic []byte, path string, start int64, keys backupKeyFunc) (*backupSet, int64, error) {
	cr := &checkedReader{r: br, crc: crc32.New(castagnoli)}
	cr.crc.Write(magic)
	cr.n = int64(len(magic))
	set := &backupSet{}
	if err := readSetHeader(cr.full, &set.header); err != nil {
		return nil, 0, err
	}
	rowsAt := start + cr.n
	keepLog := func(raw []byte) error { set.logs = append(set.logs, raw); return nil }
	switch set.header.Version {
	case backupVersion:
		if err := parseEntries(cr, keepLog, nil); err != nil {
			return nil, 0, err
		}
		set.rows = func(fn func(obj uint32, key, val []byte) error) error {
			return streamRows(path, rowsAt, nil, nil, fn)
		}
	case backupVersionFramed:
		codec, err := setCodec(&set.header, keys)
		if err != nil && errors.Is(err, errBackupCorrupt) {
			return nil, 0, err
		}
		fr := &frameReader{codec: codec, read: cr.full}
		if codec == nil {
			set.locked = err
		} else if err := parseEntries(bufio.NewReaderSize(fr, 64<<10), keepLog, nil); err != nil {
			return nil, 0, err
		}
		if err := fr.skipRest(codec != nil); err != nil {
			return nil, 0, err
		}
		if codec != nil {
			codec.close()
		}
		set.rows = func(fn func(obj uint32, key, val []byte) error) error {
			if set.locked != nil {
				return set.locked
			}
			return streamRows(path, rowsAt, &set.header, keys, fn)
		}
	default:
		return nil, 0, unknownVersionError(set.header.Version)
	}
	var tail [12]byte
	if _, err := io.ReadFull(br, tail[:]); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", errBackupCorrupt, err)
	}
	if binary.LittleEndian.Uint32(tail[:4]) != cr.crc.Sum32() || string(tail[4:]) != backupEndMagic {
		return nil, 0, fmt.Errorf("%w: checksum mismatch", errBackupCorrupt)
	}
	return set, cr.n + 12, nil
}

// readSetHeader reads a set's header length and header after its magic.
func readSetHeader(full func([]byte) error, h *backupHeader) error {
	var lb [4]byte
	if err := full(lb[:]); err != nil {
		return err
	}
	hl := binary.LittleEndian.Uint32(lb[:])
	if hl > 1<<20 {
		return fmt.Errorf("%w: header too large", errBackupCorrupt)
	}
	hb := make([]byte, hl)
	if err := full(hb); err != nil {
		return err
	}
	if err := json.Unmarshal(hb, h); err != nil {
		return fmt.Errorf("%w: header: %v", errBackupCorrupt, err)
	}
	return nil
}

// readMediaHeader reads the first set's header of the file at path: the
// media header BACKUP … WITH INIT keeps (backup_media.go), without reading
// the sets it overwrites.
func readMediaHeader(path string) (*backupHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	full := func(b []byte) error {
		if _, err := io.ReadFull(br, b); err != nil {
			return fmt.Errorf("%w: %v", errBackupCorrupt, err)
		}
		return nil
	}
	magic := make([]byte, len(backupMagic))
	if err := full(magic); err != nil {
		return nil, err
	}
	if string(magic) != backupMagic {
		return nil, fmt.Errorf("%w: bad magic", errBackupCorrupt)
	}
	var h backupHeader
	if err := readSetHeader(full, &h); err != nil {
		return nil, err
	}
	return &h, nil
}

// backupNewerError is a set whose header version is above the newest this
// release writes (backupVersionFramed): a newer release wrote it, and RESTORE
// refuses it with SQL Server's 3169 rather than 3241 (the file is not
// damaged). It wraps errBackupCorrupt: BACKUP cannot append to such media.
type backupNewerError struct{ version int }

func (e *backupNewerError) Error() string {
	return fmt.Sprintf("backup set version %d is newer than this release reads (%d)", e.version, backupVersionFramed)
}

func (e *backupNewerError) Unwrap() error { return errBackupCorrupt }

// unknownVersionError is the error for a set of version v, which this
// release does not read: a newer release's, or damage.
func unknownVersionError(v int) error {
	if v > backupVersionFramed {
		return &backupNewerError{version: v}
	}
	return fmt.Errorf("%w: unsupported version %d", errBackupCorrupt, v)
}

// errBackupLocked is wrapped when an encrypted set's key is not at hand.
var errBackupLocked = errors.New("backup set is encrypted")

// setCodec makes the frame codec of a version-2 set; for an encrypted one it
// asks keys for the data key (nil keys: errBackupLocked).
func setCodec(h *backupHeader, keys backupKeyFunc) (*frameCodec, error) {
	var aead cipher.AEAD
	var prefix []byte
	if enc := h.Encryption; enc != nil {
		if keys == nil {
			return nil, errBackupLocked
		}
		key, err := keys(enc)
		if err != nil {
			return nil, err
		}
		if len(enc.NoncePrefix) != 4 {
			return nil, fmt.Errorf("%w: bad nonce", errBackupCorrupt)
		}
		if aead, err = newGCM(key); err != nil {
			return nil, fmt.Errorf("%w: %v", errBackupCorrupt, err)
		}
		prefix = enc.NoncePrefix
	}
	switch h.Compression {
	case "", compressZstd:
	default:
		return nil, fmt.Errorf("%w: unknown compression %q", errBackupCorrupt, h.Compression)
	}
	return newFrameCodec(h.Compression == compressZstd, aead, prefix)
}

// entrySource is what parseEntries reads: the raw stream of a version-1 set
// or a version-2 set's decoded frames.
type entrySource interface {
	io.Reader
	io.ByteReader
}

// parseEntries reads entries up to the end marker, giving log entries to
// onLog and row entries to onRow (nil: their bytes are read and dropped).
// Every length is bounded before anything is allocated for it.
func parseEntries(r entrySource, onLog func([]byte) error, onRow func(obj uint32, key, val []byte) error) error {
	bad := func(err error) error {
		if errors.Is(err, errBackupCorrupt) {
			return err
		}
		return fmt.Errorf("%w: %v", errBackupCorrupt, err)
	}
	length := func() (int64, error) {
		l, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, bad(err)
		}
		if l > 1<<30 {
			return 0, fmt.Errorf("%w: entry too large", errBackupCorrupt)
		}
		return int64(l), nil
	}
	bytesOf := func(keep bool) ([]byte, error) {
		l, err := length()
		if err != nil {
			return nil, err
		}
		if !keep {
			if _, err := io.CopyN(io.Discard, r, l); err != nil {
				return nil, bad(err)
			}
			return nil, nil
		}
		if l <= entryPrealloc {
			b := make([]byte, l)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, bad(err)
			}
			return b, nil
		}
		// A length is only a claim until its bytes are read: a large entry
		// grows as they arrive, so a crafted length in a short file costs
		// nothing (RESTORE HEADERONLY reads untrusted files).
		var buf bytes.Buffer
		buf.Grow(entryPrealloc)
		if _, err := io.CopyN(&buf, r, l); err != nil {
			return nil, bad(err)
		}
		return buf.Bytes(), nil
	}
	for {
		kind, err := r.ReadByte()
		if err != nil {
			return bad(err)
		}
		switch kind {
		case entryEnd:
			return nil
		case entryLog:
			raw, err := bytesOf(onLog != nil)
			if err != nil {
				return err
			}
			if onLog != nil {
				if err := onLog(raw); err != nil {
					return err
				}
			}
		case entryRow:
			var ob [4]byte
			if _, err := io.ReadFull(r, ob[:]); err != nil {
				return bad(err)
			}
			key, err := bytesOf(onRow != nil)
			if err != nil {
				return err
			}
			val, err := bytesOf(onRow != nil)
			if err != nil {
				return err
			}
			if onRow != nil {
				if err := onRow(binary.BigEndian.Uint32(ob[:]), key, val); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("%w: unknown entry %d", errBackupCorrupt, kind)
		}
	}
}

// streamRows re-reads the row entries of a verified set starting at offset:
// plainly (h nil, version 1) or through its frames. The file may have changed
// since it was verified (overwritten by a BACKUP … WITH INIT): parseEntries
// bounds every length, and frames authenticate when encrypted.
func streamRows(path string, offset int64, h *backupHeader, keys backupKeyFunc, fn func(obj uint32, key, val []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(f, fileBufferSize(f, offset))
	if h == nil {
		return parseEntries(br, nil, fn)
	}
	codec, err := setCodec(h, keys)
	if err != nil {
		return err
	}
	defer codec.close()
	fr := &frameReader{codec: codec, read: func(b []byte) error {
		if _, err := io.ReadFull(br, b); err != nil {
			return fmt.Errorf("%w: %v", errBackupCorrupt, err)
		}
		return nil
	}}
	return parseEntries(bufio.NewReaderSize(fr, 64<<10), nil, fn)
}
