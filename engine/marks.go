package engine

import (
	"context"
	"encoding/binary"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Marked transactions (BEGIN TRAN name WITH MARK 'description'). The mark
// itself is in each updated database's log, on the transaction's commit
// record (txlog.Commit.Mark): RESTORE … STOPATMARK / STOPBEFOREMARK find it
// there (restore_stop.go). msdb.dbo.logmarkhistory lists the marks as SQL
// Server's does, one row per database the marked transaction committed in;
// the rows are committed to msdb under catalog.ObjectMeta with key
// "logmark/" + commit time (8 bytes, big-endian Unix nanoseconds) + database
// name, so they come back in time order and survive restarts.

var markKeyPrefix = []byte("logmark/")

// markRecord is one logmarkhistory row, stored as JSON.
type markRecord struct {
	Database    string    `json:"database"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	User        string    `json:"user,omitempty"`
	LSN         uint64    `json:"lsn"`
	Time        time.Time `json:"time"`
}

var _ exec.MarkRecorder = execServer{}

// RecordMark implements exec.MarkRecorder for the instance's sessions.
func (e execServer) RecordMark(ctx context.Context, database string, w *exec.Writes) {
	e.inst.RecordMark(ctx, database, w)
}

// RecordMark implements exec.MarkRecorder: it commits database's marked
// commit w to msdb's history. A failure is logged, not returned: the
// transaction has committed and its mark is in the log, which is what a
// restore reads.
func (inst *Instance) RecordMark(ctx context.Context, database string, w *exec.Writes) {
	rec := markRecord{Database: database, Name: w.Mark.Name, Description: w.Mark.Description, User: w.Mark.User,
		LSN: w.MarkLSN, Time: w.MarkTime}
	if err := inst.persistMark(ctx, rec); err != nil {
		inst.logger.Warn("log mark not recorded in msdb", "database", database, "mark", rec.Name, "err", err)
	}
}

func (inst *Instance) persistMark(ctx context.Context, rec markRecord) error {
	key := binary.BigEndian.AppendUint64(append([]byte(nil), markKeyPrefix...), uint64(rec.Time.UnixNano()))
	return inst.putMsdbRow(ctx, append(key, strings.ToLower(rec.Database)...), rec)
}

// markHistory reads msdb's log mark history in time order.
func (inst *Instance) markHistory() ([]markRecord, error) {
	return readMsdbRows[markRecord](inst, markKeyPrefix, "log mark history")
}

func init() {
	exec.RegisterView("dbo.logmarkhistory", []exec.ViewColumn{col("database_name", tName), col("mark_name", tName),
		col("description", types.NVarCharType(255)), col("user_name", tName), col("lsn", tNumeric), col("mark_time", tDateTime)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			recs, err := instanceOf(s).markHistory()
			if err != nil {
				return nil, err
			}
			var rows []exec.Row
			for _, r := range recs {
				desc := nullOf(types.NVarCharType(255))
				if r.Description != "" {
					desc = nv(r.Description)
				}
				rows = append(rows, exec.Row{nv(r.Database), nv(r.Name), desc, nv(r.User), lsnValue(txlog.LSN(r.LSN)), dtv(r.Time)})
			}
			return rows, nil
		})
}
