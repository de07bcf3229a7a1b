-- User-defined types: alias types (CREATE TYPE … FROM) stand for their base
-- type in columns, variables and parameters; table types (CREATE TYPE … AS
-- TABLE) shape table variables and READONLY table-valued parameters.
CREATE TYPE dbo.Phone FROM varchar(20) NOT NULL
CREATE TYPE Code FROM nchar(3) NULL
CREATE TYPE dbo.IdList AS TABLE (id int NOT NULL PRIMARY KEY, name nvarchar(50) NULL DEFAULT N'none', n int IDENTITY(1, 1), CHECK (id > 0))
GO
CREATE TYPE dbo.Phone FROM int
-- error: 219 The type 'Phone' already exists, or you do not have permission to create it.
GO
CREATE TABLE dbo.person (id int NOT NULL PRIMARY KEY, phone dbo.Phone, alt Phone NULL, code Code)
INSERT dbo.person (id, phone, code) VALUES (1, '555-0100', N'abc')
SELECT id, phone, alt, code FROM dbo.person
-- expect: id | phone | alt | code
-- 1 | 555-0100 | NULL | abc
GO
INSERT dbo.person (id, code) VALUES (2, N'x')
-- error: 515
-- message: The statement has been terminated.
GO
SELECT name, system_type_id, user_type_id, max_length, is_nullable, is_user_defined, is_table_type FROM sys.types WHERE is_user_defined = 1 ORDER BY user_type_id
-- expect: name | system_type_id | user_type_id | max_length | is_nullable | is_user_defined | is_table_type
-- Phone | 167 | 257 | 20 | 0 | 1 | 0
-- Code | 239 | 258 | 6 | 1 | 1 | 0
-- IdList | 243 | 259 | -1 | 0 | 1 | 1
GO
SELECT name, is_table_type, CASE WHEN type_table_object_id > 0 THEN 'yes' ELSE 'no' END AS has_object FROM sys.table_types
-- expect: name | is_table_type | has_object
-- IdList | 1 | yes
GO
SELECT TYPE_ID('dbo.Phone') AS phone, TYPE_ID('IdList') AS idlist, TYPE_NAME(258) AS n258, TYPE_ID('dbo.Nope') AS nope, TYPE_NAME(TYPE_ID('int')) AS i
-- expect: phone | idlist | n258 | nope | i
-- 257 | 259 | Code | NULL | int
GO
SELECT c.name, TYPE_NAME(c.user_type_id) AS type, c.is_nullable FROM sys.columns c WHERE c.object_id = OBJECT_ID('dbo.person') ORDER BY c.column_id
-- expect: name | type | is_nullable
-- id | int | 0
-- phone | Phone | 0
-- alt | Phone | 1
-- code | Code | 1
GO
DECLARE @p dbo.Phone = '123456789012345678901234'
SELECT @p AS p, LEN(@p) AS len
-- expect: p | len
-- 12345678901234567890 | 20
GO
SELECT CAST(12345 AS dbo.Phone) AS a, CONVERT(Code, 'abcdef') AS b, TRY_CAST('x' AS Phone) AS c
-- expect: a | b | c
-- 12345 | abc | x
GO
SELECT CAST(1 AS dbo.IdList)
-- error: 243
GO
DECLARE @t dbo.IdList
INSERT @t (id, name) VALUES (3, N'c'), (1, DEFAULT)
SELECT id, name, n FROM @t ORDER BY id
-- expect: id | name | n
-- 1 | none | 2
-- 3 | c | 1
GO
DECLARE @t dbo.IdList
INSERT @t (id) VALUES (0)
-- error: 547
-- message: The statement has been terminated.
GO
CREATE PROCEDURE dbo.count_ids @ids dbo.IdList READONLY, @min int = 0
AS
SELECT COUNT(*) AS n, SUM(id) AS total FROM @ids WHERE id >= @min
GO
DECLARE @t dbo.IdList
INSERT @t (id) VALUES (1), (2), (5)
EXEC dbo.count_ids @ids = @t
EXEC dbo.count_ids @t, 2
EXEC dbo.count_ids
-- expect: n | total
-- 3 | 8
-- expect: n | total
-- 2 | 7
-- expect: n | total
-- 0 | NULL
GO
-- Inside an explicit transaction the parameter's rows are the call's own:
-- a rollback afterwards does not take them from the caller's variable.
BEGIN TRANSACTION
DECLARE @t dbo.IdList
INSERT @t (id) VALUES (7), (8)
EXEC dbo.count_ids @t
ROLLBACK
SELECT COUNT(*) AS kept FROM @t
-- expect: n | total
-- 2 | 15
-- expect: kept
-- 2
GO
CREATE PROCEDURE dbo.bad @ids dbo.IdList AS SELECT 1
-- error: 352 The table-valued parameter "@ids" must be declared with the READONLY option.
GO
CREATE PROCEDURE dbo.change @ids dbo.IdList READONLY AS DELETE FROM @ids
GO
DECLARE @t dbo.IdList
INSERT @t (id) VALUES (1)
EXEC dbo.change @t
-- error: 10700 The table-valued parameter "@ids" is READONLY and cannot be modified.
GO
EXEC dbo.count_ids @ids = 5
-- error: 206 Operand type clash: int is incompatible with IdList
GO
DECLARE @t dbo.IdList
INSERT @t (id) VALUES (4), (6)
EXEC sp_executesql N'SELECT MAX(id) AS m FROM @x', N'@x dbo.IdList READONLY', @x = @t
-- expect: m
-- 6
GO
DROP TYPE dbo.Phone
-- error: 3732 Cannot drop type 'dbo.Phone' because it is being referenced by object 'person'. There may be other objects that reference this type.
GO
DROP TYPE dbo.IdList
-- error: 3732 Cannot drop type 'dbo.IdList' because it is being referenced by object 'count_ids'. There may be other objects that reference this type.
GO
DROP TYPE dbo.Nope
-- error: 218 Could not find the type 'dbo.Nope'. Either it does not exist or you do not have the necessary permission.
GO
DROP TYPE IF EXISTS dbo.Nope
DROP PROCEDURE dbo.count_ids
DROP PROCEDURE dbo.change
DROP TYPE dbo.IdList
DROP TABLE dbo.person
DROP TYPE dbo.Phone
DROP TYPE Code
GO
DECLARE @t dbo.IdList
-- error: 2715
GO
