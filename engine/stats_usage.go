package engine

import "github.com/mirrorsql/mirrorsql/engine/exec"

// Usage returns the database's usage and statistics modification counters
// (engine/exec/stats_usage.go). The usage counters live as long as this
// open database; the statistics and their modification counters are kept
// in it too (engine/exec/stats_persist.go) and read again after a role
// change or revert.
func (db *Database) Usage() *exec.DBUsage { return &db.usage }
