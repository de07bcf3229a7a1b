package engine

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Point-in-time restore: RESTORE … WITH STOPAT = 'datetime', STOPATMARK =
// 'mark' | 'lsn:<number>' [AFTER 'datetime'], STOPBEFOREMARK = … (the
// pages "Restore a SQL Server Database to a Point in Time (Full Recovery
// Model)", "RESTORE Statements - Arguments" and "Use Marked Transactions to
// Recover Related Databases Consistently").
//
// The recovery point of STOPAT is the last commit at or before the time
// (commit records carry their time); STOPATMARK includes the marked
// transaction (or the record at the LSN), STOPBEFOREMARK stops just before
// it. The log a RESTORE LOG appends is cut there (txlog.TrimBlock when the
// point is inside a block): the restored database's log is exactly the log
// up to the point, and continues after it as a new fork once recovered, so
// neither redo nor a later crash recovery can see what followed.
//
// A RESTORE LOG whose backup ends before the point applies all of it and
// leaves the database RESTORING (4322, 4329 for a mark), even WITH
// RECOVERY: more log must follow. One that reaches the point WITH
// NORECOVERY leaves it RESTORING at the point: further log is refused
// (4332), RESTORE DATABASE … WITH RECOVERY brings it online. A point before
// the one the database has already reached is 4335 (RESTORE LOG) or 4338
// (a RESTORE DATABASE whose backup ends after it).

type stopKind uint8

const (
	stopAtTime stopKind = iota + 1
	stopAtMark
	stopBeforeMark
)

// stopPoint is a RESTORE's recovery point.
type stopPoint struct {
	kind stopKind
	// at is STOPAT's time, or a mark's AFTER time (zero for none).
	at time.Time
	// mark is the mark's name; byLSN says it was 'lsn:<number>', lsn.
	mark  string
	byLSN bool
	lsn   txlog.LSN
}

// restoreStopPoint reads the point-in-time option of a RESTORE, nil for none.
func restoreStopPoint(ctx context.Context, s *exec.Session, opts []*ast.Option) (*stopPoint, error) {
	for _, o := range opts {
		var sp stopPoint
		switch o.Name {
		case "STOPAT":
			sp.kind = stopAtTime
		case "STOPATMARK":
			sp.kind = stopAtMark
		case "STOPBEFOREMARK":
			sp.kind = stopBeforeMark
		default:
			continue
		}
		if o.Value == nil {
			continue
		}
		if sp.kind == stopAtTime {
			t, err := stopTime(ctx, s, o.Value)
			if err != nil {
				return nil, err
			}
			sp.at = t
			return &sp, nil
		}
		mark, err := s.EvalString(ctx, o.Value)
		if err != nil {
			return nil, err
		}
		sp.mark = mark
		if rest, ok := strings.CutPrefix(strings.ToLower(mark), "lsn:"); ok {
			lsn, ok := parseNumericLSN(strings.TrimSpace(rest))
			if !ok {
				return nil, errMarkNotLSN
			}
			sp.byLSN, sp.lsn = true, lsn
		}
		if o.After != nil {
			t, err := stopTime(ctx, s, o.After)
			if err != nil {
				return nil, err
			}
			sp.at = t
		}
		return &sp, nil
	}
	return nil, nil
}

// errMarkNotLSN is SQL Server's error for an 'lsn:' mark that is no LSN.
var errMarkNotLSN = &exec.Error{Number: 4334, Severity: 16, State: 1, Message: "The named mark does not identify a valid LSN."}

// stopTime evaluates a STOPAT or AFTER value: a datetime (or a string
// converted to one under the session's DATEFORMAT) in the server's local
// time, as GETDATE() gives it.
func stopTime(ctx context.Context, s *exec.Session, e ast.Expr) (time.Time, error) {
	text, err := s.EvalString(ctx, e)
	if err != nil {
		return time.Time{}, err
	}
	v, err := types.ConvertWith(types.NewVarChar(text), types.Type{ID: types.DateTime2, Scale: 7}, 0, types.ConvertOptions{DateFormat: s.Opts.DateFormat})
	if err != nil {
		return time.Time{}, err
	}
	w := v.Time()
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.Local), nil
}

