package engine

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// FuzzReadBackupSets: whatever a backup file holds, reading it (and its rows)
// returns sets or an error, never a panic or an unbounded allocation, and
// BACKUP's crossing of the media by headers and frame lengths (mediaHeaders)
// finds the same sets wherever RESTORE reads them. The seeds are a plain
// set of an earlier release, a plain framed one (what BACKUP writes), a
// compressed and an encrypted set.
func FuzzReadBackupSets(f *testing.F) {
	key := bytes.Repeat([]byte{7}, 32)
	keys := func(*backupEncryption) ([]byte, error) { return key, nil }
	seed := func(framed, compressed bool, enc *backupEncryption) []byte {
		h := &backupHeader{Version: backupVersion, Type: "DATABASE", Database: "d", Compressed: compressed, Encryption: enc}
		var codec *frameCodec
		if framed || compressed || enc != nil {
			h.Version = backupVersionFramed
			if compressed {
				h.Compression = compressZstd
			}
			var err error
			if enc != nil {
				aead, err := newGCM(key)
				if err != nil {
					f.Fatal(err)
				}
				codec, err = newFrameCodec(compressed, aead, enc.NoncePrefix)
			} else {
				codec, err = newFrameCodec(compressed, nil, nil)
			}
			if err != nil {
				f.Fatal(err)
			}
		}
		var buf bytes.Buffer
		bw, err := newBackupWriter(&buf, h, codec)
		if err != nil {
			f.Fatal(err)
		}
		bw.row(5, []byte("key"), []byte("value value value"))
		bw.log([]byte("log block"))
		if err := bw.finish(); err != nil {
			f.Fatal(err)
		}
		return buf.Bytes()
	}
	f.Add(seed(false, false, nil))
	f.Add(seed(true, false, nil))
	f.Add(append(seed(true, false, nil), seed(true, false, nil)...))
	f.Add(seed(true, true, nil))
	f.Add(seed(true, true, &backupEncryption{Algorithm: "aes_256", NoncePrefix: []byte{1, 2, 3, 4}}))
	f.Add(seed(true, false, &backupEncryption{Algorithm: "aes_256", NoncePrefix: []byte{1, 2, 3, 4}}))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.bak")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		hs, herr := mediaHeaders(path)
		sets, err := readBackupSets(path, keys)
		if err != nil {
			return
		}
		if herr != nil || len(hs) != len(sets) {
			t.Fatalf("RESTORE reads %d sets, mediaHeaders %d (%v)", len(sets), len(hs), herr)
		}
		for _, s := range sets {
			_ = s.rows(func(uint32, []byte, []byte) error { return nil })
		}
	})
}

// TestReadBackupSetsBoundsAllocation: an entry whose length field claims far
// more bytes than the file holds is refused as corrupt without allocating
// that length first (a crafted file given to RESTORE HEADERONLY must not cost
// a gigabyte). It was make([]byte, l) for l up to 1 GB.
func TestReadBackupSetsBoundsAllocation(t *testing.T) {
	h, err := json.Marshal(&backupHeader{Version: backupVersion, Type: "DATABASE", Database: "d"})
	if err != nil {
		t.Fatal(err)
	}
	b := append([]byte(backupMagic), binary.LittleEndian.AppendUint32(nil, uint32(len(h)))...)
	b = append(b, h...)
	tests := []struct {
		name    string
		entries []byte
	}{
		{"log entry", binary.AppendUvarint([]byte{entryLog}, 1<<30)},
		{"row key", binary.AppendUvarint([]byte{entryRow, 0, 0, 0, 5}, 1<<30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crafted.bak")
			if err := os.WriteFile(path, append(append(slices.Clip(b), tt.entries...), "short"...), 0o600); err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := readBackupSets(path, nil)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, errBackupCorrupt) {
				t.Fatalf("readBackupSets = %v, want corrupt", err)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
				t.Fatalf("reading a %d-byte file allocated %d MB", len(b), got>>20)
			}
		})
	}
}
