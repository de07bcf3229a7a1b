// Package tds implements the server side of the Tabular Data Stream protocol,
// version 7.4 (plus TDS 8 strict encryption), as spoken by go-mssqldb, FreeTDS and
// tedious. Section numbers in comments refer to the [MS-TDS] open specification on
// learn.microsoft.com (2024 revisions); client facts to
// /work/shared/reference/tds-clients.md ("tds-clients.md §n").
//
// The package is a leaf: it imports nothing from this module and knows nothing of
// SQL. It frames packets (packet.go), negotiates PRELOGIN and TLS (prelogin.go,
// tls.go), decodes LOGIN7, SQLBatch, RPC, transaction-manager, bulk load and
// attention requests (login7.go, batch.go, rpc.go, tm.go, bulkload.go; bulk load
// reaches Sessions implementing BulkLoader), encodes the response token stream
// (token_*.go) and the type system (typeinfo.go, value_*.go, and field.go for
// unboxed result rows), and runs the per-connection loop (server.go, conn.go,
// attention.go) that hands decoded requests to a Handler (handler.go).
//
// Down-level clients (TDS 7.1-7.3, e.g. FreeTDS TDSVER=7.1, tedious 7_3_A) are
// answered with the version they asked for (version.go), and their requests and
// results use that version's formats: no ALL_HEADERS and 4-byte DONE row counts
// before 7.2, date/time columns as nvarchar before 7.3, (max) columns as
// TEXT/NTEXT/IMAGE before 7.2 (downlevel.go). Sessions always speak 7.4 types.
//
// The layer above ends a connection with LoginRequest.Disconnect (KILL,
// mirroring failover); it is safe from any goroutine.
//
// Value model shared by result rows and RPC parameters:
//
//	nil                NULL (any type)
//	bool               bit
//	int64              tinyint, smallint, int, bigint
//	float64            real, float
//	Decimal            decimal, numeric, money, smallmoney
//	Variant            sql_variant (nil = NULL)
//	string             char, varchar, nchar, nvarchar (incl. max); text, ntext parameters
//	[]byte             binary, varbinary (incl. max), image parameters, uniqueidentifier (16 bytes, wire order)
//	time.Time          date, time, datetime, smalldatetime, datetime2, datetimeoffset
//
// Encoders also accept the other Go integer and float kinds and a few
// conversions listed in value_encode.go.
package tds
