package mirroring

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The state file (stateFile in Config.DataDir) holds two slots of slotSize bytes
// each; the file is 2*slotSize long, zero-filled when created. Each slot holds at
// most one record, little endian:
//
//	0  magic "MMS1"
//	4  CRC-32C of bytes 8 … 24+length
//	8  sequence number (uint64), +1 per save
//	16 payload length (uint32)
//	20 reserved, zero
//	24 payload (the JSON of persisted)
//
// A save writes the slot that does not hold the newest intact record and then
// fdatasyncs: the file's size and blocks never change, so on ext4 the sync waits
// for this file's one block and a cache flush, not for a journal commit that
// writes back every other file's dirty data first (a temp → fsync → rename save
// took up to seconds under heavy disk load, with Manager.mu held). A crash in the
// middle of a save tears at most the slot being written; its CRC fails and the
// other slot, the state of the previous completed save, is read. The file is
// created (and, when a record outgrows its slot, re-created with larger slots)
// with temp → fsync → rename → directory fsync, so it either does not exist or
// holds an intact record.

const (
	stateMagic     = "MMS1"
	stateHeader    = 24
	stateBlock     = 4096
	stateSlotFloor = 4096
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// stateSlot is a decoded slot.
type stateSlot struct {
	seq     uint64
	payload []byte
	ok      bool // the slot holds an intact record
}

// encodeStateRecord returns the record for payload at sequence seq.
func encodeStateRecord(seq uint64, payload []byte) []byte {
	b := make([]byte, stateHeader+len(payload))
	copy(b, stateMagic)
	binary.LittleEndian.PutUint64(b[8:], seq)
	binary.LittleEndian.PutUint32(b[16:], uint32(len(payload)))
	copy(b[stateHeader:], payload)
	binary.LittleEndian.PutUint32(b[4:], crc32.Checksum(b[8:], castagnoli))
	return b
}

// decodeStateSlot decodes one slot; a slot without an intact record (never
// written, or torn by a crash) decodes as !ok, never as an error or a panic.
func decodeStateSlot(b []byte) stateSlot {
	if len(b) < stateHeader || string(b[:4]) != stateMagic {
		return stateSlot{}
	}
	n := binary.LittleEndian.Uint32(b[16:])
	if uint64(n) > uint64(len(b)-stateHeader) {
		return stateSlot{}
	}
	end := stateHeader + int(n)
	if crc32.Checksum(b[8:end], castagnoli) != binary.LittleEndian.Uint32(b[4:]) {
		return stateSlot{}
	}
	return stateSlot{seq: binary.LittleEndian.Uint64(b[8:]), payload: b[stateHeader:end], ok: true}
}

// decodeStateFile splits a state file into its slots and returns the index of the
// newest intact record (-1: none) and the slot size.
func decodeStateFile(b []byte) (slots [2]stateSlot, newest int, slotSize int, err error) {
	if len(b) == 0 || len(b)%(2*stateBlock) != 0 {
		return slots, -1, 0, fmt.Errorf("state file size %d is not two %d-byte-aligned slots", len(b), stateBlock)
	}
	slotSize = len(b) / 2
	newest = -1
	for i := range slots {
		slots[i] = decodeStateSlot(b[i*slotSize : (i+1)*slotSize])
		if slots[i].ok && (newest < 0 || slots[i].seq > slots[newest].seq) {
			newest = i
		}
	}
	return slots, newest, slotSize, nil
}

// readStateRecord returns the payload of the newest intact record in dir's state
// file, or the legacy JSON file's content when there is no state file; found is
// false when neither exists. A state file without an intact record is an error.
func readStateRecord(dir string) (payload []byte, found bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if errors.Is(err, os.ErrNotExist) {
		b, err = os.ReadFile(filepath.Join(dir, legacyStateFile))
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, false, nil
		case err != nil:
			return nil, false, fmt.Errorf("read mirroring state: %w", err)
		}
		return b, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read mirroring state: %w", err)
	}
	slots, newest, _, err := decodeStateFile(b)
	if err != nil {
		return nil, false, fmt.Errorf("read mirroring state: %w", err)
	}
	if newest < 0 {
		return nil, false, fmt.Errorf("read mirroring state: %s holds no intact record", stateFile)
	}
	return slots[newest].payload, true, nil
}

// writeStateRecord durably replaces dir's state with payload (see the file
// comment): one slot write and fdatasync, or a new file when there is none yet or
// the record outgrew its slot.
func writeStateRecord(dir string, payload []byte) error {
	path := filepath.Join(dir, stateFile)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return createStateFile(dir, 1, payload)
	}
	if err != nil {
		return err
	}
	b, err := io.ReadAll(f)
	if err != nil {
		_ = f.Close()
		return err
	}
	slots, newest, slotSize, err := decodeStateFile(b)
	if err != nil || newest < 0 {
		// loadState refused such a file; it changed under us since.
		_ = f.Close()
		if err == nil {
			err = fmt.Errorf("%s holds no intact record", stateFile)
		}
		return err
	}
	seq := slots[newest].seq + 1
	if stateHeader+len(payload) > slotSize {
		_ = f.Close()
		return createStateFile(dir, seq, payload)
	}
	target := 1 - newest
	if _, err := f.WriteAt(encodeStateRecord(seq, payload), int64(target*slotSize)); err != nil {
		_ = f.Close()
		return err
	}
	if err := txlog.Datasync(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// stateSlotSize is the slot size for a record of n payload bytes: room for it
// twice over, so that a growing state is rarely re-created, in whole blocks.
func stateSlotSize(n int) int {
	size := 2 * (stateHeader + n)
	size = (size + stateBlock - 1) / stateBlock * stateBlock
	return max(size, stateSlotFloor)
}

// createStateFile writes a new state file whose slot 0 holds payload at sequence
// seq (temp → fsync → rename → directory fsync), then removes the legacy JSON
// state, which the new file supersedes.
func createStateFile(dir string, seq uint64, payload []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	slotSize := stateSlotSize(len(payload))
	b := make([]byte, 2*slotSize)
	copy(b, encodeStateRecord(seq, payload))
	tmp := filepath.Join(dir, stateFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, stateFile)); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, legacyStateFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// syncDir fsyncs a directory, making a rename or removal in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
