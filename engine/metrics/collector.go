// Package metrics exports the instance's performance counters to Prometheus:
// the figures sys.dm_os_performance_counters shows DBAs, read from the same
// place (engine.Instance.Counters), named as Prometheus names things —
// counters end in _total, sizes are bytes, times seconds — plus
// client_golang's Go runtime and process collectors.
//
// Nothing is counted here: a scrape reads the engine's counters once and
// turns them into constant metrics, so the commit path carries no
// Prometheus bookkeeping at all and a scrape costs what a SELECT from
// sys.dm_os_performance_counters costs, without its data-file walk.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mirrorsql/mirrorsql/engine"
)

// Source is what the collector reads on each scrape; *engine.Instance is
// one. Counters must be safe to call from the HTTP server's goroutines.
type Source interface {
	Counters() engine.Counters
}

const namespace = "mirrorsql"

// Mirroring roles and states, as sys.database_mirroring names them
// (mirroring_role_desc, mirroring_state_desc): the label values of the
// role and state gauges. Every one is exported, 1 for the current and 0
// for the others, so that an alert on a state needs no absent().
var (
	roles  = []string{"PRINCIPAL", "MIRROR"}
	states = []string{"SUSPENDED", "DISCONNECTED", "SYNCHRONIZING", "PENDING_FAILOVER", "SYNCHRONIZED"}
)

func desc(subsystem, name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(prometheus.BuildFQName(namespace, subsystem, name), help, labels, nil)
}

// The metrics, each with the performance counter it exports.
var (
	dbTransactions = desc("database", "transactions_total",
		`Write transactions the database was asked to commit ("Transactions/sec" of SQLServer:Databases).`, "database")
	dbLogFlushes = desc("database", "log_flushes_total",
		`Log flushes, each one write made durable ("Log Flushes/sec" of SQLServer:Databases).`, "database")
	dbLogFlushedBytes = desc("database", "log_flushed_bytes_total",
		`Bytes of log made durable ("Log Bytes Flushed/sec" of SQLServer:Databases).`, "database")
	dbLogSize = desc("database", "log_size_bytes",
		`Size of the retained log ("Log File(s) Size (KB)" of SQLServer:Databases).`, "database")
	dbLogUsed = desc("database", "log_used_bytes",
		`Part of the retained log still needed ("Log File(s) Used Size (KB)" of SQLServer:Databases).`, "database")

	mirrorRole = desc("mirroring", "role",
		"1 for the database's current mirroring role (sys.database_mirroring.mirroring_role_desc), 0 for the other.", "database", "role")
	mirrorState = desc("mirroring", "state",
		"1 for the database's current mirroring state (sys.database_mirroring.mirroring_state_desc), 0 for the others.", "database", "state")
	mirrorSendQueue = desc("mirroring", "log_send_queue_bytes",
		`Principal: log not yet hardened on the mirror ("Log Send Queue KB" of SQLServer:Database Mirroring).`, "database")
	mirrorRedoQueue = desc("mirroring", "redo_queue_bytes",
		`Mirror: log hardened but not yet redone ("Redo Queue KB" of SQLServer:Database Mirroring).`, "database")
	mirrorSent = desc("mirroring", "log_sent_bytes_total",
		`Principal only: log the mirror has hardened, a log position that grows by the bytes sent ("Log Bytes Sent/sec").`, "database")
	mirrorReceived = desc("mirroring", "log_received_bytes_total",
		`Mirror only: log received and hardened, a log position that grows by the bytes received ("Log Bytes Received/sec").`, "database")
	mirrorRedone = desc("mirroring", "log_redone_bytes_total",
		`Mirror only: log redone, a log position that grows by the bytes redone ("Redo Bytes/sec").`, "database")
	mirrorWriteTransactions = desc("mirroring", "write_transactions_total",
		`Principal only: commits that waited for the mirror to harden their log, SAFETY FULL ("Mirrored Write Transactions/sec").`, "database")
	mirrorTransactionDelay = desc("mirroring", "transaction_delay_seconds_total",
		`Principal only: total time commits waited for the mirror ("Transaction Delay"); divided by write_transactions_total, the delay one commit pays.`, "database")
	mirrorHardenTime = desc("mirroring", "log_harden_seconds",
		`Principal: average wait of one commit for the mirror over the last status tick ("Log Harden Time (ms)").`, "database")

	lockWaits = desc("", "lock_waits_total",
		`Lock requests that had to wait ("Lock Waits/sec" of SQLServer:Locks).`)
	lockWaitTime = desc("", "lock_wait_seconds_total",
		`Total time lock requests waited ("Lock Wait Time (ms)" of SQLServer:Locks).`)
	deadlocks = desc("", "deadlocks_total",
		`Deadlock victims chosen, each one an error 1205 ("Number of Deadlocks/sec" of SQLServer:Locks).`)
	userConnections = desc("", "user_connections",
		`Sessions open ("User Connections" of SQLServer:General Statistics).`)
)

