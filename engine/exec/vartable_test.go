package exec

import (
	"fmt"
	"testing"
)

// TestVarTable checks the inline entries and the map beyond them: every
// variable put is found under its key, a second put of a key replaces it
// wherever it lives, and an absent key finds nil.
func TestVarTable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var tab varTable
			vs := make([]*variable, n)
			for i := range vs {
				vs[i] = &variable{name: fmt.Sprintf("@p%d", i)}
				tab.put(vs[i].name, vs[i])
			}
			for i, v := range vs {
				if got := tab.get(v.name); got != v {
					t.Errorf("get(%s) = %p, want %p (entry %d)", v.name, got, v, i)
				}
			}
			if got := tab.get("@absent"); got != nil {
				t.Errorf("get(@absent) = %p, want nil", got)
			}
			for i := range vs {
				repl := &variable{name: vs[i].name}
				tab.put(repl.name, repl)
				if got := tab.get(repl.name); got != repl {
					t.Errorf("after a second put, get(%s) = %p, want %p", repl.name, got, repl)
				}
			}
			if len(tab.more) > max(0, n-len(tab.few)) {
				t.Errorf("map holds %d entries, want at most %d", len(tab.more), max(0, n-len(tab.few)))
			}
		})
	}
}
