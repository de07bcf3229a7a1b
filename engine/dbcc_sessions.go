package engine

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// What a DBA runs to find who holds a database up: DBCC OPENTRAN (the
// oldest open transaction of a database: the one that keeps its log from
// being reused), DBCC INPUTBUFFER (the last request a session sent; for a
// sleeping session with an open transaction, the batch that left it open)
// and sys.dm_tran_active_transactions.

// msgDBCCDone ends every DBCC's informational output.
var msgDBCCDone = &exec.Error{Number: 2528, Severity: 10, State: 1, Message: "DBCC execution completed. If DBCC printed error messages, contact your system administrator."}

// dbccTarget resolves DBCC's first argument naming a database (a name, an
// id, or 0 / nothing for the current one) to an open database.
func (inst *Instance) dbccTarget(ctx context.Context, s *exec.Session, st *ast.DbccStmt) (*Database, error) {
	d, err := inst.dbccTargetAny(ctx, s, st)
	if err != nil {
		return nil, err
	}
	if db, ok := d.(*Database); ok {
		return db, nil
	}
	return nil, errDBCCNoDatabase(d.Name())
}

func errDBCCNoDatabase(name string) error {
	return &exec.Error{Number: 2520, Severity: 16, State: 1, Message: "Could not find database '" + name + "'. The database either does not exist, or was dropped before a statement tried to use it. Verify if the database exists by querying the sys.databases catalog view."}
}

// dbccTargetAny is dbccTarget for the DBCCs that also check a database
// snapshot (CHECKDB of a snapshot of the mirror is how a DBA checks the
// mirror's copy).
func (inst *Instance) dbccTargetAny(ctx context.Context, s *exec.Session, st *ast.DbccStmt) (exec.Database, error) {
	cur := s.Database().Name()
	name := cur
	if len(st.Args) > 0 {
		var text string
		if cr, ok := st.Args[0].(*ast.ColumnRef); ok { // DBCC OPENTRAN(master)
			text = cr.Name.Last()
		} else {
			v, err := s.EvalString(ctx, st.Args[0])
			if err != nil {
				return nil, err
			}
			text = v
		}
		if id, err := strconv.Atoi(strings.TrimSpace(text)); err == nil {
			name = ""
			if id == 0 {
				name = cur
			}
			for _, db := range inst.Databases() {
				if int(db.ID()) == id {
					name = db.Name()
				}
			}
			if name == "" {
				return nil, &exec.Error{Number: 2520, Severity: 16, State: 1, Message: fmt.Sprintf("Could not find database '%d'. The database either does not exist, or was dropped before a statement tried to use it. Verify if the database exists by querying the sys.databases catalog view.", id)}
			}
		} else {
			name = text
		}
	}
	db := execServer{inst}.OpenDatabase(name) // a database or a snapshot
	if db == nil {
		return nil, errDBCCNoDatabase(name)
	}
	return db, nil
}

// dbccHasOption reports whether DBCC … WITH names opt.
func dbccHasOption(st *ast.DbccStmt, opt string) bool {
	for _, o := range st.Options {
		if strings.EqualFold(o.Name, opt) {
			return true
		}
	}
	return false
}

