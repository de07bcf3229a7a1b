package exec

// SetRawAggregates switches aggregation on stored rows (rawagg.go) on or off
// and returns the previous setting. Not safe while statements run.
func SetRawAggregates(on bool) bool {
	old := rawAggregates
	rawAggregates = on
	return old
}

// RawGroupRuns is how many aggregations have run on stored rows.
func RawGroupRuns() int64 { return rawGroupRuns.Load() }
