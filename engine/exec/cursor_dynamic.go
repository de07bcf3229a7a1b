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

// basesInserted sums the insert and move counters of k's base tables; -1
// when one is not counted.
func (s *Session) basesInserted(k *cursorKeys) int64 {
	var n int64
	for i := range k.bases {
		u := s.usageFor(k.bases[i].tr)
		if u == nil {
			return -1
		}
		n += u.t.leaf[leafInsert].Load() + u.t.moves.Load()
	}
	return n
}

// refreshDynamic takes c's members again when its base tables had rows
// inserted (or moved to a new key) since they were last taken. The members
// the cursor stands on — its position and an API cursor's fetch buffer
// (cursor_api_dynamic.go) — keep their identity: a row that left the query
// (deleted, moved, or no longer matching) stays a member, before the next
// old member still in it, so NEXT and PRIOR move from where it was; FETCH
// passes over it as over any member that is gone.
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
	old := k.keys
	pins := append([]int{c.pos}, k.buf...)
	keys, moved := keepPinned(old, keys, pins)
	at := func(i int) int {
		switch {
		case i < 0:
			return -1
		case i >= len(old):
			return len(keys)
		}
		return moved[i]
	}
	c.pos = at(c.pos)
	for i, m := range k.buf {
		k.buf[i] = at(m)
	}
	seen := map[int][][]byte{}
	for _, m := range pins {
		if b, ok := k.seen[m]; ok && m >= 0 && m < len(old) {
			seen[moved[m]] = b
		}
	}
	k.keys, k.seen = keys, seen
	return nil
}

// keepPinned merges the members old had at the positions pins into keys,
// the members taken again: a pinned member still in keys stays where keys
// has it, one that is gone is put before the next old member still there
// (or last). It returns the members and each pinned old position's new one.
func keepPinned(old, keys [][]string, pins []int) ([][]string, map[int]int) {
	join := func(ks []string) string { return strings.Join(ks, "\x00") }
	at := make(map[string]int, len(keys))
	for i, ks := range keys {
		at[join(ks)] = i
	}
	// gone[j]: the pinned members that left, to go before keys[j].
	gone := map[int][]int{}
	pinned := map[int]bool{}
	for _, p := range pins {
		if p < 0 || p >= len(old) || pinned[p] {
			continue
		}
		pinned[p] = true
		if _, ok := at[join(old[p])]; ok {
			continue
		}
		next := len(keys)
		for i := p + 1; i < len(old); i++ {
			if j, ok := at[join(old[i])]; ok {
				next = j
				break
			}
		}
		gone[next] = append(gone[next], p)
	}
	moved := make(map[int]int, len(pinned))
	if len(gone) == 0 {
		for p := range pinned {
			moved[p] = at[join(old[p])]
		}
		return keys, moved
	}
	merged := make([][]string, 0, len(keys)+len(pinned))
	newAt := make(map[string]int, len(keys))
	for j := 0; j <= len(keys); j++ {
		ps := gone[j]
		slices.Sort(ps)
		for _, p := range ps {
			moved[p] = len(merged)
			merged = append(merged, old[p])
		}
		if j < len(keys) {
			newAt[join(keys[j])] = len(merged)
			merged = append(merged, keys[j])
		}
	}
	for p := range pinned {
		if j, ok := newAt[join(old[p])]; ok {
			moved[p] = j
		}
	}
	return merged, moved
}
