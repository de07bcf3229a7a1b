// Package types is mirrorsql's SQL Server type system: type descriptors
// ([Type]), values ([Value]), CAST/CONVERT ([Convert]), operators with SQL
// Server's result-type rules ([Add], [Sub], [Mul], [Div], [Mod], ...),
// collation-aware comparison ([Compare]), order-preserving index keys
// ([EncodeKey]) and the stored row format ([EncodeRow], [DecodeRow]).
//
// It is a leaf package: it imports only the standard library,
// golang.org/x/text, github.com/cockroachdb/apd/v3 and github.com/google/uuid.
//
// Errors a client may see are *[Error] values carrying SQL Server's number,
// severity, state and exact message text (see errors.go and
// docs/conventions.md). Functions never panic on bad input.
//
// Concurrency: every function is safe for concurrent use; [Value] and [Type]
// are immutable values.
package types
