package errorlog

// MaxArchives is how many cycled logs a Ring keeps, as SQL Server keeps six
// archived error logs by default (ERRORLOG.1 … ERRORLOG.6).
const MaxArchives = 6

// Cycle starts a new current log, as sp_cycle_errorlog does: the records
// kept so far become archive 1 (the previous archive 1 becomes 2, and so
// on; the oldest beyond MaxArchives is dropped).
func (r *Ring) Cycle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	var cur []Entry
	if r.full {
		cur = append(cur, r.entries[r.next:]...)
		cur = append(cur, r.entries[:r.next]...)
	} else {
		cur = append(cur, r.entries...)
	}
	r.archives = append([][]Entry{cur}, r.archives...)
	if len(r.archives) > MaxArchives {
		r.archives = r.archives[:MaxArchives]
	}
	r.entries, r.next, r.full = make([]Entry, 0, cap(r.entries)), 0, false
}

// Archive returns archived log n (1 is the newest), oldest record first;
// ok is false when there is no such archive.
func (r *Ring) Archive(n int) (entries []Entry, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n < 1 || n > len(r.archives) {
		return nil, false
	}
	return append([]Entry(nil), r.archives[n-1]...), true
}