var allDescs = []*prometheus.Desc{dbTransactions, dbLogFlushes, dbLogFlushedBytes, dbLogSize, dbLogUsed,
	mirrorRole, mirrorState, mirrorSendQueue, mirrorRedoQueue, mirrorSent, mirrorReceived, mirrorRedone,
	mirrorWriteTransactions, mirrorTransactionDelay, mirrorHardenTime, lockWaits, lockWaitTime, deadlocks, userConnections}

// Collector is a prometheus.Collector over a Source.
type Collector struct{ src Source }

// NewCollector returns a collector that reads src on every scrape.
func NewCollector(src Source) *Collector { return &Collector{src: src} }

// Describe sends every metric's description (the set is fixed).
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range allDescs {
		ch <- d
	}
}

// Collect reads the source once and sends its figures.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	cs := c.src.Counters()
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- constMetric(d, prometheus.CounterValue, v, labels)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- constMetric(d, prometheus.GaugeValue, v, labels)
	}
	for _, db := range cs.Databases {
		counter(dbTransactions, float64(db.Transactions), db.Name)
		counter(dbLogFlushes, float64(db.LogFlushes), db.Name)
		counter(dbLogFlushedBytes, float64(db.LogFlushedBytes), db.Name)
		gauge(dbLogSize, float64(db.LogSizeBytes), db.Name)
		gauge(dbLogUsed, float64(db.LogUsedBytes), db.Name)
		m := db.Mirroring
		if m == nil {
			continue
		}
		oneOf(gauge, mirrorRole, db.Name, roles, m.RoleDesc)
		oneOf(gauge, mirrorState, db.Name, states, m.StateDesc)
		gauge(mirrorSendQueue, float64(m.SendQueueBytes), db.Name)
		gauge(mirrorRedoQueue, float64(m.RedoQueueBytes), db.Name)
		gauge(mirrorHardenTime, m.AverageHardenTime.Seconds(), db.Name)
		// The counters of one role only, and only in that role. They are log
		// positions and the session's own tallies, so a partner that becomes
		// principal would jump from 0 to the whole log: a series that starts
		// there instead is one rate() does not read as a burst.
		if m.Role == 1 {
			counter(mirrorSent, float64(m.SentBytes), db.Name)
			counter(mirrorWriteTransactions, float64(m.MirroredTransactions), db.Name)
			counter(mirrorTransactionDelay, m.TransactionDelay.Seconds(), db.Name)
		} else {
			counter(mirrorReceived, float64(m.ReceivedBytes), db.Name)
			counter(mirrorRedone, float64(m.RedoneBytes), db.Name)
		}
	}
	counter(lockWaits, float64(cs.LockWaits))
	counter(lockWaitTime, cs.LockWaitTime.Seconds())
	counter(deadlocks, float64(cs.Deadlocks))
	gauge(userConnections, float64(cs.UserConnections))
}

// constMetric is prometheus.MustNewConstMetric without the panic: Collect
// runs on a goroutine of the registry's, where a panic (a label value that
// is not valid UTF-8) would end the process; an invalid metric instead
// fails that one series of the scrape, which the handler logs.
func constMetric(d *prometheus.Desc, t prometheus.ValueType, v float64, labels []string) prometheus.Metric {
	m, err := prometheus.NewConstMetric(d, t, v, labels...)
	if err != nil {
		return prometheus.NewInvalidMetric(d, err)
	}
	return m
}

// oneOf sends a state-set gauge: 1 for current, 0 for every other known
// value; a current value not in known (a state added later) is sent too,
// so the current one always reads 1.
func oneOf(gauge func(*prometheus.Desc, float64, ...string), d *prometheus.Desc, db string, known []string, current string) {
	found := false
	for _, v := range known {
		x := 0.0
		if v == current {
			x, found = 1, true
		}
		gauge(d, x, db, v)
	}
	if !found && current != "" {
		gauge(d, 1, db, current)
	}
}
