// Package token defines the lexical tokens of T-SQL, the table of reserved
// words and source positions. It is shared by the lexer, the parser and the
// AST of package tsql.
//
// Only SQL Server's reserved keywords (Transact-SQL reference, "Reserved
// Keywords") are token kinds. Every other word, including words the grammar
// treats specially such as PARTNER, WITNESS, SAFETY, TRY or OFFSET, is an
// IDENT and the parser matches it by spelling, so it stays usable as a name.
package token

// Kind is the lexical class of a token.
type Kind uint8

// Token kinds.
const (
	ILLEGAL Kind = iota
	EOF

	literalBeg
	IDENT    // name, [name], "name", #temp, ##global
	VARIABLE // @name
	SYSVAR   // @@name
	INT      // 42
	DECIMAL  // 4.2
	FLOAT    // 4.2e1
	MONEY    // $4.20
	STRING   // 'text'
	NSTRING  // N'text'
	BINARY   // 0x1F
	literalEnd

	operatorBeg
	PLUS      // +
	MINUS     // -
	STAR      // *
	SLASH     // /
	PERCENTOP // %
	AMP       // &
	PIPE      // |
	CARET     // ^
	TILDE     // ~
	EQ        // =
	NE        // <> or !=
	LT        // <
	LE        // <=
	GT        // >
	GE        // >=
	NLT       // !<
	NGT       // !>
	PLUSEQ    // +=
	MINUSEQ   // -=
	STAREQ    // *=
	SLASHEQ   // /=
	PERCENTEQ // %=
	AMPEQ     // &=
	PIPEEQ    // |=
	CARETEQ   // ^=
	LPAREN    // (
	RPAREN    // )
	COMMA     // ,
	DOT       // .
	SEMICOLON // ;
	COLON     // :
	COLONCOLON
	SHL // << (SQL Server 2022)
	SHR // >>
	operatorEnd

	keywordBeg
	ADD
	ALL
	ALTER
	AND
	ANY
	AS
	ASC
	AUTHORIZATION
	BACKUP
	BEGIN
	BETWEEN
	BREAK
	BROWSE
	BULK
	BY
	CASCADE
	CASE
	CHECK
	CHECKPOINT
	CLOSE
	CLUSTERED
	COALESCE
	COLLATE
	COLUMN
	COMMIT
	COMPUTE
	CONSTRAINT
	CONTAINS
	CONTAINSTABLE
	CONTINUE
	CONVERT
	CREATE
	CROSS
	CURRENT
	CURRENT_DATE
	CURRENT_TIME
	CURRENT_TIMESTAMP
	CURRENT_USER
	CURSOR
	DATABASE
	DBCC
	DEALLOCATE
	DECLARE
	DEFAULT
	DELETE
	DENY
	DESC
	DISK
	DISTINCT
	DISTRIBUTED
	DOUBLE
	DROP
	DUMP
	ELSE
	END
	ERRLVL
	ESCAPE
	EXCEPT
	EXEC
	EXECUTE
	EXISTS
	EXIT
	EXTERNAL
	FETCH
	FILE
	FILLFACTOR
	FOR
	FOREIGN
	FREETEXT
	FREETEXTTABLE
	FROM
	FULL
	FUNCTION
	GOTO
	GRANT
	GROUP
	HAVING
	HOLDLOCK
	IDENTITY
	IDENTITY_INSERT
	IDENTITYCOL
	IF
	IN
	INDEX
	INNER
	INSERT
	INTERSECT
	INTO
	IS
	JOIN
	KEY
	KILL
	LEFT
	LIKE
	LINENO
	LOAD
	MERGE
	NATIONAL
	NOCHECK
	NONCLUSTERED
	NOT
	NULL
	NULLIF
	OF
	OFF
	OFFSETS
	ON
	OPEN
	OPENDATASOURCE
	OPENQUERY
	OPENROWSET
	OPENXML
	OPTION
	OR
	ORDER
	OUTER
	OVER
	PERCENT
	PIVOT
	PLAN
	PRECISION
	PRIMARY
	PRINT
	PROC
	PROCEDURE
	PUBLIC
	RAISERROR
	READ
	READTEXT
	RECONFIGURE
	REFERENCES
	REPLICATION
	RESTORE
	RESTRICT
	RETURN
	REVERT
	REVOKE
	RIGHT
	ROLLBACK
	ROWCOUNT
	ROWGUIDCOL
	RULE
	SAVE
	SCHEMA
	SECURITYAUDIT
	SELECT
	SEMANTICKEYPHRASETABLE
	SEMANTICSIMILARITYDETAILSTABLE
	SEMANTICSIMILARITYTABLE
	SESSION_USER
	SET
	SETUSER
	SHUTDOWN
	SOME
	STATISTICS
	SYSTEM_USER
	TABLE
	TABLESAMPLE
	TEXTSIZE
	THEN
	TO
	TOP
	TRAN
	TRANSACTION
	TRIGGER
	TRUNCATE
	TRY_CONVERT
	TSEQUAL
	UNION
	UNIQUE
	UNPIVOT
	UPDATE
	UPDATETEXT
	USE
	USER
	VALUES
	VARYING
	VIEW
	WAITFOR
	WHEN
	WHERE
	WHILE
	WITH
	WRITETEXT
	keywordEnd
)

