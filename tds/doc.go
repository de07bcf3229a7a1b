// Package tds implements the server side of the Tabular Data Stream protocol,
// version 7.4 ([MS-TDS] revision 36.0, 2024), as spoken by go-mssqldb, FreeTDS and
// tedious.
//
// The package is a leaf: it imports nothing from this module and knows nothing of
// SQL. It frames packets (packet.go), negotiates PRELOGIN and TLS (prelogin.go,
// tls.go), decodes LOGIN7, SQLBatch, RPC, transaction-manager and attention
// requests (login7.go, batch.go, rpc.go, tm.go), encodes the response token stream
// (token_*.go) and the type system (typeinfo.go, value_*.go), and runs the
// per-connection loop (server.go, conn.go) that hands decoded requests to a
// Handler (handler.go).
//
// Value model shared by result rows and RPC parameters:
//
//	nil                NULL (any type)
//	bool               bit
//	int64              tinyint, smallint, int, bigint
//	float64            real, float
//	Decimal            decimal, numeric, money, smallmoney
//	string             char, varchar, nchar, nvarchar (incl. max)
//	[]byte             binary, varbinary (incl. max), uniqueidentifier (16 bytes, wire order)
//	time.Time          date, time, datetime, smalldatetime, datetime2, datetimeoffset
//
// Encoders also accept int, int32, int16, int8, uint8, uint16, uint32, float32 and
// fmt.Stringer-free conversions listed in value_encode.go.
package tds