// parseNumericLSN parses an LSN as SQL Server shows it in decimal
// (txlog.LSN.Numeric: vlf·10^15 + block·10^5 + slot).
func parseNumericLSN(s string) (txlog.LSN, bool) {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Sign() <= 0 || n.BitLen() > 100 {
		return 0, false
	}
	vlf, rest := new(big.Int).QuoRem(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(15), nil), new(big.Int))
	block, slot := rest.Uint64()/100000, rest.Uint64()%100000
	if !vlf.IsUint64() || vlf.Uint64() == 0 || block >= txlog.SegmentSize/txlog.BlockAlign || slot > 0xFFFF {
		return 0, false
	}
	return txlog.MakeLSN((vlf.Uint64()-1)*txlog.SegmentSize+block*txlog.BlockAlign, uint16(slot)), true
}

// cut is what a log backup's log becomes under the stop point: the blocks
// up to the point (the last one trimmed after it), whether the point lies
// in this backup, and the time the restore has then reached.
type cut struct {
	logs    [][]byte
	reached bool
	at      time.Time
	notice  *exec.Error
}

// cutLog cuts the log blocks of set at sp.
func (sp *stopPoint) cutLog(set *backupSet) (cut, error) {
	type blk struct {
		off  uint64
		raw  []byte
		recs []txlog.Entry
	}
	var blocks []blk
	for _, raw := range set.logs {
		for rest := raw; len(rest) > 0; {
			b, err := txlog.DecodeBlock(rest)
			if err != nil {
				return cut{}, fmt.Errorf("read log backup: %w", err)
			}
			blocks = append(blocks, blk{b.Offset, b.Raw, b.Records})
			rest = rest[len(b.Raw):]
		}
	}
	// first is the first record of each transaction open at the scan
	// point; stop, once found, is the first LSN the restore leaves out.
	first := map[uint64]txlog.LSN{}
	var stop txlog.LSN
	var last time.Time // the time of the last commit kept
scan:
	for _, b := range blocks {
		for _, e := range b.recs {
			if sp.byLSN {
				if e.LSN > sp.lsn || e.LSN == sp.lsn && sp.kind == stopBeforeMark {
					stop = e.LSN
				}
			} else if c, ok := e.Record.(txlog.Commit); ok && sp.stopsAt(c) {
				if sp.kind == stopAtMark {
					// The marked transaction is included.
					stop, last = e.LSN+1, c.Time
					delete(first, c.Txn)
				} else if stop = first[c.Txn]; stop == 0 {
					// Its first records are in an earlier backup.
					stop = e.LSN
				}
			}
			if stop != 0 {
				// A transaction open across the point is left out whole:
				// its records without their commit would wait in the log
				// for one that never comes.
				for _, f := range first {
					stop = min(stop, f)
				}
				break scan
			}
			txn, ok := txlog.TxnOf(e.Record)
			if !ok {
				continue
			}
			switch r := e.Record.(type) {
			case txlog.Commit:
				delete(first, txn)
				last = r.Time
			case txlog.Abort:
				delete(first, txn)
			default:
				if _, open := first[txn]; !open {
					first[txn] = e.LSN
				}
			}
		}
	}
	if stop == 0 {
		// The point lies beyond this backup — unless, for a time, the
		// backup is complete through a later time: then no commit up to
		// the point is missing from it, and none in it is later.
		through := set.header.through()
		reached := sp.kind == stopAtTime && sp.at.Before(through)
		at := through
		if reached {
			at = sp.at
		}
		return cut{logs: set.logs, reached: reached, at: at}, nil
	}
	out := cut{reached: true, at: last}
	if sp.kind == stopAtTime {
		out.at = sp.at
	}
	for _, b := range blocks {
		switch {
		case b.off < stop.BlockOffset():
			out.logs = append(out.logs, b.raw)
		case b.off == stop.BlockOffset() && stop.Slot() > 1:
			raw, err := txlog.TrimBlock(b.raw, stop.Slot()-1)
			if err != nil {
				return cut{}, err
			}
			out.logs = append(out.logs, raw)
		}
	}
	return out, nil
}

