package exec

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_exec_cursors(session_id): the session's cursors, T-SQL and API
// (cursor_api.go), with SQL Server's properties text ("TSQL | Dynamic |
// Optimistic | Global (0)"). A session sees its own cursors: 0 and its own
// session id list them, any other session id none (their state belongs to
// their own goroutines).

// apiCursorPrefix starts the names engine/session gives the T-SQL cursors
// behind API server cursors; no client can write a name with a leading
// space.
const apiCursorPrefix = " api cursor "

func init() {
	big, name := types.TypeBigInt, types.NVarCharType(256)
	RegisterTableFunc(TableFunc{Name: "dm_exec_cursors", MinArgs: 1, MaxArgs: 1, Rows: execCursors,
		Cols: []ViewColumn{{"session_id", vInt}, {"cursor_id", vInt}, {"name", name}, {"properties", name},
			{"sql_handle", types.Type{ID: types.VarBinary, Length: 64}}, {"statement_start_offset", vInt}, {"statement_end_offset", vInt},
			{"plan_generation_num", big}, {"creation_time", vDateTime}, {"is_open", types.TypeBit},
			{"is_async_population", types.TypeBit}, {"is_close_on_commit", types.TypeBit}, {"fetch_status", vInt},
			{"fetch_buffer_size", vInt}, {"fetch_buffer_start", vInt}, {"ansi_position", vInt}, {"worker_time", big},
			{"reads", big}, {"writes", big}, {"dormant_duration", big}}})
}

func execCursors(s *Session, args []types.Value) ([]Row, error) {
	if id, ok := ArgInt32(args[0]); ok && id != 0 && id != s.SPID {
		return nil, nil
	}
	type named struct {
		c     *cursor
		scope string
	}
	var all []named
	for _, c := range s.cursorState().global {
		all = append(all, named{c, "Global"})
	}
	if s.batch != nil {
		for _, c := range s.batch.cursors {
			if c != nil && !c.isVar {
				all = append(all, named{c, "Local"})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].c.id < all[j].c.id })
	closeOnCommit := s.Opts.Flags&cursorCloseOnCommitFlag != 0
	var rows []Row
	for _, n := range all {
		c := n.c
		iface, id, shown := "TSQL", c.id, c.name
		if rest, ok := strings.CutPrefix(c.name, apiCursorPrefix); ok {
			var h int32
			if _, err := fmt.Sscan(rest, &h); err == nil {
				id = h
			}
			iface, shown = "API", fmt.Sprintf("API_CURSOR%016X", id)
		}
		created, err := types.FromTime(c.created, types.TypeDateTime)
		if err != nil {
			return nil, err
		}
		props := iface + " | " + c.typeName() + " | " + c.concurrencyName() + " | " + n.scope + " (0)"
		dormant := time.Since(c.created).Milliseconds()
		rows = append(rows, Row{types.NewInt(s.SPID), types.NewInt(id), types.NewNVarChar(shown), types.NewNVarChar(props),
			types.Null(types.VarBinary), types.NewInt(0), types.NewInt(-1), types.NewBigInt(1), created, types.NewBit(c.open),
			types.NewBit(false), types.NewBit(closeOnCommit), types.NewInt(c.status), types.NewInt(1), types.NewInt(max(int32(c.pos)+1, 0)),
			types.NewInt(max(int32(c.pos)+1, 0)), types.NewBigInt(0), types.NewBigInt(0), types.NewBigInt(0), types.NewBigInt(dormant)})
	}
	return rows, nil
}

// typeName is the cursor's type as sys.dm_exec_cursors shows it: what OPEN
// made of it once open, what DECLARE asked for before.
func (c *cursor) typeName() string {
	sens := c.asked
	if c.open {
		sens = c.sens
	}
	switch {
	case c.fastForward:
		return "Fast_Forward"
	case sens == sensKeyset:
		return "Keyset"
	case sens == sensDynamic:
		return "Dynamic"
	}
	return "Snapshot"
}

func (c *cursor) concurrencyName() string {
	switch {
	case c.readOnly:
		return "Read Only"
	case c.cc == ccScrollLocks:
		return "Scroll Locks"
	}
	return "Optimistic"
}
