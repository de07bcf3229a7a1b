// Package bench holds the side-by-side benchmark of tsql against
// github.com/xwb1989/sqlparser (a MySQL-dialect parser from vitess) on
// plain SELECT/INSERT/UPDATE/DELETE statements that both accept. The
// comparison lives only in this package's tests, so sqlparser is never
// linked into the server. Results: docs/benchmarks-tsql.md.
package bench
