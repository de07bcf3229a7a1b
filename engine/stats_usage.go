package engine

import "github.com/mirrorsql/mirrorsql/engine/exec"

// Usage returns the database's usage and statistics modification counters
// (engine/exec/stats_usage.go). They live as long as this open database:
// a restart, RESTORE or role change opens a new one, whose counters start
// at zero.
func (db *Database) Usage() *exec.DBUsage { return &db.usage }
