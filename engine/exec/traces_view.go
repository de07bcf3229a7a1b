package exec

import "github.com/mirrorsql/mirrorsql/catalog/types"

// sys.traces: the server has no SQL Trace (neither the default trace nor
// sp_trace_create), so the view is empty, with SQL Server's columns.
// sp_Blitz reads it for the default trace's file; finding no row there is
// what it handles on a server whose default trace is off.
func init() {
	systemViews["sys.traces"] = &virtualTable{
		cols: []vcol{{"id", vInt}, {"status", vInt}, {"path", types.NVarCharType(260)}, {"max_size", vBigInt},
			{"stop_time", vDateTime}, {"max_files", vInt}, {"is_rowset", vBit}, {"is_rollover", vBit}, {"is_shutdown", vBit},
			{"is_default", vBit}, {"buffer_count", vInt}, {"buffer_size", vInt}, {"file_position", vBigInt},
			{"reader_spid", vInt}, {"start_time", vDateTime}, {"last_event_time", vDateTime}, {"event_count", vBigInt},
			{"dropped_event_count", vInt}},
		rows: func(*Session, Database) ([]Row, error) { return nil, nil },
	}
}
