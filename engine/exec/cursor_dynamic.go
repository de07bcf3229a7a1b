package exec

import (
	"context"
	"slices"
	"strings"
)

// A DYNAMIC cursor sees rows inserted after OPEN (SQL Server's dynamic
// cursor walks the live index). Its members are base-row keys like a
// KEYSET cursor's (cursor_keyed.go); before a FETCH moves, the members are
// taken again from the cursor's query when a base table has had rows
// inserted since they were last taken, and the cursor's position is kept
// on the member it was on.
//
// Cost. The insert counters are the tables' usage counters
// (stats_usage.go): one atomic load per base table per FETCH while nothing
// is inserted, so a cursor loop that updates or deletes rows pays nothing
// more; a loop that inserts into a table its cursor reads re-runs the
// query at the next FETCH. Tables whose database counts no usage (#temp
// tables) are not followed: their inserts after OPEN are not seen.

// dynamicMembers is what refreshDynamic needs of a DYNAMIC cursor.
type dynamicMembers struct {
	plan *plan // the cursor's query with its base rows' keys after the visible columns
	vis  int   // the visible columns of plan's rows
	// inserts is the sum of the base tables' insert counters when the
	// members were last taken (-1: a base table does not count).
	inserts int64
}

// basesInserted sums the insert counters of k's base tables; -1 when one
// is not counted.
func (s *Session) basesInserted(k *cursorKeys) int64 {
	var n int64
	for i := range k.bases {
		u := s.usageFor(k.bases[i].tr)
		if u == nil {
			return -1
		}
		n += u.t.leaf[leafInsert].Load()
	}
	return n
}

// refreshDynamic takes c's members again when its base tables had rows
// inserted since they were last taken, keeping c.pos on the same member.
func (s *Session) refreshDynamic(ctx context.Context, c *cursor) error {
	k := c.keyed
	d := k.dyn
	if d == nil || d.inserts < 0 {
		return nil
	}
	ins := s.basesInserted(k)
	if ins == d.inserts {
		return nil
	}
	d.inserts = ins
	rows, err := s.planRows(ctx, d.plan)
	if err != nil {
		// A query that cannot run again (a variable of the batch that
		// opened the cursor): keep the members OPEN took.
		d.inserts = -1
		return nil
	}
	keys := memberKeys(rows, d.vis, len(k.bases))
	at := make(map[string]int, len(keys))
	for i, ks := range keys {
		at[strings.Join(ks, "\x00")] = i
	}
	old := k.keys
	pos := c.pos
	switch {
	case pos < 0:
	case pos >= len(old):
		pos = len(keys)
	default:
		if j, ok := at[strings.Join(old[pos], "\x00")]; ok {
			pos = j
			break
		}
		// The current row left the query (deleted, or no longer matching):
		// it stays a member, before the next old member still in it, so
		// NEXT and PRIOR move from where it was; FETCH passes over it as
		// over any member that is gone.
		next := len(keys)
		for i := pos + 1; i < len(old); i++ {
			if j, ok := at[strings.Join(old[i], "\x00")]; ok {
				next = j
				break
			}
		}
		keys = slices.Insert(keys, next, old[pos])
		pos = next
	}
	k.keys, c.pos = keys, pos
	k.seen = nil // positions changed: the API cursor's reads are forgotten
	return nil
}
