package mirroring

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// stateWith returns a state with n sessions whose role sequence is seq.
func stateWith(t *testing.T, dir string, n int, seq uint32) *persisted {
	t.Helper()
	st, err := loadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Sessions = map[string]*sessionRecord{}
	for i := 0; i < n; i++ {
		st.Sessions["db"+strings.Repeat("x", i)] = &sessionRecord{GUID: uuid.New(), PartnerAddr: "TCP://b:2", PartnerName: "HOSTB",
			Hard: partner.HardState{Role: partner.RolePrincipal, RoleSeq: seq, Safety: partner.SafetyFull, Timeout: 10}}
	}
	return st
}

func mustSave(t *testing.T, st *persisted, dir string) {
	t.Helper()
	if err := st.save(dir, false); err != nil {
		t.Fatalf("save: %v", err)
	}
}

func mustLoad(t *testing.T, dir string) *persisted {
	t.Helper()
	st, err := loadState(dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return st
}

// newestSlot returns the index and sequence of the state file's newest record.
func newestSlot(t *testing.T, dir string) (idx, size int, seq uint64) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		t.Fatal(err)
	}
	slots, newest, size, err := decodeStateFile(b)
	if err != nil || newest < 0 {
		t.Fatalf("state file: newest %d, %v", newest, err)
	}
	return newest, size, slots[newest].seq
}

// tear flips a payload byte of slot idx, as a crash in the middle of its write
// would leave it.
func tear(t *testing.T, dir string, idx, size int) {
	t.Helper()
	path := filepath.Join(dir, stateFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[idx*size+stateHeader+3] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStateFileSaves(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, dir string)
	}{
		{"saves alternate slots and the newest wins", func(t *testing.T, dir string) {
			lastIdx := -1
			for seq := uint32(1); seq <= 6; seq++ {
				st := stateWith(t, dir, 2, seq)
				mustSave(t, st, dir)
				if got := mustLoad(t, dir); !reflect.DeepEqual(got, st) {
					t.Fatalf("save %d: reloaded %+v, want %+v", seq, got, st)
				}
				idx, _, fseq := newestSlot(t, dir)
				if idx == lastIdx {
					t.Fatalf("save %d overwrote the slot of the previous record (%d)", seq, idx)
				}
				lastIdx = idx
				if fseq < uint64(seq) {
					t.Fatalf("save %d: record sequence %d", seq, fseq)
				}
			}
		}},
		{"a torn newest record falls back to the previous save", func(t *testing.T, dir string) {
			mustSave(t, stateWith(t, dir, 1, 4), dir)
			mustSave(t, stateWith(t, dir, 1, 5), dir)
			idx, size, _ := newestSlot(t, dir)
			tear(t, dir, idx, size)
			for _, rec := range mustLoad(t, dir).Sessions {
				if rec.Hard.RoleSeq != 4 {
					t.Fatalf("after a torn save: role sequence %d, want 4 (the previous save)", rec.Hard.RoleSeq)
				}
			}
			// The next save overwrites the torn slot, not the intact one.
			mustSave(t, stateWith(t, dir, 1, 6), dir)
			if nidx, _, _ := newestSlot(t, dir); nidx != idx {
				t.Fatalf("save after a torn record wrote slot %d, want the torn slot %d", nidx, idx)
			}
			for _, rec := range mustLoad(t, dir).Sessions {
				if rec.Hard.RoleSeq != 6 {
					t.Fatalf("role sequence %d, want 6", rec.Hard.RoleSeq)
				}
			}
		}},
		{"no intact record is an error, not an empty state", func(t *testing.T, dir string) {
			mustSave(t, stateWith(t, dir, 1, 1), dir)
			mustSave(t, stateWith(t, dir, 1, 2), dir)
			_, size, _ := newestSlot(t, dir)
			tear(t, dir, 0, size)
			tear(t, dir, 1, size)
			if _, err := loadState(dir); err == nil {
				t.Fatal("state file with two torn records loaded without error")
			}
			if err := bareState(dir).save(dir, false); err == nil {
				t.Fatal("save over a state file without an intact record succeeded")
			}
		}},
		{"a file of the wrong size is an error", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, stateFile), []byte("{broken"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := loadState(dir); err == nil {
				t.Fatal("short state file loaded without error")
			}
		}},
		{"a record that outgrows its slot re-creates the file", func(t *testing.T, dir string) {
			mustSave(t, stateWith(t, dir, 1, 1), dir)
			_, small, _ := newestSlot(t, dir)
			big := stateWith(t, dir, 60, 2)
			mustSave(t, big, dir)
			_, size, seq := newestSlot(t, dir)
			if size <= small || seq != 2 {
				t.Fatalf("after growth: slot size %d (was %d), sequence %d, want larger and 2", size, small, seq)
			}
			if got := mustLoad(t, dir); !reflect.DeepEqual(got, big) {
				t.Fatal("grown state reloaded differently")
			}
			mustSave(t, stateWith(t, dir, 1, 3), dir)
			if _, _, seq := newestSlot(t, dir); seq != 3 {
				t.Fatalf("sequence %d after growth and a save, want 3", seq)
			}
			if _, err := os.Stat(filepath.Join(dir, stateFile+".tmp")); !os.IsNotExist(err) {
				t.Fatalf("temporary file left behind: %v", err)
			}
		}},
		{"the legacy JSON file is read and superseded", func(t *testing.T, dir string) {
			old := stateWith(t, dir, 1, 7)
			b, err := json.Marshal(old)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, legacyStateFile), b, 0o644); err != nil {
				t.Fatal(err)
			}
			got := mustLoad(t, dir)
			if !reflect.DeepEqual(got, old) {
				t.Fatalf("legacy state reloaded as %+v", got)
			}
			mustSave(t, got, dir)
			if _, err := os.Stat(filepath.Join(dir, legacyStateFile)); !os.IsNotExist(err) {
				t.Fatalf("legacy state file still there after a save: %v", err)
			}
			if again := mustLoad(t, dir); !reflect.DeepEqual(again, old) {
				t.Fatal("state differs after replacing the legacy file")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, t.TempDir()) })
	}
}

// bareState is a state built without loadState (which refuses a torn file).
func bareState(dir string) *persisted {
	return &persisted{InstanceID: uuid.New(), Armed: map[string]string{"x": dir}}
}

// FuzzDecodeStateFile: any bytes decode to slots or an error, never a panic, and
// an intact record decodes to what was encoded.
func FuzzDecodeStateFile(f *testing.F) {
	f.Add(make([]byte, 2*stateBlock))
	rec := make([]byte, 2*stateBlock)
	copy(rec, encodeStateRecord(3, []byte(`{"instance_id":"x"}`)))
	f.Add(rec)
	f.Add([]byte("MMS1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		slots, newest, size, err := decodeStateFile(b)
		if err != nil {
			return
		}
		if newest >= 0 {
			s := slots[newest]
			again := decodeStateSlot(encodeStateRecord(s.seq, s.payload))
			if !again.ok || again.seq != s.seq || string(again.payload) != string(s.payload) {
				t.Fatalf("re-encoded record decodes as %+v", again)
			}
			if len(s.payload)+stateHeader > size {
				t.Fatalf("payload of %d bytes in a %d-byte slot", len(s.payload), size)
			}
		}
	})
}
