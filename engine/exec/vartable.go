package exec

// varTable is a batch's (or a module's) variables by lower-case name, '@'
// included. The first two live in the table itself and are found by
// comparing names; more go to a map. sp_executesql declares its one or two
// parameters in a new batch state at every call (invoke), where a map cost
// two allocations and a hash per declaration and per lookup.
type varTable struct {
	few  [2]varEntry
	n    int // entries of few in use
	more map[string]*variable
}

type varEntry struct {
	key string
	v   *variable
}

// get returns the variable of key, or nil.
func (t *varTable) get(key string) *variable {
	for i := range t.n {
		if t.few[i].key == key {
			return t.few[i].v
		}
	}
	return t.more[key] // nil map: nil
}

// put sets the variable of key.
func (t *varTable) put(key string, v *variable) {
	for i := range t.n {
		if t.few[i].key == key {
			t.few[i].v = v
			return
		}
	}
	if t.more == nil {
		if t.n < len(t.few) {
			t.few[t.n] = varEntry{key: key, v: v}
			t.n++
			return
		}
		t.more = map[string]*variable{}
	}
	t.more[key] = v
}
