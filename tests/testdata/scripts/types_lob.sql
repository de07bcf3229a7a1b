-- Deprecated LOB types (text, ntext, image), xml kept as text, sql_variant.
-- Written from SQL Server's documentation; see catalog/types/lob.go and
-- variant.go for the deliberate simplifications.
SELECT CAST('hello' AS text) AS t, CAST(N'wörld' AS ntext) AS nt, CAST(0x0102 AS image) AS i
-- expect: t | nt | i
-- hello | wörld | 0x0102
GO
SELECT CONVERT(xml, N'<a b="1">x</a>') AS x
-- expect: x
-- <a b="1">x</a>
GO
CREATE TABLE lobs (id int PRIMARY KEY, t text NULL, nt ntext NULL, i image NULL, x xml NULL)
INSERT INTO lobs VALUES (1, 'abc', N'déf', 0xFF00, '<r/>'), (2, NULL, NULL, NULL, NULL)
GO
SELECT id, t, nt, i, x FROM lobs ORDER BY id
-- expect: id | t | nt | i | x
-- 1 | abc | déf | 0xFF00 | <r/>
-- 2 | NULL | NULL | NULL | NULL
GO
SELECT CAST(t AS varchar(10)) AS v, DATALENGTH(nt) AS dl FROM lobs WHERE id = 1
-- expect: v | dl
-- abc | 6
GO
SELECT name, TYPE_NAME(system_type_id) AS ty, max_length FROM sys.columns WHERE object_id = OBJECT_ID('lobs') AND column_id > 1 ORDER BY column_id
-- expect: name | ty | max_length
-- t | text | 16
-- nt | ntext | 16
-- i | image | 16
-- x | xml | -1
GO
SELECT CAST(1 AS text(10))
-- error: 2716 Column, parameter, or variable #1: Cannot specify a column width on data type text.
GO
DECLARE @v sql_variant = 42
SELECT @v AS v, SQL_VARIANT_PROPERTY(@v, 'BaseType') AS bt, SQL_VARIANT_PROPERTY(@v, 'MaxLength') AS ml
-- expect: v | bt | ml
-- 42 | int | 4
GO
DECLARE @d sql_variant = CAST(12.345 AS decimal(10, 3))
SELECT SQL_VARIANT_PROPERTY(@d, 'BaseType') AS bt, SQL_VARIANT_PROPERTY(@d, 'Precision') AS p, SQL_VARIANT_PROPERTY(@d, 'Scale') AS s
-- expect: bt | p | s
-- decimal | 10 | 3
GO
DECLARE @n sql_variant
SELECT @n AS n, SQL_VARIANT_PROPERTY(@n, 'BaseType') AS bt
-- expect: n | bt
-- NULL | NULL
GO
-- Each value is cast to sql_variant: a multi-row VALUES first gives the
-- column its rows' highest-precedence type (float here, so N'seven' fails
-- with 8114 and 7 would be stored as a float), as UNION ALL does.
CREATE TABLE vars (id int PRIMARY KEY, v sql_variant NULL)
INSERT INTO vars VALUES (1, CAST(7 AS sql_variant)), (2, CAST(N'seven' AS sql_variant)), (3, CAST(CAST(0x0A AS varbinary(4)) AS sql_variant)), (4, NULL), (5, CAST(CAST(1.5 AS float) AS sql_variant))
GO
INSERT INTO vars VALUES (6, 7), (7, N'seven'), (8, CAST(1.5 AS float))
-- error: 8114 Error converting data type nvarchar to float.
GO
SELECT id, v, SQL_VARIANT_PROPERTY(v, 'BaseType') AS bt FROM vars ORDER BY id
-- expect: id | v | bt
-- 1 | 7 | int
-- 2 | seven | nvarchar
-- 3 | 0x0A | varbinary
-- 4 | NULL | NULL
-- 5 | 1.5 | float
GO
SELECT CAST(v AS int) + 1 AS n FROM vars WHERE id = 1
-- expect: n
-- 8
GO
-- Cases from go-mssqldb's integration suite (docs/go-mssqldb-suite.md).
CREATE TABLE #bad (bad int NULL PRIMARY KEY)
-- error: 8111 Cannot define PRIMARY KEY constraint on nullable column in table '#bad'.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
SELECT * FROM nodb.dbo.nosuch
-- error: 208 Invalid object name 'nodb.dbo.nosuch'.
GO
SET FMTONLY ON
SELECT id, t FROM lobs
SET FMTONLY OFF
-- expect: id | t
GO
SELECT COUNT(*) AS n FROM lobs
-- expect: n
-- 2
GO
-- Under FMTONLY no row is processed: data-modifying statements change nothing.
SET FMTONLY ON
INSERT lobs (id) VALUES (100)
DELETE lobs
UPDATE lobs SET id = id + 1000
TRUNCATE TABLE lobs
SET FMTONLY OFF
SELECT COUNT(*) AS n, MAX(id) AS hi FROM lobs
-- expect: n | hi
-- 2 | 2
GO
SELECT CAST('2025-01-01T00:00:00.003Z' AS datetime) AS d
-- expect: d
-- 2025-01-01 00:00:00.003
GO
SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END AS has FROM sys.system_columns WHERE name = N'schema_id'
-- expect: has
-- 1
GO
SELECT COUNT(*) AS n FROM sys.dm_tran_session_transactions
-- expect: n
-- 0
GO
BEGIN TRANSACTION
SELECT COUNT(*) AS n, MIN(open_transaction_count) AS c FROM sys.dm_tran_session_transactions WHERE session_id = @@SPID
ROLLBACK
-- expect: n | c
-- 1 | 1
GO
SELECT COUNT(*) AS n FROM ..lobs
-- expect: n
-- 2
GO
SELECT CAST(CAST(N'Алло' AS nvarchar(max)) COLLATE Cyrillic_General_CI_AI AS varchar(max)) AS cyr,
       CAST(N'Алло' AS varchar(10)) AS latin,
       CAST(N'Γεια' COLLATE Greek_CI_AI AS varchar(10)) AS greek,
       CAST(N'Γεια' COLLATE Thai_CI_AI AS varchar(10)) AS thai
-- expect: cyr | latin | greek | thai
-- Алло | ???? | Γεια | ????
GO
SELECT CAST(N'x' COLLATE Klingon_CI_AI AS varchar(10))
-- error: 448 Invalid collation 'Klingon_CI_AI'.
GO
