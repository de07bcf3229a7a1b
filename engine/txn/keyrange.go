package txn

// Key-range locks (issues #4 #5): SQL Server's SERIALIZABLE keeps phantoms out
// by locking, with each index key it reads, the range between that key and the
// key before it
// (https://learn.microsoft.com/sql/relational-databases/sql-server-transaction-locking-and-row-versioning-guide,
// "Key-range locking"). A key-range mode is two modes in one: the range part
// (S: no one inserts into the range; I: an insert into it; X: both) and the
// key part (S, U, X, or N for none). Two key-range modes are compatible when
// both their parts are — the documented matrix follows from that, and so do
// the conversion modes (RangeI-N + RangeS-S = RangeX-S …).

// rangePart is the range half of a key-range mode.
type rangePart uint8

const (
	rangeNone rangePart = iota // a plain key lock: no range
	rangeS                     // RangeS: readers of the range
	rangeI                     // RangeI: an insert into the range
	rangeX                     // RangeX: RangeS and RangeI together
)

// keyMode is a key lock split into its range and key parts; the key part is
// ModeNone (N), ModeS, ModeU or ModeX.
type keyMode struct {
	rng rangePart
	key Mode
}

// keyModes are the parts of every mode a key resource can hold.
var keyModes = map[Mode]keyMode{
	ModeNone:    {rangeNone, ModeNone},
	ModeS:       {rangeNone, ModeS},
	ModeU:       {rangeNone, ModeU},
	ModeX:       {rangeNone, ModeX},
	ModeRangeSS: {rangeS, ModeS},
	ModeRangeSU: {rangeS, ModeU},
	ModeRangeIN: {rangeI, ModeNone},
	ModeRangeIS: {rangeI, ModeS},
	ModeRangeIU: {rangeI, ModeU},
	ModeRangeIX: {rangeI, ModeX},
	ModeRangeXS: {rangeX, ModeS},
	ModeRangeXU: {rangeX, ModeU},
	ModeRangeXX: {rangeX, ModeX},
}

// keyModeOf splits m into its parts; ok is false for a mode keys never hold
// (intent and schema modes).
func keyModeOf(m Mode) (keyMode, bool) {
	k, ok := keyModes[m]
	return k, ok
}

// compatible reports whether two owners may hold k and o on one key: readers
// of a range share it, inserters share it, a reader and an inserter do not;
// the key parts follow the S/U/X matrix, and N is compatible with anything.
func (k keyMode) compatible(o keyMode) bool {
	rangesOK := k.rng == rangeNone || o.rng == rangeNone || k.rng == o.rng && k.rng != rangeX
	return rangesOK && keyPartsCompatible(k.key, o.key)
}

// keyPartsCompatible is the S/U/X part of the lock compatibility matrix (N,
// no key lock, goes with anything).
func keyPartsCompatible(a, b Mode) bool {
	switch {
	case a == ModeNone || b == ModeNone:
		return true
	case a == ModeX || b == ModeX:
		return false
	}
	return a == ModeS || b == ModeS // S-S, S-U; U-U conflicts
}

// mode is the named mode for k, or the weakest named one stronger than it:
// a range shared by readers with an X key (a SERIALIZABLE reader updating the
// row it read) is RangeX-X, as SQL Server converts it.
func (k keyMode) mode() Mode {
	switch k.rng {
	case rangeNone:
		return k.key
	case rangeS:
		switch k.key {
		case ModeU:
			return ModeRangeSU
		case ModeX:
			return ModeRangeXX
		}
		return ModeRangeSS
	case rangeI:
		switch k.key {
		case ModeS:
			return ModeRangeIS
		case ModeU:
			return ModeRangeIU
		case ModeX:
			return ModeRangeIX
		}
		return ModeRangeIN
	}
	switch k.key {
	case ModeU:
		return ModeRangeXU
	case ModeX:
		return ModeRangeXX
	}
	return ModeRangeXS
}

// combineKeyModes is Combine when a or b is a key-range mode: each part takes
// the stronger of the two (RangeS and RangeI make RangeX). A mode keys never
// hold combines to RangeX-X, the strongest key mode.
func combineKeyModes(a, b Mode) Mode {
	ka, okA := keyModeOf(a)
	kb, okB := keyModeOf(b)
	if !okA || !okB {
		if a == ModeSchS {
			return b
		}
		if b == ModeSchS {
			return a
		}
		return ModeRangeXX
	}
	r := max(ka.rng, kb.rng)
	if ka.rng != kb.rng && ka.rng != rangeNone && kb.rng != rangeNone {
		r = rangeX
	}
	return keyMode{r, Combine(ka.key, kb.key)}.mode()
}
