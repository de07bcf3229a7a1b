package mirroring

import (
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// stateFile is the name of the persisted state in Config.DataDir (format in
// statefile.go). legacyStateFile is the JSON file earlier versions wrote with
// temp → fsync → rename; it is read when stateFile does not exist yet and removed
// once stateFile has been created.
const (
	stateFile       = "mirroring.state"
	legacyStateFile = "mirroring.json"
)

// persisted is everything the manager must remember across restarts (§1.3 rule 8:
// an instance remembers its role; §1.7 SUSPENDED persists): the partner machines'
// hard state, armed mirrors and the witness machines' hard state.
type persisted struct {
	InstanceID uuid.UUID `json:"instance_id"`
	// Armed: databases on which SET PARTNER was issued on the mirror side and that
	// wait for the principal's contact (§2.3 step 1), by database, the address.
	Armed     map[string]string         `json:"armed,omitempty"`
	Sessions  map[string]*sessionRecord `json:"sessions,omitempty"`
	Witnessed map[string]*witnessRecord `json:"witnessed,omitempty"` // by mirroring GUID
}

type sessionRecord struct {
	GUID        uuid.UUID         `json:"guid"`
	PartnerAddr string            `json:"partner_address"`
	PartnerName string            `json:"partner_instance"`
	Hard        partner.HardState `json:"hard"`
}

type witnessRecord struct {
	Database string            `json:"database"`
	Partners [2]string         `json:"partners"`
	Hard     witness.HardState `json:"hard"`
}

// loadState reads the persisted state from dir: the newest intact record of
// stateFile, else the legacy mirroring.json, else a new state with a fresh
// instance id. A state file without an intact record is an error, never an empty
// state: forgetting a role or a role sequence could make two principals.
func loadState(dir string) (*persisted, error) {
	p := &persisted{}
	b, found, err := readStateRecord(dir)
	if err != nil {
		return nil, err
	}
	if found {
		if err := json.Unmarshal(b, p); err != nil {
			return nil, fmt.Errorf("decode mirroring state: %w", err)
		}
	}
	if p.InstanceID == uuid.Nil {
		p.InstanceID = uuid.New()
	}
	if p.Armed == nil {
		p.Armed = map[string]string{}
	}
	if p.Sessions == nil {
		p.Sessions = map[string]*sessionRecord{}
	}
	if p.Witnessed == nil {
		p.Witnessed = map[string]*witnessRecord{}
	}
	return p, nil
}

// save writes the state durably: when it returns nil, a crash at any later point
// leaves this state (or a newer one) to loadState; a crash during save leaves this
// one or the previous one. NewManager saves this way before anything runs; later
// saves go through the Manager's writer (persistgate.go), off Manager.mu.
func (p *persisted) save(dir string, fresh bool) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode mirroring state: %w", err)
	}
	return writeState(dir, b, fresh)
}

// writeState writes an encoded state durably (see save). Callers persist BEFORE
// anything that depends on the new state is sent (partner/doc.go). The common
// case is one write and one fdatasync of a preallocated file (statefile.go),
// which does not wait for a journal commit behind other files' dirty data as
// temp → fsync → rename did (seconds under heavy disk load). fresh writes a new
// file instead (after a failed save, saver.fresh).
func writeState(dir string, b []byte, fresh bool) error {
	write := writeStateRecord
	if fresh {
		write = func(dir string, payload []byte) error { return createStateFile(dir, 1, payload) }
	}
	if err := write(dir, b); err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	return nil
}
