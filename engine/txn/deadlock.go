package txn

// resolveDeadlocks searches the waits-for graph for cycles through o (which has just
// started waiting) and, while one exists, fails one victim of it with error 1205.
// Called with m.mu held.
func (m *Manager) resolveDeadlocks(o *Owner) {
	for o.waiting != nil {
		cycle := m.findCycle(o)
		if cycle == nil {
			return
		}
		v := victim(cycle)
		m.deadlocks.Add(1)
		m.fail(v.waiting, deadlockError(v.spid))
	}
}

// blockers returns the owners o waits for: holders of a mode incompatible with
// what o wants, and every owner queued ahead of o (the queue is FIFO).
func blockers(o *Owner) []*Owner {
	r := o.waiting
	if r == nil {
		return nil
	}
	var out []*Owner
	want := r.want()
	for _, g := range r.head.holders {
		if !o.sameWorkspace(g.owner) && !Compatible(g.mode(), want) {
			out = append(out, g.owner)
		}
	}
	for _, q := range r.head.queue {
		if q == r {
			break
		}
		if !o.sameWorkspace(q.owner) {
			out = append(out, q.owner)
		}
	}
	return out
}

// findCycle returns the owners of a waits-for cycle that passes through start, or
// nil. Depth-first search; each owner waits for one request, so the graph is small.
func (m *Manager) findCycle(start *Owner) []*Owner {
	type frame struct {
		o    *Owner
		next []*Owner
	}
	visited := map[*Owner]bool{start: true}
	stack := []frame{{start, blockers(start)}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if len(top.next) == 0 {
			stack = stack[:len(stack)-1]
			continue
		}
		p := top.next[0]
		top.next = top.next[1:]
		if p == start {
			cycle := make([]*Owner, len(stack))
			for i, f := range stack {
				cycle[i] = f.o
			}
			return cycle
		}
		if visited[p] {
			continue
		}
		visited[p] = true
		stack = append(stack, frame{p, blockers(p)})
	}
	return nil
}

// victim picks the owner to fail: the lowest DEADLOCK_PRIORITY, then the least log
// written (cheapest to roll back), then the youngest.
func victim(cycle []*Owner) *Owner {
	v := cycle[0]
	for _, o := range cycle[1:] {
		vp, op := v.priority.Load(), o.priority.Load()
		vl, ol := v.logUsed.Load(), o.logUsed.Load()
		switch {
		case op != vp:
			if op < vp {
				v = o
			}
		case ol != vl:
			if ol < vl {
				v = o
			}
		case o.id > v.id:
			v = o
		}
	}
	return v
}
