package tds

// Transaction manager request types ([MS-TDS] 2.2.6.9).
const (
	TMGetDTCAddress = 0
	TMPropagateXact = 1
	TMBeginXact     = 5
	TMPromoteXact   = 6
	TMCommitXact    = 7
	TMRollbackXact  = 8
	TMSaveXact      = 9
)

// Isolation levels of TM_BEGIN_XACT ([MS-TDS] 2.2.6.9); 0 keeps the current one.
const (
	IsolationUnchanged      = 0
	IsolationReadUncommited = 1
	IsolationReadCommitted  = 2
	IsolationRepeatableRead = 3
	IsolationSerializable   = 4
	IsolationSnapshot       = 5
)

// TMRequest is a decoded transaction-manager request ([MS-TDS] 2.2.6.9).
type TMRequest struct {
	Headers
	Reset, ResetSkipTran bool
	Type                 uint16
	// Isolation and Name for BEGIN (and for COMMIT/ROLLBACK with BeginNew);
	// Name also for COMMIT, ROLLBACK and SAVE.
	Isolation byte
	Name      string
	// BeginNew is fBeginXact on COMMIT/ROLLBACK: start a new transaction with
	// NewIsolation and NewName afterwards.
	BeginNew     bool
	NewIsolation byte
	NewName      string
	// Data holds the raw payload of DTC requests (types 0, 1, 6).
	Data []byte
}

// tmName reads a transaction or savepoint name of a TM request: UTF-16LE
// text after a length BYTE that counts bytes, not characters (B_VARBYTE):
// SqlClient, tedious (beginTransaction, saveTransaction, rollbackTransaction
// with a name, which Sequelize's savepoints use) and Microsoft's Rust driver
// all write name.length*2 there, and SQL Server reads it so.
func (r *rd) tmName() string { return ucs2(r.bVarbyte()) }

// DecodeTM decodes a TM payload; status is the first packet's status.
func DecodeTM(p []byte, status byte) (*TMRequest, error) {
	r := &rd{b: p}
	h, err := readAllHeaders(r)
	if err != nil {
		return nil, err
	}
	tm := &TMRequest{Headers: h, Type: r.u16(),
		Reset: status&StatusResetConnection != 0, ResetSkipTran: status&StatusResetConnectionNoTran != 0}
	switch tm.Type {
	case TMBeginXact:
		tm.Isolation = r.u8()
		tm.Name = r.tmName()
	case TMCommitXact, TMRollbackXact:
		tm.Name = r.tmName()
		flags := r.u8()
		if flags&0x01 != 0 {
			tm.BeginNew = true
			tm.NewIsolation = r.u8()
			tm.NewName = r.tmName()
		}
	case TMSaveXact:
		tm.Name = r.tmName()
	case TMGetDTCAddress, TMPropagateXact, TMPromoteXact:
		tm.Data = r.take(r.remaining())
	default:
		return nil, errorf("transaction manager request type %d", tm.Type)
	}
	if r.err != nil {
		return nil, errorf("transaction manager request type %d: %v", tm.Type, r.err)
	}
	if tm.Isolation > IsolationSnapshot || tm.NewIsolation > IsolationSnapshot {
		return nil, errorf("isolation level %d", max(tm.Isolation, tm.NewIsolation))
	}
	return tm, nil
}