// stopsAt reports whether commit c is where the restore stops: the first
// commit after STOPAT's time, or the named mark's (at or after AFTER's).
// A mark is its transaction's name, which is "always case sensitive, even
// when the Database Engine instance isn't" (BEGIN TRANSACTION's page): a
// STOPATMARK that differs in case names no mark.
func (sp *stopPoint) stopsAt(c txlog.Commit) bool {
	if sp.kind == stopAtTime {
		return c.Time.After(sp.at)
	}
	return c.Mark != "" && c.Mark == sp.mark && (sp.at.IsZero() || !c.Time.Before(sp.at))
}

// cutRestoredLog is the log a RESTORE LOG of set appends to database name:
// all of it without a stop point, else cut at it. It refuses a STOPAT
// before the point the restore sequence has reached (4335).
func (inst *Instance) cutRestoredLog(name string, set *backupSet, stop *stopPoint) (cut, error) {
	if stop == nil {
		return cut{logs: set.logs, reached: true, at: set.header.through()}, nil
	}
	if e := inst.Entry(name); e != nil && stop.kind == stopAtTime && stop.at.Before(e.RolledForwardTo) {
		return cut{}, &exec.Error{Number: 4335, Severity: 16, State: 1, Message: "The specified STOPAT time is too early. All or part of the database is already rolled forward beyond that point."}
	}
	c, err := stop.cutLog(set)
	if err != nil {
		return cut{}, err
	}
	if !c.reached {
		c.notice = errBeforePointInTime
		if stop.kind != stopAtTime {
			c.notice = errBeforeMark
		}
	}
	return c, nil
}

var (
	errBeforePointInTime = &exec.Error{Number: 4322, Severity: 10, State: 1, Message: "This backup set contains records that were logged before the designated point in time. The database is being left in the restoring state so that more roll forward can be performed."}
	errBeforeMark        = &exec.Error{Number: 4329, Severity: 10, State: 1, Message: "This log file contains records logged before the designated mark. The database is being left in the Restoring state so you can apply another log file."}
)

// checkDatabaseStop checks a RESTORE DATABASE's point-in-time option,
// which only guards the restore sequence (the data backup is restored
// whole): a mark needs a time to be checked against (4340), and a backup
// that ends after the point cannot lead to it (4338). Otherwise the point
// lies ahead, so the database stays RESTORING for the log (notice 4322).
func checkDatabaseStop(stop *stopPoint, h *backupHeader) (notice *exec.Error, err error) {
	if stop == nil {
		return nil, nil
	}
	if stop.kind != stopAtTime && (stop.at.IsZero() || stop.byLSN) {
		return nil, &exec.Error{Number: 4340, Severity: 16, State: 1, Message: "The point-in-time clause of this RESTORE statement is restricted for use by RESTORE LOG statements only. Omit the clause or use a clause that includes a timestamp."}
	}
	// A data backup can be restored only to a point after it finished, as
	// on SQL Server (its copy is consistent at its end); ours holds the rows
	// as of Through, before that, so the restore can reach every such point.
	if stop.at.Before(h.finished()) {
		return nil, &exec.Error{Number: 4338, Severity: 16, State: 1, Message: "The STOPAT clause specifies a point too early to allow this backup set to be restored. Choose a different stop point or use RESTORE DATABASE WITH RECOVERY to recover at the current point."}
	}
	return errBeforePointInTime, nil
}

// through is the time h is complete through (backupHeader.Through), its
// start in a set of an earlier release.
func (h *backupHeader) through() time.Time {
	if h.Through.IsZero() {
		return h.Start
	}
	return h.Through
}

// finished is h's finish time (BackupFinishDate), its start in a set of an
// earlier release, whose file had no finish time.
func (h *backupHeader) finished() time.Time {
	if h.Finish.IsZero() {
		return h.Start
	}
	return h.Finish
}

// endRestoreSequence forgets where a restore sequence stopped: RESTORE …
// WITH RECOVERY ends it.
func (inst *Instance) endRestoreSequence(name string) error {
	return inst.UpdateServer(func(srv *catalog.Server) error {
		if x := srv.Database(name); x != nil {
			x.RolledForwardTo, x.RestoreStopped = time.Time{}, false
		}
		return nil
	})
}
