package exec

import (
	"context"
	"slices"
	"strings"
)

// DYNAMIC API server cursors. sp_cursorfetch works on fetch buffers whose
// first row is the cursor's position; a DYNAMIC cursor has no row numbers
// (rows come and go between fetches: SQL Server refuses ABSOLUTE on it and
// reports its row count as -1), so its buffer is kept here as the members
// it holds, and each fetch first takes on the rows inserted since
// (refreshDynamic, which keeps the buffer's members in place) and then
// walks the members from the buffer, passing over those whose row is gone
// or no longer satisfies the WHERE clause.

// APIFetch is the direction of a DYNAMIC API cursor fetch.
type APIFetch uint8

// The sp_cursorfetch fetch types a DYNAMIC cursor takes.
const (
	APIFetchFirst APIFetch = iota
	APIFetchNext
	APIFetchPrior
	APIFetchPriorNoAdjust // PREV_NOADJUST: only the rows before the buffer
	APIFetchLast
	APIFetchRelative
	APIFetchRefresh
)

// APIRow is one row of a fetch buffer; Missing marks a member whose row
// has gone (REFRESH of a buffer: ROWSTAT 2).
type APIRow struct {
	Row     Row
	Missing bool
}

// FetchDynamic fills the fetch buffer of the open DYNAMIC global cursor
// name with up to nrows rows, moving as dir says (rownum: RELATIVE's
// offset from the buffer's first row). adjusted reports a PRIOR that met
// the first row and returns the first nrows rows instead (sp_cursorfetch's
// return status 2).
func (s *Session) FetchDynamic(ctx context.Context, name string, dir APIFetch, rownum, nrows int) (rows []APIRow, adjusted bool, err error) {
	c := s.cursorState().global[strings.ToLower(name)]
	if c == nil || !c.open || c.keyed == nil || c.keyed.dyn == nil {
		return nil, false, errCursorNotOpen.New()
	}
	if err := s.refreshDynamic(ctx, c); err != nil {
		return nil, false, err
	}
	k := c.keyed
	n := len(k.keys)
	first, last := -1, -1 // the buffer's ends; an empty one is before or after
	switch {
	case len(k.buf) > 0:
		first, last = k.buf[0], k.buf[len(k.buf)-1]
	case k.after:
		first, last = n, n
	}
	if dir == APIFetchRefresh {
		for _, m := range k.buf {
			row, ok, err := s.apiMember(ctx, c, m)
			if err != nil {
				return nil, false, err
			}
			rows = append(rows, APIRow{Row: row, Missing: !ok})
		}
		return rows, false, nil
	}
	var ms []int
	var got []Row
	after := false
	switch dir {
	case APIFetchFirst:
		ms, got, err = s.liveMembers(ctx, c, 0, 1, nrows)
		after = len(ms) == 0 && nrows > 0
	case APIFetchNext:
		ms, got, err = s.liveMembers(ctx, c, last+1, 1, nrows)
		after = len(ms) == 0
	case APIFetchPrior, APIFetchPriorNoAdjust:
		ms, got, err = s.liveMembers(ctx, c, first-1, -1, nrows)
		if err == nil && len(ms) > 0 && len(ms) < nrows && dir == APIFetchPrior {
			ms, got, err = s.liveMembers(ctx, c, 0, 1, nrows)
			adjusted = true
		}
	case APIFetchLast:
		ms, got, err = s.liveMembers(ctx, c, n-1, -1, nrows)
		after = nrows == 0
	case APIFetchRelative:
		// The new buffer starts rownum live rows from the buffer's first
		// row (0: at it, or at the next live row when it is gone).
		from, step, skip := first+1, 1, rownum
		switch {
		case rownum < 0:
			from, step, skip = first-1, -1, -rownum
		case rownum == 0:
			from, skip = max(first, 0), 1
		}
		var at []int
		if at, _, err = s.liveMembers(ctx, c, from, step, skip); err == nil && len(at) == skip {
			ms, got, err = s.liveMembers(ctx, c, at[skip-1], 1, nrows)
		}
		after = len(ms) == 0 && rownum >= 0
	}
	if err != nil {
		return nil, false, err
	}
	if len(ms) > 0 && ms[0] > ms[len(ms)-1] { // walked backwards
		slices.Reverse(ms)
		slices.Reverse(got)
	}
	k.buf, k.after = ms, after
	for _, r := range got {
		rows = append(rows, APIRow{Row: r})
	}
	return rows, adjusted, nil
}

// liveMembers lists up to want members from from on, in steps of step,
// whose rows are there, with their rows. It keeps each one's stored rows
// as what an OPTIMISTIC sp_cursor change of it compares with.
func (s *Session) liveMembers(ctx context.Context, c *cursor, from, step, want int) ([]int, []Row, error) {
	var ms []int
	var rows []Row
	for i := from; len(ms) < want && i >= 0 && i < len(c.keyed.keys); i += step {
		row, ok, err := s.apiMember(ctx, c, i)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			ms, rows = append(ms, i), append(rows, row)
		}
	}
	return ms, rows, nil
}

// apiMember reads member i for a fetch buffer, keeping its stored rows as
// what an OPTIMISTIC sp_cursor change of it compares with.
func (s *Session) apiMember(ctx context.Context, c *cursor, i int) (Row, bool, error) {
	row, bases, ok, err := s.readMember(ctx, c, i)
	if err != nil || !ok {
		return nil, false, err
	}
	if c.keyed.seen == nil {
		c.keyed.seen = map[int][][]byte{}
	}
	c.keyed.seen[i] = bases
	return row, true, nil
}

// DynamicBuffer is the members (0-based) of the fetch buffer of the open
// DYNAMIC global cursor name, in order: what sp_cursor's row numbers name.
func (s *Session) DynamicBuffer(name string) []int {
	c := s.cursorState().global[strings.ToLower(name)]
	if c == nil || !c.open || c.keyed == nil {
		return nil
	}
	return slices.Clone(c.keyed.buf)
}
