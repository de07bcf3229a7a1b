package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// mergeChange is an action MERGE decided: the clause, the combined
// target ++ source row it judged, and the index of the target row in
// merger.targets (-1 for an insert).
type mergeChange struct {
	clause *mergeClause
	row    Row
	target int
}

// merger decides MERGE's actions: each source row is paired with the
// target rows ON matches — sought per source row (merge_seek.go), found
// in the target's hash (merge_hash.go), or compared with every target row
// — then the target rows no source row matched are judged.
type merger struct {
	s       *Session
	ec      *evalCtx
	tr      *tableRef
	hints   *lockHints // the target's locking hints (nil: none)
	on      pred
	inView  pred // a view target's WHERE, nil for a table
	clauses []*mergeClause
	tw, sw  int     // widths of the target and source rows
	sought  *source // the target sought per source row, or nil
	hash    *mergeHash
	// targets are the target rows: all of them when scanned, those matched
	// so far when sought (soughtAt indexes them by row key).
	targets  []Row
	state    []uint8
	soughtAt map[string]int
	// relock: the target rows a WHEN MATCHED clause may change are locked
	// and read again before they are judged (merge_lock.go).
	relock  bool
	changes []mergeChange
}

// States of a target row.
const (
	targetMatched = 1 << iota // a source row matched it
	targetLocked              // locked X and read again
	targetGone                // deleted (or left the view) before it was locked
)

func (m *merger) pick(kind ast.MergeMatch, row Row) (*mergeClause, error) {
	for _, mc := range m.clauses {
		if mc.when.Match != kind {
			continue
		}
		if mc.cond != nil {
			b, err := mc.cond(m.ec, row)
			if err != nil {
				return nil, err
			}
			if !b.IsTrue() {
				continue
			}
		}
		return mc, nil
	}
	return nil, nil
}

// pair is the combined row ON and the WHEN clauses judge; a nil side is
// all NULLs, typed for the target.
func (m *merger) pair(trow, sr Row) Row {
	row := make(Row, m.tw+m.sw)
	if trow != nil {
		copy(row, trow)
	} else {
		for i, c := range m.tr.t.Columns {
			row[i] = types.Null(c.Type.ID)
		}
	}
	copy(row[m.tw:], sr)
	return row
}

func (m *merger) holds(p pred, row Row) (bool, error) {
	b, err := p(m.ec, row)
	return b.IsTrue(), err
}

// matchSource pairs source row sr with the target rows ON matches.
func (m *merger) matchSource(sr Row) error {
	var sought []Row
	var idx []int
	all := true // every target row is a candidate
	n := len(m.targets)
	switch {
	case m.sought != nil:
		var err error
		if sought, err = mergeSought(m.ec, m.sought, sr); err != nil {
			return err
		}
		n = len(sought)
	case m.hash != nil:
		if idx, all = m.hash.candidates(m.ec, m.targets, sr); !all {
			n = len(idx)
		}
	}
	matched := false
	for ci := range n {
		ti, trow := ci, Row(nil)
		switch {
		case m.sought != nil:
			ti, trow = -1, sought[ci]
		case !all:
			ti = idx[ci]
		}
		if ti >= 0 {
			if m.state[ti]&targetGone != 0 {
				continue
			}
			trow = m.targets[ti]
		}
		row := m.pair(trow, sr)
		if ok, err := m.holds(m.on, row); err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		if ti < 0 {
			ti = m.soughtIndex(trow)
		}
		if m.relock && m.state[ti]&targetLocked == 0 {
			fresh, err := m.refresh(ti)
			if err != nil {
				return err
			}
			if fresh == nil {
				continue
			}
			copy(row, fresh)
			if ok, err := m.holds(m.on, row); err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
		}
		matched = true
		if m.state[ti]&targetMatched != 0 {
			return &Error{Number: 8672, Severity: 16, State: 1, Message: "The MERGE statement attempted to UPDATE or DELETE the same row more than once. This happens when a target row matches more than one source row. A MERGE statement cannot UPDATE/DELETE the same row of the target table multiple times. Refine the ON clause to ensure a target row matches at most one source row, or use the GROUP BY clause to group the source rows."}
		}
		m.state[ti] |= targetMatched
		mc, err := m.pick(ast.Matched, row)
		if err != nil {
			return err
		}
		if mc != nil {
			m.changes = append(m.changes, mergeChange{clause: mc, row: row, target: ti})
		}
	}
	if matched {
		return nil
	}
	row := m.pair(nil, sr)
	mc, err := m.pick(ast.NotMatched, row)
	if err != nil || mc == nil {
		return err
	}
	m.changes = append(m.changes, mergeChange{clause: mc, row: row, target: -1})
	return nil
}

// soughtIndex is the index of sought target row trow in m.targets, where
// it is added at its first match under its row key (the scope's last
// column), so a second match finds it: 8672.
func (m *merger) soughtIndex(trow Row) int {
	k := trow[m.tw-1].Str()
	if at, seen := m.soughtAt[k]; seen {
		return at
	}
	if m.soughtAt == nil {
		m.soughtAt = map[string]int{}
	}
	at := len(m.targets)
	m.soughtAt[k] = at
	m.targets = append(m.targets, trow)
	m.state = append(m.state, 0)
	return at
}

// refresh locks target row ti and reads it again (merge_lock.go): the row
// as committed now, nil when it is gone — deleted, or for a view target
// no longer one the view shows.
func (m *merger) refresh(ti int) (Row, error) {
	m.state[ti] |= targetLocked
	old := m.targets[ti]
	fresh, err := m.s.mergeRelock(m.ec, m.tr, m.hints, old)
	if err != nil {
		return nil, err
	}
	if fresh != nil && m.inView != nil {
		if ok, err := m.holds(m.inView, fresh); err != nil || !ok {
			fresh = nil
			if err != nil {
				return nil, err
			}
		}
	}
	if fresh == nil {
		m.state[ti] |= targetGone
		return nil, nil
	}
	m.targets[ti] = fresh
	if m.hash != nil {
		m.hash.moved(m.ec, ti, old, fresh)
	}
	return fresh, nil
}

// bySource judges the target rows no source row matched against WHEN NOT
// MATCHED BY SOURCE; a row a clause would change is locked and read again
// first, and judged as it is then.
func (m *merger) bySource() error {
	for ti := range m.targets {
		if m.state[ti]&(targetMatched|targetGone) != 0 {
			continue
		}
		row := m.pair(m.targets[ti], nil)
		mc, err := m.pick(ast.NotMatchedBySource, row)
		if err != nil || mc == nil {
			if err != nil {
				return err
			}
			continue
		}
		if m.state[ti]&targetLocked == 0 {
			fresh, err := m.refresh(ti)
			if err != nil || fresh == nil {
				if err != nil {
					return err
				}
				continue
			}
			copy(row, fresh)
			if mc, err = m.pick(ast.NotMatchedBySource, row); err != nil || mc == nil {
				if err != nil {
					return err
				}
				continue
			}
		}
		m.changes = append(m.changes, mergeChange{clause: mc, row: row, target: ti})
	}
	return nil
}