// dbccOpenTran is DBCC OPENTRAN [(db)] [WITH TABLERESULTS, NO_INFOMSGS].
func (inst *Instance) dbccOpenTran(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) error {
	db, err := inst.dbccTarget(ctx, s, st)
	if err != nil {
		return err
	}
	s.Publish() // this session's own transaction counts too
	var oldest *exec.SessionInfo
	sessions := s.Server().SessionList()
	for i := range sessions {
		si := &sessions[i]
		if si.OpenTrans == 0 || !containsID(si.Tran.Databases, db.ID()) {
			continue
		}
		if oldest == nil || si.Tran.Began.Before(oldest.Tran.Began) {
			oldest = si
		}
	}
	quiet := dbccHasOption(st, "NO_INFOMSGS")
	if oldest == nil {
		if quiet {
			return nil
		}
		if err := out.Message(&exec.Error{Number: 3958, Severity: 10, State: 1, Message: "No active open transactions."}); err != nil {
			return err
		}
		return out.Message(msgDBCCDone)
	}
	name := oldest.Tran.Name
	if name == "" {
		name = "user_transaction"
	}
	start := formatOpenTranTime(oldest.Tran.Began)
	sid := "0x01" // sa's SID; SQL logins get theirs from the login's id
	if !strings.EqualFold(oldest.Login, "sa") {
		sid = fmt.Sprintf("0x%X", []byte(oldest.Login))
	}
	lsn := openTranLSN(db.log.HardenedLSN().Numeric())
	if dbccHasOption(st, "TABLERESULTS") {
		cols := []exec.ResultColumn{{Name: "ActiveTransaction", Type: types.VarCharType(25)}, {Name: "Details", Type: types.Type{ID: types.SQLVariant}}}
		rows := []exec.Row{
			{types.NewVarChar("OLDACT_SPID"), types.NewInt(oldest.SPID)},
			{types.NewVarChar("OLDACT_UID"), types.NewInt(-1)},
			{types.NewVarChar("OLDACT_NAME"), types.NewNVarChar(name)},
			{types.NewVarChar("OLDACT_LSN"), types.NewNVarChar(lsn)},
			{types.NewVarChar("OLDACT_STARTTIME"), dtv(oldest.Tran.Began)},
			{types.NewVarChar("OLDACT_SID"), types.NewNVarChar(sid)},
		}
		if err := exec.SendRows(s, out, cols, rows); err != nil {
			return err
		}
		if quiet {
			return nil
		}
		return out.Message(msgDBCCDone)
	}
	if quiet {
		return nil
	}
	for _, line := range []string{
		"Transaction information for database '" + db.Name() + "'.",
		"",
		"Oldest active transaction:",
		fmt.Sprintf("    SPID (server process ID): %d", oldest.SPID),
		"    UID (user ID) : -1",
		"    Name          : " + name,
		"    LSN           : " + lsn,
		"    Start time    : " + start,
		"    SID           : " + sid,
	} {
		if err := out.Message(&exec.Error{Severity: 0, State: 1, Message: line}); err != nil {
			return err
		}
	}
	return out.Message(msgDBCCDone)
}

// formatOpenTranTime is DBCC OPENTRAN's start time, "Jun  1 2004  3:30:07:197PM".
func formatOpenTranTime(t time.Time) string {
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%s %2d %d %2d:%02d:%02d:%03d%s", t.Format("Jan"), t.Day(), t.Year(), h, t.Minute(), t.Second(), t.Nanosecond()/1e6, t.Format("PM"))
}

// openTranLSN shows an LSN as DBCC OPENTRAN does, "(vlf:block:slot)" in
// decimal, from its numeric form vlf·10^15 + block·10^5 + slot.
func openTranLSN(n *big.Int) string {
	vlf, rest := new(big.Int).QuoRem(n, big.NewInt(1e15), new(big.Int))
	block, slot := new(big.Int).QuoRem(rest, big.NewInt(1e5), new(big.Int))
	return "(" + vlf.String() + ":" + block.String() + ":" + slot.String() + ")"
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// dbccInputBuffer is DBCC INPUTBUFFER(spid [, request_id]): the last
// request the session sent (the running one, or the last one when it is
// idle).
func (inst *Instance) dbccInputBuffer(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) error {
	if len(st.Args) == 0 {
		return &exec.Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
	}
	text, err := s.EvalString(ctx, st.Args[0])
	if err != nil {
		return err
	}
	spid, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return &exec.Error{Number: 7955, Severity: 16, State: 1, Message: "Invalid SPID " + text + " specified."}
	}
	s.Publish()
	for _, si := range s.Server().SessionList() {
		if int(si.SPID) != spid {
			continue
		}
		req := si.Request.Text
		if int32(spid) == s.SPID {
			req = s.Published().Request.Text
		}
		if len(req) > 4000 {
			req = req[:4000]
		}
		cols := []exec.ResultColumn{{Name: "EventType", Type: types.NVarCharType(30)}, {Name: "Parameters", Type: types.TypeSmallInt}, {Name: "EventInfo", Type: types.NVarCharType(4000)}}
		if err := exec.SendRows(s, out, cols, []exec.Row{{types.NewNVarChar("Language Event"), types.NewSmallInt(0), types.NewNVarChar(req)}}); err != nil {
			return err
		}
		if dbccHasOption(st, "NO_INFOMSGS") {
			return nil
		}
		return out.Message(msgDBCCDone)
	}
	return &exec.Error{Number: 7955, Severity: 16, State: 1, Message: fmt.Sprintf("Invalid SPID %d specified.", spid)}
}

func init() {
	exec.RegisterView("sys.dm_tran_active_transactions", []exec.ViewColumn{col("transaction_id", tBigInt), col("name", tName),
		col("transaction_begin_time", tDateTime), col("transaction_type", tInt), col("transaction_state", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			s.Publish()
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				if si.OpenTrans == 0 {
					continue
				}
				name := si.Tran.Name
				if name == "" {
					name = "user_transaction"
				}
				// type 1 read/write; state 2 active.
				out = append(out, exec.Row{types.NewBigInt(int64(si.SPID)), nv(name), dtv(si.Tran.Began), in(1), in(2)})
			}
			return out, nil
		})
}
