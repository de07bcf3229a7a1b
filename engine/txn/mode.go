package txn

// Mode is a lock mode. The modes are SQL Server's
// (https://learn.microsoft.com/sql/relational-databases/sql-server-transaction-locking-and-row-versioning-guide,
// "Lock modes" and "Lock compatibility"): intent modes on databases and tables, S/U/X
// on keys, the two schema modes on objects, and the key-range modes of
// SERIALIZABLE (keyrange.go). Their order matters to Combine: of two modes that
// do not form a third (S + IX = SIX, U + IX = UIX), the later one is the stronger.
type Mode uint8

const (
	ModeNone Mode = iota // NL: no lock
	ModeSchS             // Sch-S: schema stability (compiling or reading a plan)
	ModeIS               // intent shared
	ModeS                // shared
	ModeU                // update
	ModeIX               // intent exclusive
	ModeSIX              // shared with intent exclusive
	ModeUIX              // update with intent exclusive (U and IX held together)
	ModeX                // exclusive
	ModeSchM             // Sch-M: schema modification (DDL)

	// Key-range modes (keyrange.go): the range between a key and the one
	// before it, then the key itself.
	ModeRangeSS // RangeS-S: shared range, shared key (a SERIALIZABLE scan)
	ModeRangeSU // RangeS-U: shared range, update key (UPDLOCK, HOLDLOCK)
	ModeRangeIN // RangeI-N: insert range, no key lock (an INSERT's test)
	ModeRangeIS // RangeI-S: RangeI-N + S (conversion)
	ModeRangeIU // RangeI-U: RangeI-N + U (conversion)
	ModeRangeIX // RangeI-X: RangeI-N + X (conversion)
	ModeRangeXS // RangeX-S: RangeI-N + RangeS-S (conversion)
	ModeRangeXU // RangeX-U: RangeI-N + RangeS-U (conversion)
	ModeRangeXX // RangeX-X: exclusive range and key (a SERIALIZABLE DELETE)
	numModes
)

var modeNames = [numModes]string{"NL", "Sch-S", "IS", "S", "U", "IX", "SIX", "UIX", "X", "Sch-M",
	"RangeS-S", "RangeS-U", "RangeI-N", "RangeI-S", "RangeI-U", "RangeI-X", "RangeX-S", "RangeX-U", "RangeX-X"}

// String returns the mode as sys.dm_tran_locks.request_mode shows it.
func (m Mode) String() string {
	if m < numModes {
		return modeNames[m]
	}
	return "?"
}

// compat[held][requested] is SQL Server's lock compatibility matrix, which is
// symmetric: IS is compatible with everything but X; S with IS, S and U; U with IS
// and S (not U, so two updaters cannot both plan to convert to X); IX with IS and IX;
// SIX and UIX with IS only (each is compatible only with what is compatible with both
// its parts); X with nothing. Sch-S conflicts only with Sch-M; Sch-M conflicts
// with everything.
var compat = func() [numModes][numModes]bool {
	var c [numModes][numModes]bool
	ok := func(a, b Mode) { c[a][b], c[b][a] = true, true }
	for m := range numModes {
		ok(ModeNone, m)
		if m != ModeSchM {
			ok(ModeSchS, m)
		}
	}
	ok(ModeIS, ModeIS)
	ok(ModeIS, ModeS)
	ok(ModeIS, ModeU)
	ok(ModeIS, ModeIX)
	ok(ModeIS, ModeSIX)
	ok(ModeIS, ModeUIX)
	ok(ModeS, ModeS)
	ok(ModeS, ModeU)
	ok(ModeIX, ModeIX)
	for a := ModeNone; a < numModes; a++ {
		for b := ModeRangeSS; b < numModes; b++ {
			if ka, ok1 := keyModeOf(a); ok1 {
				kb, _ := keyModeOf(b)
				c[a][b] = ka.compatible(kb)
				c[b][a] = c[a][b]
			}
		}
	}
	return c
}()

// Compatible reports whether a lock in mode requested can be granted while another
// owner holds the same resource in mode held.
func Compatible(held, requested Mode) bool {
	return compat[held][requested]
}

// Combine returns the weakest mode that is at least as strong as both a and b: the
// mode an owner holds after requesting b while holding a (lock conversion, e.g.
// S + IX = SIX, U + IX = UIX, SIX + U = UIX, U + S = U, IS + X = X). SQL Server
// shows U and IX held together as UIX (sys.dm_tran_locks, APPLOCK_MODE's
// UpdateIntentExclusive), not SIX.
func Combine(a, b Mode) Mode {
	if a == b {
		return a
	}
	if a >= ModeRangeSS || b >= ModeRangeSS {
		return combineKeyModes(a, b) // keyrange.go
	}
	if a > b {
		a, b = b, a
	}
	switch {
	case a == ModeNone:
		return b
	case a == ModeSchS:
		if b == ModeSchM {
			return ModeSchM
		}
		return b // data locks imply schema stability
	case a == ModeS && b == ModeIX, a == ModeS && b == ModeSIX:
		return ModeSIX
	case a == ModeU && b == ModeIX, a == ModeU && b == ModeSIX:
		return ModeUIX
	case a == ModeIS:
		return b
	default:
		return b // X and Sch-M absorb the rest; S < U
	}
}
