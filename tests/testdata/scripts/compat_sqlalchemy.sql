-- SQLAlchemy 1.4's mssql dialect (mssql+pymssql, mssql+pyodbc): the catalog
-- queries it sends on connect and to reflect tables, run by
-- tests/clients/python_test.go through the real drivers.
CREATE TABLE dbo.sa_author (
    id int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    name nvarchar(100) NOT NULL UNIQUE,
    born date NULL,
    created datetime2(3) NULL,
    bio varchar(max) NULL,
    rating float NULL
)
CREATE TABLE dbo.sa_book (
    id int NOT NULL CONSTRAINT PK_sa_book PRIMARY KEY,
    author_id int NOT NULL CONSTRAINT FK_sa_book_author REFERENCES dbo.sa_author (id) ON DELETE CASCADE,
    title nvarchar(200) NOT NULL,
    price decimal(10,2) NULL,
    at datetimeoffset(5) NULL
)
GO
-- every new connection: which sessions DMV exists, then the isolation level
SELECT name FROM sys.system_views WHERE name IN ('dm_exec_sessions', 'dm_pdw_nodes_exec_sessions')
-- expect: name
-- dm_exec_sessions
GO
SELECT s.name AS schema_name, v.type, v.is_ms_shipped FROM sys.system_views AS v JOIN sys.schemas AS s ON s.schema_id = v.schema_id
WHERE v.name IN ('REFERENTIAL_CONSTRAINTS', 'databases')
ORDER BY v.name
-- expect: schema_name | type | is_ms_shipped
-- sys | V  | 1
-- INFORMATION_SCHEMA | V  | 1
GO
SELECT CASE transaction_isolation_level WHEN 2 THEN 'READ COMMITTED' END AS TRANSACTION_ISOLATION_LEVEL
FROM sys.dm_exec_sessions WHERE session_id = @@SPID
-- expect: TRANSACTION_ISOLATION_LEVEL
-- READ COMMITTED
GO
-- get_columns: INFORMATION_SCHEMA.COLUMNS in SQL Server's columns
SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX,
    NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME, DOMAIN_NAME
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'sa_author' ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | CHARACTER_OCTET_LENGTH | NUMERIC_PRECISION | NUMERIC_PRECISION_RADIX | NUMERIC_SCALE | DATETIME_PRECISION | CHARACTER_SET_NAME | COLLATION_NAME | DOMAIN_NAME
-- id | int | NULL | NULL | 10 | 10 | 0 | NULL | NULL | NULL | NULL
-- name | nvarchar | 100 | 200 | NULL | NULL | NULL | NULL | UNICODE | SQL_Latin1_General_CP1_CI_AS | NULL
-- born | date | NULL | NULL | NULL | NULL | NULL | 0 | NULL | NULL | NULL
-- created | datetime2 | NULL | NULL | NULL | NULL | NULL | 3 | NULL | NULL | NULL
-- bio | varchar | -1 | -1 | NULL | NULL | NULL | NULL | iso_1 | SQL_Latin1_General_CP1_CI_AS | NULL
-- rating | float | NULL | NULL | 53 | 2 | NULL | NULL | NULL | NULL | NULL
GO
SELECT [INFORMATION_SCHEMA].[COLUMNS].[COLUMN_NAME], [INFORMATION_SCHEMA].[COLUMNS].[COLLATION_NAME], sys.identity_columns.is_identity,
    CAST(sys.identity_columns.seed_value AS NUMERIC) AS seed_value, CAST(sys.identity_columns.increment_value AS NUMERIC) AS increment_value
FROM [INFORMATION_SCHEMA].[COLUMNS] LEFT OUTER JOIN sys.identity_columns
    ON sys.identity_columns.object_id = object_id([INFORMATION_SCHEMA].[COLUMNS].[TABLE_SCHEMA] + CAST(N'.' AS NVARCHAR(max)) + [INFORMATION_SCHEMA].[COLUMNS].[TABLE_NAME])
    AND sys.identity_columns.name = ([INFORMATION_SCHEMA].[COLUMNS].[COLUMN_NAME] COLLATE DATABASE_DEFAULT)
