// Package storage is a database's page store: rows and index entries kept in badger
// (the only package in mirrorsql that imports badger), plus the in-memory write set a
// transaction reads through before it commits.
//
// # Key space
//
// Every key is a 4-byte big-endian object id (a table or index id) followed by the
// caller's order-preserving key bytes (catalog/types produces memcomparable keys;
// storage treats them as opaque bytes). Object id 0 is reserved for storage's own
// metadata and object id 0xFFFFFFFF is reserved so that every object has a successor
// prefix; both are rejected with ErrInvalidObject.
//
// # Versions are LSNs
//
// The database is opened in badger's managed mode and every write is committed at the
// LSN of the log record (normally the commit record) that produced it. A read "as of
// LSN n" is a badger read at timestamp n: it sees exactly the batches applied at LSNs
// <= n. Re-applying a batch at the same LSN writes identical versions, so redo after a
// crash, and redo on a mirror, are idempotent.
//
// # Caller's contract (the log is the truth)
//
//   - A batch reaches Apply only after the log record it comes from is durable in the
//     log (design.md "The log is the truth"). Storage never writes uncommitted data;
//     uncommitted changes live in the transaction's WriteSet.
//   - Apply is called in ascending LSN order for AppliedLSN to be a redo point; a batch
//     at an LSN below AppliedLSN is written (idempotently) but does not move it.
//   - Sync must return before a checkpoint LSN is advanced past AppliedLSN: badger runs
//     with SyncWrites=false and our log, not badger's, is the durability point
//     (style.md principle 12).
//   - A writer keeps its locks until its batch has been applied, so no other session
//     reads the rows between commit and apply.
package storage
