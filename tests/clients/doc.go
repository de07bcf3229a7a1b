// Package clients holds end-to-end compatibility tests that start a real
// `mirrorsql serve` process and drive it with independent client programs:
// `mirrorsql sqlcmd` (go-mssqldb), FreeTDS (tsql, bsqldb, fisql, and isql over
// the FreeTDS ODBC driver) and Node.js tedious/mssql and the ORMs built on
// them, Sequelize, TypeORM and Knex (tests/clients/node), and Java (jTDS), PHP
// (PDO_DBLIB) and Perl (DBD::Sybase) programs under testdata.
//
// Each test skips with a message naming the missing package when its client is
// not installed, so `go test ./...` passes on a bare machine; .ci/run installs
// the clients. The package has no non-test code besides this comment.
package clients
