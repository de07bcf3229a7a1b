package mirroring

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// stateFile is the name of the persisted state in Config.DataDir.
const stateFile = "mirroring.json"

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

func loadState(dir string) (*persisted, error) {
	p := &persisted{}
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read mirroring state: %w", err)
	default:
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

// save writes the state durably: temp file, fsync, rename, fsync of the directory
// (style.md principle 11), so a crash leaves either the old or the new state.
func (p *persisted) save(dir string) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encode mirroring state: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	tmp := filepath.Join(dir, stateFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		_ = f.Close()
		return fmt.Errorf("save mirroring state: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("save mirroring state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, stateFile)); err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("save mirroring state: %w", err)
	}
	return nil
}