var operators = [...]string{
	PLUS: "+", MINUS: "-", STAR: "*", SLASH: "/", PERCENTOP: "%", AMP: "&",
	PIPE: "|", CARET: "^", TILDE: "~", EQ: "=", NE: "<>", LT: "<", LE: "<=",
	GT: ">", GE: ">=", NLT: "!<", NGT: "!>", PLUSEQ: "+=", MINUSEQ: "-=",
	STAREQ: "*=", SLASHEQ: "/=", PERCENTEQ: "%=", AMPEQ: "&=", PIPEEQ: "|=",
	CARETEQ: "^=", LPAREN: "(", RPAREN: ")", COMMA: ",", DOT: ".",
	SEMICOLON: ";", COLON: ":", COLONCOLON: "::", SHL: "<<", SHR: ">>",
}

var otherNames = [...]string{
	ILLEGAL: "ILLEGAL", EOF: "EOF", IDENT: "IDENT", VARIABLE: "VARIABLE",
	SYSVAR: "SYSVAR", INT: "INT", DECIMAL: "DECIMAL", FLOAT: "FLOAT",
	MONEY: "MONEY", STRING: "STRING", NSTRING: "NSTRING", BINARY: "BINARY",
}

// keywordText is filled by init from reservedWords, in Kind order.
var keywordText [keywordEnd - keywordBeg]string

// keywords maps an upper-case reserved word to its kind.
var keywords map[string]Kind

func init() {
	keywords = make(map[string]Kind, len(reservedWords))
	for i, w := range reservedWords {
		k := keywordBeg + 1 + Kind(i)
		keywordText[k-keywordBeg] = w
		keywords[w] = k
	}
	if keywordBeg+1+Kind(len(reservedWords)) != keywordEnd {
		panic("token: reservedWords out of step with the keyword kinds")
	}
}

// String returns the token's source spelling for operators and reserved
// words (upper case), and a class name for the others.
func (k Kind) String() string {
	switch {
	case k > keywordBeg && k < keywordEnd:
		return keywordText[k-keywordBeg]
	case k > operatorBeg && k < operatorEnd:
		return operators[k]
	case int(k) < len(otherNames) && otherNames[k] != "":
		return otherNames[k]
	}
	return "Kind(?)"
}

// IsKeyword reports whether k is a reserved word.
func (k Kind) IsKeyword() bool { return k > keywordBeg && k < keywordEnd }

// IsLiteral reports whether k is a name, variable or constant.
func (k Kind) IsLiteral() bool { return k > literalBeg && k < literalEnd }

// IsOperator reports whether k is an operator or punctuation.
func (k Kind) IsOperator() bool { return k > operatorBeg && k < operatorEnd }

// Lookup returns the keyword kind of word (any case), or IDENT when word is
// not reserved.
func Lookup(word string) Kind {
	if len(word) > 30 || len(word) < 2 {
		return IDENT
	}
	var buf [30]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	if k, ok := keywords[string(buf[:len(word)])]; ok {
		return k
	}
	return IDENT
}

// IsReserved reports whether word (any case) is a reserved word; such names
// must be bracketed when printed as identifiers.
func IsReserved(word string) bool { return Lookup(word) != IDENT }
