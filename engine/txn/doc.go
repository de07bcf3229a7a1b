// Package txn is the transaction layer's bookkeeping: a lock manager with SQL
// Server's lock modes, FIFO waiting, lock timeouts (error 1222) and deadlock
// detection (error 1205), plus the small types the executor keeps per transaction:
// transaction ids, isolation levels, @@TRANCOUNT nesting with savepoints and
// XACT_STATE.
//
// It is a leaf package (standard library only). SQL Server's defaults are the
// model: READ COMMITTED with locking, blocking rather than failing, a victim chosen
// when transactions deadlock (design.md "Transactions").
package txn
