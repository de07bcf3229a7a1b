package exec

import (
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_exec_procedure_stats: one entry per stored procedure executed
// (EXEC of a user procedure), with the time its calls took. Keyed by
// database and object id; bounded like the statement table (querystats.go),
// though a server has far fewer procedures than statements.

const procStatsEntries = 2048

type procKey struct{ db, obj int32 }

type procStat struct {
	key              procKey
	textHash         uint64
	created, lastRun time.Time
	count            int64
	worker, elapsed  qsMeasure
}

type procStatsTable struct {
	mu sync.Mutex
	m  map[procKey]*procStat
}

// beginProcStat starts measuring a call of p in db; the returned function
// records it.
func (s *Session) beginProcStat(db Database, p *catalog.Procedure) func() {
	q := s.beginQueryStat()
	return func() {
		elapsed, worker := q.finish(s, clockNow())
		k := procKey{db.ID(), p.ID}
		procStats := &s.qstats.procs
		procStats.mu.Lock()
		defer procStats.mu.Unlock()
		if procStats.m == nil {
			procStats.m = map[procKey]*procStat{}
		}
		e := procStats.m[k]
		if e == nil {
			if len(procStats.m) >= procStatsEntries {
				for k := range procStats.m { // an arbitrary one: procedures are few
					delete(procStats.m, k)
					break
				}
			}
			e = &procStat{key: k, created: q.at}
			procStats.m[k] = e
		}
		e.textHash = textHashOf(p.Text)
		first := e.count == 0
		e.count++
		e.lastRun = q.at
		e.worker.add(worker.Microseconds(), first)
		e.elapsed.add(elapsed.Microseconds(), first)
	}
}

// ProcedureStatsRows are sys.dm_exec_procedure_stats' rows, in the columns
// the engine declares (database_id … last/min/max of nine measures).
func ProcedureStatsRows(s *Session) []Row {
	procStats := &s.qstats.procs
	procStats.mu.Lock()
	stats := make([]procStat, 0, len(procStats.m))
	for _, e := range procStats.m {
		stats = append(stats, *e)
	}
	procStats.mu.Unlock()
	b := func(n int64) types.Value { return types.NewBigInt(n) }
	var out []Row
	for _, e := range stats {
		row := Row{types.NewInt(e.key.db), types.NewInt(e.key.obj), types.NewString(types.Char, "P "), types.NewNVarChar("SQL_STORED_PROCEDURE"),
			types.NewVarBinary(textSQLHandle(e.textHash)), types.NewVarBinary(textPlanHandle(e.textHash, e.key.obj)),
			dt(e.created), dt(e.lastRun), b(e.count)}
		for i := range 9 {
			m := qsMeasure{}
			switch i {
			case 0:
				m = e.worker
			case 4:
				m = e.elapsed
			}
			row = append(row, b(m.total), b(m.last), b(m.min), b(m.max))
		}
		out = append(out, row)
	}
	return out
}
