// Package types is mirrorsql's SQL Server type system: type descriptors
// ([Type], [ParseTypeName]), values ([Value]), CAST/CONVERT ([Convert],
// [ImplicitConvert]), operators with SQL Server's result-type rules
// ([Arith], [ResultType], [DecimalResultType], [Negate], [BitNot]),
// collation-aware comparison ([Compare], [CompareBool3], [CompareStrings],
// [AppendCollationKey]), order-preserving index keys ([EncodeKey]) and the
// stored row format ([EncodeRow], [DecodeRow]). Scalar built-in functions
// live in the sub-package funcs.
//
// It is a leaf package: it imports only the standard library,
// golang.org/x/text, github.com/cockroachdb/apd/v3 and github.com/google/uuid.
//
// Errors a client may see are *[Error] values carrying SQL Server's number,
// severity, state and exact message text (errors.go; docs/conventions.md).
// Functions never panic on bad input; decoders of stored bytes return
// errors wrapping [ErrCorruptRow].
//
// Concurrency: every function is safe for concurrent use; [Value] and
// [Type] are immutable values passed by value.
//
// Behaviour follows the SQL Server documentation pages, cited by title:
// "Data type precedence (Transact-SQL)" (TypeID.Precedence), "Data type
// conversion (Database Engine)" (CanConvertImplicit/Explicit), "CAST and
// CONVERT (Transact-SQL)" (styles, truncation, rounding), "Precision,
// scale, and length (Transact-SQL)" (DecimalResultType), "datetime
// (Transact-SQL)" (1/300 s rounding), "smalldatetime (Transact-SQL)",
// "datetime2 / datetimeoffset / time (Transact-SQL)", "Collation and
// Unicode support" and "SET DATEFORMAT (Transact-SQL)".
//
// Known simplifications: varchar values are held as UTF-8 (characters
// outside code page 1252 become '?' when converted from nvarchar, as in
// SQL Server); SQL_* collations sort with the Unicode Collation Algorithm
// like their Windows counterparts (SQL Server's SQL sort orders differ for
// some punctuation); binary ↔ decimal/float/date conversions are not
// supported.
package types
