package tds

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// ENVCHANGE types ([MS-TDS] 2.2.7.9).
const (
	EnvDatabase       = 1
	EnvLanguage       = 2
	EnvCharset        = 3
	EnvPacketSize     = 4
	EnvSQLCollation   = 7
	EnvBeginTran      = 8
	EnvCommitTran     = 9
	EnvRollbackTran   = 10
	EnvEnlistDTC      = 11
	EnvDefectTran     = 12
	EnvMirrorPartner  = 13
	EnvTranEnded      = 17
	EnvResetAck       = 18
	EnvUserInstance   = 19
	EnvRouting        = 20
	envPromoteTran    = 15
	envTranMgrAddress = 16
)

// EnvChange is one ENVCHANGE token. For the B_VARCHAR types (1-6, 13, 19) the
// values are NewValue/OldValue; for the B_VARBYTE types (7-12, 15-18) they are
// NewBytes/OldBytes. Use the Env* constructors. Types 14 and above 20 are never
// sent: go-mssqldb desynchronises on them (tds-clients.md §0 item 9).
type EnvChange struct {
	Type               byte
	NewValue, OldValue string
	NewBytes, OldBytes []byte
}

// EnvChangeDatabase reports a database change (type 1).
func EnvChangeDatabase(newDB, oldDB string) EnvChange {
	return EnvChange{Type: EnvDatabase, NewValue: newDB, OldValue: oldDB}
}

// EnvChangeLanguage reports a language change (type 2).
func EnvChangeLanguage(newLang, oldLang string) EnvChange {
	return EnvChange{Type: EnvLanguage, NewValue: newLang, OldValue: oldLang}
}

// EnvChangePacketSize reports the packet size (type 4), values as decimal text.
func EnvChangePacketSize(newSize, oldSize int) EnvChange {
	return EnvChange{Type: EnvPacketSize, NewValue: strconv.Itoa(newSize), OldValue: strconv.Itoa(oldSize)}
}

// EnvChangeCollation reports the SQL collation (type 7, 5-byte value, empty old).
func EnvChangeCollation(c Collation) EnvChange {
	return EnvChange{Type: EnvSQLCollation, NewBytes: c[:]}
}

// EnvChangeBeginTran reports a new transaction (type 8); d must be non-zero
// (go-mssqldb refuses a Tx whose descriptor is 0).
func EnvChangeBeginTran(d uint64) EnvChange {
	return EnvChange{Type: EnvBeginTran, NewBytes: binary.LittleEndian.AppendUint64(nil, d)}
}

// EnvChangeCommitTran reports a commit of transaction d (type 9).
func EnvChangeCommitTran(d uint64) EnvChange {
	return EnvChange{Type: EnvCommitTran, OldBytes: binary.LittleEndian.AppendUint64(nil, d)}
}

// EnvChangeRollbackTran reports a rollback of transaction d (type 10).
func EnvChangeRollbackTran(d uint64) EnvChange {
	return EnvChange{Type: EnvRollbackTran, OldBytes: binary.LittleEndian.AppendUint64(nil, d)}
}

// EnvChangeMirrorPartner names the database mirroring partner (type 13).
func EnvChangeMirrorPartner(partner string) EnvChange {
	return EnvChange{Type: EnvMirrorPartner, NewValue: partner}
}

// EnvChangeResetAck acknowledges RESETCONNECTION (type 18, both values empty).
func EnvChangeResetAck() EnvChange { return EnvChange{Type: EnvResetAck} }

func envIsVarchar(t byte) bool {
	return (t >= 1 && t <= 6) || t == EnvMirrorPartner || t == EnvUserInstance
}

func envAllowed(t byte) bool { return t >= 1 && t <= 20 && t != 14 && t != EnvRouting }

// appendEnvChange appends the token ([MS-TDS] 2.2.7.9).
func appendEnvChange(b []byte, e EnvChange) ([]byte, error) {
	if !envAllowed(e.Type) {
		return b, errorf("ENVCHANGE type %d is not sent by this server", e.Type)
	}
	if e.Type == EnvSQLCollation && len(e.NewBytes) != 5 || e.Type == EnvBeginTran && len(e.NewBytes) != 8 {
		return b, errorf("ENVCHANGE type %d with a %d-byte value", e.Type, len(e.NewBytes))
	}
	b = append(b, tokenEnvChange, 0, 0)
	at := len(b)
	b = append(b, e.Type)
	if envIsVarchar(e.Type) {
		b = appendBVarchar(b, e.NewValue)
		b = appendBVarchar(b, e.OldValue)
	} else {
		if len(e.NewBytes) > 255 || len(e.OldBytes) > 255 {
			return b[:at-3], errorf("ENVCHANGE value too long")
		}
		b = append(b, byte(len(e.NewBytes)))
		b = append(b, e.NewBytes...)
		b = append(b, byte(len(e.OldBytes)))
		b = append(b, e.OldBytes...)
	}
	binary.LittleEndian.PutUint16(b[at-2:], uint16(len(b)-at))
	return b, nil
}

func readEnvChange(r *rd) EnvChange {
	body := r.take(int(r.u16()))
	br := &rd{b: body}
	e := EnvChange{Type: br.u8()}
	if envIsVarchar(e.Type) {
		e.NewValue, e.OldValue = br.bVarchar(), br.bVarchar()
	} else {
		e.NewBytes, e.OldBytes = br.bVarbyte(), br.bVarbyte()
	}
	if br.err != nil {
		r.fail(br.err)
	}
	return e
}

// String is for test output.
func (e EnvChange) String() string {
	if envIsVarchar(e.Type) {
		return "env" + strconv.Itoa(int(e.Type)) + ":" + e.NewValue + "/" + e.OldValue
	}
	return "env" + strconv.Itoa(int(e.Type)) + ":" + hex.EncodeToString(e.NewBytes) + "/" + hex.EncodeToString(e.OldBytes)
}
