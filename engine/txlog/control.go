package txlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// The control ("boot") file records where the log begins and where recovery starts:
//
//	0  magic      [8]byte "MSQLCTL1"
//	8  retained   uint64  stream offset of the first retained block (RetainedFrom)
//	16 checkpoint uint64  LSN of the last checkpoint record (0: none)
//	24 cut        uint64  a TruncateAfter in progress: the log ends here (0: none)
//	32 segSize    uint64  segment file size, fixed when the log is created
//	40 crc        uint32  CRC32C of bytes [0, 40)
//
// It is replaced atomically: written to a temporary file, fsync'd, renamed over the
// old one, and the directory fsync'd (litestream's pattern). A reader therefore sees
// either the old or the new contents, never a mixture.
const (
	controlName = "control"
	controlSize = 44
)

var controlMagic = [8]byte{'M', 'S', 'Q', 'L', 'C', 'T', 'L', '1'}

type control struct {
	retained   uint64
	checkpoint LSN
	cut        uint64
	segSize    uint64
}

func (c control) encode() []byte {
	return sealWords(controlMagic, c.retained, uint64(c.checkpoint), c.cut, c.segSize)
}

// sealWords lays out the log directory's small fixed files (control,
// lazytail): the magic, the words little-endian, then the CRC32C of all that.
func sealWords(magic [8]byte, words ...uint64) []byte {
	n := 8 + 8*len(words)
	b := make([]byte, n+4)
	copy(b, magic[:])
	for i, w := range words {
		binary.LittleEndian.PutUint64(b[8+8*i:], w)
	}
	binary.LittleEndian.PutUint32(b[n:], crc32.Checksum(b[:n], castagnoli))
	return b
}

// openWords is sealWords' inverse: ok is false unless b is exactly n words
// under magic with a matching checksum.
func openWords(b []byte, magic [8]byte, n int) (words []uint64, ok bool) {
	end := 8 + 8*n
	if len(b) != end+4 || [8]byte(b[:8]) != magic ||
		crc32.Checksum(b[:end], castagnoli) != binary.LittleEndian.Uint32(b[end:]) {
		return nil, false
	}
	words = make([]uint64, n)
	for i := range words {
		words[i] = binary.LittleEndian.Uint64(b[8+8*i:])
	}
	return words, true
}

func decodeControl(b []byte) (control, error) {
	if len(b) >= 8 && [7]byte(b[:7]) == [7]byte(controlMagic[:7]) && b[7] > controlMagic[7] && b[7] <= '9' {
		return control{}, &NewerFormatError{What: "log control file", Version: int(b[7] - '0'), Supported: int(controlMagic[7] - '0')}
	}
	if len(b) != controlSize || [8]byte(b[:8]) != controlMagic {
		return control{}, fmt.Errorf("%w: bad control file", ErrCorrupt)
	}
	w, ok := openWords(b, controlMagic, 4)
	if !ok {
		return control{}, fmt.Errorf("%w: control file checksum mismatch", ErrCorrupt)
	}
	return control{retained: w[0], checkpoint: LSN(w[1]), cut: w[2], segSize: w[3]}, nil
}

// readControl reads dir's control file; ok is false when there is none.
func readControl(dir string) (c control, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, controlName))
	if errors.Is(err, os.ErrNotExist) {
		return control{}, false, nil
	}
	if err != nil {
		return control{}, false, fmt.Errorf("read control file: %w", err)
	}
	c, err = decodeControl(b)
	return c, err == nil, err
}

// writeControl replaces dir's control file: temp → fsync → rename → fsync dir.
func writeControl(dir string, c control) error {
	final := filepath.Join(dir, controlName)
	tmp := final + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write control file: %w", err)
	}
	if _, err := f.Write(c.encode()); err != nil {
		f.Close()
		return fmt.Errorf("write control file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync control file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close control file: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("install control file: %w", err)
	}
	return syncDir(dir)
}
