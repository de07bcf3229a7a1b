package engine

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The database mirroring monitor's warning thresholds (reference §4.4):
// each update evaluates the enabled thresholds of a database against the
// row it just recorded and raises, for every value strictly above its
// threshold, SQL Server's event — 32040 oldest unsent transaction (minutes,
// principal), 32042 unsent log (KB, principal), 32043 unrestored log (KB,
// mirror), 32044 mirror commit overhead (ms, principal) — at severity 10,
// states 1–4, WITH LOG: written to the error log (where SQL Agent alerts and
// sp_readerrorlog find them) and sent to the caller of sp_dbmmonitorupdate.

var alertEvents = map[int]struct {
	number int32
	state  uint8
	name   string
	onRole int // 1 principal, 2 mirror
}{
	1: {32040, 1, "oldest unsent transaction", 1},
	2: {32042, 2, "unsent log", 1},
	3: {32043, 3, "unrestored log", 2},
	4: {32044, 4, "mirror commit overhead", 1},
}

// raisedAlerts returns the events a status row of a database in role (1
// principal, 2 mirror) raises under its thresholds; values[1..4] are the
// row's oldest unsent transaction (minutes), unsent log (KB), unrestored
// log (KB) and average delay (ms).
func raisedAlerts(role int, values [5]int64, settings map[int]alertSetting) []*exec.Error {
	var out []*exec.Error
	for id := 1; id <= 4; id++ {
		a, ok := settings[id]
		ev := alertEvents[id]
		if !ok || !a.enabled || role != ev.onRole || values[id] <= int64(a.threshold) {
			continue
		}
		out = append(out, &exec.Error{Number: ev.number, Severity: 10, State: ev.state,
			Message: fmt.Sprintf("The alert for '%s' has been raised. The current value of '%d' surpasses the threshold '%d'.", ev.name, values[id], a.threshold)})
	}
	return out
}
