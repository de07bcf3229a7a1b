package exec

import (
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// The transaction DMVs of row versioning (snapshot.go). Sequence numbers
// are store versions (LSNs): a SNAPSHOT transaction's
// first_snapshot_sequence_num is the read point it reads its first database
// as of, and its transaction_sequence_num the same number, since mirrorsql
// gives a transaction no sequence number of its own.

// oldest is the lowest read point of the scope, 0 without one.
func (p readPoints) oldest() uint64 {
	var o uint64
	for _, rp := range p {
		if o == 0 || uint64(rp.asOf) < o {
			o = uint64(rp.asOf)
		}
	}
	return o
}

// snapshotSeq is the transaction's oldest SNAPSHOT read point, 0 if none.
func (t *Transaction) snapshotSeq() uint64 {
	if t == nil {
		return 0
	}
	return t.points.oldest()
}

// seqValue is a sequence number as the DMVs show it (NULL for 0).
func seqValue(n uint64) types.Value {
	if n == 0 {
		return types.Null(types.BigInt)
	}
	return types.NewBigInt(int64(n))
}

func init() {
	RegisterView("sys.dm_tran_current_transaction", []ViewColumn{
		{"transaction_id", vBigInt}, {"transaction_sequence_num", vBigInt}, {"transaction_is_snapshot", vBit},
		{"first_snapshot_sequence_num", vBigInt}, {"last_transaction_sequence_num", vBigInt}, {"first_useful_sequence_num", vBigInt},
	}, func(s *Session, _ Database) ([]Row, error) {
		seq := s.tx.snapshotSeq()
		if seq == 0 && s.Opts.Isolation == txn.Snapshot {
			seq = s.stmtPoints.oldest() // an autocommit SNAPSHOT statement
		}
		return []Row{{types.NewBigInt(int64(s.SPID)), seqValue(seq), types.NewBit(s.Opts.Isolation == txn.Snapshot),
			seqValue(seq), seqValue(seq), seqValue(seq)}}, nil
	})
	RegisterView("sys.dm_tran_active_snapshot_database_transactions", []ViewColumn{
		{"transaction_id", vBigInt}, {"transaction_sequence_num", vBigInt}, {"commit_sequence_num", vBigInt},
		{"session_id", vInt}, {"is_snapshot", vBit}, {"first_snapshot_sequence_num", vBigInt},
		{"max_version_chain_traversed", vInt}, {"average_version_chain_traversed", types.TypeFloat},
		{"elapsed_time_seconds", vBigInt},
	}, func(s *Session, _ Database) ([]Row, error) {
		s.Publish()
		var out []Row
		for _, si := range s.srv.SessionList() {
			seq := si.Tran.SnapshotSeq
			if si.OpenTrans == 0 || seq == 0 {
				continue
			}
			out = append(out, Row{types.NewBigInt(int64(si.SPID)), seqValue(seq), types.Null(types.BigInt),
				types.NewInt(si.SPID), types.NewBit(true), seqValue(seq), types.Null(types.Int), types.Null(types.Float),
				types.NewBigInt(int64(time.Since(si.Tran.Began) / time.Second))})
		}
		return out, nil
	})
}
