package storage

import (
	"bytes"

	"github.com/mirrorsql/mirrorsql/engine/storage/internal/btcursor"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// NewIterator returns an iterator over [lower, upper) of objectID that merges the
// transaction's own writes over base as of asOf, in key order (read-your-own-writes):
// a key the transaction wrote shows its written value, a key it deleted is skipped.
//
// The iterator sees the write set as it was when NewIterator was called (a
// copy-on-write clone), so a statement that writes the rows it scans does not see its
// own new writes (Halloween protection).
func (w *WriteSet) NewIterator(base Reader, objectID uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (Iterator, error) {
	if !ValidObject(objectID) {
		return nil, ErrInvalidObject
	}
	bi, err := base.NewIterator(objectID, lower, upper, reverse, asOf)
	if err != nil {
		return nil, err
	}
	if w.Len() == 0 {
		return bi, nil // nothing of the transaction's own to merge
	}
	w.toTree() // the cursor reads a copy-on-write clone of the tree
	lo, hi := rangeKeys(objectID, lower, upper)
	return &mergeIter{
		ws:      btcursor.New(w.tree.Clone(), entryKey, entryPivot, string(lo), string(hi), reverse),
		base:    bi,
		reverse: reverse,
		needWs:  true, needBase: true,
	}, nil
}

// mergeIter merges a write-set cursor over a base iterator; on equal keys the write
// set wins.
type mergeIter struct {
	ws      *btcursor.Cursor[wsEntry]
	base    Iterator
	reverse bool

	wsCur            wsEntry
	wsHave, baseHave bool
	needWs, needBase bool

	key, val []byte
	err      error
	done     bool
}

func (m *mergeIter) Next() bool {
	if m.done {
		return false
	}
	for {
		if m.needWs {
			m.wsCur, m.wsHave = m.ws.Next()
			m.needWs = false
		}
		if m.needBase {
			m.baseHave = m.base.Next()
			m.needBase = false
			if !m.baseHave {
				if err := m.base.Err(); err != nil {
					m.err, m.done = err, true
					return false
				}
			}
		}
		var c int
		switch {
		case !m.wsHave && !m.baseHave:
			m.done = true
			return false
		case !m.wsHave:
			c = 1
		case !m.baseHave:
			c = -1
		default:
			c = bytes.Compare([]byte(m.wsCur.key[prefixLen:]), m.base.Key())
			if m.reverse {
				c = -c
			}
		}
		if c >= 0 {
			m.needBase = true
		}
		if c > 0 {
			m.key, m.val = m.base.Key(), m.base.Value()
			return true
		}
		m.needWs = true
		if m.wsCur.deleted {
			continue
		}
		m.key, m.val = []byte(m.wsCur.key[prefixLen:]), m.wsCur.value
		return true
	}
}

func (m *mergeIter) Key() []byte   { return m.key }
func (m *mergeIter) Value() []byte { return m.val }
func (m *mergeIter) Err() error    { return m.err }

func (m *mergeIter) Close() error {
	m.done = true
	return m.base.Close()
}