WHERE [INFORMATION_SCHEMA].[COLUMNS].[TABLE_NAME] = CAST(N'sa_book' AS NVARCHAR(max)) AND [INFORMATION_SCHEMA].[COLUMNS].[TABLE_SCHEMA] = CAST(N'dbo' AS NVARCHAR(max))
ORDER BY [INFORMATION_SCHEMA].[COLUMNS].[ORDINAL_POSITION]
-- expect: COLUMN_NAME | COLLATION_NAME | is_identity | seed_value | increment_value
-- id | NULL | NULL | NULL | NULL
-- author_id | NULL | NULL | NULL | NULL
-- title | SQL_Latin1_General_CP1_CI_AS | NULL | NULL | NULL
-- price | NULL | NULL | NULL | NULL
-- at | NULL | NULL | NULL | NULL
GO
-- get_foreign_keys: a UNION ordered by the first query's qualified columns
WITH fk_info AS (
    SELECT rc.constraint_schema, rc.constraint_name, kcu.ordinal_position, rc.unique_constraint_schema, rc.unique_constraint_name,
        rc.delete_rule, kcu.column_name AS constrained_column
    FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
    INNER JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu ON kcu.table_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
    WHERE kcu.table_name = 'sa_book' AND kcu.table_schema = 'dbo'
),
constraint_info AS (
    SELECT kcu.constraint_schema, kcu.constraint_name, kcu.ordinal_position, kcu.table_name, kcu.column_name
    FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu
)
SELECT fk_info.constraint_schema, fk_info.constraint_name, fk_info.ordinal_position, fk_info.constrained_column,
    constraint_info.table_name AS referred_table_name, fk_info.delete_rule
FROM fk_info INNER JOIN constraint_info ON constraint_info.constraint_schema = fk_info.unique_constraint_schema
    AND constraint_info.constraint_name = fk_info.unique_constraint_name AND constraint_info.ordinal_position = fk_info.ordinal_position
UNION
SELECT fk_info.constraint_schema, fk_info.constraint_name, fk_info.ordinal_position, fk_info.constrained_column, N'none', fk_info.delete_rule
FROM fk_info WHERE 1 = 0
ORDER BY fk_info.constraint_schema, fk_info.constraint_name, fk_info.ordinal_position
-- expect: constraint_schema | constraint_name | ordinal_position | constrained_column | referred_table_name | delete_rule
-- dbo | FK_sa_book_author | 1 | author_id | sa_author | CASCADE
GO
-- ORDER BY over a UNION: a qualifier the first query does not select by is still 4104
SELECT a.id FROM dbo.sa_author AS a UNION SELECT b.id FROM dbo.sa_book AS b ORDER BY b.id
-- error: 4104 The multi-part identifier "b.id" could not be bound.
GO
-- has_sequence / get_sequence_names before CREATE SEQUENCE (a Sequence() default)
SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = CAST(N'sa_seq' AS NVARCHAR(max)) AND SEQUENCE_SCHEMA = CAST(N'dbo' AS NVARCHAR(max))
-- expect: SEQUENCE_NAME
GO
CREATE SEQUENCE dbo.sa_seq AS int START WITH 5 INCREMENT BY 2
GO
SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, NUMERIC_SCALE,
    START_VALUE, INCREMENT, MINIMUM_VALUE, MAXIMUM_VALUE, CYCLE_OPTION, CAST(SQL_VARIANT_PROPERTY(START_VALUE, 'BaseType') AS sysname) AS base
FROM INFORMATION_SCHEMA.SEQUENCES
-- expect: SEQUENCE_SCHEMA | SEQUENCE_NAME | DATA_TYPE | NUMERIC_PRECISION | NUMERIC_PRECISION_RADIX | NUMERIC_SCALE | START_VALUE | INCREMENT | MINIMUM_VALUE | MAXIMUM_VALUE | CYCLE_OPTION | base
-- dbo | sa_seq | int | 10 | 10 | 0 | 5 | 2 | -2147483648 | 2147483647 | 0 | int
GO
-- has_table('#tmp') on a connection with autocommit off: the temporary table
-- was created in the transaction that asks for its id
BEGIN TRANSACTION
CREATE TABLE #sa_tmp (x int)
SELECT CASE WHEN object_id(N'tempdb.dbo.[#sa_tmp]', 'U') IS NOT NULL THEN 1 ELSE 0 END AS found,
    CASE WHEN OBJECT_ID('tempdb..#sa_tmp') = OBJECT_ID('#sa_tmp') THEN 1 ELSE 0 END AS same
ROLLBACK
-- expect: found | same
-- 1 | 1
GO
SELECT CASE WHEN OBJECT_ID('tempdb..#sa_tmp') IS NULL THEN 1 ELSE 0 END AS gone
-- expect: gone
-- 1
GO
-- server_default=func.now() is DEFAULT CURRENT_TIMESTAMP, stored as getdate()
CREATE TABLE dbo.sa_defaults (id int NOT NULL, at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, who sysname NULL DEFAULT CURRENT_USER,
    login sysname NULL DEFAULT SYSTEM_USER, g uniqueidentifier NULL DEFAULT NEWID())
GO
SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'sa_defaults' AND COLUMN_DEFAULT IS NOT NULL ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | COLUMN_DEFAULT
-- at | (getdate())
-- who | (user_name())
-- login | (suser_sname())
-- g | (newid())
GO
SELECT c.name, d.definition FROM sys.default_constraints AS d JOIN sys.columns AS c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id
WHERE d.parent_object_id = OBJECT_ID('dbo.sa_defaults') ORDER BY c.column_id
-- expect: name | definition
-- at | (getdate())
-- who | (user_name())
-- login | (suser_sname())
-- g | (newid())
GO
