package exec

// A scan that replaces a seek at run time locks as the seek would (issues
// #4, #5). A read's locks are planned with its access path: under
// SERIALIZABLE (or HOLDLOCK) a seek locks key ranges (keyrange.go) and the
// table only with an intent lock, while a read the plan made a scan locks
// the whole table at once (U for an UPDATE's or DELETE's target, which the
// statement then takes together with its IX as UIX: dml_target_decl.go).
// Some seeks become scans only when they run:
//
//   - a seek whose value does not convert exactly to the key's type (an
//     int key compared with 0.5, one range of an IN list);
//   - a semi-join (IN (subquery)) that finds too many values to seek;
//   - an adaptive join that switches from point reads to a hash join
//     (adaptjoin.go).
//
// Such a scan locked the table as a planned scan does. For the target of
// an UPDATE or DELETE, which held IX since its start, that was a
// conversion to UIX, waiting for every other writer's IX: two sessions
// running the statement deadlocked (1205), where SQL Server, whose plan
// does not change under it, takes its key locks in key order and the
// second session waits. Here the scan keeps the seek's lock plan: it locks
// each key and the end of the index in the seek's key-range mode
// (RangeS-S, RangeS-U in update mode) and escalates as a range read does,
// without waiting. Other isolation levels lock as before.

// openSeekScan is a scan of tr's rows that stands in, at run time, for the
// seek the plan chose: it locks as that seek would, key ranges and not the
// table.
func (s *Session) openSeekScan(ec *evalCtx, tr *tableRef, mask *colMask, reverse bool) (rowIter, error) {
	return s.openPathFor(ec, tr, nil, mask, reverse, true)
}
