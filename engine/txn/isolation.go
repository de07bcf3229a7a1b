package txn

import (
	"strings"
	"sync/atomic"
)

// ID is a transaction id (sys.dm_tran_active_transactions.transaction_id).
type ID uint64

// IDSource hands out increasing transaction ids. It is safe for concurrent use.
type IDSource struct{ last atomic.Uint64 }

// NewIDSource returns a source whose first id is after+1; recovery passes the
// highest id found in the log so ids never repeat across restarts.
func NewIDSource(after ID) *IDSource {
	s := &IDSource{}
	s.last.Store(uint64(after))
	return s
}

// Next returns a new id.
func (s *IDSource) Next() ID { return ID(s.last.Add(1)) }

// Isolation is a transaction isolation level, numbered as TDS numbers it in
// transaction-manager requests ([MS-TDS] 2.2.6.9, TM_BEGIN_XACT) and as
// sys.dm_exec_sessions.transaction_isolation_level shows it.
type Isolation uint8

const (
	IsolationUnspecified Isolation = 0
	ReadUncommitted      Isolation = 1
	ReadCommitted        Isolation = 2 // SQL Server's default
	RepeatableRead       Isolation = 3
	Serializable         Isolation = 4
	Snapshot             Isolation = 5
)

var isolationNames = [...]string{
	"UNSPECIFIED", "READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE", "SNAPSHOT",
}

// String returns the level as SET TRANSACTION ISOLATION LEVEL spells it (and as
// DBCC USEROPTIONS shows it, in lower case there).
func (i Isolation) String() string {
	if int(i) < len(isolationNames) {
		return isolationNames[i]
	}
	return "UNKNOWN"
}

// Valid reports whether i is one of the five levels.
func (i Isolation) Valid() bool { return i >= ReadUncommitted && i <= Snapshot }

// ParseIsolation reads the level of SET TRANSACTION ISOLATION LEVEL; words may be
// separated by any run of spaces, case is ignored.
func ParseIsolation(s string) (Isolation, bool) {
	norm := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for i := ReadUncommitted; i <= Snapshot; i++ {
		if isolationNames[i] == norm {
			return i, true
		}
	}
	return IsolationUnspecified, false
}

// SharedLocks says how a level takes S locks on rows it reads: take reports whether
// it takes them at all (READ UNCOMMITTED and SNAPSHOT do not; SNAPSHOT reads as of
// its start LSN instead), and dur for how long they are held (READ COMMITTED: the
// statement, or less; REPEATABLE READ and SERIALIZABLE: the transaction).
// SERIALIZABLE additionally takes key-range locks (keyrange.go, rangelocks.go).
func (i Isolation) SharedLocks() (take bool, dur Duration) {
	switch i {
	case ReadUncommitted, Snapshot:
		return false, ForStatement
	case RepeatableRead, Serializable:
		return true, ForTransaction
	default:
		return true, ForStatement
	}
}

// XactState is the value of XACT_STATE().
type XactState int8

const (
	// XactUncommittable: a transaction is active but doomed; only a full rollback
	// is allowed.
	XactUncommittable XactState = -1
	// XactNone: no transaction is active.
	XactNone XactState = 0
	// XactActive: a transaction is active and committable.
	XactActive XactState = 1
)
