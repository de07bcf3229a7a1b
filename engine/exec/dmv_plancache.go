package exec

// DBCC FREEPROCCACHE and DBCC FREESYSTEMCACHE('ALL'): empty the shared
// parse caches (plancache.go) and the calling session's own, so the next
// batch of every session is parsed again from its text. Other sessions'
// private caches belong to their goroutines and are left alone: a parse
// depends on nothing but the text and QUOTED_IDENTIFIER, which key it, so
// what they keep is still right, and
// checking a flush generation there would put a cost on every batch.

// clear drops every entry.
func (c *textCache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.byText)
	c.bytes = 0
}

// FreeProcCache empties the shared caches and s's own parse cache.
func FreeProcCache(s *Session) {
	sharedBatches.clear()
	sharedBatchesQIOff.clear()
	sharedDecls.clear()
	clear(s.parsed)
	clear(s.parsedQIOff)
	s.qstats.clear()
}
