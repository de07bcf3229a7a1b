package engine

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// mediaHeaders lists the headers of the sets in the media file at path, in
// order, without reading their entries where it can: BACKUP needs them to
// append (the set count, the media header) and to overwrite (every set's
// expiration date), not the data. A framed set (version 2, every set this
// release writes) is crossed frame by frame, reading each frame's 5-byte
// header and seeking past its data; a plain set (version 1, written by
// earlier releases) has no lengths to skip by and is read through. What is
// checked is the media's structure — magics, lengths, frame order, each
// set's end marker — as SQL Server checks the end of the media before
// appending (3266); checksums are RESTORE VERIFYONLY's and RESTORE's.
func mediaHeaders(path string) ([]backupHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	m := &mediaWalk{f: f, size: st.Size()}
	var hs []backupHeader
	for m.off < m.size {
		h, err := m.set()
		if err != nil {
			return nil, err
		}
		h.Position = len(hs) + 1
		hs = append(hs, h)
	}
	if len(hs) == 0 {
		return nil, fmt.Errorf("%w: empty", errBackupCorrupt)
	}
	return hs, nil
}

// mediaWalk reads a media file by offset.
type mediaWalk struct {
	f    *os.File
	size int64
	off  int64
}

// full reads len(b) bytes at the walk's offset and moves past them.
func (m *mediaWalk) full(b []byte) error {
	if int64(len(b)) > m.size-m.off {
		return fmt.Errorf("%w: the media ends inside a set", errBackupCorrupt)
	}
	if _, err := m.f.ReadAt(b, m.off); err != nil {
		return fmt.Errorf("%w: %v", errBackupCorrupt, err)
	}
	m.off += int64(len(b))
	return nil
}

// set crosses one set from the walk's offset and returns its header.
func (m *mediaWalk) set() (backupHeader, error) {
	start := m.off
	var h backupHeader
	magic := make([]byte, len(backupMagic))
	if err := m.full(magic); err != nil {
		return h, err
	}
	if string(magic) != backupMagic {
		return h, fmt.Errorf("%w: bad magic", errBackupCorrupt)
	}
	if err := readSetHeader(m.full, &h); err != nil {
		return h, err
	}
	switch h.Version {
	case backupVersionFramed:
		if err := m.skipFrames(); err != nil {
			return h, err
		}
	case backupVersion:
		if err := m.readThrough(); err != nil {
			return h, err
		}
	default:
		return h, unknownVersionError(h.Version)
	}
	var tail [12]byte
	if err := m.full(tail[:]); err != nil {
		return h, err
	}
	if string(tail[4:]) != backupEndMagic {
		return h, fmt.Errorf("%w: no end marker", errBackupCorrupt)
	}
	h.Size = m.off - start
	return h, nil
}

// skipFrames crosses a framed set's frames up to its terminator by their
// lengths (backupcodec.go), reading none of their data.
func (m *mediaWalk) skipFrames() error {
	final := false
	for {
		var fh [5]byte
		if err := m.full(fh[:4]); err != nil {
			return err
		}
		l := binary.LittleEndian.Uint32(fh[:4])
		if l == 0 {
			if !final {
				return fmt.Errorf("%w: frames end without the final one", errBackupCorrupt)
			}
			return nil
		}
		if l > maxFrame || final {
			return fmt.Errorf("%w: bad frame", errBackupCorrupt)
		}
		if err := m.full(fh[4:]); err != nil {
			return err
		}
		final = fh[4]&frameFinal != 0
		if int64(l) > m.size-m.off {
			return fmt.Errorf("%w: the media ends inside a frame", errBackupCorrupt)
		}
		m.off += int64(l)
	}
}

// readThrough reads a plain set's entries through to their end marker.
func (m *mediaWalk) readThrough() error {
	cr := &checkedReader{r: bufio.NewReaderSize(io.NewSectionReader(m.f, m.off, m.size-m.off), 1<<20), crc: crc32.New(crc32.MakeTable(crc32.Castagnoli))}
	if err := parseEntries(cr, nil, nil); err != nil {
		return err
	}
	m.off += cr.n
	return nil
}
